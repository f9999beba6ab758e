// The keys of AdapterHub's bottleneck adapters (the `adapters` library's BnConfig), read into
// BottleneckSettings from either form: a run's method ({"peft_type": "BOTTLENECK", "config":
// "double_seq_bn", "reduction_factor": 8, ...}: a preset, then BnConfig keys) or the library's
// adapter_config.json ({"config": {<BnConfig dict>}, "name": ..., "version": ...}). Keys that
// change the math and are not implemented are refused by name. Torch-free.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "peft/config_reader.h"

namespace peftdesk {

// The row's parse function (method_registry.h).
void parseBottleneck(const ConfigReader& reader, AdapterConfig& config);

// The full BnConfig dict this config stands for, as save_adapter writes it: the preset's (or, for
// a file, BnConfig's own) defaults, then every BnConfig key the config sets, as written.
nlohmann::json bnConfigDict(const AdapterConfig& config);

// A BnConfig key as a message names it: "config.<key>" in the library's file form, "<key>" in a run's method.
std::string bottleneckField(const AdapterConfig& config, const std::string& key);

// The presets a method may name in "config", AdapterHub's names: "seq_bn" (Pfeiffer, the default),
// "double_seq_bn" (Houlsby) and their deprecated aliases "pfeiffer", "houlsby".
inline constexpr const char* kBottleneckPresets = "seq_bn, double_seq_bn, pfeiffer, houlsby";

}  // namespace peftdesk
