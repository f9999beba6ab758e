// PEFT 0.21's LoRA on transformers 5's fused mixture-of-experts parameters, read into the
// per-expert modules PeftDesk's decoder has (Qwen3-MoE). transformers 5 keeps each MoE layer's
// experts as two 3-D parameters (gate_up_proj [E, 2I, H], gate then up; down_proj [E, H, I]) and
// PEFT targets them with `target_parameters`; its "all-linear" on a Qwen3-MoE becomes
// target_modules = attention, target_parameters = [gate_up_proj, down_proj, gate.weight], with the
// rank and alpha of gate_up_proj doubled (rank_pattern / alpha_pattern ".*\.gate_up_proj").
// Saved per layer: experts.base_layer.lora_A [E·r, H] / lora_B [2I, r·E] (gate_up_proj) and
// experts.lora_A [E·r, I] / lora_B [H, r·E] (down_proj): A is expert-major (rows e·r … e·r+r-1),
// B's columns expert-minor (column k·E + e); ΔW_e = scaling · B_e A_e. The router (gate.weight)
// keeps the ordinary names. An expert's gate_up LoRA is exactly a LoRA on its gate_proj and one on
// its up_proj sharing A (rank 2r): B_e's first I rows for gate, the next I for up. Such adapters are
// trained that way (AdapterSet: one A tensor for both, so its gradient is the fused A's) and saved
// back in the fused layout (fuseExpertTensors).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "peftdesk/adapter_config.h"
#include "peftdesk/safetensors.h"

namespace at {
class Tensor;
}

namespace peftdesk {

// Whether the config targets fused expert parameters (target_parameters set).
bool hasFusedExpertTargets(const AdapterConfig& config);

// A fresh LoRA config as PEFT 0.21 converts it for a model whose experts transformers 5 fuses (its
// _convert_peft_config_moe): the module targets — a list as given, or a string (all-linear, a
// regex) resolved to the leaf names of `resolvedModules` — with gate_proj and up_proj becoming the
// target parameter gate_up_proj (rank and alpha doubled: one A for both), down_proj down_proj and
// the router gate gate.weight; every other name stays a module target. Unchanged for models
// without experts, non-LoRA methods and configs that already name target_parameters. Throws Error
// (Unsupported, target_modules) for gate_proj without up_proj or the reverse, as PEFT does.
AdapterConfig convertToFusedExpertTargets(const AdapterConfig& config, const std::vector<std::string>& resolvedModules,
                                          const std::vector<std::string>& linearNames);

// The equivalent config on per-expert modules: target_parameters gone, the experts' gate_proj /
// up_proj / down_proj and the router named in target_modules, their ranks and alphas explicit.
// `linearNames` are the model's linear modules. Throws Error (Unsupported) naming the field for
// parameters other than gate_up_proj, down_proj and gate.weight, or a model without experts.
AdapterConfig expandFusedExpertTargets(const AdapterConfig& config, const std::vector<std::string>& linearNames);

// Every per-expert module (gate_proj / up_proj / down_proj of each expert) the config's fused
// parameters cover.
std::vector<std::string> fusedExpertModules(const AdapterConfig& original, const std::vector<std::string>& linearNames);

// The per-expert LoRA tensors (saved names as PEFT 0.17 writes them) made from the fused ones in
// `file` (an expert's projections are [I, H] gate / up and [H, I] down); `consumed` receives the
// fused tensor names read.
std::map<std::string, at::Tensor> splitFusedExpertTensors(const AdapterConfig& original, const std::shared_ptr<SafetensorsFile>& file,
                                                          const std::vector<std::string>& linearNames, int64_t hiddenSize,
                                                          int64_t intermediateSize, std::vector<std::string>& consumed);
// One fused tensor (its saved name) split the same way; empty when the name is not a fused expert
// LoRA tensor of this model.
std::map<std::string, at::Tensor> splitFusedExpertTensor(const AdapterConfig& original, const std::string& name, const at::Tensor& values,
                                                         const std::vector<std::string>& linearNames, int64_t hiddenSize,
                                                         int64_t intermediateSize);
// The inverse, for saving in PEFT 0.21's layout: the fused tensors made from the per-expert ones in
// `perExpert` (saved name → tensor; gate_proj's A stands for the A it shares with up_proj), which
// are taken out of the map (what remains: the other modules' tensors, unchanged).
std::map<std::string, at::Tensor> fuseExpertTensors(const AdapterConfig& original, std::map<std::string, at::Tensor>& perExpert,
                                                    const std::vector<std::string>& linearNames);

}  // namespace peftdesk
