target_sources(peftdesk_core PRIVATE
  peft/adapter_config.cpp
  peft/method_registry.cpp
  peft/methods/rank_keys.cpp
  peft/methods/lora_start_keys.cpp
  peft/methods/prompt_learning_methods.cpp
  peft/peft_folder.cpp
  peft/adapterhub_folder.cpp
  peft/methods/bottleneck_keys.cpp
  peft/targeting.cpp
  peft/parameter_report.cpp)
list(APPEND PEFTDESK_TORCH_SOURCES
  peft/module_adapter.cpp
  peft/methods/lora.cpp
  peft/methods/lora_start.cpp
  peft/methods/ia3.cpp
  peft/methods/lycoris.cpp
  peft/methods/loha.cpp
  peft/methods/lokr.cpp
  peft/methods/adalora.cpp
  peft/methods/adalora_training.cpp
  peft/methods/bottleneck.cpp
  peft/prompt_learning.cpp
  peft/adapter_set.cpp
  peft/fused_experts.cpp)
