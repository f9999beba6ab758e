// SentencePiece tokenizer.model with transformers' LlamaTokenizer conventions (see the .cpp).
#pragma once

#include <filesystem>
#include <memory>

#include "peftdesk/tokenizer.h"
#include "tokenizer/special_tokens.h"

namespace peftdesk::tok {

class SentencePieceTokenizer : public Tokenizer {
 public:
  SentencePieceTokenizer(const std::filesystem::path& modelFile, const TokenizerFileConfig& cfg);
  ~SentencePieceTokenizer() override;

  std::vector<int32_t> encode(std::string_view text, bool addSpecialTokens) const override;
  std::string decode(const std::vector<int32_t>& ids, bool skipSpecialTokens) const override;
  int32_t vocabSize() const override;
  std::string idToToken(int32_t id) const override;
  std::optional<int32_t> tokenToId(std::string_view token) const override;
  bool isSpecial(int32_t id) const override;

 private:
  std::vector<std::string> tokenizeChunk(const std::string& text) const;
  std::string piecesToString(std::vector<std::string> tokens) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace peftdesk::tok
