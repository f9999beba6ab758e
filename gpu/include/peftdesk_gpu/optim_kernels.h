// CUDA kernels of bitsandbytes' AdamW updates (8-bit blockwise and 32-bit states). Raw device
// pointers + streams; the per-element rules are codec/include/peftdesk_codec/optim_codec.h, the
// same the CPU implementation (core/train/optim_ops.cpp) uses, compiled without FMA contraction,
// so both give the same bytes and bits.
#pragma once

#include <cuda_runtime_api.h>
#include <stdint.h>

#include "peftdesk_codec/optim_codec.h"

namespace peftdesk::gpu {

// dtype of p and g: 0 fp32, 1 bf16, 2 fp16. state1 / state2: n codes; absmax1 / absmax2:
// ceil(n / 256) floats (read as the old absmax, overwritten with the new); map1 / map2: 256 device
// floats each. One CUDA block of 256 threads per 256 elements.
cudaError_t adam8bitBlockwise(void* p, const void* g, int dtype, uint8_t* state1, uint8_t* state2, float* absmax1, float* absmax2,
                              const float* map1, const float* map2, const codec::AdamScalars& s, int64_t n, cudaStream_t stream);

// expAvg / expAvgSq: n floats.
cudaError_t adam32bit(void* p, const void* g, int dtype, float* expAvg, float* expAvgSq, const codec::AdamScalars& s, int64_t n,
                      cudaStream_t stream);

}  // namespace peftdesk::gpu
