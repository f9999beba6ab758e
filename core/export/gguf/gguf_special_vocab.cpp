// See gguf_special_vocab.h. Follows gguf-py 0.19's vocab.py SpecialVocab (_load,
// _try_load_from_tokenizer_json, _try_load_from_config_json, _try_load_merges_txt, add_to_gguf) as
// vendored with llama.cpp 0c1e57098. Python truthiness and dict insertion order are kept on purpose:
// they decide which keys exist and in which order.
#include "export/gguf/gguf_special_vocab.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "export/gguf/gguf_source.h"
#include "io/text_replace.h"
#include "peftdesk/error.h"

namespace peftdesk::gguf {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

bool truthy(const Json& j) {
  if (j.is_null()) return false;
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_string()) return !j.get_ref<const std::string&>().empty();
  if (j.is_number()) return j.get<double>() != 0.0;
  return !j.empty();  // object, array
}

// j.get(a, {}).get(b) on dicts; null when any step is missing or not an object.
const Json& dig(const Json& j, const char* a, const char* b = nullptr) {
  static const Json null;
  if (!j.is_object()) return null;
  const auto it = j.find(a);
  if (it == j.end()) return null;
  if (!b) return *it;
  return dig(*it, b);
}

// An ordered dict of name → value with Python's assignment (keeps the first position) and setdefault.
template <class T>
struct OrderedDict {
  std::vector<std::pair<std::string, T>> items;
  T* find(const std::string& k) {
    for (auto& [key, v] : items)
      if (key == k) return &v;
    return nullptr;
  }
  void set(const std::string& k, T v) {
    if (T* p = find(k)) *p = v;
    else items.emplace_back(k, v);
  }
  void setDefault(const std::string& k, T v) {
    if (!find(k)) items.emplace_back(k, v);
  }
};

struct State {
  fs::path dir;
  bool loadMerges = false;
  std::optional<int64_t> nVocab;
  std::vector<std::string> types{"bos", "eos", "unk", "sep", "pad", "cls", "mask"};
  std::vector<std::string> merges;
  OrderedDict<int64_t> ids;
  OrderedDict<bool> add;
  Json chatTemplate;  // null, a string or a list
  std::optional<bool> lowercase, stripAccents;

  bool hasType(const char* t) const { return std::find(types.begin(), types.end(), t) != types.end(); }

  void setSpecialToken(const std::string& typ, const Json& tid, const fs::path& from) {
    if (!tid.is_number_integer()) return;
    const int64_t id = tid.get<int64_t>();
    if (id < 0) {
      ErrorContext where{from.string()};
      where.field = typ + "_token";
      throw Error(ErrorCategory::Config, "a special-token id is negative", where);
    }
    if (nVocab && id >= *nVocab) return;  // out of range: the converter skips it
    if (ids.find(typ)) return;            // the first value wins
    ids.items.emplace_back(typ, id);
  }

  void parseNormalizer(const Json& n) {
    if (!n.is_object()) return;
    const std::string type = stringOrEmpty(n, "type");
    if (type == "Lowercase") lowercase = true;
    else if (type == "StripAccents") stripAccents = true;
    else if (type == "BertNormalizer") {
      if (n.contains("lowercase") && n["lowercase"].is_boolean()) lowercase = n["lowercase"].get<bool>();
      if (n.contains("strip_accents") && n["strip_accents"].is_boolean()) stripAccents = n["strip_accents"].get<bool>();
    } else if (type == "Sequence" && n.contains("normalizers") && n["normalizers"].is_array()) {
      for (const auto& inner : n["normalizers"]) parseNormalizer(inner);
    }
  }

