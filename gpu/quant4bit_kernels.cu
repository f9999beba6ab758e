// CUDA kernels of quant4bit_kernels.h. Every kernel has a CPU reference (core/quant/
// quant4bit_cpu.cpp), a tolerance/bit-exact test (tests/quant/test_quant4bit_gpu.cpp) and a
// benchmark (bench/bench_quant4bit.cpp).
#include "peftdesk_codec/quant4bit_codec.h"
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

// The 16-entry code table goes to shared memory: indexing the kernel-parameter copy with a
// per-lane nibble would serialize on the constant cache.
__device__ __forceinline__ void loadCode(const Code16& code, float* sCode) {
  if (threadIdx.x < 16) sCode[threadIdx.x] = code.v[threadIdx.x];
  __syncthreads();
}

__device__ __forceinline__ uint32_t packPair(float a, float b, int outType) {
  const uint16_t lo = outType == 1 ? cd::floatToBf16(a) : cd::floatToF16(a);
  const uint16_t hi = outType == 1 ? cd::floatToBf16(b) : cd::floatToF16(b);
  return uint32_t(lo) | (uint32_t(hi) << 16);
}

// Generic dequantize: one packed byte (two elements) per thread step; any n, any alignment.
__global__ void dequantizeKernel(const uint8_t* packed, const float* absmax, Code16 code, int64_t n, int bsShift,
                                 int outType, void* out) {
  __shared__ float sCode[16];
  loadCode(code, sCode);
  const int64_t bytes = (n + 1) / 2;
  for (int64_t k = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; k < bytes; k += int64_t(gridDim.x) * blockDim.x) {
    const uint8_t b = packed[k];
    const int64_t i = 2 * k;
    storeAs(out, outType, i, __fmul_rn(sCode[b >> 4], absmax[i >> bsShift]));
    if (i + 1 < n) storeAs(out, outType, i + 1, __fmul_rn(sCode[b & 15], absmax[(i + 1) >> bsShift]));
  }
}

// Vectorised dequantize (n % 16 == 0, aligned buffers): 8 packed bytes -> 16 elements per thread
// step, one absmax (blocksize >= 32 keeps the 16 in one block), 16-byte stores. Same per-element
// arithmetic as dequantizeKernel, so the same bits.
template <int OutType>
__global__ void dequantizeVecKernel(const uint8_t* packed, const float* absmax, Code16 code, int64_t groups,
                                    int bsShift, void* out) {
  __shared__ float sCode[16];
  loadCode(code, sCode);
  for (int64_t g = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; g < groups; g += int64_t(gridDim.x) * blockDim.x) {
    const uint2 raw = reinterpret_cast<const uint2*>(packed)[g];
    const float a = absmax[(g * 16) >> bsShift];
    float v[16];
#pragma unroll
    for (int j = 0; j < 8; ++j) {
      const uint32_t byte = ((j < 4 ? raw.x : raw.y) >> (8 * (j & 3))) & 0xffu;
      v[2 * j] = __fmul_rn(sCode[byte >> 4], a);
      v[2 * j + 1] = __fmul_rn(sCode[byte & 15], a);
    }
    if (OutType == 0) {
      float4* o = reinterpret_cast<float4*>(out) + g * 4;
#pragma unroll
      for (int q = 0; q < 4; ++q) o[q] = make_float4(v[4 * q], v[4 * q + 1], v[4 * q + 2], v[4 * q + 3]);
    } else {
      uint4* o = reinterpret_cast<uint4*>(out) + g * 2;
#pragma unroll
      for (int q = 0; q < 2; ++q)
        o[q] = make_uint4(packPair(v[8 * q], v[8 * q + 1], OutType), packPair(v[8 * q + 2], v[8 * q + 3], OutType),
                          packPair(v[8 * q + 4], v[8 * q + 5], OutType), packPair(v[8 * q + 6], v[8 * q + 7], OutType));
    }
  }
}

