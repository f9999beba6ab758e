# core/compare: what is inside adapters (ΔW statistics, similarity), combining LoRA adapters and
# evaluating several adapters on one resident base. LibTorch translation units.
list(APPEND PEFTDESK_TORCH_SOURCES
  compare/adapter_math.cpp)
target_sources(peftdesk_core PRIVATE
  compare/adapter_eval.cpp)
target_sources(peftdesk_core PRIVATE
  compare/comparison.cpp)
target_sources(peftdesk_core PRIVATE
  compare/adapter_generate.cpp)
