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

// One value per row of the method registry (core/peft/method_registry.h).
enum class PeftType { Lora, Ia3, PrefixTuning, PromptTuning, Loha, Lokr, AdaLora, Bottleneck };
// "LORA", "IA3", "PREFIX_TUNING", "PROMPT_TUNING", "LOHA", "LOKR", "ADALORA", "BOTTLENECK"
const char* peftTypeName(PeftType type);

// target_modules / exclude_modules / feedforward_modules: null, a list of names (suffix match),
// a regex string (full match), or "all-linear".
struct ModuleSelector {
  enum class Kind { None, List, Regex, AllLinear } kind = Kind::None;
  std::vector<std::string> names;
  std::string regex;
};

// LoRA's keys. LoHa and LoKr read the keys they share with LoRA (r, their `alpha`, target_modules,
// exclude_modules, layers_to_transform, layers_pattern, rank_pattern, alpha_pattern,
// modules_to_save) into this struct too, so targeting treats the three alike.
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

// LoHa and LoKr (PEFT's LyCORIS family) beyond the keys they share with LoRA.
struct LycorisSettings {
  double rankDropout = 0;       // training: drops whole output rows of ΔW
  double moduleDropout = 0;     // training: skips the whole module's ΔW with this probability
  std::string init = "true";    // true | false | lycoris (LoKr only; only used when creating)
  bool decomposeBoth = false;   // LoKr: factor the left Kronecker factor too
  int64_t decomposeFactor = -1; // LoKr: -1 = the divisor pair closest to the square root
  bool rankDropoutScale = false;  // LoKr: rescale the row mask by its mean (LoHa always does)
};

// AdaLoRA (PEFT's adalora tuner) beyond the LoRA keys it shares (lora_alpha, lora_dropout, the
// targeting keys): the SVD-style update B·diag(E)·A whose rank the allocation schedule prunes.
struct AdaLoraSettings {
  int64_t initR = 12;        // rank every target starts with (sizes the tensors; `r` is ignored)
  int64_t targetR = 8;       // average rank at the end: the final budget is target_r x targets
  int64_t tinit = 0;         // optimizer steps before any pruning
  int64_t tfinal = 0;        // last steps with the final pattern fixed
  int64_t deltaT = 1;        // during the budget phase, prune on steps divisible by this
  int64_t totalStep = 0;     // the schedule's length in optimizer steps; 0 = unset (a run: its length)
  double beta1 = 0.85, beta2 = 0.85;  // EMA factors of sensitivity and uncertainty
  double orthRegWeight = 0.5;         // weight of the orthogonality penalty in the loss
  // rank_pattern as a trained adapter is saved with: module path -> which of its init_r
  // singular triplets were kept (the file holds only those).
  std::vector<std::pair<std::string, std::vector<bool>>> rankPattern;
};

// AdapterHub's bottleneck adapters (the `adapters` library's BnConfig: Pfeiffer = "seq_bn",
// Houlsby = "double_seq_bn"), which sit on a decoder block's residual stream after its attention
// and / or MLP instead of on a linear module. Saved in AdapterHub's folder format, not PEFT's.
struct BottleneckSettings {
  bool mhAdapter = false;      // after the attention sub-block (Houlsby)
  bool outputAdapter = true;   // after the MLP sub-block (both)
  double reductionFactor = 16; // bottleneck width = hidden_size // reduction_factor (at least 1)
  std::vector<std::pair<int64_t, double>> reductionByLayer;  // a mapping's per-layer entries
  std::string nonLinearity = "relu";
  bool originalLnBefore = true;  // the adapter reads sub-block output + residual (Pfeiffer)
  bool residualBeforeLn = true;  // the adapter's own skip adds the sub-block output, not the sum
  double scaling = 1.0;
  double dropout = 0.0;          // on the adapter's up-projection output, training only
  std::string initWeights = "bert";  // bert | mam_adapter | houlsby (only used when creating)
  std::vector<int64_t> leaveOut;     // layers without adapters
  std::string name;  // the adapter name inside AdapterHub's keys ("" = the loaded adapter's own)
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
  LycorisSettings lycoris;
  AdaLoraSettings adalora;
  BottleneckSettings bottleneck;
  PromptLearningSettings prompt;
};

// Throws peftdesk::Error (Config / Unsupported) naming `source` and the field.
AdapterConfig parseAdapterConfig(const nlohmann::json& json, const std::string& source);
// DIR/adapter_config.json or the file itself.
AdapterConfig loadAdapterConfig(const std::filesystem::path& dirOrFile);

}  // namespace peftdesk
