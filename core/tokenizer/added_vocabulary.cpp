// See added_vocabulary.h.
#include "tokenizer/added_vocabulary.h"

#include "tokenizer/unicode_utils.h"

namespace peftdesk::tok {

void TokenTrie::add(std::string_view s, int32_t value) {
  if (s.empty()) return;
  int32_t node = 0;
  for (unsigned char c : s) {
    auto it = nodes_[static_cast<size_t>(node)].next.find(c);
    if (it == nodes_[static_cast<size_t>(node)].next.end()) {
      nodes_.push_back(Node{});
      const auto created = static_cast<int32_t>(nodes_.size() - 1);
      nodes_[static_cast<size_t>(node)].next.emplace(c, created);
      node = created;
    } else {
      node = it->second;
    }
  }
  if (nodes_[static_cast<size_t>(node)].value < 0) nodes_[static_cast<size_t>(node)].value = value;
  firstByte_[static_cast<unsigned char>(s[0])] = true;
}

std::optional<TokenTrie::Match> TokenTrie::find(std::string_view text, size_t from) const {
  for (size_t start = from; start < text.size(); ++start) {
    if (!firstByte_[static_cast<unsigned char>(text[start])]) continue;
    int32_t node = 0;
    std::optional<Match> best;
    for (size_t k = start; k < text.size(); ++k) {
      const auto& next = nodes_[static_cast<size_t>(node)].next;
      auto it = next.find(static_cast<unsigned char>(text[k]));
      if (it == next.end()) break;
      node = it->second;
      if (nodes_[static_cast<size_t>(node)].value >= 0) best = Match{start, k + 1, nodes_[static_cast<size_t>(node)].value};
    }
    if (best) return best;
  }
  return std::nullopt;
}

namespace {

// Last code point before `pos` / first at `pos` (U+0000 when none).
char32_t cpBefore(std::string_view s, size_t pos) {
  if (pos == 0) return 0;
  size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  size_t i = start;
  return nextCodePoint(s, i);
}

char32_t cpAt(std::string_view s, size_t pos) {
  if (pos >= s.size()) return 0;
  return nextCodePoint(s, pos);
}

// Start of the whitespace run that ends at `pos`.
size_t whitespaceRunStart(std::string_view s, size_t pos) {
  while (pos > 0) {
    size_t start = pos - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    size_t i = start;
    if (!isUnicodeWhitespace(nextCodePoint(s, i))) break;
    pos = start;
  }
  return pos;
}

size_t whitespaceRunEnd(std::string_view s, size_t pos) {
  while (pos < s.size()) {
    size_t i = pos;
    if (!isUnicodeWhitespace(nextCodePoint(s, i))) break;
    pos = i;
  }
  return pos;
}

}  // namespace

std::vector<Segment> splitOnAddedTokens(std::string_view text, const TokenTrie& trie,
                                        const std::vector<AddedToken>& tokens) {
  std::vector<Segment> out;
  size_t emitted = 0;  // text before this offset is already covered by a segment
  size_t pos = 0;
  while (!trie.empty()) {
    auto m = trie.find(text, pos);
    if (!m) break;
    pos = m->end;
    const AddedToken& tok = tokens[static_cast<size_t>(m->value)];
    size_t begin = m->begin, end = m->end;
    if (begin < emitted) continue;  // inside whitespace an earlier rstrip already took
    if (tok.singleWord) {
      const bool leftOk = begin == 0 || !isWordChar(cpBefore(text, begin));
      const bool rightOk = end == text.size() || !isWordChar(cpAt(text, end));
      if (!leftOk || !rightOk) continue;
    }
    if (tok.lstrip) begin = std::max(whitespaceRunStart(text, begin), emitted);
    if (tok.rstrip) end = whitespaceRunEnd(text, end);
    if (begin > emitted) out.push_back({-1, emitted, begin});
    out.push_back({m->value, begin, end});
    emitted = end;
    pos = std::max(pos, end);
  }
  if (emitted < text.size()) out.push_back({-1, emitted, text.size()});
  return out;
}

}  // namespace peftdesk::tok
