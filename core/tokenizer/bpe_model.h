// The BPE model: vocabulary, ranked merges, and the merge loop that turns one pre-tokenized word
// into ids (lowest-rank pair first, leftmost on ties, like HF tokenizers), with the unknown-token,
// fuse_unk, byte_fallback (<0xNN>), ignore_merges and subword prefix/suffix options.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace peftdesk::tok {

struct BpeOptions {
  std::optional<std::string> unkToken;
  bool fuseUnk = false;
  bool byteFallback = false;
  bool ignoreMerges = false;
  std::string continuingSubwordPrefix;
  std::string endOfWordSuffix;
};

class BpeModel {
 public:
  // onError(mergeIndex, message) must throw; it is called for merges naming unknown tokens.
  using MergeError = std::function<void(size_t, const std::string&)>;
  BpeModel(std::unordered_map<std::string, int32_t> vocab,
           const std::vector<std::pair<std::string, std::string>>& merges, BpeOptions options,
           const MergeError& onError);

  void encodeWord(std::string_view word, std::vector<int32_t>& out) const;
  std::optional<int32_t> tokenToId(std::string_view token) const;
  const std::string* idToToken(int32_t id) const;  // nullptr for gaps / out of range
  int32_t size() const { return static_cast<int32_t>(idToToken_.size()); }
  const BpeOptions& options() const { return options_; }
  std::optional<int32_t> unkId() const { return unkId_; }

 private:
  void mergeSymbols(std::string_view word, std::vector<int32_t>& out) const;

  struct Merge {
    int32_t rank;
    int32_t newId;
  };
  static uint64_t key(int32_t a, int32_t b) { return (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b); }

  std::unordered_map<std::string, int32_t> vocab_;
  std::vector<std::string> idToToken_;
  std::vector<bool> present_;
  std::unordered_map<uint64_t, Merge> merges_;
  BpeOptions options_;
  std::optional<int32_t> unkId_;
  int32_t byteIds_[256];  // id of "<0xNN>" or -1

  // Words repeat a lot in real text; the merge loop is the hot path.
  mutable std::mutex cacheMutex_;
  mutable std::unordered_map<std::string, std::vector<int32_t>> cache_;
};

}  // namespace peftdesk::tok
