// bitsandbytes' AdamW updates as PeftDesk operators in LibTorch's dispatcher (namespace
// "peftdesk", next to the 4-bit operators): the one dispatch point between the 8-bit / 32-bit
// optimizer and the device its tensors are on. Core registers the schemas and the CPU
// implementation; a CUDA implementation registers itself when the CUDA library loads. The
// per-element rules are codec/include/peftdesk_codec/optim_codec.h.
//
//   peftdesk::adam_8bit_blockwise(Tensor(a!) p, Tensor g, Tensor(b!) state1, Tensor(c!) state2,
//       Tensor(d!) absmax1, Tensor(e!) absmax2, Tensor qmap1, Tensor qmap2, float lr, float beta1,
//       float beta2, float eps, float weight_decay, int step) -> ()
//         p, g: same dtype (fp32 / bf16 / fp16), contiguous; state1 / state2 uint8 of p's size;
//         absmax1 / absmax2 fp32 [ceil(n / 256)]; qmap1 signed, qmap2 unsigned map, fp32 [256]
//   peftdesk::adam_32bit(Tensor(a!) p, Tensor g, Tensor(b!) exp_avg, Tensor(c!) exp_avg_sq,
//       float lr, float beta1, float beta2, float eps, float weight_decay, int step) -> ()
//         exp_avg / exp_avg_sq fp32 of p's size
// On a GPU the moments (state1 / state2, exp_avg / exp_avg_sq) may instead be pinned host memory
// (paged optimizers): the kernels read and write it in place through unified addressing.
// Hyper-parameters are rounded to fp32 before use (bitsandbytes passes C floats); `step` is the
// 1-based number of this update.
#pragma once

#include <ATen/ATen.h>

namespace peftdesk::ops {

struct AdamHyper {
  double lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0;
  int64_t step = 1;
};

void adam8bitBlockwise(const at::Tensor& p, const at::Tensor& g, const at::Tensor& state1, const at::Tensor& state2, const at::Tensor& absmax1,
                       const at::Tensor& absmax2, const at::Tensor& qmap1, const at::Tensor& qmap2, const AdamHyper& h);
void adam32bit(const at::Tensor& p, const at::Tensor& g, const at::Tensor& expAvg, const at::Tensor& expAvgSq, const AdamHyper& h);
// Whether the 8-bit / 32-bit update has an implementation for tensors of this device here.
bool adamBnbAvailable(const at::Tensor& p);

}  // namespace peftdesk::ops
