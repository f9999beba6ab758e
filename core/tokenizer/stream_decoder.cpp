// TokenStreamDecoder: incremental detokenization for generation. Decoding token by token is
// wrong for SentencePiece (a word's leading "▁" is dropped when it starts the text; the slow
// Llama tokenizer puts spaces around special tokens depending on their position) and for
// byte-level / byte-fallback tokens that carry half a UTF-8 character. Decoding only a window of
// recent ids is not enough for the position-dependent rules, so we decode all ids so far and emit
// the part beyond what was already emitted, holding back while the text ends in an incomplete
// character (U+FFFD). Cost is O(n) per token, negligible next to a forward pass.
#include "peftdesk/tokenizer.h"

namespace peftdesk {

namespace {
const std::string kReplacement = "\xEF\xBF\xBD";

bool endsWithReplacement(const std::string& s) {
  return s.size() >= 3 && s.compare(s.size() - 3, 3, kReplacement) == 0;
}
}  // namespace

TokenStreamDecoder::TokenStreamDecoder(const Tokenizer& tokenizer, bool skipSpecialTokens)
    : tokenizer_(tokenizer), skipSpecialTokens_(skipSpecialTokens) {}

void TokenStreamDecoder::reset() {
  ids_.clear();
  emitted_.clear();
}

std::string TokenStreamDecoder::push(int32_t id) {
  ids_.push_back(id);
  const std::string full = tokenizer_.decode(ids_, skipSpecialTokens_);
  if (full.size() <= emitted_.size() || endsWithReplacement(full)) return {};
  // Text that was already emitted cannot be taken back; if a later token changed it (e.g. a
  // clean-up rule), carry on after the same number of bytes.
  std::string out = full.substr(emitted_.size());
  emitted_ = full;
  return out;
}

std::string TokenStreamDecoder::flush() {
  const std::string full = tokenizer_.decode(ids_, skipSpecialTokens_);
  if (full.size() <= emitted_.size()) return {};
  std::string out = full.substr(emitted_.size());
  emitted_ = full;
  return out;
}

}  // namespace peftdesk