  void mergesFromTokenizerJson(const nlohmann::json& tokenizer, const fs::path& file) {
    if (!tokenizer.is_object() || !tokenizer.contains("model") || !tokenizer["model"].is_object() || !tokenizer["model"].contains("merges")) return;
    const nlohmann::json& list = tokenizer["model"]["merges"];
    if (!list.is_array() || list.empty()) return;
    ErrorContext where{file.string()};
    where.field = "model.merges";
    if (list[0].is_string()) {
      for (const auto& m : list) {
        if (!m.is_string()) throw Error(ErrorCategory::Format, "a merge is not a string", where);
        merges.push_back(m.get<std::string>());
      }
      return;
    }
    if (!(list[0].is_array() && list[0].size() == 2 && list[0][0].is_string()))
      throw Error(ErrorCategory::Format, "unknown merges format (neither \"a b\" strings nor [a, b] pairs)", where);
    for (const auto& pair : list) {
      if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
        throw Error(ErrorCategory::Format, "a merge is not a pair of strings", where);
      std::string joined;
      for (int k = 0; k < 2; ++k) {
        if (k) joined += ' ';
        for (char c : pair[k].get<std::string>()) joined += c == ' ' ? std::string("\xC4\xA0") : std::string(1, c);  // U+0120
      }
      merges.push_back(std::move(joined));
    }
  }

  void mergesFromText() {
    std::ifstream in(dir / "merges.txt", std::ios::binary);
    if (!in) return;
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    const auto strip = [](const std::string& s) {
      const char* ws = " \t\r\n\v\f";
      const size_t b = s.find_first_not_of(ws);
      if (b == std::string::npos) return std::string();
      return s.substr(b, s.find_last_not_of(ws) - b + 1);
    };
    size_t first = 0;
    if (!lines.empty() && strip(lines[0]).rfind('#', 0) == 0) first = 1;
    for (size_t i = first; i < lines.size(); ++i) {
      std::istringstream parts(strip(lines[i]));
      std::vector<std::string> p;
      for (std::string w; parts >> w;) p.push_back(w);
      if (p.size() == 2) merges.push_back(p[0] + " " + p[1]);
    }
  }

  // Adds to the post-processor-derived flags and may rewrite tokenizer_config's special tokens.
  void templateProcessing(const Json& proc, Json& tc, Json& bos, Json& cls, Json& eos, Json& sep) {
    const Json single = proc.value("single", Json::array());
    Json pair = proc.value("pair", Json::array());
    Json first, last;
    if (single.is_array() && single.size() > 1) {
      first = dig(single.front(), "SpecialToken", "id");
      if (truthy(first)) {
        if (!truthy(tc)) bos = first;
        else if (first != bos && first != cls) {
          if (!truthy(bos)) tc["bos_token"] = bos = first;
          if (!truthy(cls)) tc["cls_token"] = cls = first;
        }
        add.set("bos", first == bos || first == cls);
      }
      last = dig(single.back(), "SpecialToken", "id");
      if (truthy(last)) {
        if (!truthy(tc)) eos = last;
        else if (last != eos) {
          if (!hasType("eot")) {
            types.push_back("eot");
            tc["eot_token"] = eos;
          } else if (!hasType("eom")) {
            types.push_back("eom");
            tc["eom_token"] = eos;
          }
          tc["eos_token"] = eos = last;
        }
        add.set("eos", last == eos);
      }
    }
    if (!pair.is_array() || pair.empty()) return;
    const size_t start = truthy(first) && dig(pair.front(), "SpecialToken", "id") == first ? 1 : 0;
    const size_t stop = truthy(last) && dig(pair.back(), "SpecialToken", "id") == last ? pair.size() - 1 : pair.size();
    if (start >= stop) return;
    Json inner = Json::array();
    for (size_t i = start; i < stop; ++i) inner.push_back(pair[i]);
    const Json a = dig(inner.front(), "Sequence", "id"), b = dig(inner.back(), "Sequence", "id");
    if (!(a == "A" && b == "B") || inner.size() <= 2) return;
    Json middle = Json::array();
    for (size_t i = 1; i + 1 < inner.size(); ++i) middle.push_back(inner[i]);
    bool addSep = false;
    const Json entry = dig(middle[0], "SpecialToken", "id");
    if (truthy(entry) && (entry == sep || entry == eos) && !truthy(last)) addSep = true;
    if (middle.size() == 2) {
      const Json second = dig(middle[1], "SpecialToken", "id");
      if (truthy(second) && (second == sep || second == eos)) addSep = true;
    }
    add.set("sep", addSep);
    if (addSep && !truthy(sep) && truthy(tc)) tc["sep_token"] = eos;
  }

