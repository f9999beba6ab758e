# core/tokenizer: tokenizer.json / tokenizer.model / vocab.json+merges.txt. No LibTorch here.
target_sources(peftdesk_core PRIVATE
  tokenizer/unicode_utils.cpp
  tokenizer/json_fields.cpp
  tokenizer/normalizers.cpp
  tokenizer/pre_tokenizers.cpp
  tokenizer/decoders.cpp
  tokenizer/post_processors.cpp
  tokenizer/bpe_model.cpp
  tokenizer/added_vocabulary.cpp
  tokenizer/special_tokens.cpp
  tokenizer/hf_tokenizer.cpp
  tokenizer/hf_tokenizer_json.cpp
  tokenizer/gpt2_vocab_files.cpp
  tokenizer/sentencepiece_tokenizer.cpp
  tokenizer/tokenizer_load.cpp
  tokenizer/stream_decoder.cpp)
