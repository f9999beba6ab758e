# LibTorch side of 4-bit quantization (the torch-free codec is in sources.cmake).
list(APPEND PEFTDESK_TORCH_SOURCES quant/linear4bit.cpp quant/quant4bit_ops.cpp)
