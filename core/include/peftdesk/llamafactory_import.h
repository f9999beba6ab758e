// Import of a LLaMA-Factory training YAML (the files people pass to `llamafactory-cli train`)
// into a PeftDesk RUN.json, so their users switch without rewriting configs. Keys map through one
// table; keys that only steer infrastructure (report_to, ddp_timeout, ...) are listed as ignored;
// keys that would change what is trained but have no equivalent here are refused by name, never
// dropped silently. No LibTorch, no Qt.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace peftdesk {

struct LlamaFactoryImport {
  nlohmann::json run;               // RUN.json content (relative paths resolved against the YAML's folder)
  std::vector<std::string> notes;   // one line per ignored key or changed default, for the user
};

// Throws peftdesk::Error: YAML syntax (file:line), a top level that is not a mapping, a stage
// other than sft / pt, or the list of keys that cannot be carried over.
LlamaFactoryImport importLlamaFactoryYaml(const std::filesystem::path& yamlFile);

}  // namespace peftdesk
