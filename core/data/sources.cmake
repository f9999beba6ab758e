# core/data: dataset files → examples → token ids + labels. No LibTorch here (plain sources of
# peftdesk_core, outside the precompiled-header group).
target_sources(peftdesk_core PRIVATE
  data/record_reader.cpp
  data/dataset_load.cpp
  data/dataset_info.cpp)
target_sources(peftdesk_core PRIVATE
  data/chat_templates.cpp
  data/template_rules.cpp
  data/example_encoder.cpp
  data/data_preview.cpp)
