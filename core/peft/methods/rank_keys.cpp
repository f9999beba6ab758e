// See rank_keys.h.
#include "peft/methods/rank_keys.h"

namespace peftdesk {

void readRankKeys(const ConfigReader& r, LoraSettings& l, const char* alphaKey) {
  l.r = r.integer("r", 8);
  if (l.r <= 0) r.fail("r", "must be a positive integer, found " + std::to_string(l.r));
  l.alpha = r.number(alphaKey, 8);
  l.targets = r.selector("target_modules", true);
  l.exclude = r.selector("exclude_modules", false);
  l.modulesToSave = r.strings("modules_to_save");
  if (r.has("layers_to_transform")) {
    const auto& v = r.at("layers_to_transform");
    if (v.is_number_integer()) {
      l.layersToTransform = {v.get<int64_t>()};
    } else if (v.is_array()) {
      for (const auto& e : v) {
        if (!e.is_number_integer()) r.fail("layers_to_transform", "expected layer indices");
        l.layersToTransform.push_back(e.get<int64_t>());
      }
    } else {
      r.fail("layers_to_transform", "expected an integer or a list of integers");
    }
    if (l.targets.kind == ModuleSelector::Kind::Regex) {
      r.fail("layers_to_transform", "cannot be combined with a regular-expression target_modules (PEFT ignores it there)");
    }
  }
  if (r.has("layers_pattern")) {
    const auto& v = r.at("layers_pattern");
    if (v.is_string()) l.layersPattern = v.get<std::string>();
    else if (v.is_array() && v.size() == 1 && v[0].is_string()) l.layersPattern = v[0].get<std::string>();
    else r.fail("layers_pattern", "expected a module list name such as \"layers\"");
  }
  if (r.has("rank_pattern")) {
    if (!r.at("rank_pattern").is_object()) r.fail("rank_pattern", "expected an object {pattern: rank}");
    for (auto it = r.at("rank_pattern").begin(); it != r.at("rank_pattern").end(); ++it) {
      if (!it.value().is_number_integer() || it.value().get<int64_t>() <= 0) r.fail("rank_pattern." + it.key(), "rank must be a positive integer");
      l.rankPattern.emplace_back(it.key(), it.value().get<int64_t>());
    }
  }
  if (r.has("alpha_pattern")) {
    if (!r.at("alpha_pattern").is_object()) r.fail("alpha_pattern", "expected an object {pattern: alpha}");
    for (auto it = r.at("alpha_pattern").begin(); it != r.at("alpha_pattern").end(); ++it) {
      if (!it.value().is_number()) r.fail("alpha_pattern." + it.key(), "alpha must be a number");
      l.alphaPattern.emplace_back(it.key(), it.value().get<double>());
    }
  }
}

void readLoraLayerKeys(const ConfigReader& r, LoraSettings& l) {
  l.dropout = r.number("lora_dropout", 0.0);
  if (l.dropout < 0 || l.dropout >= 1) r.fail("lora_dropout", "must be in [0, 1)");
  l.fanInFanOut = r.boolean("fan_in_fan_out", false);
  l.bias = r.string("bias", "none");
  if (l.bias != "none" && l.bias != "all" && l.bias != "lora_only") r.fail("bias", "must be none, all or lora_only, found '" + l.bias + "'");
}

}  // namespace peftdesk
