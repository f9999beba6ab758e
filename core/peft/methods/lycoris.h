// What LoHa and LoKr (PEFT's LyCORIS family, peft/tuners/lycoris_utils.py) share: their common
// keys, and a part whose forward adds x·ΔWᵀ to the frozen layer's output with ΔW built afresh
// in fp32 on every call (as PEFT does: a factored forward would round differently), module and
// rank dropout while training, and the merge W + ΔW. Only nn.Linear modules: PEFT refuses GPT-2's
// Conv1D for these methods, and so do we.
#pragma once

#include "peft/config_reader.h"
#include "peft/method_part.h"

namespace peftdesk {

// r, alpha, the targeting keys, rank_dropout, module_dropout, init_weights (the values in
// `initChoices`, true and false as booleans) and use_effective_conv2d (conv only: ignored).
void readLycorisKeys(const ConfigReader& r, AdapterConfig& c, const std::vector<std::string>& initChoices);

class LycorisPart : public MethodPart {
 public:
  double scaling = 0;  // alpha / r
  double rankDropout = 0, moduleDropout = 0;
  bool rankDropoutScale = true;  // divide the row mask by its mean

  at::Tensor forward(const WrappedBase& base, const at::Tensor& x, bool training) const override;
  at::Tensor mergedWeight(const Linear& linear, const at::Tensor& weight) const override;
  // ΔW [out, in], fp32, scaling applied; no dropout.
  virtual at::Tensor deltaWeight() const = 0;
};

// Refuses a module PEFT's LyCORIS methods cannot wrap (GPT-2's Conv1D, a mixture-of-experts
// layer's experts), naming the method, the module and target_modules.
void requireLinearModule(const AttachContext& ctx, const char* method);

}  // namespace peftdesk
