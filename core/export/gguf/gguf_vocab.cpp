// See gguf_vocab.h. Follows llama.cpp 0c1e57098's converter: conversion/base.py
// _create_vocab_sentencepiece, get_vocab_base, get_vocab_base_pre, does_token_look_special;
// conversion/phi.py Phi3MiniModel.set_vocab; conversion/llama.py LlamaModel.set_vocab.
#include "io/text_match.h"
#include "export/gguf/gguf_vocab.h"

#include <openssl/evp.h>
#include <sentencepiece_processor.h>

#include <memory>

#include "io/hex.h"
#include "peftdesk/error.h"
#include "peftdesk/tokenizer.h"
#include "tokenizer/hf_tokenizer.h"

namespace peftdesk::gguf {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

// gguf-py TokenType.
enum TokenType : int32_t { kNormal = 1, kUnknown = 2, kControl = 3, kUserDefined = 4, kUnused = 5, kByte = 6 };

const char* const kUnderline = "\xE2\x96\x81";  // ▁


// base.py does_token_look_special.
bool looksSpecial(const std::string& t) {
  if (t == "<pad>" || t == "<mask>" || t == "<2mass>" || t == "[@BOS@]") return true;
  if (startsWith(t, "<|") && endsWith(t, "|>")) return true;
  if (startsWith(t, "<\xEF\xBD\x9C") && endsWith(t, "\xEF\xBD\x9C>")) return true;  // <｜ … ｜>
  return startsWith(t, "<unused") && endsWith(t, ">");
}

std::string replaceUnderline(std::string s) {
  for (size_t at = s.find(kUnderline); at != std::string::npos; at = s.find(kUnderline, at + 1)) s.replace(at, 3, " ");
  return s;
}

std::string sha256Hex(const std::string& bytes) {
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!ctx || !EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) || !EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) ||
      !EVP_DigestFinal_ex(ctx.get(), digest, &length))
    throw Error(ErrorCategory::Runtime, "sha256 failed (OpenSSL)");
  return toHex(digest, length);
}

struct TokenLists {
  std::vector<std::string> tokens;
  std::vector<float> scores;
  std::vector<int32_t> types;
};

[[noreturn]] void refuseFile(const fs::path& file, const std::string& why, const std::string& field = {}) {
  ErrorContext where{file.string()};
  where.field = field;
  throw Error(ErrorCategory::Unsupported, "GGUF export: " + why, where);
}

// config.json's vocab_size, or `fallback` when absent (hparams.get("vocab_size", fallback)).
int64_t configVocabSize(const ModelSource& s, int64_t fallback) {
  const auto* v = s.field("vocab_size");
  return v && v->is_number_integer() ? v->get<int64_t>() : fallback;
}

