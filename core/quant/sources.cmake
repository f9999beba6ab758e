# Torch-free 4-bit quantization (bitsandbytes-compatible CPU reference). The per-element codec is
# header-only in codec/include/peftdesk_codec/quant4bit_codec.h, shared with the CUDA kernels.
# It lives in peftdesk_core_base (core/CMakeLists.txt) so that programs without LibTorch (the GPU
# tests and kernel benchmark, which must run on machines that only have a CUDA driver) link it.
target_sources(peftdesk_core_base PRIVATE quant/quant4bit_cpu.cpp quant/dynamic_map.cpp quant/dequant4bit_fast.cpp)
target_link_libraries(peftdesk_core_base PUBLIC peftdesk_codec)
# Bit-exactness: never fuse a*b+c into an FMA in the reference.
set_source_files_properties(quant/quant4bit_cpu.cpp PROPERTIES COMPILE_OPTIONS "-ffp-contract=off")
# GCC 12 flags its own AVX-512 intrinsics (_mm512_undefined) as maybe-uninitialized.
set_source_files_properties(quant/dequant4bit_fast.cpp PROPERTIES COMPILE_OPTIONS "-ffp-contract=off;-Wno-maybe-uninitialized")