  void fromTokenizerJson() {
    const fs::path tokenizerFile = dir / "tokenizer.json";
    // Parsed unordered (the vocabulary is large); the small parts read here keep their order in
    // ordered copies, where order matters (added_tokens is a list anyway).
    const auto full = readJson(tokenizerFile);
    std::optional<Json> tokenizer;
    Json addedTokens = Json::array();
    if (full) {
      if (loadMerges) mergesFromTokenizerJson(*full, tokenizerFile);
      tokenizer = Json::object();
      if (full->is_object())
        for (const char* key : {"normalizer", "added_tokens", "post_processor"})
          if (full->contains(key)) (*tokenizer)[key] = Json::parse((*full)[key].dump());
      if (const Json& n = dig(*tokenizer, "normalizer"); truthy(n)) parseNormalizer(n);
      if (tokenizer->contains("added_tokens")) addedTokens = (*tokenizer)["added_tokens"];
    }
    const fs::path configFile = dir / "tokenizer_config.json";
    Json tc = readOrderedJson(configFile).value_or(Json());
    if (!tc.is_null() && !tc.is_object()) throw Error(ErrorCategory::Format, "tokenizer_config.json is not a JSON object", {configFile.string()});
    if (tokenizer) {
      Json bos = dig(tc, "bos_token"), cls = dig(tc, "cls_token"), eos = dig(tc, "eos_token"), sep = dig(tc, "sep_token");
      if (!truthy(bos) && truthy(cls) && truthy(tc)) tc["bos_token"] = bos = cls;
      if (!truthy(eos) && truthy(sep) && truthy(tc)) tc["eos_token"] = eos = sep;
      const Json& post = dig(*tokenizer, "post_processor");
      if (truthy(post) && post.is_object()) {
        const Json processors = post.contains("processors") ? post["processors"] : Json::array({post});
        for (const auto& proc : processors) {
          const std::string type = stringOrEmpty(proc, "type");
          if (type == "ByteLevel") {
            add.setDefault("bos", false);
            add.setDefault("eos", false);
          } else if (type == "RobertaProcessing") {
            add.set("bos", true);
            add.set("eos", true);
            add.set("sep", true);
            // processor.get('cls', [bos])[0]: a [token, id] pair
            const auto first = [&](const char* key, const Json& fallback) -> Json {
              if (!proc.contains(key)) return fallback;
              if (!proc[key].is_array() || proc[key].empty()) {
                ErrorContext where{(dir / "tokenizer.json").string()};
                where.field = std::string("post_processor.") + key;
                throw Error(ErrorCategory::Format, "expected a [token, id] pair", where);
              }
              return proc[key][0];
            };
            if (!truthy(cls) && truthy(tc)) tc["cls_token"] = cls = first("cls", bos);
            if (!truthy(sep) && truthy(tc)) tc["sep_token"] = sep = first("sep", eos);
          } else if (type == "TemplateProcessing") {
            templateProcessing(proc, tc, bos, cls, eos, sep);
          }
        }
      }
    }
    if (!truthy(tc)) return;

    Json alternative;
    if (const fs::path jinja = dir / "chat_template.jinja"; fs::is_regular_file(jinja)) {
      std::ifstream in(jinja, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      // Python's text mode: universal newlines.
      alternative = replacedAll(replacedAll(text.str(), "\r\n", "\n"), "\r", "\n");
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(dir / "additional_chat_templates", ec))
        if (e.path().extension() == ".jinja") alternative = Json::array();  // the list form
    } else if (const auto json = readOrderedJson(dir / "chat_template.json")) {
      alternative = dig(*json, "chat_template");
    }
    const Json candidate = tc.contains("chat_template") ? tc["chat_template"] : alternative;
    if (candidate.is_null() || candidate.is_string() || candidate.is_array()) chatTemplate = candidate;

    for (size_t t = 0; t < types.size(); ++t) {  // types may grow (eot / eom) while looping
      const std::string typ = types[t];
      const Json& addEntry = dig(tc, ("add_" + typ + "_token").c_str());
      if (addEntry.is_boolean()) add.setDefault(typ, addEntry.get<bool>());
      const Json& entry = dig(tc, (typ + "_token").c_str());
      std::string content;
      if (entry.is_string()) content = entry.get<std::string>();
      else if (entry.is_object() && entry.contains("content") && entry["content"].is_string()) content = entry["content"].get<std::string>();
      else continue;
      for (const auto& token : addedTokens)
        if (token.is_object() && token.contains("content") && token["content"] == content) {
          setSpecialToken(typ, token.contains("id") ? token["id"] : Json(), dir / "tokenizer.json");
          break;
        }
    }
  }

