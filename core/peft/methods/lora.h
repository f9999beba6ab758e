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
  // PiSSA / OLoRA (lora_start.h): A₀ and B₀, frozen; the forward subtracts s·B₀A₀x, so the module
  // computes (W − s·B₀A₀ + s·BA)x as PEFT's residual base does. Undefined for other starts.
  at::Tensor startA, startB;
  double scaling = 0;
  double dropout = 0;

  at::Tensor forward(const WrappedBase& base, const at::Tensor& x, bool training) const override;
  at::Tensor mergedWeight(const Linear& linear, const at::Tensor& weight) const override;
  std::vector<PartTensor> tensors() override;
  std::vector<std::pair<std::string, at::Tensor>> savedForm() override;
  // ΔW in the base weight's layout ([out, in], or [in, out] for Conv1D), fp32: s·(BA − B₀A₀)
  // after a PiSSA / OLoRA start.
  at::Tensor deltaWeight(const Linear& linear) const;

 private:
  at::Tensor doraTerm(const WrappedBase& base, const at::Tensor& x, at::Tensor baseResult) const;
};

// The LoRA part of a module adapter's method, or null when it is another method.
LoraPart* asLoraPart(MethodPart* part);

}  // namespace peftdesk
