# tests/data: dataset readers, dataset_info.json, chat templates, encoding.
peftdesk_add_test(NAME test_dataset SOURCES data/test_dataset.cpp LABELS "fast")
peftdesk_add_test(NAME test_chat_template SOURCES data/test_chat_template.cpp LABELS "fast;interop")
