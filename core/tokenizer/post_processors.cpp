// tokenizer.json "post_processor" stage: what add_special_tokens=True adds around a single
// sequence. TemplateProcessing (Llama's "<s> $A"), Roberta/Bert (cls A sep), ByteLevel (ids
// unchanged; it only trims offsets, which we do not expose) and Sequence.
#include "tokenizer/pipeline.h"

namespace peftdesk::tok {
namespace {

class AffixProcessor : public PostProcessor {
 public:
  AffixProcessor(std::vector<int32_t> prefix, std::vector<int32_t> suffix)
      : prefix_(std::move(prefix)), suffix_(std::move(suffix)) {}
  void process(std::vector<int32_t>& ids) const override {
    ids.insert(ids.begin(), prefix_.begin(), prefix_.end());
    ids.insert(ids.end(), suffix_.begin(), suffix_.end());
  }

 private:
  std::vector<int32_t> prefix_, suffix_;
};

class NoopProcessor : public PostProcessor {
 public:
  void process(std::vector<int32_t>&) const override {}
};

class SequenceProcessor : public PostProcessor {
 public:
  explicit SequenceProcessor(std::vector<std::unique_ptr<PostProcessor>> parts) : parts_(std::move(parts)) {}
  void process(std::vector<int32_t>& ids) const override {
    for (const auto& p : parts_) p->process(ids);
  }

 private:
  std::vector<std::unique_ptr<PostProcessor>> parts_;
};

// Ids of a named special token in TemplateProcessing's "special_tokens" table.
std::vector<int32_t> templateTokenIds(const json& specials, const std::string& name, const JsonCtx& c) {
  const JsonCtx sc = c.child("special_tokens");
  if (!specials.is_object() || !specials.contains(name))
    sc.fail("template refers to special token '" + name + "' that is not listed in special_tokens");
  const json& entry = specials.at(name);
  const JsonCtx ec = sc.child(name);
  const json& ids = requireMember(entry, "ids", ec);
  if (!ids.is_array()) ec.child("ids").fail("expected a list of integers");
  std::vector<int32_t> out;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!ids[i].is_number_integer()) ec.child("ids").index(i).fail("expected an integer");
    out.push_back(ids[i].get<int32_t>());
  }
  return out;
}

std::unique_ptr<PostProcessor> makeTemplate(const json& j, const JsonCtx& c) {
  const json& single = requireMember(j, "single", c);
  const json specials = j.contains("special_tokens") ? j.at("special_tokens") : json::object();
  const JsonCtx sc = c.child("single");
  std::vector<int32_t> prefix, suffix;
  bool seenSequence = false;
  auto addSpecial = [&](const std::string& name) {
    const auto ids = templateTokenIds(specials, name, c);
    auto& dst = seenSequence ? suffix : prefix;
    dst.insert(dst.end(), ids.begin(), ids.end());
  };
  if (single.is_string()) {  // "<s> $A" shorthand
    const std::string s = single.get<std::string>();
    size_t pos = 0;
    while (pos < s.size()) {
      size_t end = s.find(' ', pos);
      if (end == std::string::npos) end = s.size();
      std::string piece = s.substr(pos, end - pos);
      pos = end + 1;
      if (piece.empty()) continue;
      if (piece[0] == '$') {
        seenSequence = true;
        continue;
      }
      const size_t colon = piece.rfind(':');
      if (colon != std::string::npos) piece = piece.substr(0, colon);
      addSpecial(piece);
    }
  } else if (single.is_array()) {
    for (size_t i = 0; i < single.size(); ++i) {
      const json& item = single[i];
      if (item.contains("Sequence")) {
        seenSequence = true;
      } else if (item.contains("SpecialToken")) {
        addSpecial(requireString(item.at("SpecialToken"), "id", sc.index(i).child("SpecialToken")));
      } else {
        sc.index(i).fail("expected {\"Sequence\": ...} or {\"SpecialToken\": ...}");
      }
    }
  } else {
    sc.fail("expected a list or a string, got " + typeOf(single));
  }
  if (!seenSequence) sc.fail("template has no $A sequence");
  return std::make_unique<AffixProcessor>(std::move(prefix), std::move(suffix));
}

// Roberta/Bert store cls and sep as ["token", id].
int32_t pairId(const json& j, const char* key, const JsonCtx& c) {
  const json& v = requireMember(j, key, c);
  if (!v.is_array() || v.size() != 2 || !v[1].is_number_integer()) c.child(key).fail("expected [\"token\", id]");
  return v[1].get<int32_t>();
}

using Factory = std::unique_ptr<PostProcessor> (*)(const json&, const JsonCtx&);
struct Row {
  const char* type;
  Factory make;
};

const Row kRows[] = {
    {"TemplateProcessing", makeTemplate},
    {"ByteLevel", [](const json&, const JsonCtx&) -> std::unique_ptr<PostProcessor> {
       return std::make_unique<NoopProcessor>();
     }},
    {"RobertaProcessing", [](const json& j, const JsonCtx& c) -> std::unique_ptr<PostProcessor> {
       return std::make_unique<AffixProcessor>(std::vector<int32_t>{pairId(j, "cls", c)},
                                               std::vector<int32_t>{pairId(j, "sep", c)});
     }},
    {"BertProcessing", [](const json& j, const JsonCtx& c) -> std::unique_ptr<PostProcessor> {
       return std::make_unique<AffixProcessor>(std::vector<int32_t>{pairId(j, "cls", c)},
                                               std::vector<int32_t>{pairId(j, "sep", c)});
     }},
    {"Sequence", [](const json& j, const JsonCtx& c) -> std::unique_ptr<PostProcessor> {
       const json& list = requireMember(j, "processors", c);
       const JsonCtx lc = c.child("processors");
       if (!list.is_array()) lc.fail("expected a list, got " + typeOf(list));
       std::vector<std::unique_ptr<PostProcessor>> parts;
       for (size_t i = 0; i < list.size(); ++i) {
         auto p = makePostProcessor(list[i], lc.index(i));
         if (p) parts.push_back(std::move(p));
       }
       return std::make_unique<SequenceProcessor>(std::move(parts));
     }},
};

}  // namespace

std::unique_ptr<PostProcessor> makePostProcessor(const json& j, const JsonCtx& ctx) {
  if (j.is_null()) return nullptr;
  return findRow(kRows, requireString(j, "type", ctx), ctx, "post_processor").make(j, ctx);
}

std::unique_ptr<PostProcessor> makeBosEosProcessor(std::vector<int32_t> prefix, std::vector<int32_t> suffix) {
  return std::make_unique<AffixProcessor>(std::move(prefix), std::move(suffix));
}

}  // namespace peftdesk::tok
