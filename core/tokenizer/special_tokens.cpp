// See special_tokens.h. Precedence follows transformers: tokenizer_config.json values win over
// special_tokens_map.json; chat_template.jinja wins over the config's chat_template; the eos list
// starts with the tokenizer's eos and adds generation_config.json's (or config.json's) ids.
#include "tokenizer/special_tokens.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "peftdesk/json_file.h"
#include "tokenizer/json_fields.h"

namespace peftdesk::tok {
namespace fs = std::filesystem;

namespace {

// A special token value: "text", {"content": "text", ...}, or null.
std::optional<std::string> tokenString(const json& v, const JsonCtx& ctx) {
  if (v.is_null()) return std::nullopt;
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object()) return requireString(v, "content", ctx);
  ctx.fail("expected a string or an object with \"content\", got " + typeOf(v));
}

std::vector<int32_t> idList(const json& v, const JsonCtx& ctx) {
  std::vector<int32_t> out;
  if (v.is_null()) return out;
  if (v.is_number_integer()) {
    out.push_back(v.get<int32_t>());
  } else if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_number_integer()) ctx.index(i).fail("expected an integer token id");
      out.push_back(v[i].get<int32_t>());
    }
  } else {
    ctx.fail("expected an integer or a list of integers, got " + typeOf(v));
  }
  return out;
}

std::optional<int32_t> optId(const json& obj, const char* key, const JsonCtx& ctx) {
  if (!obj.contains(key) || obj.at(key).is_null()) return std::nullopt;
  if (!obj.at(key).is_number_integer()) ctx.child(key).fail("expected an integer token id");
  return obj.at(key).get<int32_t>();
}

std::string readText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw Error(ErrorCategory::Io, "cannot read file", fileContext(p.string()));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A boolean tokenizer_config.json flag. transformers passes the value as a keyword argument, so an
// explicit null replaces the class default with None, which every use tests for truthiness:
// null means false, unlike an absent key (nullopt, the class default).
std::optional<bool> configFlag(const json& obj, const char* key, const JsonCtx& ctx) {
  if (obj.contains(key) && obj.at(key).is_null()) return false;
  return optBoolMaybe(obj, key, ctx);
}

const char* const kTokenKeys[] = {"bos_token", "eos_token", "unk_token", "pad_token"};

}  // namespace

