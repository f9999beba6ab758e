// The Hugging Face "fast" tokenizer pipeline assembled from its parts: added-token split ->
// normalizer -> pre-tokenizer -> BPE -> post-processor, and the decoder for the way back. Built
// either from tokenizer.json (hf_tokenizer_json.cpp) or from GPT-2 style vocab.json + merges.txt
// (gpt2_vocab_files.cpp), then completed with the config files (finishHfTokenizer).
#pragma once

#include <filesystem>
#include <memory>
#include <unordered_map>

#include "peftdesk/tokenizer.h"
#include "tokenizer/added_vocabulary.h"
#include "tokenizer/bpe_model.h"
#include "tokenizer/pipeline.h"
#include "tokenizer/special_tokens.h"

namespace peftdesk::tok {

struct HfParts {
  std::unique_ptr<Normalizer> normalizer;
  std::unique_ptr<PreTokenizer> preTokenizer;
  std::unique_ptr<BpeModel> model;
  std::unique_ptr<PostProcessor> postProcessor;
  std::unique_ptr<Decoder> decoder;
  std::vector<AddedToken> addedTokens;
  bool cleanUpSpaces = false;
  std::string flavor = "BPE";  // "byte-level BPE", "SentencePiece-style BPE", ...
};

class HfTokenizer : public Tokenizer {
 public:
  HfTokenizer(HfParts parts, std::string kind);

  std::vector<int32_t> encode(std::string_view text, bool addSpecialTokens) const override;
  std::string decode(const std::vector<int32_t>& ids, bool skipSpecialTokens) const override;
  int32_t vocabSize() const override;
  std::string idToToken(int32_t id) const override;
  std::optional<int32_t> tokenToId(std::string_view token) const override;
  bool isSpecial(int32_t id) const override;

  // Applies tokenizer_config.json & co: extra added tokens, Llama-class BOS/EOS override,
  // clean-up flag, special ids and chat template.
  void applyConfig(const TokenizerFileConfig& cfg);
  HfParts& parts() { return parts_; }
  const HfParts& parts() const { return parts_; }

 private:
  void rebuildAddedIndex();
  void encodeText(std::string_view text, bool atInputStart, std::vector<int32_t>& out) const;

  HfParts parts_;
  TokenTrie rawTrie_;         // added tokens with normalized=false, matched on the raw input
  TokenTrie normalizedTrie_;  // normalized=true ones, matched after normalization
  std::vector<AddedToken> normalizedForms_;  // same order as parts_.addedTokens, content normalized
  std::unordered_map<int32_t, size_t> addedById_;
  std::unordered_map<std::string, size_t> addedByContent_;
};

// Parsers. `sourceName` names the file in error messages.
HfParts parseTokenizerJson(std::string_view text, const std::string& sourceName);
HfParts loadGpt2VocabFiles(const std::filesystem::path& vocabJson, const std::filesystem::path& mergesTxt,
                           const TokenizerFileConfig& cfg);

}  // namespace peftdesk::tok
