// See dequant4bit_fast.h. Layout of the vector paths: a group of 16 (AVX-512) or 8 (AVX2)
// consecutive elements starting at a multiple of its size lies inside one quantization block
// (blocksize >= 32), so it needs one absmax; its nibbles come from 8 (4) consecutive bytes,
// interleaved high/low into one index vector and looked up with a permute. Heads and tails that
// do not fill a group go through the portable per-element function, which is the reference rule.
#include "peftdesk/dequant4bit_fast.h"

#include <immintrin.h>

#include <cstring>

#include "peftdesk/error.h"
#include "peftdesk_codec/quant4bit_codec.h"

namespace peftdesk::quant {
namespace {

namespace cd = peftdesk::codec;

int log2Of(int64_t v) {
  int s = 0;
  while ((int64_t(1) << s) < v) ++s;
  return s;
}

float roundTo(float v, ElementType t) {
  if (t == ElementType::BF16) return cd::bf16ToFloat(cd::floatToBf16(v));
  if (t == ElementType::F16) return cd::f16ToFloat(cd::floatToF16(v));
  return v;
}

void storeOne(void* out, int64_t i, float v, ElementType t) {
  if (t == ElementType::F32) static_cast<float*>(out)[i] = v;
  else static_cast<uint16_t*>(out)[i] = t == ElementType::BF16 ? cd::floatToBf16(v) : cd::floatToF16(v);
}

void portableRange(const uint8_t* packed, const float* table, const float* absmax, int shift, int64_t begin,
                   int64_t end, ElementType t, void* out) {
  for (int64_t i = begin; i < end; ++i) storeOne(out, i - begin, table[cd::pdNibble(packed, i)] * absmax[i >> shift], t);
}

// fp32 -> bf16 bits, round to nearest even, NaN -> quiet NaN (as cd::floatToBf16), 16 lanes.
__attribute__((target("avx512f,avx512bw"))) __m256i bf16Bits512(__m512 v) {
  const __m512i u = _mm512_castps_si512(v);
  const __m512i lsb = _mm512_and_si512(_mm512_srli_epi32(u, 16), _mm512_set1_epi32(1));
  const __m512i rounded = _mm512_srli_epi32(_mm512_add_epi32(u, _mm512_add_epi32(lsb, _mm512_set1_epi32(0x7fff))), 16);
  const __m512i quiet = _mm512_or_si512(_mm512_srli_epi32(u, 16), _mm512_set1_epi32(0x40));
  const __mmask16 nan = _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q);
  return _mm512_cvtepi32_epi16(_mm512_mask_blend_epi32(nan, rounded, quiet));
}

__attribute__((target("avx512f,avx512bw,avx512vl,f16c"))) void avx512Range(const uint8_t* packed, const float* table,
                                                                          const float* absmax, int shift, int64_t begin,
                                                                          int64_t end, ElementType t, void* out) {
  int64_t i = begin;
  const int64_t head = std::min(end, (begin + 15) & ~int64_t(15));
  portableRange(packed, table, absmax, shift, i, head, t, out);
  i = head;
  const __m512 lut = _mm512_loadu_ps(table);
  const __m128i low4 = _mm_set1_epi8(0x0f);
  for (; i + 16 <= end; i += 16) {
    __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(packed + i / 2));
    const __m128i hi = _mm_and_si128(_mm_srli_epi16(bytes, 4), low4);
    const __m128i lo = _mm_and_si128(bytes, low4);
    const __m512i idx = _mm512_cvtepu8_epi32(_mm_unpacklo_epi8(hi, lo));
    const __m512 v = _mm512_mul_ps(_mm512_permutexvar_ps(idx, lut), _mm512_set1_ps(absmax[i >> shift]));
    const int64_t o = i - begin;
    if (t == ElementType::F32) _mm512_storeu_ps(static_cast<float*>(out) + o, v);
    else if (t == ElementType::BF16)
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(static_cast<uint16_t*>(out) + o), bf16Bits512(v));
    else
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(static_cast<uint16_t*>(out) + o),
                          _mm512_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
  }
  portableRange(packed, table, absmax, shift, i, end, t, static_cast<char*>(out) + (i - begin) * (t == ElementType::F32 ? 4 : 2));
}