TokenizerFileConfig readTokenizerConfig(const fs::path& dir) {
  TokenizerFileConfig cfg;
  std::optional<std::string>* slots[] = {&cfg.bos, &cfg.eos, &cfg.unk, &cfg.pad};
  bool givenInConfig[4] = {};

  const fs::path configPath = dir / "tokenizer_config.json";
  if (fs::exists(configPath)) {
    const json j = readJsonFile(configPath);
    const JsonCtx c{configPath.string(), ""};
    if (!j.is_object()) c.fail("expected a JSON object at the top level");
    if (auto cls = optString(j, "tokenizer_class", c)) {
      cfg.tokenizerClass = *cls;
      if (cfg.tokenizerClass.size() > 4 && cfg.tokenizerClass.compare(cfg.tokenizerClass.size() - 4, 4, "Fast") == 0)
        cfg.tokenizerClass.resize(cfg.tokenizerClass.size() - 4);
    }
    for (int k = 0; k < 4; ++k) {
      if (!j.contains(kTokenKeys[k])) continue;
      givenInConfig[k] = true;
      *slots[k] = tokenString(j.at(kTokenKeys[k]), c.child(kTokenKeys[k]));
    }
    cfg.bosExplicitNull = j.contains("bos_token") && j.at("bos_token").is_null();
    cfg.addBosToken = configFlag(j, "add_bos_token", c);
    cfg.addEosToken = configFlag(j, "add_eos_token", c);
    cfg.legacy = optBoolMaybe(j, "legacy", c);  // null: the class treats None as "use the legacy default"
    cfg.addPrefixSpace = configFlag(j, "add_prefix_space", c);
    cfg.cleanUpTokenizationSpaces = configFlag(j, "clean_up_tokenization_spaces", c);
    if (j.contains("additional_special_tokens") && !j.at("additional_special_tokens").is_null()) {
      const json& list = j.at("additional_special_tokens");
      const JsonCtx lc = c.child("additional_special_tokens");
      if (!list.is_array()) lc.fail("expected a list");
      for (size_t i = 0; i < list.size(); ++i)
        if (auto s = tokenString(list[i], lc.index(i))) cfg.additionalSpecial.push_back(*s);
    }
    // transformers 5 writes the additional special tokens as a list `extra_special_tokens` (and no
    // special_tokens_map.json); 4.x used that key for a map of named extra tokens (Gemma 3's
    // boi_token, ...). Either way its tokens are special.
    if (j.contains("extra_special_tokens") && !j.at("extra_special_tokens").is_null()) {
      const json& extra = j.at("extra_special_tokens");
      const JsonCtx ec = c.child("extra_special_tokens");
      if (extra.is_array()) {
        for (size_t i = 0; i < extra.size(); ++i)
          if (auto s = tokenString(extra[i], ec.index(i))) cfg.additionalSpecial.push_back(*s);
      } else if (extra.is_object()) {
        for (auto it = extra.begin(); it != extra.end(); ++it)
          if (auto s = tokenString(it.value(), ec.child(it.key()))) cfg.additionalSpecial.push_back(*s);
      } else {
        ec.fail("expected a list of tokens (or a map of named tokens)");
      }
    }
    if (j.contains("added_tokens_decoder") && !j.at("added_tokens_decoder").is_null()) {
      const json& dec = j.at("added_tokens_decoder");
      const JsonCtx dc = c.child("added_tokens_decoder");
      if (!dec.is_object()) dc.fail("expected an object mapping ids to tokens");
      for (auto it = dec.begin(); it != dec.end(); ++it) {
        const JsonCtx tc = dc.child(it.key());
        AddedToken t;
        try {
          size_t used = 0;
          const long v = std::stol(it.key(), &used);
          if (used != it.key().size() || v < 0 || v > INT32_MAX) throw std::invalid_argument("id");
          t.id = static_cast<int32_t>(v);
        } catch (const std::logic_error&) {
          tc.fail("key is not a token id");
        }
        t.content = requireString(it.value(), "content", tc);
        t.singleWord = optBool(it.value(), "single_word", false, tc);
        t.lstrip = optBool(it.value(), "lstrip", false, tc);
        t.rstrip = optBool(it.value(), "rstrip", false, tc);
        t.normalized = optBool(it.value(), "normalized", true, tc);
        t.special = optBool(it.value(), "special", false, tc);
        cfg.addedTokens.push_back(std::move(t));
      }
    }
    if (j.contains("chat_template") && !j.at("chat_template").is_null()) {
      const json& t = j.at("chat_template");
      const JsonCtx tc = c.child("chat_template");
      if (t.is_string()) {
        cfg.chatTemplate = t.get<std::string>();
      } else if (t.is_array()) {
        // A list of named templates: "default" is the one used for plain chat.
        for (size_t i = 0; i < t.size(); ++i) {
          const std::string name = requireString(t[i], "name", tc.index(i));
          const std::string body = requireString(t[i], "template", tc.index(i));
          if (name == "default" || (cfg.chatTemplate.empty() && i + 1 == t.size())) cfg.chatTemplate = body;
          if (name == "default") break;
        }
      } else {
        tc.fail("expected a string or a list of {name, template}, got " + typeOf(t));
      }
    }
  }

  const fs::path mapPath = dir / "special_tokens_map.json";
  if (fs::exists(mapPath)) {
    const json j = readJsonFile(mapPath);
    const JsonCtx c{mapPath.string(), ""};
    if (!j.is_object()) c.fail("expected a JSON object at the top level");
    for (int k = 0; k < 4; ++k) {
      if (givenInConfig[k] || !j.contains(kTokenKeys[k])) continue;
      *slots[k] = tokenString(j.at(kTokenKeys[k]), c.child(kTokenKeys[k]));
    }
    if (cfg.additionalSpecial.empty() && j.contains("additional_special_tokens")) {
      const json& list = j.at("additional_special_tokens");
      const JsonCtx lc = c.child("additional_special_tokens");
      if (!list.is_array()) lc.fail("expected a list");
      for (size_t i = 0; i < list.size(); ++i)
        if (auto s = tokenString(list[i], lc.index(i))) cfg.additionalSpecial.push_back(*s);
    }
  }

  const fs::path addedPath = dir / "added_tokens.json";
  if (fs::exists(addedPath)) {
    const json j = readJsonFile(addedPath);
    const JsonCtx c{addedPath.string(), ""};
    if (!j.is_object()) c.fail("expected an object mapping tokens to ids");
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!it.value().is_number_integer()) c.child(it.key()).fail("expected an integer id");
      const auto id = it.value().get<int32_t>();
      const bool known = std::any_of(cfg.addedTokens.begin(), cfg.addedTokens.end(),
                                     [&](const AddedToken& t) { return t.content == it.key(); });
      if (!known) cfg.addedTokens.push_back(AddedToken{id, it.key(), false, false, false, true, false});
    }
  }

  const fs::path jinjaPath = dir / "chat_template.jinja";
  if (fs::exists(jinjaPath)) cfg.chatTemplate = readText(jinjaPath);

  // eos ids used to stop generation: generation_config.json overrides config.json.
  const fs::path genPath = dir / "generation_config.json";
  const fs::path modelConfigPath = dir / "config.json";
  for (const fs::path& p : {genPath, modelConfigPath}) {
    if (!fs::exists(p)) continue;
    const json j = readJsonFile(p);
    const JsonCtx c{p.string(), ""};
    if (!j.is_object()) c.fail("expected a JSON object at the top level");
    if (cfg.extraEos.empty() && j.contains("eos_token_id")) cfg.extraEos = idList(j.at("eos_token_id"), c.child("eos_token_id"));
    if (!cfg.configBosId) cfg.configBosId = optId(j, "bos_token_id", c);
    if (!cfg.configPadId) cfg.configPadId = optId(j, "pad_token_id", c);
  }
  return cfg;
}