// SentencePiece tokens. `phi3`: Phi-3's loop (no range guard, which the converter would crash on,
// so out-of-range ids are refused; added tokens typed by `special` alone; tokenizer.json's
// added_tokens applied too).
TokenLists sentencePieceTokens(const ModelSource& s, bool phi3) {
  const fs::path model = s.dir / "tokenizer.model";
  sentencepiece::SentencePieceProcessor sp;
  if (const auto status = sp.Load(model.string()); !status.ok())
    throw Error(ErrorCategory::Format, "cannot load the SentencePiece model: " + std::string(status.message()), {model.string()});
  const int64_t pieces = sp.GetPieceSize();
  int64_t vocab = configVocabSize(s, pieces);
  if (vocab == 0) vocab = pieces;  // `find_hparam(...) or tokenizer.vocab_size()`
  if (phi3 && pieces > vocab)
    refuseFile(model, "the tokenizer has " + std::to_string(pieces) + " pieces, more than config.json's vocab_size " + std::to_string(vocab));
  TokenLists t;
  t.tokens.resize(static_cast<size_t>(vocab));
  for (int64_t i = 0; i < vocab; ++i) t.tokens[static_cast<size_t>(i)] = "[PAD" + std::to_string(i) + "]";
  t.scores.assign(static_cast<size_t>(vocab), -10000.0f);
  t.types.assign(static_cast<size_t>(vocab), kUnused);
  for (int64_t id = 0; id < std::min(pieces, vocab); ++id) {
    const int i = static_cast<int>(id);
    int32_t type = kNormal;
    if (sp.IsUnknown(i)) type = kUnknown;
    else if (sp.IsControl(i)) type = kControl;
    else if (sp.IsUnused(i)) type = kUnused;
    else if (sp.IsByte(i)) type = kByte;
    t.tokens[static_cast<size_t>(id)] = sp.IdToPiece(i);
    t.scores[static_cast<size_t>(id)] = sp.GetScore(i);
    t.types[static_cast<size_t>(id)] = type;
  }
  const auto put = [&](int64_t id, const std::string& text, int32_t type) {
    t.tokens[static_cast<size_t>(id)] = text;
    t.scores[static_cast<size_t>(id)] = -1000.0f;
    t.types[static_cast<size_t>(id)] = type;
  };
  if (const auto added = readOrderedJson(s.dir / "added_tokens.json")) {
    if (!added->is_object()) refuseFile(s.dir / "added_tokens.json", "expected an object of token → id");
    for (const auto& [content, idJson] : added->items()) {
      if (!idJson.is_number_integer()) refuseFile(s.dir / "added_tokens.json", "an id is not an integer", content);
      const int64_t id = idJson.get<int64_t>();
      if (id >= vocab || id < 0) continue;
      put(id, content, kUserDefined);
    }
  }
  const fs::path configFile = s.dir / "tokenizer_config.json";
  const auto config = readOrderedJson(configFile);
  const auto addedFrom = [&](const Json& entry, const std::string& idText, const fs::path& file, bool fromList) {
    int64_t id = -1;
    try {
      size_t used = 0;
      id = fromList ? entry.at("id").get<int64_t>() : std::stoll(idText, &used);
      if (!fromList && used != idText.size()) throw std::invalid_argument(idText);  // Python's int() takes the whole key
    } catch (const std::exception&) {
      refuseFile(file, "an added token's id is not an integer", fromList ? "added_tokens" : "added_tokens_decoder." + idText);
    }
    if (!entry.is_object() || !entry.contains("content") || !entry["content"].is_string())
      refuseFile(file, "an added token has no string content", fromList ? "added_tokens" : "added_tokens_decoder." + idText);
    const std::string content = entry["content"].get<std::string>();
    const bool special = entry.contains("special") && entry["special"].is_boolean() && entry["special"].get<bool>();
    if (id < 0 || id >= vocab) {
      if (phi3) refuseFile(file, "added token id " + std::to_string(id) + " is not below vocab_size " + std::to_string(vocab));
      return;
    }
    if (phi3) put(id, content, special ? kControl : kUserDefined);
    else if (special || looksSpecial(content)) put(id, content, kControl);
    else put(id, replaceUnderline(content), kUserDefined);
  };
  if (config && config->is_object() && config->contains("added_tokens_decoder") && (*config)["added_tokens_decoder"].is_object())
    for (const auto& [idText, entry] : (*config)["added_tokens_decoder"].items()) addedFrom(entry, idText, configFile, false);
  if (phi3)
    if (const auto tj = readJson(s.dir / "tokenizer.json"); tj && tj->is_object() && tj->contains("added_tokens") && (*tj)["added_tokens"].is_array())
      for (const auto& entry : Json::parse((*tj)["added_tokens"].dump())) addedFrom(entry, {}, s.dir / "tokenizer.json", true);
  return t;
}

