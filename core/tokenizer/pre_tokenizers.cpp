// tokenizer.json "pre_tokenizer" stage: cuts normalized text into words before BPE. Split (regex
// or literal, five delimiter behaviours, invert), ByteLevel (GPT-2 byte alphabet, optional GPT-2
// regex), Metaspace (SentencePiece "▁"), Digits, Whitespace, WhitespaceSplit and Sequence.
#include <unicode/uchar.h>

#include "tokenizer/pipeline.h"
#include "tokenizer/unicode_utils.h"

namespace peftdesk::tok {

const char* const kGpt2Pattern =
    "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
const char* const kQwen2Pattern =
    "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|"
    "\\s+(?!\\S)|\\s+";

namespace {

enum class Behavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

struct Span {
  size_t begin, end;
  bool delimiter;
};

// Turns match ranges into the pieces of `text` according to the delimiter behaviour.
void applyBehavior(const std::string& text, const std::vector<std::pair<size_t, size_t>>& matches, bool invert,
                   Behavior behavior, std::vector<std::string>& out) {
  std::vector<Span> spans;
  size_t last = 0;
  for (const auto& [s, e] : matches) {
    if (s > last) spans.push_back({last, s, invert});
    spans.push_back({s, e, !invert});
    last = e;
  }
  if (last < text.size()) spans.push_back({last, text.size(), invert});

  std::vector<std::pair<size_t, size_t>> pieces;
  bool pendingMergeNext = false;
  for (size_t k = 0; k < spans.size(); ++k) {
    const Span& sp = spans[k];
    switch (behavior) {
      case Behavior::Removed:
        if (!sp.delimiter) pieces.emplace_back(sp.begin, sp.end);
        break;
      case Behavior::Isolated: pieces.emplace_back(sp.begin, sp.end); break;
      case Behavior::MergedWithPrevious:
        if (sp.delimiter && !pieces.empty() && pieces.back().second == sp.begin && k > 0 && !spans[k - 1].delimiter)
          pieces.back().second = sp.end;
        else
          pieces.emplace_back(sp.begin, sp.end);
        break;
      case Behavior::MergedWithNext:
        if (pendingMergeNext && !sp.delimiter)
          pieces.back().second = sp.end;
        else
          pieces.emplace_back(sp.begin, sp.end);
        pendingMergeNext = sp.delimiter;
        break;
      case Behavior::Contiguous:
        if (sp.delimiter && k > 0 && spans[k - 1].delimiter && !pieces.empty())
          pieces.back().second = sp.end;
        else
          pieces.emplace_back(sp.begin, sp.end);
        break;
    }
  }
  for (const auto& [b, e] : pieces)
    if (e > b) out.push_back(text.substr(b, e - b));
}

Behavior parseBehavior(const std::string& s, const JsonCtx& ctx) {
  static const std::pair<const char*, Behavior> kNames[] = {
      {"Removed", Behavior::Removed},
      {"Isolated", Behavior::Isolated},
      {"MergedWithPrevious", Behavior::MergedWithPrevious},
      {"MergedWithNext", Behavior::MergedWithNext},
      {"Contiguous", Behavior::Contiguous},
  };
  for (const auto& [name, b] : kNames)
    if (s == name) return b;
  ctx.fail("unsupported split behavior '" + s + "'", ErrorCategory::Unsupported);
}

class SplitPreTokenizer : public PreTokenizer {
 public:
  SplitPreTokenizer(const PatternSpec& p, Behavior b, bool invert)
      : regex_(p.text, p.literal), behavior_(b), invert_(invert) {}
  void split(std::vector<std::string>& pieces, bool) const override {
    std::vector<std::string> out;
    for (const std::string& piece : pieces) applyBehavior(piece, regex_.findAll(piece), invert_, behavior_, out);
    pieces.swap(out);
  }

 private:
  Regex regex_;
  Behavior behavior_;
  bool invert_;
};

class ByteLevelPreTokenizer : public PreTokenizer {
 public:
  ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex) : addPrefixSpace_(addPrefixSpace) {
    if (useRegex) regex_ = std::make_unique<Regex>(kGpt2Pattern, false);
  }
  void split(std::vector<std::string>& pieces, bool) const override {
    std::vector<std::string> words;
    for (std::string& piece : pieces) {
      if (addPrefixSpace_ && (piece.empty() || piece[0] != ' ')) piece.insert(piece.begin(), ' ');
      if (regex_)
        applyBehavior(piece, regex_->findAll(piece), false, Behavior::Isolated, words);
      else if (!piece.empty())
        words.push_back(std::move(piece));
    }
    for (std::string& w : words) {
      std::string mapped;
      mapped.reserve(w.size() * 2);
      for (unsigned char b : w) mapped += byteToUnicode(b);
      w.swap(mapped);
    }
    pieces.swap(words);
  }

 private:
  bool addPrefixSpace_;
  std::unique_ptr<Regex> regex_;
};

class SequencePreTokenizer : public PreTokenizer {
 public:
  explicit SequencePreTokenizer(std::vector<std::unique_ptr<PreTokenizer>> parts) : parts_(std::move(parts)) {}
  void split(std::vector<std::string>& pieces, bool atInputStart) const override {
    for (const auto& p : parts_) p->split(pieces, atInputStart);
  }