// Generic GEMV: one warp per output feature, one packed byte per lane step, each weight decoded
// once for every input row (up to kMaxGemvRows). A weight row of odd length starts or ends in the
// middle of a byte; the element-range test drops the other row's nibble. Weights are code * absmax
// in fp32 (as dequantize), products accumulated in fp32.
constexpr int kMaxGemvRows = 4;

__global__ void gemvKernel(const void* x, int dtype, int rows, const uint8_t* packedW, const float* absmax, Code16 code,
                           int64_t outFeatures, int64_t inFeatures, int bsShift, void* y) {
  __shared__ float sCode[16];
  loadCode(code, sCode);
  const int64_t row = int64_t(blockIdx.x) * kWarpsPerBlock + threadIdx.x / 32;
  const int lane = threadIdx.x & 31;
  if (row >= outFeatures) return;
  const int64_t first = row * inFeatures, last = first + inFeatures;  // element range [first, last)
  float acc[kMaxGemvRows] = {0.0f, 0.0f, 0.0f, 0.0f};
  for (int64_t k = first / 2 + lane; 2 * k < last; k += 32) {
    const uint8_t byte = packedW[k];
    const int64_t e0 = 2 * k, e1 = e0 + 1;
    const float w0 = __fmul_rn(sCode[byte >> 4], absmax[e0 >> bsShift]);
    const float w1 = e1 < last ? __fmul_rn(sCode[byte & 15], absmax[e1 >> bsShift]) : 0.0f;
    for (int r = 0; r < rows; ++r) {
      const int64_t xr = r * inFeatures - first;
      if (e0 >= first) acc[r] += loadAs(x, dtype, xr + e0) * w0;
      if (e1 < last) acc[r] += loadAs(x, dtype, xr + e1) * w1;
    }
  }
  for (int r = 0; r < rows; ++r) {
    float v = acc[r];
    for (int off = 16; off > 0; off >>= 1) v += __shfl_down_sync(0xffffffffu, v, off);
    if (lane == 0) storeAs(y, dtype, r * outFeatures + row, v);
  }
}

__device__ __forceinline__ void unpackHalf8(uint4 r, int dtype, float* out) {
  const uint32_t w[4] = {r.x, r.y, r.z, r.w};
#pragma unroll
  for (int q = 0; q < 4; ++q) {
    const uint16_t lo = uint16_t(w[q] & 0xffffu), hi = uint16_t(w[q] >> 16);
    out[2 * q] = dtype == 1 ? cd::bf16ToFloat(lo) : cd::f16ToFloat(lo);
    out[2 * q + 1] = dtype == 1 ? cd::bf16ToFloat(hi) : cd::f16ToFloat(hi);
  }
}

