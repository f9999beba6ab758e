peftdesk_add_test(NAME test_model_cache SOURCES hub/test_model_cache.cpp LABELS "fast;interop" FIXTURES tiny_models)
peftdesk_add_test(NAME test_hub_download SOURCES hub/test_hub_download.cpp hub/hub_stand_in.cpp LABELS "fast;interop" FIXTURES tiny_models)
