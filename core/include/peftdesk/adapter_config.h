// A PEFT method configuration = PEFT's adapter_config.json, field for field (DESIGN.md §3,
// spec §3.2, §4, §5). Parsed and validated here, torch-free, so the GUI can check a method form
// and the CLI can report every problem with its field name before anything is built.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace peftdesk {

enum class PeftType { Lora, Ia3, PrefixTuning, PromptTuning };
const char* peftTypeName(PeftType type);  // "LORA", "IA3", "PREFIX_TUNING", "PROMPT_TUNING"

// target_modules / exclude_modules / feedforward_modules: null, a list of names (suffix match),
// a regex string (full match), or "all-linear".
struct ModuleSelector {
  enum class Kind { None, List, Regex, AllLinear } kind = Kind::None;
  std::vector<std::string> names;
  std::string regex;
};

struct LoraSettings {
  int64_t r = 8;
  double alpha = 8;
  double dropout = 0.0;
  ModuleSelector targets, exclude;
  bool fanInFanOut = false;
  std::string bias = "none";  // none | all | lora_only
  bool useRslora = false;
  bool useDora = false;
  std::string init = "true";  // true | false | gaussian (only used when creating)
  std::vector<std::string> modulesToSave;
  std::vector<int64_t> layersToTransform;  // empty = all layers
  std::string layersPattern;
  std::vector<std::pair<std::string, int64_t>> rankPattern;
  std::vector<std::pair<std::string, double>> alphaPattern;
  // PEFT 0.21 on transformers 5's fused MoE experts (gate_up_proj, down_proj, gate.weight): read
  // into per-expert modules when the adapter is loaded (core/peft/fused_experts.h).
  std::vector<std::string> targetParameters;
};

struct Ia3Settings {
  ModuleSelector targets, feedforward, exclude;
  bool fanInFanOut = false;
  bool initOnes = true;
  std::vector<std::string> modulesToSave;
};

struct PromptLearningSettings {
  int64_t numVirtualTokens = 0;
  std::optional<int64_t> tokenDim, numLayers, numAttentionHeads, encoderHiddenSize;
  int64_t numTransformerSubmodules = 1;
  bool prefixProjection = false;
  std::string promptInit = "RANDOM";  // RANDOM | TEXT | SAMPLE_VOCAB
  std::string promptInitText;
};

struct AdapterConfig {
  PeftType type = PeftType::Lora;
  nlohmann::json json;  // as read (or as given), for saving back field for field
  std::string source;   // file name for messages
  LoraSettings lora;
  Ia3Settings ia3;
  PromptLearningSettings prompt;
};

// Throws peftdesk::Error (Config / Unsupported) naming `source` and the field.
AdapterConfig parseAdapterConfig(const nlohmann::json& json, const std::string& source);
// DIR/adapter_config.json or the file itself.
AdapterConfig loadAdapterConfig(const std::filesystem::path& dirOrFile);

}  // namespace peftdesk
