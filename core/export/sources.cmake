# core/export: adapters and merged models (safetensors, bitsandbytes 4-bit) and, torch-free, the
# model card and GGUF (llama.cpp's format): the file writer, tensor encodings and the model exporter.
list(APPEND PEFTDESK_TORCH_SOURCES
  export/merge.cpp
  export/model_export.cpp
  export/quantized_export.cpp
  export/gguf_merged_export.cpp)
target_sources(peftdesk_core PRIVATE
  export/model_card.cpp
  export/gguf/gguf_file.cpp
  export/gguf/gguf_encode.cpp
  export/gguf/gguf_source.cpp
  export/gguf/gguf_families.cpp
  export/gguf/gguf_tensors.cpp
  export/gguf/gguf_special_vocab.cpp
  export/gguf/gguf_vocab.cpp
  export/gguf/gguf_metadata.cpp
  export/gguf/gguf_export.cpp
  export/gguf/gguf_lora_export.cpp
  export/gguf/ollama_modelfile.cpp)
# Bit-exactness with gguf-py / ggml: never fuse a*b+c.
set_source_files_properties(export/gguf/gguf_encode.cpp PROPERTIES COMPILE_OPTIONS "-ffp-contract=off")
