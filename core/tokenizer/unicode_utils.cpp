// See unicode_utils.h. UTF-8 handling is done by hand (so that invalid input bytes keep their
// exact byte offsets); normalization, character properties and regexes go through ICU.
#include "tokenizer/unicode_utils.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <stdexcept>

namespace peftdesk::tok {

size_t utf8SeqLen(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

char32_t nextCodePoint(std::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const size_t n = utf8SeqLen(c);
  if (n == 1) {
    ++i;
    return c < 0x80 ? c : 0xFFFD;
  }
  if (i + n > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Reject overlong forms, surrogates and out-of-range values like a strict decoder does.
  static const char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += n;
  return cp;
}

void appendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool isValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const size_t before = i;
    const char32_t cp = nextCodePoint(s, i);
    if (cp == 0xFFFD && !(i - before == 3 && s.substr(before, 3) == "\xEF\xBF\xBD")) return false;
  }
  return true;
}

std::string utf8Lossy(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  size_t i = 0;
  while (i < bytes.size()) {
    const size_t before = i;
    const char32_t cp = nextCodePoint(bytes, i);
    if (cp == 0xFFFD && !(i - before == 3 && bytes.substr(before, 3) == "\xEF\xBF\xBD")) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(bytes.substr(before, i - before));
    }
  }
  return out;
}

size_t completeUtf8Prefix(std::string_view s) {
  // Look back at most 3 bytes for a lead byte whose sequence runs past the end.
  const size_t n = s.size();
  for (size_t back = 1; back <= 4 && back <= n; ++back) {
    const auto c = static_cast<unsigned char>(s[n - back]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte, keep looking for the lead
    const size_t need = utf8SeqLen(c);
    return need > back ? n - back : n;
  }
  return n;
}

bool isUnicodeWhitespace(char32_t cp) { return u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_WHITE_SPACE); }

bool isWordChar(char32_t cp) {
  if (cp == U'_') return true;
  const auto c = static_cast<UChar32>(cp);
  if (u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) return true;
  const int8_t t = u_charType(c);
  return t == U_DECIMAL_DIGIT_NUMBER || t == U_LETTER_NUMBER || t == U_OTHER_NUMBER;
}

namespace {

struct ByteTables {
  std::array<std::string, 256> toUnicode;
  std::array<int, 324> fromUnicode{};  // every mapped code point is < 256 + 68
  ByteTables() {
    fromUnicode.fill(-1);
    int extra = 0;
    for (int b = 0; b < 256; ++b) {
      const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      const char32_t cp = printable ? static_cast<char32_t>(b) : static_cast<char32_t>(256 + extra++);
      appendUtf8(toUnicode[b], cp);
      fromUnicode[cp] = b;
    }
  }
};

const ByteTables& byteTables() {
  static const ByteTables tables;
  return tables;
}

// UTF-8 -> UTF-16 keeping, for every UTF-16 unit, the byte offset it came from.
icu::UnicodeString toUnicodeString(std::string_view s, std::vector<size_t>* offsets) {
  icu::UnicodeString u;
  if (offsets) offsets->clear();
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = i;
    const char32_t cp = nextCodePoint(s, i);
    const int before = u.length();
    u.append(static_cast<UChar32>(cp));
    if (offsets)
      for (int k = before; k < u.length(); ++k) offsets->push_back(start);
  }
  if (offsets) offsets->push_back(s.size());
  return u;
}

std::string toUtf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Oniguruma (used by HF tokenizers) gives \s, \S, \w, \W Unicode meanings that differ slightly
// from ICU's (\s includes U+000B and U+0085 there), so spell them out as properties.
std::string translatePattern(const std::string& p) {
  std::string out;
  out.reserve(p.size() + 16);
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] != '\\' || i + 1 >= p.size()) {
      out += p[i];
      continue;
    }
    const char n = p[++i];
    switch (n) {
      case 's': out += "\\p{White_Space}"; break;
      case 'S': out += "\\P{White_Space}"; break;
      case 'w': out += "[\\p{L}\\p{M}\\p{Nd}\\p{Pc}]"; break;
      case 'W': out += "[^\\p{L}\\p{M}\\p{Nd}\\p{Pc}]"; break;
      default:
        out += '\\';
        out += n;
    }
  }
  return out;
}

}  // namespace

const std::string& byteToUnicode(unsigned char b) { return byteTables().toUnicode[b]; }

int unicodeToByte(char32_t cp) {
  const auto& t = byteTables().fromUnicode;
  return cp < t.size() ? t[cp] : -1;
}

std::string icuNormalize(std::string_view text, NormalForm form) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* norm = nullptr;
  switch (form) {
    case NormalForm::NFC: norm = icu::Normalizer2::getNFCInstance(status); break;
    case NormalForm::NFD: norm = icu::Normalizer2::getNFDInstance(status); break;
    case NormalForm::NFKC: norm = icu::Normalizer2::getNFKCInstance(status); break;
    case NormalForm::NFKD: norm = icu::Normalizer2::getNFKDInstance(status); break;
  }
  if (U_FAILURE(status) || !norm) throw std::runtime_error("ICU normalizer unavailable");
  const icu::UnicodeString src = toUnicodeString(text, nullptr);
  if (norm->isNormalized(src, status) && U_SUCCESS(status)) return toUtf8(src);
  status = U_ZERO_ERROR;
  const icu::UnicodeString dst = norm->normalize(src, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU normalization failed");
  return toUtf8(dst);
}

std::string icuLowercase(std::string_view text) {
  icu::UnicodeString u = toUnicodeString(text, nullptr);
  u.toLower(icu::Locale::getRoot());
  return toUtf8(u);
}

struct Regex::Impl {
  std::unique_ptr<icu::RegexPattern> pattern;
};

Regex::Regex(const std::string& pattern, bool literal) : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parseError{};
  const std::string source = literal ? pattern : translatePattern(pattern);
  const icu::UnicodeString upat = toUnicodeString(source, nullptr);
  impl_->pattern.reset(icu::RegexPattern::compile(upat, literal ? UREGEX_LITERAL : 0, parseError, status));
  if (U_FAILURE(status) || !impl_->pattern) {
    throw std::runtime_error(std::string("invalid regular expression (") + u_errorName(status) + " at offset " +
                             std::to_string(parseError.offset) + ")");
  }
}

Regex::~Regex() = default;

std::vector<std::pair<size_t, size_t>> Regex::findAll(std::string_view text) const {
  std::vector<std::pair<size_t, size_t>> out;
  std::vector<size_t> offsets;
  const icu::UnicodeString u = toUnicodeString(text, &offsets);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(impl_->pattern->matcher(u, status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU regex matcher failed");
  while (m->find(status) && U_SUCCESS(status)) {
    const int32_t s = m->start(status);
    const int32_t e = m->end(status);
    if (e > s) out.emplace_back(offsets[s], offsets[e]);
  }
  return out;
}

}  // namespace peftdesk::tok
