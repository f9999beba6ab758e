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

namespace peftdesk {

struct OptimParam {
  std::string name;
  at::Tensor* tensor = nullptr;  // leaf with requires_grad; its .grad() is read
  double baseLr = 0;             // peak rate of this tensor's group (LoRA+: lora_B groups learn faster)
  bool decay = true;             // biases and norm weights are not decayed (transformers' rule)
};

enum class AdamWKernel {
  Auto,          // fused when the parameters are on a GPU, else single-tensor
  SingleTensor,  // torch's _single_tensor_adamw operation by operation
  Fused,         // torch's _fused_adamw_ (CPU and CUDA kernels)
};

struct AdamWSettings {
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0.0;
  AdamWKernel kernel = AdamWKernel::Auto;
};

class AdamW {
 public:
  AdamW(std::vector<OptimParam> params, AdamWSettings settings);

  // One update at baseLr × lrMultiplier per tensor (LambdaLR's base_lr * lambda(step)) from the
  // current gradients (parameters without a gradient are left alone, as torch does).
  void step(double lrMultiplier);
  void zeroGrad();
  int64_t stepCount() const { return steps_; }
  const std::vector<OptimParam>& params() const { return params_; }

  // "exp_avg.NAME" / "exp_avg_sq.NAME" tensors; loadState checks names and shapes.
  std::map<std::string, at::Tensor> state() const;
  void loadState(const std::map<std::string, at::Tensor>& state, int64_t steps);
  bool fused() const { return fused_; }

 private:
  std::vector<OptimParam> params_;
  AdamWSettings s_;
  std::vector<at::Tensor> expAvg_, expAvgSq_;
  std::vector<at::Tensor> stepCounts_;  // fused: per-tensor step count (float32 scalar on the device)
  int64_t steps_ = 0;
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
