// 4-bit matmul for training-size batches (many rows of x): dequantize the layer's weight into a
// caller-owned scratch buffer, then one cuBLAS GEMM. Separate from quant4bit_kernels.h so that only
// the programs that use it link cuBLAS (the app and the tests stay free of libcublasLt).
#pragma once

#include <cublas_v2.h>

#include "peftdesk_gpu/quant4bit_kernels.h"

namespace peftdesk::gpu {

// cuBLAS and CUDA status of a call that uses both.
struct GpuStatus {
  cudaError_t cuda = cudaSuccess;
  cublasStatus_t cublas = CUBLAS_STATUS_SUCCESS;
  bool ok() const { return cuda == cudaSuccess && cublas == CUBLAS_STATUS_SUCCESS; }
};

// Training-size batches: y[m, n] = x[m, k] · dequant(W)[n, k]^T, all row-major, x / y / scratch of
// `dtype`. W is first dequantized into `scratch` (n·k elements, the same values dequantize4bit
// gives), then one cuBLAS GEMM with fp32 accumulation on `handle`'s stream (set it to `stream`).
GpuStatus matmul4bit(cublasHandle_t handle, const void* x, QElem dtype, int64_t m, const uint8_t* packedW,
                     const float* absmax, const float* code16, int64_t n, int64_t k, int blocksize, void* scratch,
                     void* y, cudaStream_t stream);

}  // namespace peftdesk::gpu
