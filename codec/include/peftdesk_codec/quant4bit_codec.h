// Per-element rules of bitsandbytes-compatible 4-bit quantization (spec/peft-interop.md §6),
// shared by the CPU reference (core/quant/quant4bit_cpu.cpp) and the CUDA kernels
// (gpu/quant4bit_kernels.cu). Header-only, no std:: containers, usable from host and device.
//
// Two NF4 coding rules exist in bitsandbytes and they can disagree by one code on values within
// an ulp or so of a midpoint:
//   * pdNearestCode16: the CPU/default backend (bnb 0.48.2 backends/default/ops.py):
//     argmin_k |s - code[k]| computed in fp32, first minimum wins (ties to the lower code), NaN -> 0.
//     This is what the CPU reference and, by default, our CUDA kernels use, so that both give the
//     bytes the pinned reference environment (CPU bitsandbytes) produces.
//   * pdNf4CodeTree: the CUDA decision tree (count of fp32 thresholds t with s > t; NaN -> 0).
// Everything here is written so that nvcc and a host compiler give the same fp32 results: only
// single roundings (one multiply, one subtract, fabs, compares) — no a*b+c that could be fused.
#pragma once

#include <stdint.h>
#include <math.h>
#include <string.h>

#if defined(__CUDACC__)
#define PD_HD __host__ __device__
#else
#define PD_HD
#endif

