# GGUF export against llama.cpp's own converter (its reference env, .venv/gguf-ref): tiny model
# folders of twelve families (and LoRA adapters, a merged fine-tune) converted by convert_hf_to_gguf.py / convert_lora_to_gguf.py.
peftdesk_add_reference_fixture(NAME gguf_fixtures SCRIPT reference/make_gguf_fixtures.py)
peftdesk_add_test(NAME test_gguf_export SOURCES export/test_gguf_export.cpp LABELS "interop" FIXTURES gguf_fixtures)
target_include_directories(test_gguf_export PRIVATE ${PROJECT_SOURCE_DIR}/core)  # export/gguf (torch-free)
# llama.cpp itself (built from the same sdist by scripts/setup.sh) runs the exported files.
peftdesk_add_test(NAME test_gguf_llamacpp SOURCES export/test_gguf_llamacpp.cpp LABELS "interop;slow" FIXTURES gguf_fixtures)
