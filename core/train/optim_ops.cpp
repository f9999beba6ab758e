// See optim_ops.h: schemas, the CPU implementation (optim_reference.h over ranges of 256-element
// blocks in parallel: blocks are independent, so the thread count never changes a bit) and the
// typed callers, which check the arguments once for every device.
#include "train/optim_ops.h"

#include <ATen/Parallel.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <torch/library.h>

#include "peftdesk/optim_reference.h"
#include "peftdesk_codec/optim_codec.h"

namespace peftdesk::ops {
namespace {

using codec::AdamScalars;
using codec::kOptimBlock;

int elementCode(at::ScalarType t) { return t == at::kBFloat16 ? 1 : t == at::kHalf ? 2 : 0; }

// ---- CPU ------------------------------------------------------------------------------------

void adam8bitCpu(const at::Tensor& p, const at::Tensor& g, const at::Tensor& state1, const at::Tensor& state2, const at::Tensor& absmax1,
                 const at::Tensor& absmax2, const at::Tensor& qmap1, const at::Tensor& qmap2, double lr, double beta1, double beta2, double eps,
                 double wd, int64_t step) {
  const AdamScalars s = codec::adamScalars(lr, beta1, beta2, eps, wd, step);
  const at::Tensor map1 = qmap1.contiguous(), map2 = qmap2.contiguous();
  const int64_t n = p.numel();
  const int64_t blocks = (n + kOptimBlock - 1) / kOptimBlock;
  at::parallel_for(0, blocks, 16, [&](int64_t b0, int64_t b1) {
    optim::adam8bitBlocks(p.data_ptr(), g.data_ptr(), elementCode(p.scalar_type()), state1.data_ptr<uint8_t>(), state2.data_ptr<uint8_t>(),
                          absmax1.data_ptr<float>(), absmax2.data_ptr<float>(), map1.data_ptr<float>(), map2.data_ptr<float>(), s, n, b0, b1);
  });
}

void adam32bitCpu(const at::Tensor& p, const at::Tensor& g, const at::Tensor& expAvg, const at::Tensor& expAvgSq, double lr, double beta1,
                  double beta2, double eps, double wd, int64_t step) {
  const AdamScalars s = codec::adamScalars(lr, beta1, beta2, eps, wd, step);
  at::parallel_for(0, p.numel(), 4096, [&](int64_t i0, int64_t i1) {
    optim::adam32bitRange(p.data_ptr(), g.data_ptr(), elementCode(p.scalar_type()), expAvg.data_ptr<float>(), expAvgSq.data_ptr<float>(), s, i0, i1);
  });
}

}  // namespace

TORCH_LIBRARY_FRAGMENT(peftdesk, m) {
  m.def("adam_8bit_blockwise(Tensor(a!) p, Tensor g, Tensor(b!) state1, Tensor(c!) state2, Tensor(d!) absmax1, Tensor(e!) absmax2, "
        "Tensor qmap1, Tensor qmap2, float lr, float beta1, float beta2, float eps, float weight_decay, int step) -> ()");
  m.def("adam_32bit(Tensor(a!) p, Tensor g, Tensor(b!) exp_avg, Tensor(c!) exp_avg_sq, float lr, float beta1, float beta2, float eps, "
        "float weight_decay, int step) -> ()");
}

TORCH_LIBRARY_IMPL(peftdesk, CPU, m) {
  m.impl("adam_8bit_blockwise", &adam8bitCpu);
  m.impl("adam_32bit", &adam32bitCpu);
}

namespace {

void checkParam(const char* op, const at::Tensor& p, const at::Tensor& g) {
  const auto t = p.scalar_type();
  TORCH_CHECK(t == at::kFloat || t == at::kBFloat16 || t == at::kHalf, op, ": a float32, bfloat16 or float16 parameter, not ", t);
  TORCH_CHECK(g.scalar_type() == t && g.sizes() == p.sizes(), op, ": the gradient must have the parameter's dtype and shape");
  TORCH_CHECK(p.is_contiguous() && g.is_contiguous(), op, ": contiguous parameter and gradient");
  TORCH_CHECK(p.device() == g.device(), op, ": parameter on ", p.device(), ", gradient on ", g.device());
}

// On the parameter's device, or (paged moments of a GPU parameter) in pinned host memory, which
// the GPU reads and writes directly.
void checkState(const char* op, const at::Tensor& t, at::ScalarType dtype, int64_t numel, const at::Tensor& p, bool pageable = false) {
  const bool placed = t.device() == p.device() || (pageable && p.is_cuda() && t.is_cpu() && t.is_pinned());
  TORCH_CHECK(t.scalar_type() == dtype && t.numel() == numel && t.is_contiguous() && placed, op, ": a state tensor of ", numel, " ", dtype,
              " on ", p.device(), " expected, found ", t.numel(), " ", t.scalar_type(), " on ", t.device());
}

}  // namespace

void adam8bitBlockwise(const at::Tensor& p, const at::Tensor& g, const at::Tensor& state1, const at::Tensor& state2, const at::Tensor& absmax1,
                       const at::Tensor& absmax2, const at::Tensor& qmap1, const at::Tensor& qmap2, const AdamHyper& h) {
  const char* op = "adam_8bit_blockwise";
  checkParam(op, p, g);
  const int64_t n = p.numel();
  const int64_t blocks = (n + kOptimBlock - 1) / kOptimBlock;
  checkState(op, state1, at::kByte, n, p, true);
  checkState(op, state2, at::kByte, n, p, true);
  checkState(op, absmax1, at::kFloat, blocks, p);
  checkState(op, absmax2, at::kFloat, blocks, p);
  checkState(op, qmap1, at::kFloat, 256, p);
  checkState(op, qmap2, at::kFloat, 256, p);
  TORCH_CHECK(h.step >= 1, op, ": step counts from 1");
  static const auto call = c10::Dispatcher::singleton()
                               .findSchemaOrThrow("peftdesk::adam_8bit_blockwise", "")
                               .typed<void(const at::Tensor&, const at::Tensor&, const at::Tensor&, const at::Tensor&, const at::Tensor&,
                                           const at::Tensor&, const at::Tensor&, const at::Tensor&, double, double, double, double, double, int64_t)>();
  call.call(p, g, state1, state2, absmax1, absmax2, qmap1, qmap2, h.lr, h.beta1, h.beta2, h.eps, h.weightDecay, h.step);
}

void adam32bit(const at::Tensor& p, const at::Tensor& g, const at::Tensor& expAvg, const at::Tensor& expAvgSq, const AdamHyper& h) {
  const char* op = "adam_32bit";
  checkParam(op, p, g);
  checkState(op, expAvg, at::kFloat, p.numel(), p, true);
  checkState(op, expAvgSq, at::kFloat, p.numel(), p, true);
  TORCH_CHECK(h.step >= 1, op, ": step counts from 1");
  static const auto call = c10::Dispatcher::singleton()
                               .findSchemaOrThrow("peftdesk::adam_32bit", "")
                               .typed<void(const at::Tensor&, const at::Tensor&, const at::Tensor&, const at::Tensor&, double, double, double,
                                           double, double, int64_t)>();
  call.call(p, g, expAvg, expAvgSq, h.lr, h.beta1, h.beta2, h.eps, h.weightDecay, h.step);
}

bool adamBnbAvailable(const at::Tensor& p) {
  if (p.is_cpu()) return true;
  static const auto handle = c10::Dispatcher::singleton().findSchemaOrThrow("peftdesk::adam_8bit_blockwise", "");
  return p.is_cuda() && handle.hasKernelForDispatchKey(c10::DispatchKey::CUDA);
}

}  // namespace peftdesk::ops
