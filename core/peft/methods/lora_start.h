// PiSSA and OLoRA: LoRA whose A and B start from the base weight W instead of at random (PEFT's
// init_lora_weights "pissa", "pissa_niter_N", "olora"). PEFT then replaces W by the residual
// W − s·B₀A₀ so that the model starts unchanged. PeftDesk leaves the base alone — it may be shared
// by several adapters, a mapped file or 4-bit — and has the LoRA part subtract s·B₀(A₀x) from the
// frozen layer's output instead: the same function, rounded differently (decision 46). What the
// adapter file holds is PEFT's converted form (`path_initial_model_for_weight_conversion`): a plain
// LoRA of rank 2r, A' = [A; A₀], B' = [B, −B₀], alpha 2α (√2·α with rsLoRA), init true — which
// loads on the original base anywhere.
#pragma once

#include <ATen/ATen.h>

#include <string>

#include "peft/methods/lora_start_keys.h"

namespace peftdesk {

struct Linear;

struct LoraStart {
  at::Tensor a, b;  // A₀ [r, in], B₀ [out, r], fp32, on the weight's device
};
// A₀ and B₀ from the module's weight as PEFT's pissa_init / olora_init compute them (fp32, on the
// weight's device; "pissa_niter_N" draws its random basis from `generator`). `scaling` is the
// part's α/r (α/√r with rsLoRA). Throws Error naming init_lora_weights for a module it cannot
// start (4-bit, GPT-2's Conv1D for OLoRA, experts).
LoraStart loraStartFromBase(const Linear& linear, const std::string& moduleName, const LoraSettings& settings, int64_t r, double scaling,
                            at::Generator* generator, const std::string& configSource);

}  // namespace peftdesk
