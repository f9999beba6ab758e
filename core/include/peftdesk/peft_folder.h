// PEFT's adapter folder format in one place: the two file names, the key prefix of every tensor
// in adapter_model.safetensors, LoRA's scaling, and opening the weights with PeftDesk's one
// refusal of pickle files. Load and save (core/peft/adapter_set.cpp), compare and combine
// (core/compare), the run and export code and the GUI ask here instead of spelling the names.
// Torch-free.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace peftdesk {

class SafetensorsFile;

namespace peft_folder {

inline constexpr const char* kConfigFile = "adapter_config.json";
inline constexpr const char* kWeightsFile = "adapter_model.safetensors";
inline constexpr const char* kPickleWeightsFile = "adapter_model.bin";  // refused: unpickling can run code
// PeftModel's attribute path of the wrapped model: every saved key starts with it.
inline constexpr const char* kKeyPrefix = "base_model.model.";

// A saved key without the prefix (unchanged when it has none).
std::string withoutKeyPrefix(const std::string& key);
bool hasKeyPrefix(const std::string& key);

// Whether `dir` holds adapter_config.json.
bool isAdapterFolder(const std::filesystem::path& dir);
std::filesystem::path configFile(const std::filesystem::path& dir);
// DIR/adapter_model.safetensors opened; throws peftdesk::Error naming the folder when it is missing,
// and saying why an adapter_model.bin alone is refused.
std::shared_ptr<SafetensorsFile> openWeights(const std::filesystem::path& dir);

// DIR/<weightsFile> opened — the one refusal of pickles for every adapter folder format: when it is
// missing, throws naming it, saying why a <pickleFile> alone is refused and how to re-save it
// (`resave`), or else what the folder was expected to be (`expected`).
std::shared_ptr<SafetensorsFile> openWeightsRefusingPickle(const std::filesystem::path& dir, const char* weightsFile, const char* pickleFile,
                                                           const std::string& resave, const std::string& expected);

// LoRA's scaling: alpha / r, or alpha / √r with rsLoRA (use_rslora).
double loraScaling(double alpha, int64_t r, bool rslora);

}  // namespace peft_folder
}  // namespace peftdesk
