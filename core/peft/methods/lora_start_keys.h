// The keys of a LoRA started from the base weight (PiSSA / OLoRA, lora_start.h), torch-free: which
// init_lora_weights values start from the base, what they cannot be combined with, and the
// adapter_config.json of the converted plain LoRA such an adapter is saved as.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "peft/config_reader.h"
#include "peftdesk/adapter_config.h"

namespace peftdesk {

// Whether `init` (init_lora_weights) starts LoRA from the base weight: pissa, pissa_niter_N, olora.
bool startsFromBase(const std::string& init);
// init_lora_weights as PEFT reads it: "olora" in any case is olora (PEFT compares it lowercased).
std::string canonicalInit(const std::string& init);
// The iteration count of "pissa_niter_N", or -1 for any other value.
int pissaIterations(const std::string& init);
// Refuses combinations PeftDesk does not offer with a PiSSA / OLoRA start, naming the field.
void checkBaseStartKeys(const ConfigReader& r, const LoraSettings& l);
// The saved adapter_config.json of a base-started LoRA: PEFT's converted plain LoRA (r and
// rank_pattern doubled, lora_alpha and alpha_pattern doubled — √2 with rsLoRA — init true).
nlohmann::json convertedLoraConfig(nlohmann::json config, bool useRslora);

}  // namespace peftdesk
