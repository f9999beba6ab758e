// Per-element rules of bitsandbytes' AdamW update (the `adam` kernels of bitsandbytes 0.48.2, read
// from csrc/kernels.cu; docs/notes/optimizer-8bit-study.md §3), shared by the CPU implementation
// (core/train/optim_reference.cpp) and a CUDA kernel (gpu/optim_kernels.cu), so that both give the same bits:
//   * the 8-bit blockwise update: moments kept as uint8 codes of a dynamic map (signed for m,
//     unsigned for v) with one fp32 absmax per 256 elements; dequantize with the old absmax, update,
//     new absmax = block max of |m| / |v| (padding lanes included), parameter step from the
//     unquantized moments, decoupled decay after the step, requantize with the new absmax;
//   * the 32-bit update (states in fp32), used for tensors under 4096 elements and by
//     paged_adamw_32bit.
// Written with IEEE fp32 operations one at a time (compile with FMA contraction off, as the
// 4-bit codec): bitsandbytes' own CUDA build uses fast math, so a real bitsandbytes GPU run can
// differ from these rules by one code or an ulp in rare elements (study §3.5).
#pragma once

#include <stdint.h>
#include <math.h>


#include "peftdesk_codec/quant4bit_codec.h"

namespace peftdesk::codec {

constexpr int kOptimBlock = 256;               // elements per absmax (both moments)
constexpr int64_t kOptim8bitMinElements = 4096;  // smaller tensors keep fp32 moments (min_8bit_size)
constexpr uint8_t kOptimPadCode1 = 128, kOptimPadCode2 = 0;  // codes the kernel loads for padding lanes

// The scalars of one update, all fp32 as bitsandbytes passes them (ctypes c_float), from
// lr, betas, eps and weight decay already rounded to fp32 and the 1-based step count t.
struct AdamScalars {
  float beta1, beta2, oneMinusBeta1, oneMinusBeta2;
  float stepSize;  // -lr * sqrt(1 - beta2^t) / (1 - beta1^t)
  float c2eps;     // sqrt(1 - beta2^t) * eps (8-bit kernel) — eps * c2 in the 32-bit one, the same product
  float decay;     // 1 - lr * weight_decay
  bool hasDecay;   // weight_decay > 0
};

// Host only: beta^t through the C library's double pow, rounded to fp32 (the IEEE stand-in for
// the kernel's __powf; the same value Python's float ** int gives the study's emulator). Computed
// in the files that include this header, not all built with -ffp-contract=off: exact on x86-64 as
// built here (no -mfma, so nothing can be fused); a target with fused multiply-add by default
// (aarch64) could round `1 - lr * wd` once instead of twice.
// The hyper-parameters arrive as doubles (the operators' schema) and are rounded to fp32 first.
inline AdamScalars adamScalars(double lrIn, double beta1In, double beta2In, double epsIn, double weightDecayIn, int64_t t) {
  const float lr = static_cast<float>(lrIn), beta1 = static_cast<float>(beta1In), beta2 = static_cast<float>(beta2In);
  const float eps = static_cast<float>(epsIn), weightDecay = static_cast<float>(weightDecayIn);
  AdamScalars s;
  s.beta1 = beta1;
  s.beta2 = beta2;
  s.oneMinusBeta1 = 1.0f - beta1;
  s.oneMinusBeta2 = 1.0f - beta2;
  const float c1 = 1.0f - static_cast<float>(pow(static_cast<double>(beta1), static_cast<double>(t)));
  const float c2 = sqrtf(1.0f - static_cast<float>(pow(static_cast<double>(beta2), static_cast<double>(t))));
  const float numerator = -lr * c2;
  s.stepSize = numerator / c1;
  s.c2eps = c2 * eps;
  const float lrWd = lr * weightDecay;
  s.decay = 1.0f - lrWd;
  s.hasDecay = weightDecay > 0.0f;
  return s;
}

// fp32 midpoints of adjacent entries of a sorted 256-entry map: m_k = fl(fl(c_k + c_{k+1}) * 0.5).
PD_HD inline void pdMidpoints(const float* code256, float* mid255) {
  for (int k = 0; k < 255; ++k) {
    const float sum = code256[k] + code256[k + 1];
    mid255[k] = sum * 0.5f;
  }
}

// The optimizer kernel's lookup (quantize_2D, a bisection ending in a midpoint comparison), in
// closed form: the number of midpoints below x, where x exactly on m_k counts when k is odd (a tie
// goes to the even index). NaN -> 0; anything above 1 -> 255. Binary search, 8 probes.
PD_HD inline uint8_t pdOptimCode(float x, const float* mid255) {
  if (x != x) return 0;
  int lo = 0, hi = 255;  // first index in [0, 255] whose midpoint is >= x (255 = none)
  while (lo < hi) {
    const int m = (lo + hi) >> 1;
    if (mid255[m] < x) lo = m + 1;
    else hi = m;
  }
  if (lo < 255 && mid255[lo] == x && (lo & 1)) ++lo;
  return uint8_t(lo);
}

// state1's sign fix: a code whose map value has the other sign than m moves one step towards m's
// side (uint8 wrap-around, as the kernel's unsigned char arithmetic).
PD_HD inline uint8_t pdSignFix(uint8_t q, float m, const float* code1) {
  if (signbit(code1[q]) != signbit(m)) return m > 0.0f ? uint8_t(q + 1) : uint8_t(q - 1);
  return q;
}

// One lane's moments from the old codes and absmax: v first, then m. A non-finite gradient resets
// both to 0 (the kernel's guard); `finite` reports it so that the parameter is left alone.
PD_HD inline void pdAdam8bitMoments(float g, uint8_t code1, uint8_t code2, float absmax1, float absmax2, const float* map1,
                                    const float* map2, const AdamScalars& s, float* m, float* v, bool* finite) {
  *finite = isfinite(g);
  if (!*finite) {
    *m = 0.0f;
    *v = 0.0f;
    return;
  }
  const float oldV = map2[code2] * absmax2;
  const float decayedV = oldV * s.beta2;
  const float scaledG = s.oneMinusBeta2 * g;
  const float gg = scaledG * g;
  *v = decayedV + gg;
  const float oldM = map1[code1] * absmax1;
  const float decayedM = oldM * s.beta1;
  const float newG = s.oneMinusBeta1 * g;
  *m = decayedM + newG;
}

// The parameter after one step, in fp32 (the caller rounds to the parameter dtype after the
// update and again after the decay: two roundings for bf16 / fp16, as the kernel stores twice).
PD_HD inline float pdAdamUpdate(float p, float m, float v, float stepSize, float c2eps) {
  const float denom = sqrtf(v) + c2eps;
  const float ratio = m / denom;
  const float delta = stepSize * ratio;
  return p + delta;
}

// One lane of the 32-bit kernel: m, v updated in place, the new parameter (before decay) returned.
// No finiteness guard (a NaN gradient propagates, as in bitsandbytes).
PD_HD inline float pdAdam32bitLane(float p, float g, float* m, float* v, const AdamScalars& s) {
  const float decayedM = *m * s.beta1;
  const float newG = s.oneMinusBeta1 * g;
  *m = decayedM + newG;
  const float decayedV = *v * s.beta2;
  const float gg = g * g;
  const float scaledGg = s.oneMinusBeta2 * gg;
  *v = decayedV + scaledGg;
  return pdAdamUpdate(p, *m, *v, s.stepSize, s.c2eps);
}

// Element type conversions of a parameter (fp32, bf16, fp16; round to nearest even).
PD_HD inline float pdLoadParam(const void* p, int64_t i, int type) {
  if (type == 1) return bf16ToFloat(static_cast<const uint16_t*>(p)[i]);
  if (type == 2) return f16ToFloat(static_cast<const uint16_t*>(p)[i]);
  return static_cast<const float*>(p)[i];
}
PD_HD inline float pdRoundParam(float x, int type) {
  if (type == 1) return bf16ToFloat(floatToBf16(x));
  if (type == 2) return f16ToFloat(floatToF16(x));
  return x;
}
PD_HD inline void pdStoreParam(void* p, int64_t i, int type, float x) {
  if (type == 1) static_cast<uint16_t*>(p)[i] = floatToBf16(x);
  else if (type == 2) static_cast<uint16_t*>(p)[i] = floatToF16(x);
  else static_cast<float*>(p)[i] = x;
}

}  // namespace peftdesk::codec
