peftdesk_add_test(NAME test_compare SOURCES compare/test_compare.cpp LABELS "interop;slow" LIBS peftdesk::torch TIMEOUT 900)
peftdesk_add_test(NAME test_chat SOURCES compare/test_chat.cpp LABELS "slow" TIMEOUT 600)
