// The keys LoRA, LoHa and LoKr share: r, the alpha (`lora_alpha` or `alpha`), target_modules,
// exclude_modules, modules_to_save, layers_to_transform, layers_pattern, rank_pattern and
// alpha_pattern, read into LoraSettings with PEFT's rules. Torch-free.
#pragma once

#include "peft/config_reader.h"

namespace peftdesk {

void readRankKeys(const ConfigReader& r, LoraSettings& settings, const char* alphaKey);
// lora_dropout, fan_in_fan_out and bias, which LoRA and AdaLoRA share.
void readLoraLayerKeys(const ConfigReader& r, LoraSettings& settings);

}  // namespace peftdesk
