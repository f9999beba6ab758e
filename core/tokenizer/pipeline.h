// The stages of a Hugging Face tokenizer pipeline, as interfaces: normalizer -> pre-tokenizer ->
// model -> post-processor, and the decoder for the way back. Each stage type of tokenizer.json
// ("NFC", "Split", "ByteLevel", ...) is one row of a registry in its .cpp file, so adding a type
// is adding a row, and an unknown type is a clear Unsupported error naming the file and field.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tokenizer/json_fields.h"

namespace peftdesk::tok {

class Normalizer {
 public:
  virtual ~Normalizer() = default;
  virtual std::string normalize(std::string text) const = 0;
};

class PreTokenizer {
 public:
  virtual ~PreTokenizer() = default;
  // Splits/transforms every piece in place. `atInputStart`: the first piece begins the whole
  // input (not just a stretch between added tokens); Metaspace's prepend_scheme "first" needs it.
  virtual void split(std::vector<std::string>& pieces, bool atInputStart) const = 0;
};

class Decoder {
 public:
  virtual ~Decoder() = default;
  virtual void decode(std::vector<std::string>& tokens) const = 0;
};

class PostProcessor {
 public:
  virtual ~PostProcessor() = default;
  // Adds the special tokens of a single sequence (add_special_tokens=True).
  virtual void process(std::vector<int32_t>& ids) const = 0;
};

// Factories: `j` null -> nullptr. Unknown "type" -> Error(Unsupported) naming ctx.file/ctx.path.
std::unique_ptr<Normalizer> makeNormalizer(const json& j, const JsonCtx& ctx);
std::unique_ptr<PreTokenizer> makePreTokenizer(const json& j, const JsonCtx& ctx);
std::unique_ptr<Decoder> makeDecoder(const json& j, const JsonCtx& ctx);
std::unique_ptr<PostProcessor> makePostProcessor(const json& j, const JsonCtx& ctx);

// Programmatic constructors used for GPT-2 "slow" files and the Llama-class BOS/EOS override.
std::unique_ptr<PreTokenizer> makeByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex);
std::unique_ptr<PreTokenizer> makeRegexThenByteLevel(const std::string& pattern);
std::unique_ptr<Decoder> makeByteLevelDecoder();
std::unique_ptr<Normalizer> makeNfcNormalizer();
std::unique_ptr<PostProcessor> makeBosEosProcessor(std::vector<int32_t> prefix, std::vector<int32_t> suffix);

// The GPT-2 pre-tokenization regex (also what ByteLevel with use_regex=true applies).
extern const char* const kGpt2Pattern;
// Qwen2's regex (Qwen2Tokenizer): single digits, CJK-friendly letter runs.
extern const char* const kQwen2Pattern;

// Reads the {"String": s} / {"Regex": r} pattern objects used by Split and Replace.
struct PatternSpec {
  std::string text;
  bool literal = true;
};
PatternSpec readPattern(const json& j, const JsonCtx& ctx);

// Shared registry lookup: finds `type` in a table, or throws Unsupported listing the known ones.
template <typename Row, size_t N>
const Row& findRow(const Row (&rows)[N], const std::string& type, const JsonCtx& ctx, const char* what) {
  for (const Row& r : rows)
    if (type == r.type) return r;
  std::string known;
  for (const Row& r : rows) known += std::string(known.empty() ? "" : ", ") + r.type;
  ctx.child("type").fail(std::string("unsupported ") + what + " type '" + type + "' (supported: " + known + ")",
                         ErrorCategory::Unsupported);
}

}  // namespace peftdesk::tok
