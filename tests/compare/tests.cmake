peftdesk_add_test(NAME test_compare SOURCES compare/test_compare.cpp LABELS "interop;slow" LIBS peftdesk::torch TIMEOUT 900)
