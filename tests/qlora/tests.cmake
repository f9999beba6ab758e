peftdesk_add_reference_fixture(NAME bnb_models SCRIPT reference/make_bnb_models.py REQUIRES tiny_models)
peftdesk_add_test(NAME test_qlora_bnb SOURCES qlora/test_qlora_bnb.cpp LABELS "interop;slow" FIXTURES "tiny_models;bnb_models")
peftdesk_add_test(NAME test_linear4bit SOURCES qlora/test_linear4bit.cpp LABELS "fast" LIBS peftdesk::torch)
target_include_directories(test_linear4bit PRIVATE ${PROJECT_SOURCE_DIR}/core)  # the internal 4-bit layer