std::optional<BosEosClassDefaults> bosEosOverrideFor(const std::string& tokenizerClass) {
  static const std::pair<const char*, BosEosClassDefaults> kRows[] = {
      {"LlamaTokenizer", {true, false}},
      {"CodeLlamaTokenizer", {true, false}},
      {"GemmaTokenizer", {true, false}},
      {"CohereTokenizer", {true, false}},
      {"GPTNeoXTokenizer", {false, false}},
  };
  for (const auto& [name, d] : kRows)
    if (tokenizerClass == name) return d;
  return std::nullopt;
}

SpecialTokenIds resolveSpecialIds(const TokenizerFileConfig& cfg, const TokenLookup& lookup,
                                  std::optional<int32_t> modelUnk) {
  SpecialTokenIds ids;
  auto idOf = [&](const std::optional<std::string>& s) -> int32_t {
    if (!s) return -1;
    return lookup(*s).value_or(-1);
  };
  ids.bos = idOf(cfg.bos);
  if (ids.bos < 0 && !cfg.bos && !cfg.bosExplicitNull && cfg.configBosId) ids.bos = *cfg.configBosId;
  const int32_t eos = idOf(cfg.eos);
  if (eos >= 0) ids.eos.push_back(eos);
  for (int32_t e : cfg.extraEos)
    if (e >= 0 && std::find(ids.eos.begin(), ids.eos.end(), e) == ids.eos.end()) ids.eos.push_back(e);
  ids.pad = idOf(cfg.pad);
  if (ids.pad < 0 && !cfg.pad && cfg.configPadId) ids.pad = *cfg.configPadId;
  ids.unk = idOf(cfg.unk);
  if (ids.unk < 0 && !cfg.unk && modelUnk) ids.unk = *modelUnk;
  return ids;
}

std::string cleanUpTokenizationSpaces(std::string text) {
  static const std::pair<const char*, const char*> kRules[] = {
      {" .", "."},   {" ?", "?"},     {" !", "!"},     {" ,", ","},     {" ' ", "'"},
      {" n't", "n't"}, {" 'm", "'m"}, {" 's", "'s"}, {" 've", "'ve"}, {" 're", "'re"},
  };
  for (const auto& [from, to] : kRules) {
    const std::string f = from;
    std::string out;
    size_t last = 0, pos;
    while ((pos = text.find(f, last)) != std::string::npos) {
      out.append(text, last, pos - last);
      out += to;
      last = pos + f.size();
    }
    out.append(text, last, std::string::npos);
    text.swap(out);
  }
  return text;
}

}  // namespace peftdesk::tok
