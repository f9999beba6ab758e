// The part of one adapter that sits on one linear module: the method's part (LoRA, IA³, LoHa,
// LoKr ...: method_part.h), a trainable copy (modules_to_save) and/or a trainable bias
// (bias = all / lora_only). Forward, merge and dtype handling follow PEFT's layers (spec §3.4, §4).
#pragma once

#include <ATen/ATen.h>

#include "model/decoder.h"
#include "peft/method_part.h"

namespace peftdesk {

class ModuleAdapter final : public LinearAdapter {
 public:
  std::shared_ptr<MethodPart> method;  // null on a module that is only copied or has only its bias trained
  // modules_to_save copy and trainable bias
  at::Tensor weightCopy, biasCopy;
  bool hasCopy = false;
  at::Tensor bias;             // replaces the module's bias when hasBias
  bool hasBias = false;

  bool training = false;       // dropout active

  at::Tensor forward(const Linear& base, const at::Tensor& x) const override;
  // The module's weight and bias with everything this adapter changes folded in (merged export).
  at::Tensor mergedWeight(const Linear& base) const;
  at::Tensor mergedBias(const Linear& base) const;
};

}  // namespace peftdesk
