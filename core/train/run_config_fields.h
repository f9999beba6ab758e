// The table of RUN.json keys (see run_config.h): one row per key with its JSON type, default and
// range check. parseRunConfig, `--set`, the LLaMA-Factory YAML import and the GUI's forms all read
// this one table, so a key exists in exactly one place.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace peftdesk {

enum class FieldType { Number, Integer, Bool, String, Path, Object };

struct RunField {
  const char* key;          // dotted: "train.learning_rate"
  FieldType type;
  nlohmann::json defaultValue;
  bool nullable;            // null is a valid value (meaning "not set")
  const char* help;         // one line, for tooltips and --help
  // Extra check on a value of the right type; returns "" when fine, else the reason.
  std::function<std::string(const nlohmann::json&)> check;
};

const std::vector<RunField>& runFields();
const RunField* findRunField(const std::string& dottedKey);

}  // namespace peftdesk
