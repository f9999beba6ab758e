// See adamw.h. The update mirrors torch/optim/adam.py `_single_tensor_adam` with
// decoupled_weight_decay=True (what AdamW runs on CPU tensors): scalar factors computed in double
// exactly as Python computes them, tensor ops in the same order.
#include "train/adamw.h"

#include <cmath>
#include <map>
#include <string>
#include <tuple>

#include "peftdesk/error.h"

namespace peftdesk {

AdamW::AdamW(std::vector<OptimParam> params, AdamWSettings settings) : Optimizer(std::move(params)), s_(settings) {
  const bool onGpu = !params_.empty() && params_.front().tensor->is_cuda();
  fused_ = s_.kernel == AdamWKernel::Fused || (s_.kernel == AdamWKernel::Auto && onGpu);
  for (const auto& p : params_) {
    expAvg_.push_back(at::zeros_like(*p.tensor, at::MemoryFormat::Contiguous));
    expAvgSq_.push_back(at::zeros_like(*p.tensor, at::MemoryFormat::Contiguous));
    if (fused_) stepCounts_.push_back(at::zeros({}, p.tensor->options().dtype(at::kFloat)));
  }
}

// Tensors that share a learning rate, weight decay, dtype and device go to the kernel together (it
// requires one dtype and device per call: LoRA matrices are fp32 while a trained bias or a
// modules_to_save copy has the base's dtype); the kernel advances each tensor's step count and
// applies the bias corrections itself.
void AdamW::stepFused(double lrMultiplier) {
  struct Group {
    std::vector<at::Tensor> params, grads, expAvg, expAvgSq, steps;
  };
  using Key = std::tuple<double, double, int, std::string>;
  std::map<Key, Group> groups;
  for (size_t i = 0; i < params_.size(); ++i) {
    const at::Tensor& grad = params_[i].tensor->grad();
    if (!grad.defined()) continue;
    const at::Tensor& param = *params_[i].tensor;
    Group& g = groups[Key{params_[i].baseLr * lrMultiplier, params_[i].decay ? s_.weightDecay : 0.0, static_cast<int>(param.scalar_type()),
                          param.device().str()}];
    g.params.push_back(*params_[i].tensor);
    g.grads.push_back(grad);
    g.expAvg.push_back(expAvg_[i]);
    g.expAvgSq.push_back(expAvgSq_[i]);
    g.steps.push_back(stepCounts_[i]);
  }
  for (auto& [key, g] : groups) {
    at::_fused_adamw_(g.params, g.grads, g.expAvg, g.expAvgSq, /*max_exp_avg_sqs=*/{}, g.steps, std::get<0>(key), s_.beta1, s_.beta2,
                      std::get<1>(key), s_.eps, /*amsgrad=*/false, /*maximize=*/false);
  }
}

void AdamW::step(double lrMultiplier) {
  at::NoGradGuard noGrad;
  ++steps_;
  if (fused_) {
    stepFused(lrMultiplier);
    return;
  }
  const double step = static_cast<double>(steps_);
  const double biasCorrection1 = 1.0 - std::pow(s_.beta1, step);
  const double biasCorrection2 = 1.0 - std::pow(s_.beta2, step);
  const double biasCorrection2Sqrt = std::pow(biasCorrection2, 0.5);
  for (size_t i = 0; i < params_.size(); ++i) {
    at::Tensor& param = *params_[i].tensor;
    const at::Tensor& grad = param.grad();
    if (!grad.defined()) continue;
    const double groupLr = params_[i].baseLr * lrMultiplier;
    const double weightDecay = params_[i].decay ? s_.weightDecay : 0.0;
    if (weightDecay != 0) param.mul_(1.0 - groupLr * weightDecay);
    expAvg_[i].lerp_(grad, 1.0 - s_.beta1);
    expAvgSq_[i].mul_(s_.beta2).addcmul_(grad, grad, 1.0 - s_.beta2);
    const double stepSize = groupLr / biasCorrection1;
    const at::Tensor denom = (expAvgSq_[i].sqrt() / biasCorrection2Sqrt).add_(s_.eps);
    param.addcdiv_(expAvg_[i], denom, -stepSize);
  }
}

std::map<std::string, at::Tensor> AdamW::state() const {
  std::map<std::string, at::Tensor> out;
  for (size_t i = 0; i < params_.size(); ++i) {
    out["exp_avg." + params_[i].name] = expAvg_[i];
    out["exp_avg_sq." + params_[i].name] = expAvgSq_[i];
  }
  return out;
}

void AdamW::loadState(const std::map<std::string, at::Tensor>& state, int64_t steps) {
  at::NoGradGuard noGrad;
  for (size_t i = 0; i < params_.size(); ++i) {
    restore(state, "exp_avg." + params_[i].name, expAvg_[i]);
    restore(state, "exp_avg_sq." + params_[i].name, expAvgSq_[i]);
    if (fused_) stepCounts_[i].fill_(static_cast<double>(steps));
  }
  steps_ = steps;
}

at::Tensor clipGradNorm(const std::vector<OptimParam>& params, double maxNorm) {
  at::NoGradGuard noGrad;
  std::vector<at::Tensor> norms;
  for (const auto& p : params) {
    if (p.tensor->grad().defined()) norms.push_back(at::linalg_vector_norm(p.tensor->grad(), 2));
  }
  if (norms.empty()) return at::zeros({}, params.empty() ? at::TensorOptions(at::kFloat) : params.front().tensor->options().dtype(at::kFloat));
  const at::Tensor total = at::linalg_vector_norm(at::stack(norms), 2);
  if (maxNorm > 0) {
    const at::Tensor coef = at::clamp(maxNorm / (total + 1e-6), c10::nullopt, 1.0);
    for (const auto& p : params) {
      if (p.tensor->grad().defined()) p.tensor->mutable_grad().mul_(coef);
    }
  }
  return total;
}

void unscaleGradients(const std::vector<OptimParam>& params, double scale) {
  at::NoGradGuard noGrad;
  const double inverse = 1.0 / scale;
  for (const auto& p : params) {
    if (p.tensor->grad().defined()) p.tensor->mutable_grad().mul_(inverse);
  }
}

}  // namespace peftdesk
