// tokenizer.json "normalizer" stage: Unicode normalization forms, Prepend/Replace (SentencePiece
// style space handling), Lowercase, Strip, StripAccents and Sequence. One registry row per type.
#include <unicode/uchar.h>

#include "tokenizer/pipeline.h"
#include "tokenizer/unicode_utils.h"

namespace peftdesk::tok {
namespace {

class FormNormalizer : public Normalizer {
 public:
  explicit FormNormalizer(NormalForm f) : form_(f) {}
  std::string normalize(std::string text) const override { return icuNormalize(text, form_); }

 private:
  NormalForm form_;
};

class LowercaseNormalizer : public Normalizer {
 public:
  std::string normalize(std::string text) const override { return icuLowercase(text); }
};

class PrependNormalizer : public Normalizer {
 public:
  explicit PrependNormalizer(std::string p) : prefix_(std::move(p)) {}
  std::string normalize(std::string text) const override { return text.empty() ? text : prefix_ + text; }

 private:
  std::string prefix_;
};

class ReplaceNormalizer : public Normalizer {
 public:
  ReplaceNormalizer(const PatternSpec& p, std::string content)
      : pattern_(p.text), literal_(p.literal), content_(std::move(content)) {
    if (!literal_) regex_ = std::make_unique<Regex>(p.text, false);
  }
  std::string normalize(std::string text) const override {
    std::string out;
    size_t last = 0;
    if (literal_) {
      if (pattern_.empty()) return text;
      size_t pos;
      while ((pos = text.find(pattern_, last)) != std::string::npos) {
        out.append(text, last, pos - last);
        out += content_;
        last = pos + pattern_.size();
      }
    } else {
      for (const auto& [s, e] : regex_->findAll(text)) {
        out.append(text, last, s - last);
        out += content_;
        last = e;
      }
    }
    out.append(text, last, std::string::npos);
    return out;
  }

 private:
  std::string pattern_;
  bool literal_;
  std::string content_;
  std::unique_ptr<Regex> regex_;
};

class StripNormalizer : public Normalizer {
 public:
  StripNormalizer(bool left, bool right) : left_(left), right_(right) {}
  std::string normalize(std::string text) const override {
    size_t begin = 0, end = text.size();
    if (left_) {
      size_t i = 0;
      while (i < end) {
        size_t j = i;
        if (!isUnicodeWhitespace(nextCodePoint(text, j))) break;
        i = j;
      }
      begin = i;
    }
    if (right_) {
      // Walk forward remembering where the trailing whitespace run starts.
      size_t i = begin, runStart = end;
      bool inRun = false;
      while (i < end) {
        size_t j = i;
        const bool ws = isUnicodeWhitespace(nextCodePoint(text, j));
        if (ws && !inRun) runStart = i;
        inRun = ws;
        i = j;
      }
      if (inRun) end = runStart;
    }
    return text.substr(begin, end - begin);
  }

 private:
  bool left_, right_;
};

class StripAccentsNormalizer : public Normalizer {
 public:
  std::string normalize(std::string text) const override {
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
      const size_t s = i;
      const char32_t cp = nextCodePoint(text, i);
      if (u_charType(static_cast<UChar32>(cp)) != U_NON_SPACING_MARK) out.append(text, s, i - s);
    }
    return out;
  }
};

class SequenceNormalizer : public Normalizer {
 public:
  explicit SequenceNormalizer(std::vector<std::unique_ptr<Normalizer>> parts) : parts_(std::move(parts)) {}
  std::string normalize(std::string text) const override {
    for (const auto& p : parts_) text = p->normalize(std::move(text));
    return text;
  }

 private:
  std::vector<std::unique_ptr<Normalizer>> parts_;
};

using Factory = std::unique_ptr<Normalizer> (*)(const json&, const JsonCtx&);
struct Row {
  const char* type;
  Factory make;
};

const Row kRows[] = {
    {"NFC", [](const json&, const JsonCtx&) -> std::unique_ptr<Normalizer> {
       return std::make_unique<FormNormalizer>(NormalForm::NFC);
     }},
    {"NFD", [](const json&, const JsonCtx&) -> std::unique_ptr<Normalizer> {
       return std::make_unique<FormNormalizer>(NormalForm::NFD);
     }},
    {"NFKC", [](const json&, const JsonCtx&) -> std::unique_ptr<Normalizer> {
       return std::make_unique<FormNormalizer>(NormalForm::NFKC);
     }},
    {"NFKD", [](const json&, const JsonCtx&) -> std::unique_ptr<Normalizer> {
       return std::make_unique<FormNormalizer>(NormalForm::NFKD);
     }},
    {"Lowercase", [](const json&, const JsonCtx&) -> std::unique_ptr<Normalizer> {
       return std::make_unique<LowercaseNormalizer>();
     }},
    {"StripAccents", [](const json&, const JsonCtx&) -> std::unique_ptr<Normalizer> {
       return std::make_unique<StripAccentsNormalizer>();
     }},
    {"Prepend", [](const json& j, const JsonCtx& c) -> std::unique_ptr<Normalizer> {
       return std::make_unique<PrependNormalizer>(requireString(j, "prepend", c));
     }},
    {"Replace", [](const json& j, const JsonCtx& c) -> std::unique_ptr<Normalizer> {
       const PatternSpec p = readPattern(requireMember(j, "pattern", c), c.child("pattern"));
       return std::make_unique<ReplaceNormalizer>(p, requireString(j, "content", c));
     }},
    {"Strip", [](const json& j, const JsonCtx& c) -> std::unique_ptr<Normalizer> {
       return std::make_unique<StripNormalizer>(optBool(j, "strip_left", true, c), optBool(j, "strip_right", true, c));
     }},
    {"Sequence", [](const json& j, const JsonCtx& c) -> std::unique_ptr<Normalizer> {
       const json& list = requireMember(j, "normalizers", c);
       const JsonCtx lc = c.child("normalizers");
       if (!list.is_array()) lc.fail("expected a list, got " + typeOf(list));
       std::vector<std::unique_ptr<Normalizer>> parts;
       for (size_t i = 0; i < list.size(); ++i) {
         auto n = makeNormalizer(list[i], lc.index(i));
         if (n) parts.push_back(std::move(n));
       }
       return std::make_unique<SequenceNormalizer>(std::move(parts));
     }},
};

}  // namespace

PatternSpec readPattern(const json& j, const JsonCtx& ctx) {
  if (!j.is_object()) ctx.fail("expected {\"String\": ...} or {\"Regex\": ...}, got " + typeOf(j));
  if (j.contains("String")) return {requireString(j, "String", ctx), true};
  if (j.contains("Regex")) return {requireString(j, "Regex", ctx), false};
  ctx.fail("expected {\"String\": ...} or {\"Regex\": ...}");
}

std::unique_ptr<Normalizer> makeNormalizer(const json& j, const JsonCtx& ctx) {
  if (j.is_null()) return nullptr;
  const std::string type = requireString(j, "type", ctx);
  try {
    return findRow(kRows, type, ctx, "normalizer").make(j, ctx);
  } catch (const std::runtime_error& e) {
    if (dynamic_cast<const Error*>(&e)) throw;
    ctx.fail(e.what());
  }
}

std::unique_ptr<Normalizer> makeNfcNormalizer() { return std::make_unique<FormNormalizer>(NormalForm::NFC); }

}  // namespace peftdesk::tok
