// LoRA (optionally DoRA) on one linear module: PEFT's lora.Linear / DoraLinearLayer forward,
// merge and names (spec §3.4, §3.7). Exposed for the LoRA-only features that reach into it
// (fused expert parameters share one A between gate_proj and up_proj).
#pragma once

#include "peft/method_part.h"

namespace peftdesk {

class LoraPart final : public MethodPart {
 public:
  at::Tensor loraA, loraB;  // [r, in], [out, r], fp32
  at::Tensor magnitude;     // DoRA [out], fp32; undefined without DoRA
  double scaling = 0;
  double dropout = 0;

  at::Tensor forward(const WrappedBase& base, const at::Tensor& x, bool training) const override;
  at::Tensor mergedWeight(const Linear& linear, const at::Tensor& weight) const override;
  std::vector<PartTensor> tensors() override;
  // ΔW in the base weight's layout ([out, in], or [in, out] for Conv1D), fp32.
  at::Tensor deltaWeight(const Linear& linear) const;

 private:
  at::Tensor doraTerm(const WrappedBase& base, const at::Tensor& x, at::Tensor baseResult) const;
};

// The LoRA part of a module adapter's method, or null when it is another method.
LoraPart* asLoraPart(MethodPart* part);

}  // namespace peftdesk
