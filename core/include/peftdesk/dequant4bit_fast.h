// Fast CPU dequantization of bitsandbytes 4-bit weights (spec §6.3) for the model's per-layer
// on-the-fly dequantize: AVX-512 (16-entry permute) or AVX2 (two 8-entry permutes) where the CPU
// has them, a portable loop otherwise. Every path gives the bits of the reference
// quant::dequantize4bitAs: the code table is first rounded to the output dtype, multiplied by the
// fp32 absmax in fp32, and the product rounded to the output dtype (bitsandbytes' default backend).
// Torch-free; the caller splits the work across threads by element ranges.
#pragma once

#include <cstdint>

#include "peftdesk/quant4bit.h"

namespace peftdesk::quant {

enum class CpuIsa { Portable, Avx2, Avx512 };

CpuIsa bestCpuIsa();                 // what this CPU supports (cached)
const char* cpuIsaName(CpuIsa isa);  // "portable" / "avx2" / "avx512"

// Elements [begin, end) of a packed tensor (element i is nibble i: high nibble of byte i/2 first).
// code16: the stored 16-entry table; absmax: fp32 per block (decoded when double-quantized);
// blocksize: a power of two >= 32. `out` receives end - begin elements of outType. `isa` must be
// supported by the CPU (bestCpuIsa() or below); the tests run every supported one.
void dequantize4bitRange(const uint8_t* packed, const float* code16, const float* absmax, int64_t blocksize,
                         int64_t begin, int64_t end, ElementType outType, void* out, CpuIsa isa);

// Fused dequantize-GEMV for a few rows of x (generation steps), AVX-512 only: for output rows
// [rowBegin, rowEnd) of W [n, k], y[r * n + o] = sum_i x[r * k + i] * w[o, i] with w exactly the
// weight dequantize4bitRange gives in `weightType` (so bf16 / fp16 weights are rounded as
// bitsandbytes rounds them), fp32 accumulation in a fixed order. Needs k % 16 == 0 and
// gemv4bitRowsAvailable(); x is fp32 [m, k], m <= 4.
bool gemv4bitRowsAvailable();
void gemv4bitRows(const uint8_t* packed, const float* code16, const float* absmax, int64_t blocksize, int64_t n,
                  int64_t k, ElementType weightType, const float* x, int64_t m, int64_t rowBegin, int64_t rowEnd,
                  float* y);

}  // namespace peftdesk::quant