// Byte-level BPE tokens (get_vocab_base) with PeftDesk's tokenizer, which holds the same vocabulary
// and added tokens as transformers' AutoTokenizer.
TokenLists bpeTokens(const ModelSource& s, const Tokenizer& tokenizer, const tok::HfTokenizer& hf) {
  const int64_t known = tokenizer.vocabSize();
  const int64_t vocab = configVocabSize(s, known);
  int64_t maxId = -1;
  for (int64_t id = 0; id < known; ++id)
    if (!tokenizer.idToToken(static_cast<int32_t>(id)).empty()) maxId = id;
  for (const auto& a : hf.parts().addedTokens) maxId = std::max<int64_t>(maxId, a.id);
  if (maxId >= vocab)
    refuseFile(s.dir / "config.json", "the tokenizer has id " + std::to_string(maxId) + ", not below vocab_size " + std::to_string(vocab), "vocab_size");
  std::vector<const tok::AddedToken*> added(static_cast<size_t>(vocab), nullptr);
  for (const auto& a : hf.parts().addedTokens)
    if (a.id >= 0) added[static_cast<size_t>(a.id)] = &a;
  TokenLists t;
  t.tokens.reserve(static_cast<size_t>(vocab));
  for (int64_t id = 0; id < vocab; ++id) {
    std::string text = id < known ? tokenizer.idToToken(static_cast<int32_t>(id)) : std::string();
    const tok::AddedToken* a = added[static_cast<size_t>(id)];
    if (text.empty() && !a) {
      t.tokens.push_back("[PAD" + std::to_string(id) + "]");
      t.types.push_back(kUnused);
      continue;
    }
    if (a) {
      text = a->content;
      if (!a->normalized) text = tokenizer.decode(tokenizer.encode(text, false), false);
      if (a->special || looksSpecial(text)) {
        t.types.push_back(kControl);
      } else {
        text = replaceUnderline(text);
        t.types.push_back(kUserDefined);
      }
    } else {
      t.types.push_back(kNormal);
    }
    t.tokens.push_back(std::move(text));
  }
  return t;
}

struct PreTokenizer {
  const char* hash;
  const char* name;
};
// Every row of the converter's get_vocab_base_pre table, generated from it
// (tests/reference/make_pre_tokenizer_table.py; test_gguf_export checks it is current).
const PreTokenizer kPreTokenizers[] = {
#include "export/gguf/gguf_pre_tokenizers.inc"
};

VocabReport writeSentencePiece(const ModelSource& s, bool phi3, Writer& out) {
  const TokenLists t = sentencePieceTokens(s, phi3);
  out.addString("tokenizer.ggml.model", "llama");
  out.addString("tokenizer.ggml.pre", "default");
  out.addStringArray("tokenizer.ggml.tokens", t.tokens);
  out.addF32Array("tokenizer.ggml.scores", t.scores);
  out.addI32Array("tokenizer.ggml.token_type", t.types);
  VocabReport r{"llama", "default", static_cast<int64_t>(t.tokens.size()), {}};
  r.special = writeSpecialVocab(s.dir, /*loadMerges=*/false, static_cast<int64_t>(t.tokens.size()), out);
  return r;
}

VocabReport writeBpe(const ModelSource& s, Writer& out) {
  const auto tokenizer = Tokenizer::load(s.dir);
  const auto* hf = dynamic_cast<const tok::HfTokenizer*>(tokenizer.get());
  if (!hf) refuseFile(s.dir, "expected a byte-level BPE tokenizer (tokenizer.json or vocab.json + merges.txt), found " + tokenizer->kind());
  const std::string hash = preTokenizerHash(*tokenizer);
  const std::string pre = preTokenizerName(hash);
  if (pre.empty())
    refuseFile(s.dir, "llama.cpp's converter does not know this BPE pre-tokenizer (probe hash " + hash +
                          "), so llama.cpp could not split text as this tokenizer does");
  const TokenLists t = bpeTokens(s, *tokenizer, *hf);
  out.addString("tokenizer.ggml.model", "gpt2");
  out.addString("tokenizer.ggml.pre", pre);
  out.addStringArray("tokenizer.ggml.tokens", t.tokens);
  out.addI32Array("tokenizer.ggml.token_type", t.types);
  VocabReport r{"gpt2", pre, static_cast<int64_t>(t.tokens.size()), {}};
  r.special = writeSpecialVocab(s.dir, /*loadMerges=*/true, std::nullopt, out);
  return r;
}

// LlamaHfVocab (vocab.py): a tokenizer.json that is BPE with byte fallback and a Sequence decoder
// (a SentencePiece model saved only as tokenizer.json). PeftDesk does not write that path yet.
bool isLlamaHfVocab(const ModelSource& s) {
  const fs::path file = s.dir / "tokenizer.json";
  const auto tj = readJson(file);
  if (!tj || !tj->is_object()) return false;
  const auto model = tj->find("model");
  if (model == tj->end() || !model->is_object()) return false;
  const auto flag = [&](const char* key, bool fallback) {
    const auto it = model->find(key);
    if (it == model->end() || it->is_null()) return fallback;
    if (!it->is_boolean()) refuseFile(file, "expected true or false", std::string("model.") + key);
    return it->get<bool>();
  };
  const bool bpe = stringOrEmpty(*model, "type") == "BPE";
  if (bpe && flag("ignore_merges", false) && !flag("byte_fallback", true)) return false;  // Llama 3: byte-level BPE
  const auto decoder = tj->find("decoder");
  return bpe && flag("byte_fallback", false) && decoder != tj->end() && stringOrEmpty(*decoder, "type") == "Sequence";
}

}  // namespace

