// Parses a Hugging Face tokenizer.json into pipeline parts. Only model.type "BPE" is supported
// (every family this app targets uses it); merges are accepted both as "a b" strings and as
// ["a", "b"] pairs (tokenizers >= 0.20). Every error names the file and the JSON field path.
#include <unordered_map>

#include "peftdesk/json_file.h"
#include "tokenizer/hf_tokenizer.h"

namespace peftdesk::tok {
namespace {

std::unique_ptr<BpeModel> parseBpeModel(const json& m, const JsonCtx& mc) {
  if (auto d = m.find("dropout"); d != m.end() && !d->is_null()) {
    if (!d->is_number()) mc.child("dropout").fail("expected a number or null");
    if (d->get<double>() > 0.0) mc.child("dropout").fail("BPE dropout is not supported", ErrorCategory::Unsupported);
  }
  const json& vocab = requireMember(m, "vocab", mc);
  const JsonCtx vc = mc.child("vocab");
  std::unordered_map<std::string, int32_t> v = parseTokenVocab(vocab, vc);

  const json& merges = m.contains("merges") ? m.at("merges") : json::array();
  const JsonCtx gc = mc.child("merges");
  if (!merges.is_array()) gc.fail("expected a list, got " + typeOf(merges));
  std::vector<std::pair<std::string, std::string>> pairs;
  pairs.reserve(merges.size());
  for (size_t i = 0; i < merges.size(); ++i) {
    const json& e = merges[i];
    if (e.is_string()) {
      const std::string s = e.get<std::string>();
      const size_t sp = s.find(' ');
      if (sp == std::string::npos || s.find(' ', sp + 1) != std::string::npos)
        gc.index(i).fail("expected \"left right\" (two tokens separated by one space), got \"" + s + "\"");
      pairs.emplace_back(s.substr(0, sp), s.substr(sp + 1));
    } else if (e.is_array() && e.size() == 2 && e[0].is_string() && e[1].is_string()) {
      pairs.emplace_back(e[0].get<std::string>(), e[1].get<std::string>());
    } else {
      gc.index(i).fail("expected \"a b\" or [\"a\", \"b\"], got " + typeOf(e));
    }
  }

  BpeOptions o;
  o.unkToken = optString(m, "unk_token", mc);
  o.fuseUnk = optBool(m, "fuse_unk", false, mc);
  o.byteFallback = optBool(m, "byte_fallback", false, mc);
  o.ignoreMerges = optBool(m, "ignore_merges", false, mc);
  o.continuingSubwordPrefix = optString(m, "continuing_subword_prefix", mc).value_or("");
  o.endOfWordSuffix = optString(m, "end_of_word_suffix", mc).value_or("");
  return std::make_unique<BpeModel>(std::move(v), pairs, std::move(o), [&](size_t i, const std::string& msg) {
    gc.index(i).fail(msg);
  });
}

std::vector<AddedToken> parseAddedTokens(const json& root, const JsonCtx& c) {
  std::vector<AddedToken> out;
  if (!root.contains("added_tokens") || root.at("added_tokens").is_null()) return out;
  const json& list = root.at("added_tokens");
  const JsonCtx lc = c.child("added_tokens");
  if (!list.is_array()) lc.fail("expected a list, got " + typeOf(list));
  for (size_t i = 0; i < list.size(); ++i) {
    const JsonCtx tc = lc.index(i);
    AddedToken t;
    const int64_t id = requireInt(list[i], "id", tc);
    if (id < 0 || id >= (int64_t{1} << 24)) tc.child("id").fail("token id out of range");
    t.id = static_cast<int32_t>(id);
    t.content = requireString(list[i], "content", tc);
    if (t.content.empty()) tc.child("content").fail("added token is empty");
    t.singleWord = optBool(list[i], "single_word", false, tc);
    t.lstrip = optBool(list[i], "lstrip", false, tc);
    t.rstrip = optBool(list[i], "rstrip", false, tc);
    t.normalized = optBool(list[i], "normalized", true, tc);
    t.special = optBool(list[i], "special", false, tc);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

HfParts parseTokenizerJson(std::string_view text, const std::string& sourceName) {
  const json root = parseJsonText(std::string(text), sourceName);
  const JsonCtx c{sourceName, ""};
  if (!root.is_object()) c.fail("expected a JSON object at the top level, got " + typeOf(root));
  HfParts p;
  const json& model = requireMember(root, "model", c);
  const JsonCtx mc = c.child("model");
  // Old files omit model.type; a vocab plus merges is then a BPE model.
  const std::string type = model.contains("type") ? requireString(model, "type", mc)
                                                  : (model.contains("merges") ? "BPE" : std::string("(missing)"));
  if (type != "BPE")
    mc.child("type").fail("unsupported tokenizer model type '" + type + "' (supported: BPE)", ErrorCategory::Unsupported);
  p.model = parseBpeModel(model, mc);
  const json null;
  auto member = [&](const char* key) -> const json& { return root.contains(key) ? root.at(key) : null; };
  p.normalizer = makeNormalizer(member("normalizer"), c.child("normalizer"));
  p.preTokenizer = makePreTokenizer(member("pre_tokenizer"), c.child("pre_tokenizer"));
  p.postProcessor = makePostProcessor(member("post_processor"), c.child("post_processor"));
  p.decoder = makeDecoder(member("decoder"), c.child("decoder"));
  p.addedTokens = parseAddedTokens(root, c);
  const std::string pipeline = member("pre_tokenizer").dump() + member("decoder").dump();
  if (pipeline.find("\"ByteLevel\"") != std::string::npos)
    p.flavor = "byte-level BPE";
  else if (p.model->options().byteFallback || pipeline.find("Metaspace") != std::string::npos ||
           member("normalizer").dump().find("\xe2\x96\x81") != std::string::npos)
    p.flavor = "SentencePiece-style BPE";
  return p;
}

}  // namespace peftdesk::tok
