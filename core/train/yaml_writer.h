// A JSON value as a YAML document, read back with the same types by PyYAML's safe_load and by
// OmegaConf (what llamafactory-cli and accelerate load configs with) and by our own yaml_reader:
// block mappings in key order, lists and nested mappings of scalars in flow style, strings always
// double-quoted (a bare `no`, `1e-4` or `on` would change type), floats always with a point and a
// signed exponent (YAML 1.1 reads `1e-05` as a string). Comments (`# ...`) may head the document.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace peftdesk {

// `header` lines are written as comments first. Null values are left out (absent = not set).
std::string writeYaml(const nlohmann::ordered_json& document, const std::string& header = "");
// One scalar as YAML writes it (for tests and for the launch script's README).
std::string yamlScalar(const nlohmann::ordered_json& value);

}  // namespace peftdesk
