// The files around a tokenizer that decide its special tokens and conventions:
// tokenizer_config.json (bos/eos/unk/pad, add_bos_token, legacy, added_tokens_decoder,
// chat_template, tokenizer_class), special_tokens_map.json, added_tokens.json,
// chat_template.jinja, and the eos ids of generation_config.json / config.json.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "peftdesk/tokenizer.h"
#include "tokenizer/added_vocabulary.h"

namespace peftdesk::tok {

struct TokenizerFileConfig {
  std::string tokenizerClass;  // without a trailing "Fast"
  // Special token strings. nullopt: not given anywhere; "" never used.
  std::optional<std::string> bos, eos, unk, pad;
  bool bosExplicitNull = false;  // "bos_token": null (Qwen): no BOS even if the class has a default
  std::vector<std::string> additionalSpecial;
  // nullopt: key absent (class default). An explicit JSON null reads as false (Python's None is
  // falsy and overrides the class default), except legacy, where LlamaTokenizer maps None to true.
  std::optional<bool> addBosToken, addEosToken, legacy, addPrefixSpace, cleanUpTokenizationSpaces;
  std::vector<AddedToken> addedTokens;  // added_tokens_decoder + added_tokens.json
  std::string chatTemplate;
  std::vector<int32_t> extraEos;  // generation_config.json, else config.json
  std::optional<int32_t> configBosId, configPadId;
};

// Reads whatever of those files exist in `dir` (none is required). Malformed ones throw.
TokenizerFileConfig readTokenizerConfig(const std::filesystem::path& dir);

// Classes whose fast tokenizer rebuilds the post-processor from add_bos_token / add_eos_token
// (transformers' update_post_processor), with the class defaults.
struct BosEosClassDefaults {
  bool addBos;
  bool addEos;
};
std::optional<BosEosClassDefaults> bosEosOverrideFor(const std::string& tokenizerClass);

using TokenLookup = std::function<std::optional<int32_t>(const std::string&)>;
// bos/eos/pad/unk ids from the config strings (+ generation_config eos list). `modelUnk` is the
// model's own unk id, used when the config names none.
SpecialTokenIds resolveSpecialIds(const TokenizerFileConfig& cfg, const TokenLookup& lookup,
                                  std::optional<int32_t> modelUnk);

// transformers' clean_up_tokenization(): " ." -> "." and friends.
std::string cleanUpTokenizationSpaces(std::string text);

}  // namespace peftdesk::tok
