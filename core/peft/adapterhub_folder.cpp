// See adapterhub_folder.h. The layout is the `adapters` 1.3.0 release's (loading.py, save_adapter:
// json.dump(indent=2, sort_keys=True) of the config; safetensors without metadata).
#include "peft/adapterhub_folder.h"

#include "peft/method_registry.h"
#include "peft/methods/bottleneck_keys.h"
#include "peftdesk/adapter_config.h"
#include "peftdesk/peft_folder.h"
#include "peftdesk/safetensors.h"

namespace peftdesk::adapterhub_folder {

namespace fs = std::filesystem;

bool isAdapterHubConfig(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("config")) return false;
  const nlohmann::json& config = j.at("config");
  const bool typed = j.contains("peft_type");
  // A run continuing such an adapter keeps the file's config with peft_type BOTTLENECK added.
  if (config.is_object()) return !typed || j.at("peft_type") == "BOTTLENECK";
  // The library also reads a preset's name in place of the dict.
  return config.is_string() && !typed && j.contains("name");
}

std::string siteName(int64_t layer, bool afterAttention) {
  return "model.layers." + std::to_string(layer) + (afterAttention ? ".attention_adapters" : ".output_adapters");
}

std::string savedKey(const std::string& site, const std::string& adapterName, const std::string& leaf) {
  return site + ".adapters." + adapterName + "." + leaf;
}

std::string bareKey(const std::string& key) {
  const std::string model = "model.";
  return key.rfind(model, 0) == 0 ? key.substr(model.size()) : key;
}

std::shared_ptr<SafetensorsFile> openWeights(const fs::path& dir) {
  return peft_folder::openWeightsRefusingPickle(dir, kWeightsFile, kPickleWeightsFile,
                                                "re-save it with the adapters library: model.save_adapter(dir, name, use_safetensors=True)",
                                                "an AdapterHub adapter folder saved with use_safetensors=True?");
}

bool isFormatOf(const AdapterConfig& config) { return peftMethod(config.type).attachSite != nullptr; }

const char* weightsFileFor(const AdapterConfig& config) { return isFormatOf(config) ? kWeightsFile : peft_folder::kWeightsFile; }

std::shared_ptr<SafetensorsFile> openWeightsFor(const fs::path& dir, const AdapterConfig& config) {
  return isFormatOf(config) ? openWeights(dir) : peft_folder::openWeights(dir);
}

nlohmann::json savedConfig(const AdapterConfig& config, const ModelFacts& model) {
  nlohmann::json j;
  j["config"] = bnConfigDict(config);
  j["hidden_size"] = model.hiddenSize;
  j["model_class"] = model.modelClass;
  j["model_name"] = model.modelName;
  j["model_type"] = model.modelType;
  j["name"] = config.bottleneck.name;
  j["version"] = kVersion;
  return j;
}

}  // namespace peftdesk::adapterhub_folder
