// The optimizer interface the trainer and the checkpoints use, and the factory that builds the
// one a run names (RUN.json `train.optim`, rows in peftdesk/optimizer_kinds.h): PyTorch's AdamW
// (adamw.h) or bitsandbytes' 8-bit / 32-bit AdamW (adamw_bnb.h). Every optimizer updates named
// tensors at a per-tensor learning rate (LoRA+) with a per-tensor decay flag, and saves its state
// as named tensors for exact resume.
#pragma once

#include <ATen/ATen.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "peftdesk/optimizer_kinds.h"

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
  AdamWKernel kernel = AdamWKernel::Auto;  // PyTorch's AdamW only
};

class Optimizer {
 public:
  explicit Optimizer(std::vector<OptimParam> params) : params_(std::move(params)) {}
  virtual ~Optimizer() = default;
  Optimizer(const Optimizer&) = delete;
  Optimizer& operator=(const Optimizer&) = delete;

  // One update at baseLr × lrMultiplier per tensor (LambdaLR's base_lr * lambda(step)) from the
  // current gradients (parameters without a gradient are left alone, as torch does).
  virtual void step(double lrMultiplier) = 0;
  void zeroGrad();
  int64_t stepCount() const { return steps_; }
  const std::vector<OptimParam>& params() const { return params_; }

  // The state as named tensors (optimizer.safetensors); loadState checks names, shapes and dtypes.
  virtual std::map<std::string, at::Tensor> state() const = 0;
  virtual void loadState(const std::map<std::string, at::Tensor>& state, int64_t steps) = 0;

 protected:
  std::vector<OptimParam> params_;
  int64_t steps_ = 0;
  // state[key] checked against the live tensor's shape and dtype, copied into it.
  static void restore(const std::map<std::string, at::Tensor>& state, const std::string& key, at::Tensor& into);
};

// The optimizer of `kind` over `params`. Throws peftdesk::Error (Unsupported) when the kind has no
// implementation for the device the parameters are on.
std::unique_ptr<Optimizer> makeOptimizer(const OptimizerKind& kind, std::vector<OptimParam> params, const AdamWSettings& settings);

}  // namespace peftdesk
