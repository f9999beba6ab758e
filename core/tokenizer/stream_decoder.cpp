// TokenStreamDecoder: incremental detokenization for generation. Decoding token by token is
// wrong for SentencePiece (the leading "▁" of a word is stripped when it starts the text) and for
// byte-level / byte-fallback tokens that carry half a UTF-8 character. So we decode a small
// window twice -- the already-emitted context and context + new ids -- and emit the difference
// once it no longer ends in an incomplete character.
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
  prefixOffset_ = readOffset_ = 0;
}

std::string TokenStreamDecoder::push(int32_t id) {
  ids_.push_back(id);
  const std::vector<int32_t> context(ids_.begin() + static_cast<long>(prefixOffset_), ids_.begin() + static_cast<long>(readOffset_));
  const std::vector<int32_t> window(ids_.begin() + static_cast<long>(prefixOffset_), ids_.end());
  const std::string before = tokenizer_.decode(context, skipSpecialTokens_);
  const std::string after = tokenizer_.decode(window, skipSpecialTokens_);
  if (after.size() <= before.size() || endsWithReplacement(after) || after.compare(0, before.size(), before) != 0)
    return {};
  prefixOffset_ = readOffset_;
  readOffset_ = ids_.size();
  return after.substr(before.size());
}

std::string TokenStreamDecoder::flush() {
  if (readOffset_ >= ids_.size()) return {};
  const std::vector<int32_t> context(ids_.begin() + static_cast<long>(prefixOffset_), ids_.begin() + static_cast<long>(readOffset_));
  const std::vector<int32_t> window(ids_.begin() + static_cast<long>(prefixOffset_), ids_.end());
  const std::string before = tokenizer_.decode(context, skipSpecialTokens_);
  const std::string after = tokenizer_.decode(window, skipSpecialTokens_);
  prefixOffset_ = readOffset_ = ids_.size();
  if (after.size() > before.size() && after.compare(0, before.size(), before) == 0) return after.substr(before.size());
  return after.size() > before.size() ? after.substr(before.size()) : std::string();
}

}  // namespace peftdesk
