# Tokenizer parity tests: reference ids from tests/reference/make_tokenizer_vectors.py (HF
# tokenizers / transformers / sentencepiece) plus third-party vectors from ../shared/testdata.
peftdesk_add_reference_fixture(NAME tokenizer_vectors SCRIPT reference/make_tokenizer_vectors.py)
peftdesk_add_test(NAME test_tokenizer SOURCES tokenizer/test_tokenizer.cpp LABELS "fast;interop" FIXTURES tokenizer_vectors)