 private:
  std::vector<std::unique_ptr<PreTokenizer>> parts_;
};

enum class Prepend { Always, First, Never };

class MetaspacePreTokenizer : public PreTokenizer {
 public:
  MetaspacePreTokenizer(std::string replacement, Prepend scheme, bool split)
      : replacement_(std::move(replacement)), scheme_(scheme), split_(split) {}
  void split(std::vector<std::string>& pieces, bool atInputStart) const override {
    std::vector<std::string> out;
    for (size_t k = 0; k < pieces.size(); ++k) {
      std::string s;
      for (char c : pieces[k]) {
        if (c == ' ')
          s += replacement_;
        else
          s += c;
      }
      const bool prepend = scheme_ == Prepend::Always || (scheme_ == Prepend::First && k == 0 && atInputStart);
      if (prepend && s.compare(0, replacement_.size(), replacement_) != 0) s = replacement_ + s;
      if (!split_) {
        if (!s.empty()) out.push_back(std::move(s));
        continue;
      }
      std::vector<std::pair<size_t, size_t>> matches;
      for (size_t pos = s.find(replacement_); pos != std::string::npos; pos = s.find(replacement_, pos + 1))
        matches.emplace_back(pos, pos + replacement_.size());
      applyBehavior(s, matches, false, Behavior::MergedWithNext, out);
    }
    pieces.swap(out);
  }

 private:
  std::string replacement_;
  Prepend scheme_;
  bool split_;
};


using Factory = std::unique_ptr<PreTokenizer> (*)(const json&, const JsonCtx&);
struct Row {
  const char* type;
  Factory make;
};

const Row kRows[] = {
    {"Split", [](const json& j, const JsonCtx& c) -> std::unique_ptr<PreTokenizer> {
       const PatternSpec p = readPattern(requireMember(j, "pattern", c), c.child("pattern"));
       const Behavior b = parseBehavior(requireString(j, "behavior", c), c.child("behavior"));
       return std::make_unique<SplitPreTokenizer>(p, b, optBool(j, "invert", false, c));
     }},
    {"ByteLevel", [](const json& j, const JsonCtx& c) -> std::unique_ptr<PreTokenizer> {
       return std::make_unique<ByteLevelPreTokenizer>(optBool(j, "add_prefix_space", true, c),
                                                      optBool(j, "use_regex", true, c));
     }},
    {"Metaspace", [](const json& j, const JsonCtx& c) -> std::unique_ptr<PreTokenizer> {
       const std::string rep = optString(j, "replacement", c).value_or("\xE2\x96\x81");
       Prepend scheme = optBool(j, "add_prefix_space", true, c) ? Prepend::Always : Prepend::Never;
       if (auto s = optString(j, "prepend_scheme", c)) {
         if (*s == "always") scheme = Prepend::Always;
         else if (*s == "first") scheme = Prepend::First;
         else if (*s == "never") scheme = Prepend::Never;
         else c.child("prepend_scheme").fail("unsupported prepend_scheme '" + *s + "'", ErrorCategory::Unsupported);
       }
       return std::make_unique<MetaspacePreTokenizer>(rep, scheme, optBool(j, "split", true, c));
     }},
    {"Digits", [](const json& j, const JsonCtx& c) -> std::unique_ptr<PreTokenizer> {
       const bool individual = optBool(j, "individual_digits", false, c);
       return std::make_unique<SplitPreTokenizer>(PatternSpec{individual ? "\\p{Nd}" : "\\p{Nd}+", false}, Behavior::Isolated, false);
     }},
    {"Whitespace", [](const json&, const JsonCtx&) -> std::unique_ptr<PreTokenizer> {
       return std::make_unique<SplitPreTokenizer>(PatternSpec{"\\w+|[^\\w\\s]+", false}, Behavior::Removed, true);
     }},
    {"WhitespaceSplit", [](const json&, const JsonCtx&) -> std::unique_ptr<PreTokenizer> {
       return std::make_unique<SplitPreTokenizer>(PatternSpec{"\\s+", false}, Behavior::Removed, false);
     }},
    {"Sequence", [](const json& j, const JsonCtx& c) -> std::unique_ptr<PreTokenizer> {
       const json& list = requireMember(j, "pretokenizers", c);
       const JsonCtx lc = c.child("pretokenizers");
       if (!list.is_array()) lc.fail("expected a list, got " + typeOf(list));
       std::vector<std::unique_ptr<PreTokenizer>> parts;
       for (size_t i = 0; i < list.size(); ++i) {
         auto p = makePreTokenizer(list[i], lc.index(i));
         if (p) parts.push_back(std::move(p));
       }
       return std::make_unique<SequencePreTokenizer>(std::move(parts));
     }},
};

}  // namespace

std::unique_ptr<PreTokenizer> makePreTokenizer(const json& j, const JsonCtx& ctx) {
  if (j.is_null()) return nullptr;
  const std::string type = requireString(j, "type", ctx);
  try {
    return findRow(kRows, type, ctx, "pre_tokenizer").make(j, ctx);
  } catch (const std::runtime_error& e) {
    if (dynamic_cast<const Error*>(&e)) throw;
    ctx.fail(e.what());
  }
}

std::unique_ptr<PreTokenizer> makeByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex) {
  return std::make_unique<ByteLevelPreTokenizer>(addPrefixSpace, useRegex);
}

std::unique_ptr<PreTokenizer> makeRegexThenByteLevel(const std::string& pattern) {
  std::vector<std::unique_ptr<PreTokenizer>> parts;
  parts.push_back(std::make_unique<SplitPreTokenizer>(PatternSpec{pattern, false}, Behavior::Isolated, false));
  parts.push_back(std::make_unique<ByteLevelPreTokenizer>(false, false));
  return std::make_unique<SequencePreTokenizer>(std::move(parts));
}

}  // namespace peftdesk::tok
