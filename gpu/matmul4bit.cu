// See matmul4bit.h: the training-size path, dequantize the whole weight (one layer) into a scratch
// buffer with the same kernel as dequantize4bit, then one cuBLAS GEMM.
#include "peftdesk_gpu/matmul4bit.h"

namespace peftdesk::gpu {

GpuStatus matmul4bit(cublasHandle_t handle, const void* x, QElem dtype, int64_t m, const uint8_t* packedW,
                     const float* absmax, const float* code16, int64_t n, int64_t k, int blocksize, void* scratch,
                     void* y, cudaStream_t stream) {
  GpuStatus st;
  if (m <= 0 || n <= 0 || k <= 0) return st;
  if (m > 0x7fffffff || n > 0x7fffffff || k > 0x7fffffff) {
    st.cuda = cudaErrorInvalidValue;
    return st;
  }
  st.cuda = dequantize4bit(packedW, absmax, code16, n * k, blocksize, dtype, scratch, stream);
  if (st.cuda != cudaSuccess) return st;
  const cudaDataType_t t = dtype == QElem::F32 ? CUDA_R_32F : dtype == QElem::BF16 ? CUDA_R_16BF : CUDA_R_16F;
  const float alpha = 1.0f, beta = 0.0f;
  // Column-major view: y^T [n, m] = W [n, k] (stored as W^T col-major, so op T) · x^T [k, m].
  st.cublas = cublasGemmEx(handle, CUBLAS_OP_T, CUBLAS_OP_N, int(n), int(m), int(k), &alpha, scratch, t, int(k), x, t,
                           int(k), &beta, y, t, int(n), CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT);
  return st;
}

}  // namespace peftdesk::gpu