// Vectorised GEMV (inFeatures % 32 == 0, aligned buffers): one warp per output feature, each lane
// takes 16 packed bytes (32 weights, one absmax block since blocksize >= 32) per step with one
// 16-byte load and decodes them once for all Rows input rows; sum(x * code) is scaled by absmax
// once per 32 weights.
template <int XType, int Rows>
__global__ void gemvVecKernel(const void* x, const uint8_t* packedW, const float* absmax, Code16 code,
                              int64_t outFeatures, int64_t inFeatures, int bsShift, void* y) {
  __shared__ float sCode[16];
  loadCode(code, sCode);
  const int64_t row = int64_t(blockIdx.x) * kWarpsPerBlock + threadIdx.x / 32;
  const int lane = threadIdx.x & 31;
  if (row >= outFeatures) return;
  const uint4* w = reinterpret_cast<const uint4*>(packedW + row * (inFeatures / 2));
  const int64_t chunks = inFeatures / 32;
  float acc[Rows];
#pragma unroll
  for (int r = 0; r < Rows; ++r) acc[r] = 0.0f;
  for (int64_t c = lane; c < chunks; c += 32) {
    const uint4 raw = w[c];
    const float a = absmax[(row * inFeatures + c * 32) >> bsShift];
    const uint32_t words[4] = {raw.x, raw.y, raw.z, raw.w};
    float wv[32];
#pragma unroll
    for (int q = 0; q < 4; ++q)
#pragma unroll
      for (int b = 0; b < 4; ++b) {
        const uint32_t byte = (words[q] >> (8 * b)) & 0xffu;
        wv[8 * q + 2 * b] = sCode[byte >> 4];
        wv[8 * q + 2 * b + 1] = sCode[byte & 15];
      }
#pragma unroll
    for (int r = 0; r < Rows; ++r) {
      float xv[32];
      if (XType == 0) {
        const float4* xp = reinterpret_cast<const float4*>(static_cast<const float*>(x) + r * inFeatures) + c * 8;
#pragma unroll
        for (int q = 0; q < 8; ++q) {
          const float4 f = xp[q];
          xv[4 * q] = f.x, xv[4 * q + 1] = f.y, xv[4 * q + 2] = f.z, xv[4 * q + 3] = f.w;
        }
      } else {
        const uint4* xp = reinterpret_cast<const uint4*>(static_cast<const uint16_t*>(x) + r * inFeatures) + c * 4;
#pragma unroll
        for (int q = 0; q < 4; ++q) unpackHalf8(xp[q], XType, xv + 8 * q);
      }
      float partial = 0.0f;
#pragma unroll
      for (int e = 0; e < 32; e += 2) partial += xv[e] * wv[e] + xv[e + 1] * wv[e + 1];
      acc[r] += partial * a;
    }
  }
#pragma unroll
  for (int r = 0; r < Rows; ++r) {
    float v = acc[r];
    for (int off = 16; off > 0; off >>= 1) v += __shfl_down_sync(0xffffffffu, v, off);
    if (lane == 0) storeAs(y, XType, r * outFeatures + row, v);
  }
}

template <int XType>
void launchGemvVec(int rows, unsigned grid, cudaStream_t stream, const void* x, const uint8_t* packedW, const float* absmax,
                   Code16 code, int64_t outFeatures, int64_t inFeatures, int shift, void* y) {
  switch (rows) {
    case 1: gemvVecKernel<XType, 1><<<grid, kThreads, 0, stream>>>(x, packedW, absmax, code, outFeatures, inFeatures, shift, y); break;
    case 2: gemvVecKernel<XType, 2><<<grid, kThreads, 0, stream>>>(x, packedW, absmax, code, outFeatures, inFeatures, shift, y); break;
    case 3: gemvVecKernel<XType, 3><<<grid, kThreads, 0, stream>>>(x, packedW, absmax, code, outFeatures, inFeatures, shift, y); break;
    default: gemvVecKernel<XType, 4><<<grid, kThreads, 0, stream>>>(x, packedW, absmax, code, outFeatures, inFeatures, shift, y); break;
  }
}

int log2Of(int blocksize) {
  int s = 0;
  while ((1 << s) < blocksize) ++s;
  return s;
}

bool aligned16(const void* p) { return (reinterpret_cast<uintptr_t>(p) & 15u) == 0; }

struct Code256 {
  float v[256];
};

__global__ void decodeAbsmaxKernel(const uint8_t* qabsmax, const float* nestedAbsmax, Code256 code, float offset,
                                   int64_t nb, int nestedBlocksize, float* absmax) {
  __shared__ float sCode[256];
  for (int i = threadIdx.x; i < 256; i += blockDim.x) sCode[i] = code.v[i];
  __syncthreads();
  for (int64_t b = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; b < nb; b += int64_t(gridDim.x) * blockDim.x)
    absmax[b] = cd::pdDqAbsmax(sCode[qabsmax[b]], nestedAbsmax[b / nestedBlocksize], offset);
}

Code16 toCode16(const float* code16) {
  Code16 c;
  for (int i = 0; i < 16; ++i) c.v[i] = code16[i];
  return c;
}

}  // namespace

