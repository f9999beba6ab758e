# tests/data: dataset readers, dataset_info.json, chat templates, encoding.
