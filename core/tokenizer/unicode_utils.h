// Small Unicode helpers shared by the tokenizer pipeline: UTF-8 iteration, GPT-2's byte <-> char
// table, ICU normalization and an ICU regex wrapper that reports matches as UTF-8 byte ranges.
// ICU is used (rather than std::regex) because tokenizer.json patterns need \p{L}, \p{N},
// (?i:...) and lookahead, with Oniguruma-compatible meaning of \s.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace peftdesk::tok {

// Length in bytes of the UTF-8 sequence starting with lead byte `c` (1 for invalid bytes).
size_t utf8SeqLen(unsigned char c);
// Decodes one code point at s[i]; advances i. Invalid bytes decode to U+FFFD and advance by 1.
char32_t nextCodePoint(std::string_view s, size_t& i);
void appendUtf8(std::string& out, char32_t cp);
// Replaces invalid UTF-8 by U+FFFD, one per bad byte (like Rust's String::from_utf8_lossy).
std::string utf8Lossy(std::string_view bytes);
bool isValidUtf8(std::string_view s);
// Length of the longest prefix of `s` that does not end inside an incomplete UTF-8 sequence.
size_t completeUtf8Prefix(std::string_view s);

bool isUnicodeWhitespace(char32_t cp);
bool isWordChar(char32_t cp);  // alphanumeric or '_'

// GPT-2 byte-level alphabet: every byte maps to one printable code point (as UTF-8).
const std::string& byteToUnicode(unsigned char b);
// Inverse; returns -1 for code points outside the alphabet.
int unicodeToByte(char32_t cp);

enum class NormalForm { NFC, NFD, NFKC, NFKD };
std::string icuNormalize(std::string_view text, NormalForm form);
std::string icuLowercase(std::string_view text);

// A compiled regular expression (ICU) that yields [start, end) UTF-8 byte ranges of matches.
class Regex {
 public:
  Regex(const std::string& pattern, bool literal);  // throws std::runtime_error with ICU's reason
  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;
  std::vector<std::pair<size_t, size_t>> findAll(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace peftdesk::tok
