peftdesk_add_test(NAME test_safetensors SOURCES io/test_safetensors.cpp LABELS "fast;interop")
peftdesk_add_test(NAME test_cli_bad_input SOURCES io/test_cli_bad_input.cpp LABELS "fast" FIXTURES tiny_models)
peftdesk_add_test(NAME test_allocator_tuning SOURCES io/test_allocator_tuning.cpp LABELS "fast")
peftdesk_add_test(NAME test_thread_sharing SOURCES io/test_thread_sharing.cpp LABELS "fast")
peftdesk_add_test(NAME test_error_message SOURCES io/test_error_message.cpp LABELS "fast" LIBS peftdesk::torch)
# Every field of every JSON file read, removed / null / another type: accepted or refused by name.
peftdesk_add_test(NAME test_json_fields SOURCES io/test_json_fields.cpp LABELS "slow;fuzz" FIXTURES "tiny_models;peft_fixtures" TIMEOUT 900)
target_include_directories(test_json_fields PRIVATE ${PROJECT_SOURCE_DIR}/core)  # train/checkpoint_store.h (torch-free)
# The GGUF writer and encodings against the PyPI gguf package (its reference env, .venv/gguf-ref).
peftdesk_add_test(NAME test_gguf_file SOURCES io/test_gguf_file.cpp LABELS "fast;interop")
target_include_directories(test_gguf_file PRIVATE ${PROJECT_SOURCE_DIR}/core)  # export/gguf (torch-free)
