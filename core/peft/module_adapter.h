// The part of one adapter that sits on one linear module: LoRA (optionally DoRA), IA³, a
// trainable copy (modules_to_save) and/or trainable bias (bias = all / lora_only). Forward math
// and dtype handling follow PEFT's lora.Linear / ia3.Linear / DoraLinearLayer (spec §3.4, §3.7, §4).
#pragma once

#include <ATen/ATen.h>

#include "model/decoder.h"

namespace peftdesk {

class ModuleAdapter final : public LinearAdapter {
 public:
  // LoRA
  at::Tensor loraA, loraB;     // [r, in], [out, r], fp32
  at::Tensor magnitude;        // DoRA [out], fp32; undefined without DoRA
  double scaling = 0;
  double dropout = 0;
  // IA³
  at::Tensor ia3;              // [out, 1] or [1, in] (feed-forward), fp32
  bool ia3FeedForward = false;
  // modules_to_save copy and trainable bias
  at::Tensor weightCopy, biasCopy;
  bool hasCopy = false;
  at::Tensor bias;             // replaces the module's bias when hasBias
  bool hasBias = false;

  bool training = false;       // dropout active

  at::Tensor forward(const Linear& base, const at::Tensor& x) const override;
  // ΔW in the base weight's layout ([out, in], or [in, out] for Conv1D), fp32 (LoRA only).
  at::Tensor deltaWeight(const Linear& base) const;

 private:
  at::Tensor doraTerm(const Linear& base, const at::Tensor& x, at::Tensor baseResult) const;
};

}  // namespace peftdesk
