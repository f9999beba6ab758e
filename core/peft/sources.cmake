target_sources(peftdesk_core PRIVATE
  peft/adapter_config.cpp
  peft/peft_folder.cpp
  peft/targeting.cpp
  peft/parameter_report.cpp)
list(APPEND PEFTDESK_TORCH_SOURCES
  peft/module_adapter.cpp
  peft/prompt_learning.cpp
  peft/adapter_set.cpp
  peft/fused_experts.cpp)
