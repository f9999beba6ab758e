// When training computes the output head and its cross-entropy in chunks of positions instead of
// as one [positions x vocabulary] logits tensor (model/chunked_head_loss.h does it). A chunk holds
// about kChunkElements logits but never fewer than kMinChunkRows positions: each chunk's matmuls
// read the whole head weight (155 MB for Qwen3's vocabulary at hidden 256 in fp32, 622 MB at
// hidden 2048 in bf16), so chunks of a few rows turn the head into a memory-bound loop (27-row
// chunks made a small model's CPU step 2.5x slower; 256-row chunks run as fast as one piece,
// decision 32). Chunking starts at two chunks.
// Torch-free, so the memory estimate (core/train/memory_estimate.cpp) plans with the trainer's rule.
#pragma once

#include <algorithm>
#include <cstdint>

namespace peftdesk {

constexpr int64_t kChunkElements = int64_t{8} << 20;  // 8 Mi logits per chunk: 32 MiB in fp32
constexpr int64_t kMinChunkRows = 256;

// Rows per chunk for `positions` labelled positions over a `vocab`-sized head; 0 = not chunked
// (fewer positions than two chunks hold).
inline int64_t headChunkRows(int64_t positions, int64_t vocab) {
  if (positions <= 0 || vocab <= 0) return 0;
  const int64_t rows = std::max(kMinChunkRows, kChunkElements / vocab);
  return positions >= 2 * rows ? rows : 0;
}

}  // namespace peftdesk
