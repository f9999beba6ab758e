// The CUDA implementations of the optimizer operators (core/train/optim_ops.h): thin wrappers
// (core's callers have checked dtypes, sizes and devices) that pick LibTorch's current stream on
// the parameter's device and call the kernels of gpu/optim_kernels.cu, which share their
// per-element rules with the CPU implementation. Registered with the dispatcher when this library
// loads, so the optimizer reaches them without knowing it runs on a GPU.
#include <ATen/ATen.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#include <torch/library.h>

#include "peftdesk_gpu/optim_kernels.h"

namespace {

namespace cd = peftdesk::codec;

int elementCode(at::ScalarType t) { return t == at::kBFloat16 ? 1 : t == at::kHalf ? 2 : 0; }

void check(cudaError_t e, const char* op) { TORCH_CHECK(e == cudaSuccess, op, ": ", cudaGetErrorString(e)); }

void adam8bitCuda(const at::Tensor& p, const at::Tensor& g, const at::Tensor& state1, const at::Tensor& state2, const at::Tensor& absmax1,
                  const at::Tensor& absmax2, const at::Tensor& qmap1, const at::Tensor& qmap2, double lr, double beta1, double beta2,
                  double eps, double wd, int64_t step) {
  const c10::cuda::CUDAGuard guard(p.device());
  check(peftdesk::gpu::adam8bitBlockwise(p.data_ptr(), g.data_ptr(), elementCode(p.scalar_type()), state1.data_ptr<uint8_t>(),
                                         state2.data_ptr<uint8_t>(), absmax1.data_ptr<float>(), absmax2.data_ptr<float>(),
                                         qmap1.data_ptr<float>(), qmap2.data_ptr<float>(), cd::adamScalars(lr, beta1, beta2, eps, wd, step), p.numel(),
                                         c10::cuda::getCurrentCUDAStream()),
        "adam_8bit_blockwise");
}

void adam32bitCuda(const at::Tensor& p, const at::Tensor& g, const at::Tensor& expAvg, const at::Tensor& expAvgSq, double lr, double beta1,
                   double beta2, double eps, double wd, int64_t step) {
  const c10::cuda::CUDAGuard guard(p.device());
  check(peftdesk::gpu::adam32bit(p.data_ptr(), g.data_ptr(), elementCode(p.scalar_type()), expAvg.data_ptr<float>(), expAvgSq.data_ptr<float>(),
                                 cd::adamScalars(lr, beta1, beta2, eps, wd, step), p.numel(), c10::cuda::getCurrentCUDAStream()),
        "adam_32bit");
}

}  // namespace

TORCH_LIBRARY_IMPL(peftdesk, CUDA, m) {
  m.impl("adam_8bit_blockwise", &adam8bitCuda);
  m.impl("adam_32bit", &adam32bitCuda);
}
