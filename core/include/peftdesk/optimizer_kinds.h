// The optimizers a run can use (RUN.json `train.optim`, with transformers' names): one row each,
// read by the RUN.json key table (the allowed names), the trainer (which implementation), the memory
// estimate (state bytes) and `--help`. Torch-free; the implementations are core/train/adamw.h
// (PyTorch's AdamW) and core/train/adamw_bnb.h (bitsandbytes' 8-bit and 32-bit AdamW).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace peftdesk {

enum class OptimizerFamily { TorchAdamW, BitsandbytesAdamW };

struct OptimizerKind {
  const char* name;         // transformers' `optim` value
  OptimizerFamily family;
  int stateBits;            // 32, or 8 (blockwise: 1 byte per moment + an fp32 absmax per 256 elements)
  bool paged;               // bitsandbytes' paged variant: on a GPU the moments of tensors of 100 000 elements or more stay in
                            // pinned host memory (on the CPU they are host memory anyway)
  const char* help;         // one line
};

const std::vector<OptimizerKind>& optimizerKinds();
const OptimizerKind* findOptimizerKind(const std::string& name);
std::vector<std::string> optimizerNames();

// Bytes of optimizer state for one trainable tensor of `numel` elements on the training device
// (both moments; 8-bit tensors under 4096 elements keep fp32 moments, as bitsandbytes'
// min_8bit_size; a paged optimizer on a GPU keeps the moments of large tensors in host memory).
uint64_t optimizerStateBytes(const OptimizerKind& kind, int64_t numel, bool gpu);
constexpr int64_t kPagedMinElements = 100000;  // bitsandbytes pages the states of tensors this large

}  // namespace peftdesk
