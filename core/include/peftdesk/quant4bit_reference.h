// Lower-level pieces of the bitsandbytes-compatible CPU reference (quant4bit.h), exposed for the
// CUDA kernels' tests, the benchmarks and the interop tests. Torch-free.
#pragma once

#include <cstdint>
#include <vector>

#include "peftdesk/quant4bit.h"

namespace peftdesk::quant {

// The dynamic map as bitsandbytes 0.48.2's CPU backend uses and stores it: its 8-bit kernel
// overwrites entry 0 with -1.0 in place (in the cached map), so state2.code / nested_quant_map
// written by a CPU run holds -1.0 at index 0. dynamicMap() is the pristine create_dynamic_map().
const std::vector<float>& dynamicMapCpuBackend();

// torch.sum / torch.mean of a contiguous fp32 vector exactly as torch 2.9 computes them on x86
// CPUs: the cascade sum of SumKernel.cpp (8 fp32 lanes, 4-way ILP, 4 levels); from 32768
// elements torch splits the sum into one chunk per intra-op thread (torch.get_num_threads()),
// so the last ulp depends on that count. mean = sum / float(n).
float torchSumF32(const float* x, int64_t n, int torchThreads);
float torchMeanF32(const float* x, int64_t n, int torchThreads);

// The intra-op thread count quantize4bit assumes for the double-quant offset (the pinned reference
// runs, tests/reference/*.py, use torch.set_num_threads(2)). Only matters beyond 32768 blocks; a
// reference run with another count can differ in the offset's last ulp (spec §6.4 tolerance).
constexpr int kReferenceTorchThreads = 2;

// bitsandbytes 0.48.2 CPU quantize_blockwise on fp32 (csrc cpu kernel): per block absmax =
// max |a| (fp32), z = a / absmax (division), code by pdDynamicCode. `code256` should be
// dynamicMapCpuBackend(). absmax has ceil(n / blocksize) entries.
void quantizeBlockwise8(const float* a, int64_t n, int64_t blocksize, const float* code256, uint8_t* out,
                        float* absmax);

// Dequantize to `outType` as bitsandbytes' CPU/default path does: the code table is first cast to
// outType, multiplied by the fp32 absmax in fp32, and the product rounded to outType. For F32 the
// result equals dequantize4bit. `out` holds n elements of outType.
void dequantize4bitAs(const uint8_t* packed, const QuantState4bit& state, ElementType outType, void* out);

// The absmax values dequantize4bit uses: state.absmax (already dequantized when doubleQuant).
// Recomputes them from qabsmax / nestedAbsmax / nestedCode / offset: dyn[q] * nested + offset.
std::vector<float> dequantizeAbsmax(const QuantState4bit& state);

}  // namespace peftdesk::quant
