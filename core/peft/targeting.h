// Which modules of a model a LoRA / LoHa / LoKr / IA³ config applies to, with PEFT's rules (spec §3.3, §4):
// exclude first, modules_to_save never wrapped, list = exact name or ".entry" suffix, string =
// regex full match, "all-linear" = every linear but the output embedding, layers_to_transform,
// per-module rank/alpha from rank_pattern/alpha_pattern, per-architecture defaults. Torch-free.
#pragma once

#include <string>
#include <vector>

#include "peftdesk/adapter_config.h"

namespace peftdesk {

struct TargetModule {
  std::string name;          // "model.layers.0.self_attn.q_proj"
  int64_t r = 0;             // LoRA, LoHa, LoKr
  double alpha = 0;          // LoRA, LoHa, LoKr
  bool feedforward = false;  // IA³
};

struct TargetResolution {
  std::vector<TargetModule> targets;             // in module order
  std::vector<std::string> modulesToSave;        // resolved module names
  std::vector<std::string> unmatchedEntries;     // target entries (or the regex) that matched nothing
};

struct ModelModules {
  std::string modelType;                 // config.json model_type, for PEFT's default targets
  std::vector<std::string> linearNames;  // named_modules() order
  std::string outputEmbedding = "lm_head";
  std::string layersPattern = "layers";
};

// Throws peftdesk::Error (Config) naming the config file and field when no module matches.
TargetResolution resolveTargets(const AdapterConfig& config, const ModelModules& modules);

// Layer index of a module name ("model.layers.3.mlp.up_proj" → 3), or -1.
int64_t layerIndexOf(const std::string& moduleName, const std::string& layersPattern = "");

}  // namespace peftdesk
