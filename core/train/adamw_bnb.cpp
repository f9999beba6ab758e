// See adamw_bnb.h. Layout and step order follow bitsandbytes' Optimizer2State (init_state,
// update_step): the step count rises before the update, so the first update runs with t = 1.
#include "train/adamw_bnb.h"

#include "peftdesk/error.h"
#include "peftdesk/quant4bit.h"
#include "peftdesk_codec/optim_codec.h"
#include "train/optim_ops.h"

namespace peftdesk {
namespace {

at::Tensor mapTensor(const std::vector<float>& values, const at::TensorOptions& options) {
  return at::from_blob(const_cast<float*>(values.data()), {256}, at::kFloat).clone().to(options.dtype(at::kFloat));
}

}  // namespace

BitsandbytesAdamW::BitsandbytesAdamW(std::vector<OptimParam> params, AdamWSettings settings, int stateBits, bool paged)
    : Optimizer(std::move(params)), s_(settings) {
  const at::TensorOptions where = params_.empty() ? at::TensorOptions() : params_.front().tensor->options();
  qmap1_ = mapTensor(quant::dynamicMap(), where);
  qmap2_ = mapTensor(quant::dynamicMapUnsigned(), where);
  for (const auto& p : params_) {
    const at::Tensor& t = *p.tensor;
    if (!t.is_contiguous()) throw Error(ErrorCategory::Unsupported, "bitsandbytes' optimizers need contiguous tensors", {{}, -1, -1, {}, p.name});
    Slot slot;
    slot.eightBit = stateBits == 8 && t.numel() >= codec::kOptim8bitMinElements;
    slot.pagedOut = paged && t.is_cuda() && t.numel() >= kPagedMinElements;
    const at::TensorOptions moments = slot.pagedOut ? at::TensorOptions().device(at::kCPU).pinned_memory(true) : t.options();
    if (slot.eightBit) {
      const int64_t blocks = (t.numel() + codec::kOptimBlock - 1) / codec::kOptimBlock;
      slot.state1 = at::zeros(t.sizes(), moments.dtype(at::kByte));
      slot.state2 = at::zeros(t.sizes(), moments.dtype(at::kByte));
      slot.absmax1 = at::zeros({blocks}, t.options().dtype(at::kFloat));
      slot.absmax2 = at::zeros({blocks}, t.options().dtype(at::kFloat));
    } else {
      slot.expAvg = at::zeros(t.sizes(), moments.dtype(at::kFloat));
      slot.expAvgSq = at::zeros(t.sizes(), moments.dtype(at::kFloat));
    }
    slots_.push_back(std::move(slot));
  }
}

BitsandbytesAdamW::~BitsandbytesAdamW() {
  try {
    waitForPagedMoments();
  } catch (...) {  // a device that failed has nothing left to write into them
  }
}

void BitsandbytesAdamW::waitForPagedMoments() const {
  for (size_t i = 0; i < slots_.size(); ++i) {
    if (!slots_[i].pagedOut) continue;
    // A blocking copy to the host waits for the parameter's stream, which ran the updates.
    (void)params_[i].tensor->detach().reshape({-1}).slice(0, 0, 1).to(at::kCPU);
    return;
  }
}

void BitsandbytesAdamW::step(double lrMultiplier) {
  at::NoGradGuard noGrad;
  ++steps_;
  for (size_t i = 0; i < params_.size(); ++i) {
    const at::Tensor& param = *params_[i].tensor;
    const at::Tensor& grad = param.grad();
    if (!grad.defined()) continue;
    ops::AdamHyper h;
    h.lr = params_[i].baseLr * lrMultiplier;
    h.beta1 = s_.beta1;
    h.beta2 = s_.beta2;
    h.eps = s_.eps;
    h.weightDecay = params_[i].decay ? s_.weightDecay : 0.0;
    h.step = steps_;
    const at::Tensor g = grad.contiguous();
    const Slot& slot = slots_[i];
    if (slot.eightBit) {
      ops::adam8bitBlockwise(param, g, slot.state1, slot.state2, slot.absmax1, slot.absmax2, qmap1_, qmap2_, h);
    } else {
      ops::adam32bit(param, g, slot.expAvg, slot.expAvgSq, h);
    }
  }
}

std::map<std::string, at::Tensor> BitsandbytesAdamW::state() const {
  waitForPagedMoments();
  std::map<std::string, at::Tensor> out;
  bool anyEightBit = false;
  for (size_t i = 0; i < params_.size(); ++i) {
    const std::string& name = params_[i].name;
    const Slot& slot = slots_[i];
    if (slot.eightBit) {
      anyEightBit = true;
      out["state1." + name] = slot.state1;
      out["state2." + name] = slot.state2;
      out["absmax1." + name] = slot.absmax1;
      out["absmax2." + name] = slot.absmax2;
    } else {
      out["exp_avg." + name] = slot.expAvg;
      out["exp_avg_sq." + name] = slot.expAvgSq;
    }
  }
  if (anyEightBit) {
    out["qmap1"] = qmap1_;
    out["qmap2"] = qmap2_;
  }
  return out;
}

void BitsandbytesAdamW::loadState(const std::map<std::string, at::Tensor>& state, int64_t steps) {
  at::NoGradGuard noGrad;
  bool anyEightBit = false;
  for (size_t i = 0; i < params_.size(); ++i) {
    const std::string& name = params_[i].name;
    Slot& slot = slots_[i];
    if (slot.eightBit) {
      anyEightBit = true;
      restore(state, "state1." + name, slot.state1);
      restore(state, "state2." + name, slot.state2);
      restore(state, "absmax1." + name, slot.absmax1);
      restore(state, "absmax2." + name, slot.absmax2);
    } else {
      restore(state, "exp_avg." + name, slot.expAvg);
      restore(state, "exp_avg_sq." + name, slot.expAvgSq);
    }
  }
  // The maps are saved, never recomputed (their last ulp depends on the torch build that made them).
  if (anyEightBit) {
    restore(state, "qmap1", qmap1_);
    restore(state, "qmap2", qmap2_);
  }
  steps_ = steps;
}

}  // namespace peftdesk