__attribute__((target("avx2,f16c"))) __m128i bf16Bits256(__m256 v) {
  const __m256i u = _mm256_castps_si256(v);
  const __m256i lsb = _mm256_and_si256(_mm256_srli_epi32(u, 16), _mm256_set1_epi32(1));
  const __m256i rounded = _mm256_srli_epi32(_mm256_add_epi32(u, _mm256_add_epi32(lsb, _mm256_set1_epi32(0x7fff))), 16);
  const __m256i quiet = _mm256_or_si256(_mm256_srli_epi32(u, 16), _mm256_set1_epi32(0x40));
  const __m256 nan = _mm256_cmp_ps(v, v, _CMP_UNORD_Q);
  const __m256i bits = _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(rounded), _mm256_castsi256_ps(quiet), nan));
  const __m256i packed = _mm256_packus_epi32(bits, bits);  // per 128-bit lane: a0..a3 a0..a3 | a4..a7 a4..a7
  return _mm256_castsi256_si128(_mm256_permute4x64_epi64(packed, 0x08));
}

__attribute__((target("avx2,f16c"))) void avx2Range(const uint8_t* packed, const float* table, const float* absmax,
                                                     int shift, int64_t begin, int64_t end, ElementType t, void* out) {
  int64_t i = begin;
  const int64_t head = std::min(end, (begin + 7) & ~int64_t(7));
  portableRange(packed, table, absmax, shift, i, head, t, out);
  i = head;
  const __m256 lut0 = _mm256_loadu_ps(table), lut1 = _mm256_loadu_ps(table + 8);
  const __m128i low4 = _mm_set1_epi8(0x0f);
  const __m256i seven = _mm256_set1_epi32(7);
  for (; i + 8 <= end; i += 8) {
    uint32_t word;
    std::memcpy(&word, packed + i / 2, 4);
    const __m128i bytes = _mm_cvtsi32_si128(static_cast<int>(word));
    const __m128i hi = _mm_and_si128(_mm_srli_epi16(bytes, 4), low4);
    const __m128i lo = _mm_and_si128(bytes, low4);
    const __m256i idx = _mm256_cvtepu8_epi32(_mm_unpacklo_epi8(hi, lo));
    const __m256 upper = _mm256_castsi256_ps(_mm256_cmpgt_epi32(idx, seven));
    const __m256 code = _mm256_blendv_ps(_mm256_permutevar8x32_ps(lut0, idx), _mm256_permutevar8x32_ps(lut1, idx), upper);
    const __m256 v = _mm256_mul_ps(code, _mm256_set1_ps(absmax[i >> shift]));
    const int64_t o = i - begin;
    if (t == ElementType::F32) _mm256_storeu_ps(static_cast<float*>(out) + o, v);
    else if (t == ElementType::BF16)
      _mm_storeu_si128(reinterpret_cast<__m128i*>(static_cast<uint16_t*>(out) + o), bf16Bits256(v));
    else
      _mm_storeu_si128(reinterpret_cast<__m128i*>(static_cast<uint16_t*>(out) + o),
                       _mm256_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
  }
  portableRange(packed, table, absmax, shift, i, end, t, static_cast<char*>(out) + (i - begin) * (t == ElementType::F32 ? 4 : 2));
}

// Rounds 16 fp32 lanes to the weight dtype and back (bit-identical to storing and reloading).
__attribute__((target("avx512f,avx512bw,avx512vl,f16c"))) __m512 roundLanes512(__m512 v, ElementType t) {
  if (t == ElementType::BF16) return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(bf16Bits512(v)), 16));
  if (t == ElementType::F16) return _mm512_cvtph_ps(_mm512_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
  return v;
}