cudaError_t decodeAbsmax(const uint8_t* qabsmax, const float* nestedAbsmax, const float* code256, float offset,
                         int64_t numBlocks, int nestedBlocksize, float* absmax, cudaStream_t stream) {
  if (!code256 || nestedBlocksize <= 0) return cudaErrorInvalidValue;
  if (numBlocks <= 0) return cudaSuccess;
  Code256 code;
  for (int i = 0; i < 256; ++i) code.v[i] = code256[i];
  const int64_t want = (numBlocks + kThreads - 1) / kThreads;
  const int64_t grid = want < 65535 * 8 ? want : 65535 * 8;
  decodeAbsmaxKernel<<<unsigned(grid), kThreads, 0, stream>>>(qabsmax, nestedAbsmax, code, offset, numBlocks,
                                                               nestedBlocksize, absmax);
  return cudaGetLastError();
}

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
  const int shift = log2Of(blocksize);
  const Code16 code = toCode16(code16);
  if (n % 16 == 0 && aligned16(packed) && aligned16(out)) {
    const int64_t groups = n / 16;
    const int64_t want = (groups + kThreads - 1) / kThreads;
    const unsigned grid = unsigned(want < 65535 * 8 ? want : 65535 * 8);
    if (outType == QElem::F32) dequantizeVecKernel<0><<<grid, kThreads, 0, stream>>>(packed, absmax, code, groups, shift, out);
    else if (outType == QElem::BF16) dequantizeVecKernel<1><<<grid, kThreads, 0, stream>>>(packed, absmax, code, groups, shift, out);
    else dequantizeVecKernel<2><<<grid, kThreads, 0, stream>>>(packed, absmax, code, groups, shift, out);
    return cudaGetLastError();
  }
  const int64_t bytes = (n + 1) / 2;
  const int64_t want = (bytes + kThreads - 1) / kThreads;
  const int64_t grid = want < 65535 * 8 ? want : 65535 * 8;
  dequantizeKernel<<<unsigned(grid), kThreads, 0, stream>>>(packed, absmax, code, n, shift, int(outType), out);
  return cudaGetLastError();
}

cudaError_t gemv4bit(const void* x, QElem dtype, const uint8_t* packedW, const float* absmax, const float* code16,
                     int64_t outFeatures, int64_t inFeatures, int blocksize, void* y, cudaStream_t stream, int rows) {
  if (blocksize < 32 || blocksize > 4096 || (blocksize & (blocksize - 1)) != 0 || !code16) return cudaErrorInvalidValue;
  if (rows < 1 || rows > kMaxGemvRows) return cudaErrorInvalidValue;
  if (outFeatures <= 0 || inFeatures <= 0) return cudaSuccess;
  const int64_t grid = (outFeatures + kWarpsPerBlock - 1) / kWarpsPerBlock;
  if (grid > 0x7fffffff) return cudaErrorInvalidValue;
  const int shift = log2Of(blocksize);
  const Code16 code = toCode16(code16);
  if (inFeatures % 32 == 0 && aligned16(x) && aligned16(packedW)) {
    if (dtype == QElem::F32) launchGemvVec<0>(rows, unsigned(grid), stream, x, packedW, absmax, code, outFeatures, inFeatures, shift, y);
    else if (dtype == QElem::BF16) launchGemvVec<1>(rows, unsigned(grid), stream, x, packedW, absmax, code, outFeatures, inFeatures, shift, y);
    else launchGemvVec<2>(rows, unsigned(grid), stream, x, packedW, absmax, code, outFeatures, inFeatures, shift, y);
    return cudaGetLastError();
  }
  gemvKernel<<<unsigned(grid), kThreads, 0, stream>>>(x, int(dtype), rows, packedW, absmax, code, outFeatures, inFeatures,
                                                         shift, y);
  return cudaGetLastError();
}

}  // namespace peftdesk::gpu
