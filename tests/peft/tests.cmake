peftdesk_add_reference_fixture(NAME peft_fixtures SCRIPT reference/make_peft_fixtures.py REQUIRES tiny_models)
peftdesk_add_test(NAME test_peft_parity SOURCES peft/test_peft_parity.cpp LABELS "interop;slow" FIXTURES "tiny_models;peft_fixtures")
peftdesk_add_test(NAME test_adapter_config SOURCES peft/test_adapter_config.cpp LABELS fast)
peftdesk_add_test(NAME test_export SOURCES peft/test_export.cpp LABELS "interop;slow" FIXTURES "tiny_models;peft_fixtures")
