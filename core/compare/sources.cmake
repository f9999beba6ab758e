# core/compare: what is inside adapters (ΔW statistics, similarity), combining LoRA adapters,
# evaluating, generating with and chatting with several adapters on one resident base.
# adapter_math is the LibTorch translation unit; the rest use the public API.
list(APPEND PEFTDESK_TORCH_SOURCES
  compare/adapter_math.cpp)
target_sources(peftdesk_core PRIVATE
  compare/adapter_eval.cpp)
target_sources(peftdesk_core PRIVATE
  compare/comparison.cpp)
target_sources(peftdesk_core PRIVATE
  compare/adapter_generate.cpp)
target_sources(peftdesk_core PRIVATE
  compare/chat_engine.cpp)