  void fromConfigJson() {
    const auto config = readOrderedJson(dir / "config.json");
    if (!config || !config->is_object()) return;
    for (size_t t = 0; t < types.size(); ++t) {
      const std::string key = types[t] + "_token_id";
      Json id = dig(*config, key.c_str());
      if (id.is_null()) id = dig(dig(*config, "text_config"), key.c_str());
      setSpecialToken(types[t], id, dir / "config.json");
    }
  }
};

const char* idKey(const std::string& typ) {
  static const std::pair<const char*, const char*> kKeys[] = {
      {"bos", "tokenizer.ggml.bos_token_id"},        {"eos", "tokenizer.ggml.eos_token_id"},
      {"unk", "tokenizer.ggml.unknown_token_id"},    {"sep", "tokenizer.ggml.seperator_token_id"},  // sic, as llama.cpp spells it
      {"pad", "tokenizer.ggml.padding_token_id"},    {"mask", "tokenizer.ggml.mask_token_id"},
      {"eot", "tokenizer.ggml.eot_token_id"},        {"eom", "tokenizer.ggml.eom_token_id"}};
  for (const auto& [t, key] : kKeys)
    if (typ == t) return key;
  return nullptr;  // cls: gguf-py has no writer for it
}

}  // namespace

SpecialVocabReport writeSpecialVocab(const fs::path& dir, bool loadMerges, std::optional<int64_t> vocabSize, Writer& out) {
  State s;
  s.dir = dir;
  s.loadMerges = loadMerges;
  s.nVocab = vocabSize;
  s.fromTokenizerJson();
  s.fromConfigJson();
  if (loadMerges && s.merges.empty()) s.mergesFromText();

  SpecialVocabReport report;
  if (!s.merges.empty()) out.addStringArray("tokenizer.ggml.merges", s.merges);
  report.merges = s.merges.size();
  for (const auto& [typ, id] : s.ids.items)
    if (const char* key = idKey(typ)) out.addU32(key, static_cast<uint32_t>(id));
  for (const auto& [typ, value] : s.add.items)
    if (typ == "bos" || typ == "eos" || typ == "sep") out.addBool("tokenizer.ggml.add_" + typ + "_token", value);
  if (s.chatTemplate.is_array()) {
    ErrorContext where{(dir / "tokenizer_config.json").string()};
    where.field = "chat_template";
    throw Error(ErrorCategory::Unsupported, "GGUF export writes one chat template; this tokenizer has a list of named templates", where);
  }
  if (s.chatTemplate.is_string() && !s.chatTemplate.get_ref<const std::string&>().empty()) {
    report.chatTemplate = s.chatTemplate.get<std::string>();
    out.addString("tokenizer.chat_template", report.chatTemplate);
  }
  if (s.lowercase) out.addBool("tokenizer.ggml.normalizer.lowercase", *s.lowercase);
  if (s.stripAccents) out.addBool("tokenizer.ggml.normalizer.strip_accents", *s.stripAccents);
  return report;
}

}  // namespace peftdesk::gguf
