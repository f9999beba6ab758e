// The CUDA implementations of PeftDesk's 4-bit operators (core/quant/quant4bit_ops.h; quantize_absmax
// has one host implementation for every device, in core): thin
// wrappers (core's callers have checked shapes and dtypes) that check devices, pick LibTorch's current stream on the tensors' device and call
// the kernels of gpu/ (bit-identical to the CPU codec for dequantization and absmax decoding; the
// GEMV accumulates in fp32 in its own order). Registered with the dispatcher when this library
// loads, so the 4-bit layer reaches them without knowing it runs on a GPU.
#include <ATen/ATen.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#include <torch/library.h>

#include <vector>

#include "peftdesk_gpu/quant4bit_kernels.h"

namespace {

using peftdesk::gpu::QElem;

QElem elemOf(at::ScalarType t) {
  if (t == at::kBFloat16) return QElem::BF16;
  if (t == at::kHalf) return QElem::F16;
  TORCH_CHECK(t == at::kFloat, "4-bit operators: unsupported dtype ", t);
  return QElem::F32;
}

void check(cudaError_t e, const char* op) { TORCH_CHECK(e == cudaSuccess, op, ": ", cudaGetErrorString(e)); }

std::vector<float> floats(c10::ArrayRef<double> v) { return std::vector<float>(v.begin(), v.end()); }

void sameDevice(const char* op, const at::Tensor& a, const at::Tensor& b) {
  TORCH_CHECK(a.device() == b.device(), op, ": tensors on ", a.device(), " and ", b.device());
}

at::Tensor decodeAbsmaxCuda(const at::Tensor& q, const at::Tensor& nested, c10::ArrayRef<double> code, double offset, int64_t nbs) {
  const std::vector<float> table = floats(code);
  sameDevice("decode_absmax", q, nested);
  const c10::cuda::CUDAGuard guard(q.device());
  const at::Tensor qc = q.contiguous(), nc = nested.contiguous();
  const int64_t nb = qc.numel();
  at::Tensor out = at::empty({nb}, qc.options().dtype(at::kFloat));
  check(peftdesk::gpu::decodeAbsmax(qc.data_ptr<uint8_t>(), nc.data_ptr<float>(), table.data(), static_cast<float>(offset), nb,
                                    static_cast<int>(nbs), out.data_ptr<float>(), c10::cuda::getCurrentCUDAStream()),
        "decode_absmax");
  return out;
}

void dequantizeIntoCuda(const at::Tensor& packed, const at::Tensor& absmax, c10::ArrayRef<double> code, int64_t blocksize,
                        const at::Tensor& out) {
  const std::vector<float> table = floats(code);
  sameDevice("dequantize_4bit_into", packed, out);
  sameDevice("dequantize_4bit_into", absmax, out);
  const int64_t n = out.numel();
  const c10::cuda::CUDAGuard guard(out.device());
  check(peftdesk::gpu::dequantize4bit(packed.data_ptr<uint8_t>(), absmax.data_ptr<float>(), table.data(), n, static_cast<int>(blocksize),
                                      elemOf(out.scalar_type()), out.data_ptr(), c10::cuda::getCurrentCUDAStream()),
        "dequantize_4bit_into");
}

// One launch for all rows (m <= 4: each weight is decoded once), x and y in the weight dtype.
at::Tensor gemvCuda(const at::Tensor& x, const at::Tensor& packed, const at::Tensor& absmax, c10::ArrayRef<double> code, int64_t blocksize,
                    int64_t n, at::ScalarType weightDtype) {
  const std::vector<float> table = floats(code);
  sameDevice("gemv_4bit", x, packed);
  sameDevice("gemv_4bit", x, absmax);
  const c10::cuda::CUDAGuard guard(x.device());
  const at::Tensor xd = x.to(weightDtype).contiguous();
  const int64_t m = xd.size(0), k = xd.size(1);
  at::Tensor y = at::empty({m, n}, xd.options());
  if (m == 0) return y.to(at::kFloat);
  check(peftdesk::gpu::gemv4bit(xd.data_ptr(), elemOf(weightDtype), packed.data_ptr<uint8_t>(), absmax.data_ptr<float>(), table.data(), n, k,
                                static_cast<int>(blocksize), y.data_ptr(), c10::cuda::getCurrentCUDAStream(), static_cast<int>(m)),
        "gemv_4bit");
  return y.to(at::kFloat);
}

// quant_type: 0 NF4, 1 FP4 (core's kQuantTypeNf4 / kQuantTypeFp4, the values of gpu::QType).
std::tuple<at::Tensor, at::Tensor> quantizeCuda(const at::Tensor& w, int64_t type, int64_t blocksize) {
  const c10::cuda::CUDAGuard guard(w.device());
  const at::Tensor c = w.contiguous();
  const int64_t n = c.numel();
  at::Tensor packed = at::empty({(n + 1) / 2}, c.options().dtype(at::kByte));
  at::Tensor absmax = at::empty({(n + blocksize - 1) / blocksize}, c.options().dtype(at::kFloat));
  if (n == 0) return {packed, absmax};
  check(peftdesk::gpu::quantize4bit(c.data_ptr(), elemOf(c.scalar_type()), n, static_cast<peftdesk::gpu::QType>(type),
                                    static_cast<int>(blocksize), packed.data_ptr<uint8_t>(), absmax.data_ptr<float>(),
                                    c10::cuda::getCurrentCUDAStream()),
        "quantize_4bit");
  return {packed, absmax};
}

}  // namespace

TORCH_LIBRARY_IMPL(peftdesk, CUDA, m) {
  m.impl("quantize_4bit", &quantizeCuda);
  m.impl("decode_absmax", &decodeAbsmaxCuda);
  m.impl("dequantize_4bit_into", &dequantizeIntoCuda);
  m.impl("gemv_4bit", &gemvCuda);
}
