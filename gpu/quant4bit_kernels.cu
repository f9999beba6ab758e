// CUDA kernels of quant4bit_kernels.h. Every kernel has a CPU reference (core/quant/
// quant4bit_cpu.cpp), a tolerance/bit-exact test (tests/quant/test_quant4bit_gpu.cpp) and a
// benchmark (bench/bench_quant4bit.cpp).
#include "peftdesk_gpu/quant4bit_codec.h"
#include "peftdesk_gpu/quant4bit_kernels.h"

#include <cuda_runtime.h>

namespace peftdesk::gpu {
namespace {

namespace cd = peftdesk::codec;

struct Code16 {
  float v[16];
};

__device__ __forceinline__ float loadAs(const void* p, int dtype, int64_t i) {
  if (dtype == 0) return static_cast<const float*>(p)[i];
  const uint16_t h = static_cast<const uint16_t*>(p)[i];
  return dtype == 1 ? cd::bf16ToFloat(h) : cd::f16ToFloat(h);
}

__device__ __forceinline__ void storeAs(void* p, int dtype, int64_t i, float v) {
  if (dtype == 0) static_cast<float*>(p)[i] = v;
  else static_cast<uint16_t*>(p)[i] = dtype == 1 ? cd::floatToBf16(v) : cd::floatToF16(v);
}

__device__ __forceinline__ float nanMax(float a, float b) {
  if (a != a || b != b) return __int_as_float(0x7fc00000);
  return fmaxf(a, b);
}

__device__ __forceinline__ float roundTo(float v, int dtype) {
  if (dtype == 1) return cd::bf16ToFloat(cd::floatToBf16(v));
  if (dtype == 2) return cd::f16ToFloat(cd::floatToF16(v));
  return v;
}

constexpr int kThreads = 256;
constexpr int kWarpsPerBlock = kThreads / 32;

__device__ __forceinline__ float warpNanMax(float m) {
  for (int off = 16; off > 0; off >>= 1) m = nanMax(m, __shfl_xor_sync(0xffffffffu, m, off));
  return m;
}

// One warp per quantization block (blocksize 32..4096 -> 1..128 elements per lane); lanes walk
// element pairs (2k, 2k+1) so each writes whole bytes (blocksize is even: pairs never straddle).
__global__ void quantizeKernel(const void* x, int dtype, int64_t n, int64_t nb, int qtype, int blocksize,
                               uint8_t* packed, float* absmax) {
  const int64_t b = int64_t(blockIdx.x) * kWarpsPerBlock + threadIdx.x / 32;
  if (b >= nb) return;  // whole warps exit together
  const int lane = threadIdx.x & 31;
  const int64_t begin = b * blocksize;
  const int64_t end = min(n, begin + blocksize);
  float m = 0.0f;
  for (int64_t i = begin + lane; i < end; i += 32) m = nanMax(m, fabsf(loadAs(x, dtype, i)));
  m = warpNanMax(m);
  if (lane == 0) absmax[b] = m;
  const float rcp = __frcp_rn(m);
  const bool lowPrecisionPartial = (end - begin) < blocksize && dtype != 0;
  for (int64_t i = begin + 2 * lane; i < end; i += 64) {
    float s0 = __fmul_rn(loadAs(x, dtype, i), rcp);
    if (lowPrecisionPartial) s0 = roundTo(s0, dtype);
    const uint8_t c0 = cd::pdCode4(cd::pdClampUnit(s0), qtype);
    uint8_t c1 = 0;
    if (i + 1 < end) {
      float s1 = __fmul_rn(loadAs(x, dtype, i + 1), rcp);
      if (lowPrecisionPartial) s1 = roundTo(s1, dtype);
      c1 = cd::pdCode4(cd::pdClampUnit(s1), qtype);
    }
    packed[i >> 1] = cd::pdPack(c0, c1);
  }
}

__global__ void dequantizeKernel(const uint8_t* packed, const float* absmax, Code16 code, int64_t n, int blocksize,
                                 int outType, void* out) {
  const int64_t bytes = (n + 1) / 2;
  for (int64_t k = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; k < bytes; k += int64_t(gridDim.x) * blockDim.x) {
    const uint8_t b = packed[k];
    const int64_t i = 2 * k;
    storeAs(out, outType, i, __fmul_rn(code.v[b >> 4], absmax[i / blocksize]));
    if (i + 1 < n) storeAs(out, outType, i + 1, __fmul_rn(code.v[b & 15], absmax[(i + 1) / blocksize]));
  }
}

// One warp per output row; each lane takes one packed byte (two weights) per step. A row of odd
// length starts or ends in the middle of a byte; the element-range test drops the other row's
// nibble. Weights are code * absmax in fp32 (as dequantize), products accumulated in fp32.
__global__ void gemvKernel(const void* x, int dtype, const uint8_t* packedW, const float* absmax, Code16 code,
                           int64_t outFeatures, int64_t inFeatures, int blocksize, void* y) {
  const int64_t row = int64_t(blockIdx.x) * kWarpsPerBlock + threadIdx.x / 32;
  const int lane = threadIdx.x & 31;
  if (row >= outFeatures) return;
  const int64_t first = row * inFeatures, last = first + inFeatures;  // element range [first, last)
  float acc = 0.0f;
  for (int64_t k = first / 2 + lane; 2 * k < last; k += 32) {
    const uint8_t byte = packedW[k];
    const int64_t e0 = 2 * k, e1 = e0 + 1;
    if (e0 >= first) acc += loadAs(x, dtype, e0 - first) * __fmul_rn(code.v[byte >> 4], absmax[e0 / blocksize]);
    if (e1 < last) acc += loadAs(x, dtype, e1 - first) * __fmul_rn(code.v[byte & 15], absmax[e1 / blocksize]);
  }
  for (int off = 16; off > 0; off >>= 1) acc += __shfl_down_sync(0xffffffffu, acc, off);
  if (lane == 0) storeAs(y, dtype, row, acc);
}

Code16 toCode16(const float* code16) {
  Code16 c;
  for (int i = 0; i < 16; ++i) c.v[i] = code16[i];
  return c;
}

}  // namespace

cudaError_t quantize4bit(const void* x, QElem dtype, int64_t n, QType type, int blocksize, uint8_t* packed,
                         float* absmax, cudaStream_t stream) {
  if (blocksize < 32 || blocksize > 4096 || (blocksize & (blocksize - 1)) != 0) return cudaErrorInvalidValue;
  if (n <= 0) return cudaSuccess;
  const int64_t nb = (n + blocksize - 1) / blocksize;
  if ((nb + kWarpsPerBlock - 1) / kWarpsPerBlock > 0x7fffffff) return cudaErrorInvalidValue;
  const int64_t grid = (nb + kWarpsPerBlock - 1) / kWarpsPerBlock;
  quantizeKernel<<<unsigned(grid), kThreads, 0, stream>>>(x, int(dtype), n, nb, int(type), blocksize, packed, absmax);
  return cudaGetLastError();
}

cudaError_t dequantize4bit(const uint8_t* packed, const float* absmax, const float* code16, int64_t n, int blocksize,
                           QElem outType, void* out, cudaStream_t stream) {
  if (blocksize < 32 || blocksize > 4096 || (blocksize & (blocksize - 1)) != 0 || !code16) return cudaErrorInvalidValue;
  if (n <= 0) return cudaSuccess;
  const int64_t bytes = (n + 1) / 2;
  const int64_t want = (bytes + kThreads - 1) / kThreads;
  const int64_t grid = want < 65535 * 8 ? want : 65535 * 8;
  dequantizeKernel<<<unsigned(grid), kThreads, 0, stream>>>(packed, absmax, toCode16(code16), n, blocksize,
                                                            int(outType), out);
  return cudaGetLastError();
}

cudaError_t gemv4bit(const void* x, QElem dtype, const uint8_t* packedW, const float* absmax, const float* code16,
                     int64_t outFeatures, int64_t inFeatures, int blocksize, void* y, cudaStream_t stream) {
  if (blocksize < 32 || blocksize > 4096 || (blocksize & (blocksize - 1)) != 0 || !code16) return cudaErrorInvalidValue;
  if (outFeatures <= 0 || inFeatures <= 0) return cudaSuccess;
  const int64_t grid = (outFeatures + kWarpsPerBlock - 1) / kWarpsPerBlock;
  if (grid > 0x7fffffff) return cudaErrorInvalidValue;
  gemvKernel<<<unsigned(grid), kThreads, 0, stream>>>(x, int(dtype), packedW, absmax, toCode16(code16), outFeatures,
                                                         inFeatures, blocksize, y);
  return cudaGetLastError();
}

}  // namespace peftdesk::gpu