namespace peftdesk::codec {

// ---- bit casts and 16-bit float conversions (round to nearest even, as torch) -----------------
PD_HD inline uint32_t floatBits(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}
PD_HD inline float bitsFloat(uint32_t u) {
  float f;
  memcpy(&f, &u, 4);
  return f;
}
PD_HD inline float bf16ToFloat(uint16_t h) { return bitsFloat(uint32_t(h) << 16); }
PD_HD inline uint16_t floatToBf16(float f) {
  uint32_t u = floatBits(f);
  if ((u & 0x7fffffffu) > 0x7f800000u) return uint16_t((u >> 16) | 0x40u);  // quiet NaN
  uint32_t rounding = 0x7fffu + ((u >> 16) & 1u);
  return uint16_t((u + rounding) >> 16);
}
PD_HD inline float f16ToFloat(uint16_t h) {
  uint32_t sign = uint32_t(h & 0x8000u) << 16;
  uint32_t exp = (h >> 10) & 0x1fu;
  uint32_t man = h & 0x3ffu;
  if (exp == 0x1f) return bitsFloat(sign | 0x7f800000u | (man << 13));
  if (exp == 0) {
    if (man == 0) return bitsFloat(sign);
    // subnormal: man * 2^-24, exact in fp32
    float v = float(man) * 5.9604644775390625e-08f;
    return sign ? -v : v;
  }
  return bitsFloat(sign | ((exp + 112u) << 23) | (man << 13));
}
PD_HD inline uint16_t floatToF16(float f) {
  uint32_t u = floatBits(f);
  uint16_t sign = uint16_t((u >> 16) & 0x8000u);
  uint32_t a = u & 0x7fffffffu;
  if (a > 0x7f800000u) return uint16_t(sign | 0x7e00u);
  if (a >= 0x477ff000u) return uint16_t(sign | 0x7c00u);  // rounds to >= 65520 -> inf
  if (a < 0x38800000u) {                                   // below 2^-14: subnormal half
    if (a < 0x33000000u) return sign;                        // < 2^-25 rounds to 0 (2^-25 ties to 0)
    uint32_t e = a >> 23;
    uint32_t m = (a & 0x7fffffu) | 0x800000u;
    uint32_t shift = 126u - e;  // value = m * 2^(e-150); half subnormal unit 2^-24 -> shift = 126-e
    uint32_t q = m >> shift;
    uint32_t rem = m & ((1u << shift) - 1u);
    uint32_t halfway = 1u << (shift - 1);
    if (rem > halfway || (rem == halfway && (q & 1u))) ++q;
    return uint16_t(sign | q);
  }
  uint32_t rounded = a + 0xfffu + ((a >> 13) & 1u);
  return uint16_t(sign | ((rounded - 0x38000000u) >> 13));
}

// ---- code tables (float32, exactly as bitsandbytes) --------------------------------------------
// NF4, get_4bit_type("nf4") == backends.utils.CODE["nf4"] == the CUDA LUT.
#define PD_NF4_CODE                                                                                  \
  {-1.0f, -0.6961928009986877f, -0.5250730514526367f, -0.39491748809814453f, -0.28444138169288635f, \
   -0.18477343022823334f, -0.09105003625154495f, 0.0f, 0.07958029955625534f, 0.16093020141124725f,  \
   0.24611230194568634f, 0.33791524171829224f, 0.44070982933044434f, 0.5626170039176941f,           \
   0.7229568362236023f, 1.0f}
// FP4 as stored in QuantState.code (get_4bit_type("fp4")): values/12, code 8 = +0.0.
#define PD_FP4_CODE                                                                                 \
  {0.0f, 0.0052083334885537624f, 0.6666666865348816f, 1.0f, 0.3333333432674408f, 0.5f,             \
   0.1666666716337204f, 0.25f, 0.0f, -0.0052083334885537624f, -0.6666666865348816f, -1.0f,          \
   -0.3333333432674408f, -0.5f, -0.1666666716337204f, -0.25f}
// FP4 table the bnb 0.48.2 CPU/default backend codes against (4 decimal digits, backends/utils.py).
#define PD_FP4_CPU_CODE                                                                             \
  {0.0f, 0.0052f, 0.6667f, 1.0f, 0.3333f, 0.5f, 0.1667f, 0.25f, 0.0f, -0.0052f, -0.6667f, -1.0f,   \
   -0.3333f, -0.5f, -0.1667f, -0.25f}
// CUDA dQuantizeNF4 thresholds (midpoints), ascending.
#define PD_NF4_THRESHOLDS                                                                           \
  {-0.8480964004993439f, -0.6106329262256622f, -0.4599952697753906f, -0.33967943489551544f,        \
   -0.23460740596055984f, -0.13791173323988914f, -0.045525018125772476f, 0.03979014977812767f,     \
   0.1202552504837513f, 0.2035212516784668f, 0.2920137718319893f, 0.3893125355243683f,            \
   0.5016634166240692f, 0.6427869200706482f, 0.8614784181118011f}

constexpr float kNf4Code[16] = PD_NF4_CODE;
constexpr float kFp4Code[16] = PD_FP4_CODE;
constexpr float kFp4CpuCode[16] = PD_FP4_CPU_CODE;
constexpr float kNf4Thresholds[15] = PD_NF4_THRESHOLDS;

enum : int { kNF4 = 0, kFP4 = 1 };

// ---- 4-bit coding ----------------------------------------------------------------------------
// bnb CPU/default rule: first k minimizing fabsf(s - table[k]); NaN -> 0 (torch.argmin treats NaN
// as the minimum and returns its first index).
PD_HD inline uint8_t pdNearestCode16(float s, const float* table) {
  if (s != s) return 0;
  uint8_t best = 0;
  float bestD = fabsf(s - table[0]);
  for (int k = 1; k < 16; ++k) {
    float d = fabsf(s - table[k]);
    if (d < bestD) {
      bestD = d;
      best = uint8_t(k);
    }
  }
  return best;
}

// CUDA rule: number of thresholds strictly below s (ties to the lower code, NaN -> 0).
PD_HD inline uint8_t pdNf4CodeTree(float s) {
  constexpr float t[15] = PD_NF4_THRESHOLDS;
  uint8_t c = 0;
  for (int k = 0; k < 15; ++k) c = uint8_t(c + (s > t[k] ? 1 : 0));
  return c;
}

// CUDA dQuantizeFP4 rule (spec §6.1): sign bit for s < 0, magnitude by thresholds.
PD_HD inline uint8_t pdFp4CodeCuda(float s) {
  uint8_t sign = s < 0.0f ? 8 : 0;
  float a = fabsf(s);
  uint8_t m;
  if (a > 0.29166667f) {
    if (a > 0.583333f) m = a > 0.8333333f ? 3 : 2;
    else m = a > 0.4166667f ? 5 : 4;
  } else {
    if (a > 0.0859375f) m = a > 0.20833333f ? 7 : 6;
    else m = a > 0.00260417f ? 1 : 0;
  }
  return uint8_t(sign | m);
}

// Same result as pdNearestCode16(s, NF4 table), faster: the fp32 distances |s - code[k]| are
// non-increasing towards s on both sides and never equal for two different NF4 codes (they are
// >= 0.08 apart, the subtraction errs by <= 2^-24), so the argmin is one of the two codes that
// bracket s; the threshold count c is one of them, so the window c-1..c+1 (ascending, strict <)
// decides exactly as the full argmin.
PD_HD inline uint8_t pdNf4CodeNearest(float s) {
  constexpr float nf4[16] = PD_NF4_CODE;
  if (s != s) return 0;
  const int c = pdNf4CodeTree(s);
  const int lo = c > 0 ? c - 1 : 0;
  const int hi = c < 15 ? c + 1 : 15;
  int best = lo;
  float bestD = fabsf(s - nf4[lo]);
  for (int k = lo + 1; k <= hi; ++k) {
    const float d = fabsf(s - nf4[k]);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return uint8_t(best);
}

// Normalized value -> code with the bnb CPU/default rule of the given type.
PD_HD inline uint8_t pdCode4(float s, int type) {
  constexpr float fp4[16] = PD_FP4_CPU_CODE;
  return type == kNF4 ? pdNf4CodeNearest(s) : pdNearestCode16(s, fp4);
}

// bnb default path: clamp(x * (1/absmax), -1, 1); NaN passes through (torch.clamp propagates).
PD_HD inline float pdClampUnit(float s) {
  if (s != s) return s;
  return s < -1.0f ? -1.0f : (s > 1.0f ? 1.0f : s);
}

// ---- nibble packing: element 2k -> high nibble of byte k ---------------------------------------
PD_HD inline uint8_t pdPack(uint8_t even, uint8_t odd) { return uint8_t((even << 4) | (odd & 0x0f)); }
PD_HD inline uint8_t pdNibble(const uint8_t* packed, int64_t i) {
  uint8_t b = packed[i >> 1];
  return (i & 1) ? uint8_t(b & 0x0f) : uint8_t(b >> 4);
}

// ---- 8-bit dynamic-map coding for double quantization ------------------------------------------
// bnb 0.48.2 CPU (csrc cpu_ops, vendored binary search): idx = largest k with code[k] <= z
// (clamped to [0, 255]), then idx+1 if it is strictly closer in fp32. The caller passes the map
// with code[0] = -1.0 (the CPU kernel overwrites that entry before searching). NaN (an all-equal
// 256-block, where bnb 0.48.2 itself crashes) -> the code of 0.0 (index 127).
PD_HD inline uint8_t pdDynamicCode(float z, const float* code256) {
  if (z != z) return 127;
  int lo = 0, hi = 256;  // first index with code[k] > z in [lo, hi]
  while (lo < hi) {
    int mid = (lo + hi) >> 1;
    if (code256[mid] <= z) lo = mid + 1;
    else hi = mid;
  }
  int idx = lo - 1;
  if (idx < 0) idx = 0;
  if (idx < 255) {
    float dl = fabsf(z - code256[idx]);
    float dr = fabsf(z - code256[idx + 1]);
    if (dr < dl) ++idx;
  }
  return uint8_t(idx);
}

// ---- double-quantization decoding (spec §6.4) --------------------------------------------------
// absmax = code256[q] * nested + offset with two separate fp32 roundings (never an FMA), as the
// reference computes it. On the host the volatile keeps the compiler from contracting.
PD_HD inline float pdMulRn(float a, float b) {
#if defined(__CUDA_ARCH__)
  return __fmul_rn(a, b);
#else
  volatile float p = a * b;
  return p;
#endif
}
PD_HD inline float pdAddRn(float a, float b) {
#if defined(__CUDA_ARCH__)
  return __fadd_rn(a, b);
#else
  volatile float s = a + b;
  return s;
#endif
}
PD_HD inline float pdDqAbsmax(float dynValue, float nestedAbsmax, float offset) {
  return pdAddRn(pdMulRn(dynValue, nestedAbsmax), offset);
}

}  // namespace peftdesk::codec
