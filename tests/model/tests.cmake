peftdesk_add_reference_fixture(NAME tiny_models SCRIPT reference/make_tiny_models.py)
peftdesk_add_test(NAME test_model_parity SOURCES model/test_model_parity.cpp LABELS "interop;slow" FIXTURES tiny_models)
peftdesk_add_test(NAME test_model_config SOURCES model/test_model_config.cpp LABELS fast)
# Every architecture and method on LibTorch's meta device: no tensor is made off the model's device.
peftdesk_add_test(NAME test_device_placement SOURCES model/test_device_placement.cpp LABELS "fast" FIXTURES tiny_models LIBS peftdesk::torch)
target_include_directories(test_device_placement PRIVATE ${PROJECT_SOURCE_DIR}/core)
# The chunked output head + cross-entropy against the unfused path.
peftdesk_add_test(NAME test_chunked_head_loss SOURCES model/test_chunked_head_loss.cpp LABELS "fast" LIBS peftdesk::torch)
target_include_directories(test_chunked_head_loss PRIVATE ${PROJECT_SOURCE_DIR}/core)
# transformers 4.x / PEFT 0.17 folders (committed, tests/data/transformers4) against today's fixtures.
peftdesk_add_test(NAME test_transformers4_layout SOURCES model/test_transformers4_layout.cpp LABELS "interop" FIXTURES tiny_models)
# Sampling's logits processing against the processors transformers' generate builds (live).
peftdesk_add_test(NAME test_sampling SOURCES model/test_sampling.cpp LABELS "fast;interop" FIXTURES tiny_models LIBS peftdesk::torch)
target_include_directories(test_sampling PRIVATE ${PROJECT_SOURCE_DIR}/core)
