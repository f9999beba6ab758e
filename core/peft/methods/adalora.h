// AdaLoRA (PEFT's adalora tuner) on one linear module: ΔW = B·(A ∘ E)·lora_alpha / (ranknum + 1e-5),
// an SVD-shaped update (A [r, in] right vectors, E [r, 1] singular values, B [out, r] left vectors)
// whose rank the allocation schedule (adalora_training.cpp) prunes by zeroing entries of E. The
// scale stays lora_alpha / init_r after pruning (ranknum is PEFT's frozen init_r). Saving keeps only
// the triplets the last allocation kept and writes rank_pattern, as PEFT does.
#pragma once

#include "peft/method_part.h"

namespace peftdesk {

class AdaLoraPart final : public MethodPart {
 public:
  at::Tensor loraA, loraE, loraB;  // [r, in], [r, 1], [out, r], fp32, trainable
  at::Tensor ranknum;              // [1], fp32, init_r: PEFT counts it as a (frozen) parameter
  double scaling = 0;              // lora_alpha (not divided by r: ranknum does that)
  double dropout = 0;
  // The triplets the last rank allocation kept ([r] bool, on the tensors' device); undefined until
  // the first allocation (the adapter is then saved unpruned, rank_pattern null).
  at::Tensor keep;

  at::Tensor forward(const WrappedBase& base, const at::Tensor& x, bool training) const override;
  at::Tensor mergedWeight(const Linear& linear, const at::Tensor& weight) const override;
  std::vector<PartTensor> tensors() override;
  std::vector<PartTensor> frozenTensors() override;
  std::vector<std::pair<std::string, at::Tensor>> savedForm() override;
  void addToSavedConfig(const std::string& module, nlohmann::json& config) const override;
  // ΔW in the base weight's layout ([out, in], or [in, out] for Conv1D), fp32.
  at::Tensor deltaWeight(const Linear& linear) const;
};

// The AdaLoRA part of a module adapter's method, or null when it is another method.
AdaLoraPart* asAdaLoraPart(MethodPart* part);

// rank_pattern's key for a module ("<module>.lora_E", as PEFT saves it).
std::string adaLoraPatternKey(const std::string& module);

}  // namespace peftdesk
