// tokenizer.json "decoder" stage: turns token strings back into text. ByteLevel (GPT-2 byte
// alphabet -> bytes -> lossy UTF-8), SentencePiece-style Replace/ByteFallback/Fuse/Strip, Metaspace
// and Sequence. Decoders work on the token list, as in HF tokenizers, because some (Strip,
// Metaspace) act per token and the order of Fuse vs. Strip changes the result.
#include <cstdlib>

#include "tokenizer/pipeline.h"
#include "tokenizer/unicode_utils.h"

namespace peftdesk::tok {
namespace {

class ByteLevelDecoder : public Decoder {
 public:
  void decode(std::vector<std::string>& tokens) const override {
    std::string bytes;
    for (const std::string& t : tokens) {
      std::string mapped;
      bool ok = true;
      size_t i = 0;
      while (i < t.size()) {
        const int b = unicodeToByte(nextCodePoint(t, i));
        if (b < 0) {
          ok = false;
          break;
        }
        mapped += static_cast<char>(b);
      }
      bytes += ok ? mapped : t;  // tokens outside the byte alphabet (added tokens) pass through
    }
    tokens.assign(1, utf8Lossy(bytes));
  }
};

class ReplaceDecoder : public Decoder {
 public:
  ReplaceDecoder(std::string from, std::string to) : from_(std::move(from)), to_(std::move(to)) {}
  void decode(std::vector<std::string>& tokens) const override {
    if (from_.empty()) return;
    for (std::string& t : tokens) {
      std::string out;
      size_t last = 0, pos;
      while ((pos = t.find(from_, last)) != std::string::npos) {
        out.append(t, last, pos - last);
        out += to_;
        last = pos + from_.size();
      }
      out.append(t, last, std::string::npos);
      t.swap(out);
    }
  }

