peftdesk_add_test(NAME test_model_cache SOURCES hub/test_model_cache.cpp LABELS "fast;interop" FIXTURES tiny_models)
