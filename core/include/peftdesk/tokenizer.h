// Text <-> token ids with exact id parity to Hugging Face `tokenizers` / `transformers` and
// SentencePiece. Three on-disk forms are understood: tokenizer.json (BPE, byte-level or
// SentencePiece-style), SentencePiece tokenizer.model, and GPT-2 "slow" vocab.json + merges.txt.
// The special-token conventions (BOS/EOS/PAD, add_bos_token, chat template) come from the
// tokenizer_config.json / special_tokens_map.json / generation_config.json / config.json next to them.
// No Qt and no LibTorch here: the CLI, the data pipeline and the GUI all share this one API.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peftdesk {

struct SpecialTokenIds {
  int32_t bos = -1;
  std::vector<int32_t> eos;  // tokenizer's eos first, then generation_config / config.json extras
  int32_t pad = -1;
  int32_t unk = -1;
  bool addBos = false;  // what encode(text, /*addSpecialTokens=*/true) adds
  bool addEos = false;
};

class Tokenizer {
 public:
  // Accepts a model folder, a tokenizer.json, a tokenizer.model or a vocab.json (with merges.txt
  // beside it). Config files are read from the folder that holds the tokenizer file.
  static std::unique_ptr<Tokenizer> load(const std::filesystem::path& modelDirOrFile);
  // tokenizer.json given as text, no config files (used by the fuzz target and tests).
  static std::unique_ptr<Tokenizer> fromTokenizerJsonText(std::string_view json, const std::string& sourceName);

  virtual ~Tokenizer();
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  virtual std::vector<int32_t> encode(std::string_view text, bool addSpecialTokens) const = 0;
  virtual std::string decode(const std::vector<int32_t>& ids, bool skipSpecialTokens) const = 0;
  virtual int32_t vocabSize() const = 0;  // including added tokens
  virtual std::string idToToken(int32_t id) const = 0;  // empty when out of range
  virtual std::optional<int32_t> tokenToId(std::string_view token) const = 0;
  virtual bool isSpecial(int32_t id) const = 0;

  const SpecialTokenIds& special() const { return special_; }
  const std::string& chatTemplate() const { return chatTemplate_; }  // empty when none
  const std::string& kind() const { return kind_; }

 protected:
  Tokenizer() = default;
  SpecialTokenIds special_;
  std::string chatTemplate_;
  std::string kind_;

};

// Streaming detokenization for generation: push ids one at a time and get back only the newly
// completed text. Never emits half a UTF-8 sequence, and handles SentencePiece's leading-space
// and special-token spacing rules by decoding the ids so far and diffing against what was
// already emitted.
class TokenStreamDecoder {
 public:
  explicit TokenStreamDecoder(const Tokenizer& tokenizer, bool skipSpecialTokens = true);
  std::string push(int32_t id);
  std::string flush();  // whatever is still held back (e.g. an incomplete byte sequence)
  void reset();

 private:
  const Tokenizer& tokenizer_;
  bool skipSpecialTokens_;
  std::vector<int32_t> ids_;
  std::string emitted_;  // text returned so far
};

}  // namespace peftdesk
