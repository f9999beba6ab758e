# tests/data: dataset readers, dataset_info.json, chat templates, encoding.
peftdesk_add_test(NAME test_dataset SOURCES data/test_dataset.cpp LABELS "fast")
peftdesk_add_test(NAME test_chat_template SOURCES data/test_chat_template.cpp LABELS "fast;interop")
# Our templates against LLaMA-Factory 0.9.5's namesakes, token for token (its reference env):
# what export-job may write as `template:`.
peftdesk_add_reference_fixture(NAME llamafactory_templates SCRIPT reference/make_llamafactory_template_ids.py)
peftdesk_add_test(NAME test_llamafactory_templates SOURCES data/test_llamafactory_templates.cpp LABELS "fast;interop" FIXTURES llamafactory_templates)
target_include_directories(test_llamafactory_templates PRIVATE ${PROJECT_SOURCE_DIR}/core)  # the export's template table
