// Added tokens (tokenizer.json "added_tokens", tokenizer_config.json "added_tokens_decoder"):
// strings that are matched in the input before any normalization / BPE and map to one id.
// Matching is leftmost-longest, with the lstrip / rstrip / single_word flags, the way HF
// tokenizers does it; a small byte trie does the matching.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace peftdesk::tok {

struct AddedToken {
  int32_t id = -1;
  std::string content;
  bool singleWord = false;
  bool lstrip = false;
  bool rstrip = false;
  bool normalized = false;
  bool special = false;
};

// Leftmost-longest literal matcher over a set of strings.
class TokenTrie {
 public:
  void add(std::string_view s, int32_t value);
  bool empty() const { return nodes_.size() <= 1; }
  struct Match {
    size_t begin, end;
    int32_t value;
  };
  std::optional<Match> find(std::string_view text, size_t from) const;

 private:
  struct Node {
    std::map<unsigned char, int32_t> next;
    int32_t value = -1;
  };
  std::vector<Node> nodes_{Node{}};
  bool firstByte_[256] = {};
};

// A piece of input after splitting on added tokens: either an added token or plain text.
struct Segment {
  int32_t tokenIndex = -1;  // index into the token list, -1 for text
  size_t begin = 0, end = 0;
};

// Splits `text` on the tokens of `trie` (values = indices into `tokens`) with HF's strip rules.
std::vector<Segment> splitOnAddedTokens(std::string_view text, const TokenTrie& trie,
                                        const std::vector<AddedToken>& tokens);

}  // namespace peftdesk::tok
