// Trainable-parameter inspection with PEFT's counting convention (spec §3.9, §5.6): what
// `peftdesk-cli params --json` prints and the GUI's method page shows as a tree.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace peftdesk {

struct ParameterEntry {
  std::string name;     // PEFT's parameter name without the adapter name, e.g.
                        // "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"
  std::string module;   // "model.layers.0.self_attn.q_proj" ("prompt_encoder" for prompt learning)
  int64_t layer = -1;   // decoder layer index, -1 outside the layers
  std::vector<int64_t> shape;
  std::string dtype;    // "F32", "BF16", ...
  bool trainable = false;
  std::string method;   // "base" or the peft_type
  std::string part;     // weight, bias, lora_A, lora_B, lora_magnitude_vector, ia3_l, modules_to_save, prefix, prompt, ...
  int64_t numel() const;
};

struct ParameterReport {
  int64_t trainableParams = 0;
  int64_t allParams = 0;
  double trainablePercent = 0;
  std::vector<ParameterEntry> parameters;   // base parameters first (named_parameters order), then adapter ones
  std::vector<std::string> unmatchedTargets;
  uint64_t adapterFileBytes = 0;            // size adapter_model.safetensors will have
  std::string countingConvention = "peft.get_nb_trainable_parameters";
};

}  // namespace peftdesk
