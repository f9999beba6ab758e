// What a run configuration trains, counted exactly before anything is loaded: the method page's
// live trainable-parameter count and per-module tree. Reads config.json and safetensors headers
// only (shapes), so it is instant for any model size. Torch-free interface.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "peftdesk/parameter_report.h"
#include "peftdesk/run_config.h"

namespace peftdesk {

// PEFT methods: PEFT's counting (as `peftdesk-cli params`). Full / freeze: the base parameters
// the trainer would update, by the trainer's own layer rule. Throws peftdesk::Error for a model
// or method that cannot be built (the message names the field).
ParameterReport planParameters(const RunConfig& config);

// Every linear module a LoRA "all-linear" target would adapt, by full name in named_parameters
// order ("model.layers.0.self_attn.q_proj", ...): what the GUI offers as targets.
std::vector<std::string> linearModuleNames(const std::filesystem::path& modelDir);

}  // namespace peftdesk
