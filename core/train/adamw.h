// AdamW over named tensors, with the operations of torch.optim.AdamW's single-tensor CPU path
// in the same order (so a run's parameters track PyTorch's bit for bit) or, on a GPU, torch's
// fused AdamW kernel (torch's own default there: one launch per group instead of ~7 per tensor),
// per-parameter learning
// rate scale (LoRA+) and decay flag, and a state that saves to / loads from named tensors for
// exact resume. Also the global-norm gradient clipping of torch.nn.utils.clip_grad_norm_.
#pragma once

#include <ATen/ATen.h>

#include <map>
#include <string>
#include <vector>

#include "train/optimizer.h"

namespace peftdesk {

class AdamW final : public Optimizer {
 public:
  AdamW(std::vector<OptimParam> params, AdamWSettings settings);

  void step(double lrMultiplier) override;
  // "exp_avg.NAME" / "exp_avg_sq.NAME" tensors.
  std::map<std::string, at::Tensor> state() const override;
  void loadState(const std::map<std::string, at::Tensor>& state, int64_t steps) override;
  bool fused() const { return fused_; }

 private:
  AdamWSettings s_;
  std::vector<at::Tensor> expAvg_, expAvgSq_;
  std::vector<at::Tensor> stepCounts_;  // fused: per-tensor step count (float32 scalar on the device)
  bool fused_ = false;
  void stepFused(double lrMultiplier);
};

// Global L2 norm of all gradients (norm of per-tensor norms, as clip_grad_norm_ on CPU) and, when
// maxNorm > 0, scales them by min(1, maxNorm / (norm + 1e-6)). Returns the norm before clipping
// as a scalar tensor on the gradients' device (non-finite when any gradient is; a zero when no
// tensor has a gradient): nothing is read back, the trainer reads it with the loss.
at::Tensor clipGradNorm(const std::vector<OptimParam>& params, double maxNorm);
// Divides every gradient by `scale` (fp16 loss scaling, before clipping).
void unscaleGradients(const std::vector<OptimParam>& params, double scale);

}  // namespace peftdesk
