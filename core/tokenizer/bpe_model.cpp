// See bpe_model.h. Merges are keyed by the pair of token ids (not strings) so lookups in the
// merge loop are one hash of a 64-bit integer; the loop uses a min-heap of candidate pairs with
// lazy invalidation, so long words (runs of spaces, minified code) stay O(n log n).
#include "tokenizer/bpe_model.h"

#include <cstdio>
#include <queue>

#include "tokenizer/unicode_utils.h"

namespace peftdesk::tok {

namespace {
constexpr size_t kCacheMaxEntries = 50000;
constexpr size_t kCacheMaxWordBytes = 256;
}  // namespace

BpeModel::BpeModel(std::unordered_map<std::string, int32_t> vocab,
                   const std::vector<std::pair<std::string, std::string>>& merges, BpeOptions options,
                   const MergeError& onError)
    : vocab_(std::move(vocab)), options_(std::move(options)) {
  int32_t maxId = -1;
  for (const auto& [tok, id] : vocab_) maxId = std::max(maxId, id);
  idToToken_.resize(static_cast<size_t>(maxId + 1));
  present_.assign(idToToken_.size(), false);
  for (const auto& [tok, id] : vocab_) {
    idToToken_[static_cast<size_t>(id)] = tok;
    present_[static_cast<size_t>(id)] = true;
  }
  if (options_.unkToken) {
    auto it = vocab_.find(*options_.unkToken);
    if (it != vocab_.end()) unkId_ = it->second;
  }
  for (int b = 0; b < 256; ++b) {
    char name[8];
    std::snprintf(name, sizeof name, "<0x%02X>", b);
    auto it = vocab_.find(name);
    byteIds_[b] = it == vocab_.end() ? -1 : it->second;
  }
  merges_.reserve(merges.size() * 2);
  const std::string& prefix = options_.continuingSubwordPrefix;
  for (size_t i = 0; i < merges.size(); ++i) {
    const auto& [a, b] = merges[i];
    auto ia = vocab_.find(a);
    if (ia == vocab_.end()) onError(i, "merge refers to token '" + a + "' which is not in the vocabulary");
    auto ib = vocab_.find(b);
    if (ib == vocab_.end()) onError(i, "merge refers to token '" + b + "' which is not in the vocabulary");
    std::string merged = a;
    if (!prefix.empty() && b.compare(0, prefix.size(), prefix) == 0)
      merged += b.substr(prefix.size());
    else
      merged += b;
    auto im = vocab_.find(merged);
    if (im == vocab_.end()) onError(i, "merged token '" + merged + "' is not in the vocabulary");
    // A repeated pair keeps its last rank, as in HF tokenizers and the GPT-2 reference code.
    merges_.insert_or_assign(key(ia->second, ib->second), Merge{static_cast<int32_t>(i), im->second});
  }
}

std::optional<int32_t> BpeModel::tokenToId(std::string_view token) const {
  auto it = vocab_.find(std::string(token));
  if (it == vocab_.end()) return std::nullopt;
  return it->second;
}

const std::string* BpeModel::idToToken(int32_t id) const {
  if (id < 0 || static_cast<size_t>(id) >= idToToken_.size() || !present_[static_cast<size_t>(id)]) return nullptr;
  return &idToToken_[static_cast<size_t>(id)];
}

void BpeModel::encodeWord(std::string_view word, std::vector<int32_t>& out) const {
  if (word.empty()) return;
  if (options_.ignoreMerges) {
    auto it = vocab_.find(std::string(word));
    if (it != vocab_.end()) {
      out.push_back(it->second);
      return;
    }
  }
  const bool cacheable = word.size() <= kCacheMaxWordBytes;
  if (cacheable) {
    std::lock_guard<std::mutex> lock(cacheMutex_);
    auto it = cache_.find(std::string(word));
    if (it != cache_.end()) {
      out.insert(out.end(), it->second.begin(), it->second.end());
      return;
    }
  }
  std::vector<int32_t> ids;
  mergeSymbols(word, ids);
  if (cacheable) {
    std::lock_guard<std::mutex> lock(cacheMutex_);
    if (cache_.size() >= kCacheMaxEntries) cache_.clear();
    cache_.emplace(std::string(word), ids);
  }
  out.insert(out.end(), ids.begin(), ids.end());
}

void BpeModel::mergeSymbols(std::string_view word, std::vector<int32_t>& out) const {
  struct Symbol {
    int32_t id;
    int32_t prev, next;
    bool alive;
  };
  std::vector<Symbol> syms;
  syms.reserve(word.size());
  auto push = [&](int32_t id) {
    const auto n = static_cast<int32_t>(syms.size());
    syms.push_back({id, n - 1, n + 1, true});
  };

  // 1. Characters -> initial symbols (with unk / byte fallback handling).
  int32_t pendingUnk = -1;  // a run of unknown characters not yet emitted
  size_t i = 0;
  std::string piece;
  while (i < word.size()) {
    const size_t start = i;
    nextCodePoint(word, i);
    const bool first = start == 0, last = i >= word.size();
    piece.clear();
    if (!first) piece += options_.continuingSubwordPrefix;
    piece.append(word.substr(start, i - start));
    if (last) piece += options_.endOfWordSuffix;
    auto it = vocab_.find(piece);
    if (it != vocab_.end()) {
      if (pendingUnk >= 0) {
        push(pendingUnk);
        pendingUnk = -1;
      }
      push(it->second);
      continue;
    }
    if (options_.byteFallback) {
      bool all = true;
      for (size_t k = start; k < i; ++k) all = all && byteIds_[static_cast<unsigned char>(word[k])] >= 0;
      if (all) {
        for (size_t k = start; k < i; ++k) push(byteIds_[static_cast<unsigned char>(word[k])]);
        continue;
      }
    }
    if (unkId_) {
      if (pendingUnk >= 0 && !options_.fuseUnk) push(pendingUnk);
      pendingUnk = *unkId_;
    }
  }
  if (pendingUnk >= 0) push(pendingUnk);
  if (syms.empty()) return;
  syms.back().next = -1;

  // 2. Merge loop: always apply the lowest-ranked pair present, leftmost first.
  struct Candidate {
    int32_t rank;
    int32_t left;
    int32_t right;
    int32_t newId;
    bool operator>(const Candidate& o) const { return rank != o.rank ? rank > o.rank : left > o.left; }
  };
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<Candidate>> heap;
  auto consider = [&](int32_t left) {
    if (left < 0) return;
    const int32_t right = syms[static_cast<size_t>(left)].next;
    if (right < 0) return;
    auto it = merges_.find(key(syms[static_cast<size_t>(left)].id, syms[static_cast<size_t>(right)].id));
    if (it != merges_.end()) heap.push({it->second.rank, left, right, it->second.newId});
  };
  for (int32_t k = 0; k + 1 < static_cast<int32_t>(syms.size()); ++k) consider(k);
  while (!heap.empty()) {
    const Candidate c = heap.top();
    heap.pop();
    Symbol& l = syms[static_cast<size_t>(c.left)];
    if (!l.alive || l.next != c.right) continue;
    Symbol& r = syms[static_cast<size_t>(c.right)];
    if (!r.alive) continue;
    // Stale if either side changed since the candidate was pushed.
    auto it = merges_.find(key(l.id, r.id));
    if (it == merges_.end() || it->second.rank != c.rank) continue;
    l.id = c.newId;
    l.next = r.next;
    r.alive = false;
    if (r.next >= 0) syms[static_cast<size_t>(r.next)].prev = c.left;
    consider(l.prev);
    consider(c.left);
  }
  for (int32_t k = 0; k >= 0; k = syms[static_cast<size_t>(k)].next) out.push_back(syms[static_cast<size_t>(k)].id);
}

}  // namespace peftdesk::tok
