// AdapterHub's adapter folder format (the `adapters` library's save_adapter / load_adapter), which
// bottleneck adapters are saved in so that library loads ours and we load its: the file names,
// the key of every tensor (the adapter's name is inside it), the adapter_config.json shape around
// the BnConfig dict, and opening the weights with PeftDesk's refusal of pickle files (decision 3).
// The PEFT folder format has its home in peftdesk/peft_folder.h. Torch-free.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace peftdesk {

class SafetensorsFile;
struct AdapterConfig;

namespace adapterhub_folder {

inline constexpr const char* kWeightsFile = "adapter.safetensors";        // save_adapter(..., use_safetensors=True)
inline constexpr const char* kPickleWeightsFile = "pytorch_adapter.bin";  // the library's default: refused
inline constexpr const char* kVersion = "adapters.1.3.0";                 // the release whose format this is

// Whether an adapter_config.json is AdapterHub's ({"config": {...} or a preset's name, "name": ...},
// no peft_type; a run's method continuing one adds "peft_type": "BOTTLENECK").
bool isAdapterHubConfig(const nlohmann::json& config);

// "model.layers.3.attention_adapters" (after attention) / "model.layers.3.output_adapters" (after the MLP).
std::string siteName(int64_t layer, bool afterAttention);
// "<site>.adapters.<adapter name>.<leaf>", as named_parameters() of the library's model has it.
std::string savedKey(const std::string& site, const std::string& adapterName, const std::string& leaf);
// The same key as a file saved from a bare decoder (no leading "model.") has it; the library's
// loader accepts both.
std::string bareKey(const std::string& key);

// DIR/adapter.safetensors opened; throws peftdesk::Error naming the folder when it is missing, and
// saying how to re-save when only pytorch_adapter.bin is there.
std::shared_ptr<SafetensorsFile> openWeights(const std::filesystem::path& dir);

// Which folder format an adapter of this config's method is in: AdapterHub's for the methods on the
// decoder's residual sites (method_registry.h: attachSite), PEFT's for the others. The weights
// file's name and opening it, for either.
bool isFormatOf(const AdapterConfig& config);
const char* weightsFileFor(const AdapterConfig& config);
std::shared_ptr<SafetensorsFile> openWeightsFor(const std::filesystem::path& dir, const AdapterConfig& config);

// The adapter_config.json save_adapter writes for this config: the full BnConfig dict (the
// preset's defaults, then every BnConfig key the config sets, as written), and the model facts.
struct ModelFacts {
  int64_t hiddenSize;
  std::string modelClass;  // "LlamaForCausalLM"
  std::string modelName;   // the base's name or path
  std::string modelType;   // "llama"
};
nlohmann::json savedConfig(const AdapterConfig& config, const ModelFacts& model);

}  // namespace adapterhub_folder
}  // namespace peftdesk