 private:
  std::string from_, to_;
};

// "<0x41>" -> 0x41; -1 when the token is not a byte token.
int byteToken(const std::string& t) {
  if (t.size() != 6 || t.compare(0, 3, "<0x") != 0 || t[5] != '>') return -1;
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  const int hi = hex(t[3]), lo = hex(t[4]);
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

class ByteFallbackDecoder : public Decoder {
 public:
  void decode(std::vector<std::string>& tokens) const override {
    std::vector<std::string> out;
    std::string pending;
    auto flush = [&]() {
      if (pending.empty()) return;
      if (isValidUtf8(pending)) {
        out.push_back(pending);
      } else {
        for (size_t k = 0; k < pending.size(); ++k) out.emplace_back("\xEF\xBF\xBD");
      }
      pending.clear();
    };
    for (std::string& t : tokens) {
      const int b = byteToken(t);
      if (b >= 0) {
        pending += static_cast<char>(b);
        continue;
      }
      flush();
      out.push_back(std::move(t));
    }
    flush();
    tokens.swap(out);
  }
};

class FuseDecoder : public Decoder {
 public:
  void decode(std::vector<std::string>& tokens) const override {
    std::string all;
    for (const auto& t : tokens) all += t;
    tokens.assign(1, all);
  }
};

class StripDecoder : public Decoder {
 public:
  StripDecoder(std::string content, size_t start, size_t stop) : content_(std::move(content)), start_(start), stop_(stop) {}
  void decode(std::vector<std::string>& tokens) const override {
    if (content_.empty()) return;
    for (std::string& t : tokens) {
      size_t begin = 0, end = t.size();
      for (size_t k = 0; k < start_ && t.compare(begin, content_.size(), content_) == 0 && begin < end; ++k)
        begin += content_.size();
      for (size_t k = 0; k < stop_ && end >= begin + content_.size() &&
                         t.compare(end - content_.size(), content_.size(), content_) == 0;
           ++k)
        end -= content_.size();
      t = t.substr(begin, end - begin);
    }
  }

 private:
  std::string content_;
  size_t start_, stop_;
};

class MetaspaceDecoder : public Decoder {
 public:
  MetaspaceDecoder(std::string replacement, bool stripFirst) : replacement_(std::move(replacement)), stripFirst_(stripFirst) {}
  void decode(std::vector<std::string>& tokens) const override {
    for (size_t i = 0; i < tokens.size(); ++i) {
      std::string out;
      const std::string& t = tokens[i];
      size_t pos = 0;
      while (pos < t.size()) {
        if (t.compare(pos, replacement_.size(), replacement_) == 0) {
          if (!(i == 0 && pos == 0 && stripFirst_)) out += ' ';
          pos += replacement_.size();
        } else {
          out += t[pos++];
        }
      }
      tokens[i] = out;
    }
  }

 private:
  std::string replacement_;
  bool stripFirst_;
};

class SequenceDecoder : public Decoder {
 public:
  explicit SequenceDecoder(std::vector<std::unique_ptr<Decoder>> parts) : parts_(std::move(parts)) {}
  void decode(std::vector<std::string>& tokens) const override {
    for (const auto& p : parts_) p->decode(tokens);
  }

 private:
  std::vector<std::unique_ptr<Decoder>> parts_;
};

using Factory = std::unique_ptr<Decoder> (*)(const json&, const JsonCtx&);
struct Row {
  const char* type;
  Factory make;
};

size_t optSize(const json& j, const char* key, const JsonCtx& c) {
  if (!j.contains(key)) return 0;
  const json& v = j.at(key);
  if (!v.is_number_unsigned() && !v.is_number_integer()) c.child(key).fail("expected a non-negative integer");
  const int64_t n = v.get<int64_t>();
  if (n < 0 || n > 1000) c.child(key).fail("out of range");
  return static_cast<size_t>(n);
}

const Row kRows[] = {
    {"ByteLevel", [](const json&, const JsonCtx&) -> std::unique_ptr<Decoder> {
       return std::make_unique<ByteLevelDecoder>();
     }},
    {"Replace", [](const json& j, const JsonCtx& c) -> std::unique_ptr<Decoder> {
       const PatternSpec p = readPattern(requireMember(j, "pattern", c), c.child("pattern"));
       if (!p.literal) c.child("pattern").fail("regex patterns in the Replace decoder are not supported", ErrorCategory::Unsupported);
       return std::make_unique<ReplaceDecoder>(p.text, requireString(j, "content", c));
     }},
    {"ByteFallback", [](const json&, const JsonCtx&) -> std::unique_ptr<Decoder> {
       return std::make_unique<ByteFallbackDecoder>();
     }},
    {"Fuse", [](const json&, const JsonCtx&) -> std::unique_ptr<Decoder> { return std::make_unique<FuseDecoder>(); }},
    {"Strip", [](const json& j, const JsonCtx& c) -> std::unique_ptr<Decoder> {
       return std::make_unique<StripDecoder>(requireString(j, "content", c), optSize(j, "start", c), optSize(j, "stop", c));
     }},
    {"Metaspace", [](const json& j, const JsonCtx& c) -> std::unique_ptr<Decoder> {
       bool strip = optBool(j, "add_prefix_space", true, c);
       if (auto s = optString(j, "prepend_scheme", c)) strip = *s != "never";
       return std::make_unique<MetaspaceDecoder>(optString(j, "replacement", c).value_or("\xE2\x96\x81"), strip);
     }},
    {"Sequence", [](const json& j, const JsonCtx& c) -> std::unique_ptr<Decoder> {
       const json& list = requireMember(j, "decoders", c);
       const JsonCtx lc = c.child("decoders");
       if (!list.is_array()) lc.fail("expected a list, got " + typeOf(list));
       std::vector<std::unique_ptr<Decoder>> parts;
       for (size_t i = 0; i < list.size(); ++i) {
         auto d = makeDecoder(list[i], lc.index(i));
         if (d) parts.push_back(std::move(d));
       }
       return std::make_unique<SequenceDecoder>(std::move(parts));
     }},
};

}  // namespace

std::unique_ptr<Decoder> makeDecoder(const json& j, const JsonCtx& ctx) {
  if (j.is_null()) return nullptr;
  return findRow(kRows, requireString(j, "type", ctx), ctx, "decoder").make(j, ctx);
}

std::unique_ptr<Decoder> makeByteLevelDecoder() { return std::make_unique<ByteLevelDecoder>(); }

}  // namespace peftdesk::tok
