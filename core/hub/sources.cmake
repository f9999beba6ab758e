target_sources(peftdesk_core PRIVATE
  hub/model_cache.cpp)
