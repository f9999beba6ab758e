// CUDA kernels for bitsandbytes-compatible 4-bit blockwise quantization (spec §6). Raw device
// pointers + streams; the per-element rules come from quant4bit_codec.h, so the results equal
// the CPU reference (core/quant/quant4bit_cpu.cpp) bit for bit (quantize: packed bytes and
// absmax; dequantize: fp32 code * absmax, then cast). The GEMV accumulates in fp32 in a
// different order than any CPU GEMM: compare it with a tolerance.
#pragma once

#include <cuda_runtime_api.h>
#include <stdint.h>

namespace peftdesk::gpu {

enum class QElem : int { F32 = 0, BF16 = 1, F16 = 2 };  // element types of device buffers
enum class QType : int { NF4 = 0, FP4 = 1 };

// x: n elements of dtype. packed: ceil(n/2) bytes (element 2k in the high nibble; odd n pads the
// last low nibble with 0). absmax: ceil(n/blocksize) floats. Rounding follows bitsandbytes' CPU
// path (first argmin of |s - code|), including the bf16/fp16 partial-block rounding.
cudaError_t quantize4bit(const void* x, QElem dtype, int64_t n, QType type, int blocksize, uint8_t* packed,
                         float* absmax, cudaStream_t stream);

// out[i] = cast<outType>(code16[q[i]] * absmax[i / blocksize]); code16 is a HOST array of 16
// floats (the stored quant_map), passed by value to the kernel.
cudaError_t dequantize4bit(const uint8_t* packed, const float* absmax, const float* code16, int64_t n, int blocksize,
                           QElem outType, void* out, cudaStream_t stream);

// Fused dequantize-GEMV for 1..4 rows (decode steps, side-by-side Chat panes): y[r, o] =
// sum_i x[r, i] * dequant(W)[o, i], W [outFeatures, inFeatures] packed row-major (flattened blocks
// may straddle rows), x [rows, inFeatures] and y [rows, outFeatures] contiguous with dtype `dtype`;
// each weight is decoded once for all rows; fp32 accumulate.
cudaError_t gemv4bit(const void* x, QElem dtype, const uint8_t* packedW, const float* absmax, const float* code16,
                     int64_t outFeatures, int64_t inFeatures, int blocksize, void* y, cudaStream_t stream, int rows = 1);

// Double quantization (spec §6.4): absmax[b] = code256[qabsmax[b]] * nestedAbsmax[b / nestedBlocksize]
// + offset, two fp32 roundings, bit-identical to quant::dequantizeAbsmax. code256 is a HOST array of
// 256 floats (the stored nested_quant_map), passed by value. Quantizing with double quantization
// stays on the host: its offset is torch's thread-dependent mean (quant4bit_reference.h).
cudaError_t decodeAbsmax(const uint8_t* qabsmax, const float* nestedAbsmax, const float* code256, float offset,
                         int64_t numBlocks, int nestedBlocksize, float* absmax, cudaStream_t stream);

}  // namespace peftdesk::gpu
