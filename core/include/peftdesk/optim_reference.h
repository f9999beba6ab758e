// The CPU implementation of bitsandbytes' AdamW updates on raw buffers (no LibTorch): the loop the
// peftdesk::adam_* operators run on the CPU (core/train/optim_ops.cpp, in parallel over blocks),
// and the reference the CUDA kernels are tested against on a machine without LibTorch
// (tests/train/test_optim_gpu.cpp). Per-element rules: peftdesk_codec/optim_codec.h.
#pragma once

#include <cstdint>

#include "peftdesk_codec/optim_codec.h"

namespace peftdesk::optim {

// 8-bit blockwise update of the 256-element blocks [blockBegin, blockEnd) of an n-element tensor.
// dtype of p and g: 0 fp32, 1 bf16, 2 fp16.
void adam8bitBlocks(void* p, const void* g, int dtype, uint8_t* state1, uint8_t* state2, float* absmax1, float* absmax2, const float* map1,
                    const float* map2, const codec::AdamScalars& s, int64_t n, int64_t blockBegin, int64_t blockEnd);

// 32-bit update of the elements [begin, end).
void adam32bitRange(void* p, const void* g, int dtype, float* expAvg, float* expAvgSq, const codec::AdamScalars& s, int64_t begin, int64_t end);

}  // namespace peftdesk::optim
