list(APPEND PEFTDESK_TORCH_SOURCES
  export/merge.cpp
  export/model_export.cpp
  export/quantized_export.cpp)
target_sources(peftdesk_core PRIVATE
  export/model_card.cpp)
