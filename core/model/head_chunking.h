// When training computes the output head and its cross-entropy in chunks of positions instead of
// as one [positions x vocabulary] logits tensor (model/chunked_head_loss.h does it): from
// kChunkFromElements logits on, kChunkElements logits at a time (at least one row). Torch-free,
// so the memory estimate (core/train/memory_estimate.cpp) plans with the trainer's own rule.
#pragma once

#include <algorithm>
#include <cstdint>

namespace peftdesk {

constexpr int64_t kChunkFromElements = int64_t{8} << 20;  // 8 Mi logits: 32 MiB in fp32
constexpr int64_t kChunkElements = int64_t{4} << 20;      // 4 Mi logits per chunk

// Rows per chunk for `positions` labelled positions over a `vocab`-sized head; 0 = not chunked.
inline int64_t headChunkRows(int64_t positions, int64_t vocab) {
  if (positions <= 0 || vocab <= 0 || positions * vocab < kChunkFromElements) return 0;
  return std::max<int64_t>(1, kChunkElements / vocab);
}

}  // namespace peftdesk
