target_sources(peftdesk_core PRIVATE
  model/config.cpp
  model/architectures.cpp
  model/inspect.cpp
  model/model_summary.cpp
  model/generation_config.cpp)
list(APPEND PEFTDESK_TORCH_SOURCES
  model/tensor_bridge.cpp
  model/decoder_common.cpp
  model/rope.cpp
  model/llama.cpp
  model/gpt2.cpp
  model/generation.cpp
  model/model.cpp
  model/layer_checkpoint.cpp
  model/chunked_head_loss.cpp
  model/device_errors.cpp)
