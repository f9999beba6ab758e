// CUDA kernels of optim_kernels.h. Compiled with --fmad=false (cuda_library/CMakeLists.txt) so
// that nvcc keeps every fp32 operation of optim_codec.h rounded on its own, as the CPU does;
// division and sqrtf are IEEE (nvcc's defaults without fast math). The block maximum is exact in
// any order. Tested against the CPU implementation by tests/train/test_optim_gpu.cpp (gpu label,
// scripts/gpu_bundle.sh); through LibTorch and the trainer by scripts/gpu_check.py step I.
#include "peftdesk_gpu/optim_kernels.h"

#include <cuda_runtime.h>

#include <cfloat>

namespace peftdesk::gpu {
namespace {

namespace cd = peftdesk::codec;

__global__ void adam8bitKernel(void* p, const void* g, int dtype, uint8_t* state1, uint8_t* state2, float* absmax1, float* absmax2,
                               const float* map1, const float* map2, cd::AdamScalars s, int64_t n) {
  __shared__ float code1[256], code2[256], mid1[255], mid2[255];
  __shared__ float red1[cd::kOptimBlock], red2[cd::kOptimBlock];
  const int j = threadIdx.x;
  const int64_t b = blockIdx.x;
  const int64_t i = b * cd::kOptimBlock + j;
  code1[j] = map1[j];
  code2[j] = map2[j];
  __syncthreads();
  if (j < 255) {
    const float sum1 = code1[j] + code1[j + 1];
    mid1[j] = sum1 * 0.5f;
    const float sum2 = code2[j] + code2[j + 1];
    mid2[j] = sum2 * 0.5f;
  }
  const bool valid = i < n;
  const float oldA1 = absmax1[b], oldA2 = absmax2[b];
  const float gj = valid ? cd::pdLoadParam(g, i, dtype) : 0.0f;
  const uint8_t c1 = valid ? state1[i] : cd::kOptimPadCode1;
  const uint8_t c2 = valid ? state2[i] : cd::kOptimPadCode2;
  float m, v;
  bool finite;
  cd::pdAdam8bitMoments(gj, c1, c2, oldA1, oldA2, code1, code2, s, &m, &v, &finite);
  red1[j] = fmaxf(-FLT_MAX, fabsf(m));  // seeded as the CPU loop and bitsandbytes: a NaN lane does not win
  red2[j] = fmaxf(-FLT_MAX, fabsf(v));
  __syncthreads();  // every thread has read the old absmax and written its |m|, |v|
  for (int half = cd::kOptimBlock / 2; half > 0; half >>= 1) {
    if (j < half) {
      red1[j] = fmaxf(red1[j], red1[j + half]);
      red2[j] = fmaxf(red2[j], red2[j + half]);
    }
    __syncthreads();
  }
  const float a1 = red1[0], a2 = red2[0];
  if (j == 0) {
    absmax1[b] = a1;
    absmax2[b] = a2;
  }
  if (!valid) return;
  if (finite) {
    float x = cd::pdRoundParam(cd::pdAdamUpdate(cd::pdLoadParam(p, i, dtype), m, v, s.stepSize, s.c2eps), dtype);
    if (s.hasDecay) x = __fmul_rn(x, s.decay);
    cd::pdStoreParam(p, i, dtype, x);
  }
  const float x1 = __fdiv_rn(m, a1);
  state1[i] = cd::pdSignFix(cd::pdOptimCode(x1, mid1), m, code1);
  const float x2 = __fdiv_rn(v, a2);
  state2[i] = cd::pdOptimCode(x2, mid2);
}

__global__ void adam32bitKernel(void* p, const void* g, int dtype, float* expAvg, float* expAvgSq, cd::AdamScalars s, int64_t n) {
  const int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float m = expAvg[i], v = expAvgSq[i];
  float x = cd::pdRoundParam(cd::pdAdam32bitLane(cd::pdLoadParam(p, i, dtype), cd::pdLoadParam(g, i, dtype), &m, &v, s), dtype);
  if (s.hasDecay) x = __fmul_rn(x, s.decay);
  cd::pdStoreParam(p, i, dtype, x);
  expAvg[i] = m;
  expAvgSq[i] = v;
}

}  // namespace

cudaError_t adam8bitBlockwise(void* p, const void* g, int dtype, uint8_t* state1, uint8_t* state2, float* absmax1, float* absmax2,
                              const float* map1, const float* map2, const cd::AdamScalars& s, int64_t n, cudaStream_t stream) {
  if (n <= 0) return cudaSuccess;
  const int64_t blocks = (n + cd::kOptimBlock - 1) / cd::kOptimBlock;
  adam8bitKernel<<<static_cast<unsigned>(blocks), cd::kOptimBlock, 0, stream>>>(p, g, dtype, state1, state2, absmax1, absmax2, map1, map2, s, n);
  return cudaGetLastError();
}

cudaError_t adam32bit(void* p, const void* g, int dtype, float* expAvg, float* expAvgSq, const cd::AdamScalars& s, int64_t n,
                      cudaStream_t stream) {
  if (n <= 0) return cudaSuccess;
  constexpr int kThreads = 256;
  adam32bitKernel<<<static_cast<unsigned>((n + kThreads - 1) / kThreads), kThreads, 0, stream>>>(p, g, dtype, expAvg, expAvgSq, s, n);
  return cudaGetLastError();
}

}  // namespace peftdesk::gpu