const std::string& preTokenizerProbeText() {
  static const std::string text =
#include "export/gguf/gguf_probe_text.inc"
  return text;
}

std::string preTokenizerHash(const Tokenizer& tokenizer) {
  const auto ids = tokenizer.encode(preTokenizerProbeText(), /*addSpecialTokens=*/true);
  std::string repr = "[";
  for (size_t i = 0; i < ids.size(); ++i) repr += (i ? ", " : "") + std::to_string(ids[i]);
  repr += "]";
  return sha256Hex(repr);
}

std::string preTokenizerName(const std::string& hash) {
  std::string name;
  for (const auto& row : kPreTokenizers)
    if (hash == row.hash) name = row.name;  // the converter's table is a chain of `if`s: the last match wins
  return name;
}

VocabReport writeVocabulary(const Family& family, const ModelSource& s, Writer& out) {
  const bool hasSpm = fs::is_regular_file(s.dir / "tokenizer.model");
  switch (family.vocab) {
    case VocabRule::Llama: {
      const fs::path configFile = s.dir / "tokenizer_config.json";
      if (const auto config = readOrderedJson(configFile); config && config->is_object() && config->contains("add_prefix_space") &&
                                                            !(*config)["add_prefix_space"].is_null()) {
        if (!(*config)["add_prefix_space"].is_boolean()) refuseFile(configFile, "add_prefix_space is not a boolean", "add_prefix_space");
        out.addBool("tokenizer.ggml.add_space_prefix", (*config)["add_prefix_space"].get<bool>());
      }
      const int64_t vocabSize = configVocabSize(s, 32000);
      if (vocabSize == 32016) refuseFile(s.dir / "config.json", "CodeLlama's infill tokens are not written yet", "vocab_size");
      if (!hasSpm && isLlamaHfVocab(s))
        refuseFile(s.dir / "tokenizer.json",
                   "a SentencePiece-style tokenizer.json without tokenizer.model is not written yet; add the model's tokenizer.model");
      VocabReport r = hasSpm ? writeSentencePiece(s, false, out) : writeBpe(s, out);
      if (vocabSize == 49152) out.setBool("tokenizer.ggml.add_bos_token", false);  // llama.py: "granite small models"
      return r;
    }
    case VocabRule::SentencePieceOrBpe:
      if (hasSpm) return writeSentencePiece(s, false, out);
      return writeBpe(s, out);
    case VocabRule::Phi3: {
      const fs::path configFile = s.dir / "tokenizer_config.json";
      if (const auto config = readOrderedJson(configFile)) {
        if (!config->is_object() || !config->contains("tokenizer_class"))
          refuseFile(configFile, "llama.cpp's converter needs tokenizer_class here", "tokenizer_class");
        if ((*config)["tokenizer_class"] == "GPT2Tokenizer") return writeBpe(s, out);
      }
      if (!hasSpm) refuseFile(s.dir / "tokenizer.model", "a Phi-3 GGUF needs the model's tokenizer.model (llama.cpp's converter reads it), which this folder lacks");
      return writeSentencePiece(s, true, out);
    }
    case VocabRule::Bpe: return writeBpe(s, out);
    case VocabRule::Gemma2:
    case VocabRule::Gemma3: {
      if (!hasSpm && family.vocab == VocabRule::Gemma3) return writeBpe(s, out);
      if (!hasSpm) refuseFile(s.dir / "tokenizer.model", "a Gemma 2 GGUF needs the model's tokenizer.model (llama.cpp's converter reads it), which this folder lacks");
      VocabReport r = writeSentencePiece(s, false, out);
      out.addBool("tokenizer.ggml.add_space_prefix", false);  // gemma.py set_vocab, after the special vocabulary
      return r;
    }
  }
  return {};
}

}  // namespace peftdesk::gguf
