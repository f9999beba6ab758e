peftdesk_add_reference_fixture(NAME tiny_models SCRIPT reference/make_tiny_models.py)
peftdesk_add_test(NAME test_model_parity SOURCES model/test_model_parity.cpp LABELS "interop;slow" FIXTURES tiny_models)
peftdesk_add_test(NAME test_model_config SOURCES model/test_model_config.cpp LABELS fast)
