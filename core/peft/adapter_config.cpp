// See adapter_config.h. Each method's row (method_registry.h) parses its keys; keys that change
// the math and are not implemented are refused (spec §3.2), unknown keys are ignored like PEFT >= 0.14.
#include "peftdesk/adapter_config.h"

#include "peft/adapterhub_folder.h"
#include "peft/config_reader.h"
#include "peft/method_registry.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "peftdesk/peft_folder.h"

namespace peftdesk {

const char* peftTypeName(PeftType type) { return peftMethod(type).name; }

AdapterConfig parseAdapterConfig(const nlohmann::json& j, const std::string& source) {
  if (!j.is_object()) throw Error(ErrorCategory::Config, "adapter config is not a JSON object", {source});
  ConfigReader r(j, source);
  // AdapterHub's adapter_config.json has no peft_type: its bottleneck adapters are our BOTTLENECK row.
  const std::string type = adapterhub_folder::isAdapterHubConfig(j) && !j.contains("peft_type") ? "BOTTLENECK" : r.string("peft_type", "");
  if (type.empty()) r.fail("peft_type", "missing required key (one of " + peftMethodNames() + ")");
  const std::string task = r.string("task_type", "CAUSAL_LM");
  if (task != "CAUSAL_LM") r.fail("task_type", "only CAUSAL_LM adapters are supported, found '" + task + "'", ErrorCategory::Unsupported);
  const PeftMethodRow* row = findPeftMethod(type);
  if (!row) r.fail("peft_type", "unsupported peft_type '" + type + "' (supported: " + peftMethodNames() + ")", ErrorCategory::Unsupported);
  AdapterConfig c;
  c.type = row->type;
  c.json = j;
  c.source = source;
  row->parse(r, c);
  return c;
}

AdapterConfig loadAdapterConfig(const std::filesystem::path& dirOrFile) {
  const auto file = std::filesystem::is_directory(dirOrFile) ? peft_folder::configFile(dirOrFile) : dirOrFile;
  if (!std::filesystem::exists(file)) {
    throw Error(ErrorCategory::Io, "adapter_config.json not found; is this an adapter folder (PEFT's, or AdapterHub's for bottleneck adapters)?", {file.string()});
  }
  return parseAdapterConfig(readJsonFile(file), file.string());
}

}  // namespace peftdesk
