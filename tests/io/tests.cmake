peftdesk_add_test(NAME test_safetensors SOURCES io/test_safetensors.cpp LABELS "fast;interop")
peftdesk_add_test(NAME test_cli_bad_input SOURCES io/test_cli_bad_input.cpp LABELS "fast" FIXTURES tiny_models)
peftdesk_add_test(NAME test_allocator_tuning SOURCES io/test_allocator_tuning.cpp LABELS "fast")