template <int M>
__attribute__((target("avx512f,avx512bw,avx512vl,f16c"))) void gemvAvx512(const uint8_t* packed, const float* table,
                                                                         const float* absmax, int shift, int64_t n,
                                                                         int64_t k, ElementType wt, const float* x,
                                                                         int64_t rowBegin, int64_t rowEnd, float* y) {
  const __m512 lut = _mm512_loadu_ps(table);
  const __m128i low4 = _mm_set1_epi8(0x0f);
  for (int64_t o = rowBegin; o < rowEnd; ++o) {
    __m512 acc[M];
    for (int r = 0; r < M; ++r) acc[r] = _mm512_setzero_ps();
    const int64_t e0 = o * k;
    const uint8_t* p = packed + e0 / 2;
    for (int64_t j = 0; j < k; j += 16) {
      const __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p + j / 2));
      const __m128i hi = _mm_and_si128(_mm_srli_epi16(bytes, 4), low4);
      const __m128i lo = _mm_and_si128(bytes, low4);
      const __m512i idx = _mm512_cvtepu8_epi32(_mm_unpacklo_epi8(hi, lo));
      const __m512 w = roundLanes512(_mm512_mul_ps(_mm512_permutexvar_ps(idx, lut), _mm512_set1_ps(absmax[(e0 + j) >> shift])), wt);
      for (int r = 0; r < M; ++r) acc[r] = _mm512_fmadd_ps(w, _mm512_loadu_ps(x + r * k + j), acc[r]);
    }
    for (int r = 0; r < M; ++r) y[r * n + o] = _mm512_reduce_add_ps(acc[r]);
  }
}

}  // namespace

bool gemv4bitRowsAvailable() { return bestCpuIsa() == CpuIsa::Avx512; }

void gemv4bitRows(const uint8_t* packed, const float* code16, const float* absmax, int64_t blocksize, int64_t n,
                  int64_t k, ElementType weightType, const float* x, int64_t m, int64_t rowBegin, int64_t rowEnd,
                  float* y) {
  if (!gemv4bitRowsAvailable() || k % 16 != 0 || m < 1 || m > 4 || !isValidBlocksize(blocksize))
    throw Error(ErrorCategory::Runtime, "fused 4-bit GEMV: unsupported shape or CPU");
  float table[16];
  for (int i = 0; i < 16; ++i) table[i] = roundTo(code16[i], weightType);
  const int shift = log2Of(blocksize);
  switch (m) {
    case 1: gemvAvx512<1>(packed, table, absmax, shift, n, k, weightType, x, rowBegin, rowEnd, y); break;
    case 2: gemvAvx512<2>(packed, table, absmax, shift, n, k, weightType, x, rowBegin, rowEnd, y); break;
    case 3: gemvAvx512<3>(packed, table, absmax, shift, n, k, weightType, x, rowBegin, rowEnd, y); break;
    default: gemvAvx512<4>(packed, table, absmax, shift, n, k, weightType, x, rowBegin, rowEnd, y); break;
  }
}

CpuIsa bestCpuIsa() {
  static const CpuIsa isa = [] {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl"))
      return CpuIsa::Avx512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("f16c")) return CpuIsa::Avx2;
    return CpuIsa::Portable;
  }();
  return isa;
}

const char* cpuIsaName(CpuIsa isa) {
  switch (isa) {
    case CpuIsa::Avx512: return "avx512";
    case CpuIsa::Avx2: return "avx2";
    case CpuIsa::Portable: break;
  }
  return "portable";
}

void dequantize4bitRange(const uint8_t* packed, const float* code16, const float* absmax, int64_t blocksize,
                         int64_t begin, int64_t end, ElementType outType, void* out, CpuIsa isa) {
  if (!isValidBlocksize(blocksize))
    throw Error(ErrorCategory::Argument, "4-bit dequantization: invalid blocksize " + std::to_string(blocksize));
  if (end <= begin) return;
  float table[16];  // bitsandbytes casts the table to the output dtype before scaling
  for (int k = 0; k < 16; ++k) table[k] = roundTo(code16[k], outType);
  const int shift = log2Of(blocksize);
  if (isa == CpuIsa::Avx512) avx512Range(packed, table, absmax, shift, begin, end, outType, out);
  else if (isa == CpuIsa::Avx2) avx2Range(packed, table, absmax, shift, begin, end, outType, out);
  else portableRange(packed, table, absmax, shift, begin, end, outType, out);
}

}  // namespace peftdesk::quant
