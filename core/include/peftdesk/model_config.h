// A decoder's hyper-parameters, read from a Hugging Face config.json, and the table of supported
// architectures. Torch-free: `info` and the GUI's model page use it without loading weights.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace peftdesk {

// How the forward pass is built; several model_types share one family (flags pick the details).
enum class DecoderFamily { Llama, Gpt2 };

struct RopeScaling {
  std::string type = "default";  // default | linear | dynamic | llama3 | yarn
  double factor = 1.0;
  double lowFreqFactor = 1.0;
  double highFreqFactor = 4.0;
  int64_t originalMaxPositionEmbeddings = 0;
  double attentionFactor = 0.0;  // yarn; 0 = derived
  double betaFast = 32.0;
  double betaSlow = 1.0;
  double mscale = 0.0;         // yarn; 0 = unset
  double mscaleAllDim = 0.0;   // yarn; 0 = unset
  bool hasOriginalMax = false;
  bool truncate = true;
};

struct ModelConfig {
  std::filesystem::path sourceFile;
  std::string modelType;                   // "llama", "mistral", "qwen2", "qwen3", "gpt2"
  std::string architectureName;            // first entry of "architectures", or derived
  DecoderFamily family = DecoderFamily::Llama;
  int64_t vocabSize = 0;
  int64_t hiddenSize = 0;
  int64_t intermediateSize = 0;
  int64_t numLayers = 0;
  int64_t numHeads = 0;
  int64_t numKvHeads = 0;
  int64_t headDim = 0;
  int64_t maxPositionEmbeddings = 0;
  std::string hiddenAct = "silu";
  double normEps = 1e-6;                   // rms_norm_eps / layer_norm_epsilon
  double ropeTheta = 10000.0;
  RopeScaling ropeScaling;
  bool qkvBias = false;                    // Qwen2: always; Llama/Mistral: attention_bias
  bool oBias = false;
  bool mlpBias = false;
  bool qkNorm = false;                     // Qwen3: RMSNorm over each head of q and k before RoPE
  bool tieWordEmbeddings = false;
  int64_t slidingWindow = 0;               // 0 = none
  int64_t maxWindowLayers = 0;             // Qwen2: sliding window only on layers >= this
  std::vector<uint8_t> slidingLayers;      // SmolLM3: 1 = this layer uses the window (empty: the rule above)
  std::vector<uint8_t> ropeLayers;         // SmolLM3: 0 = no rotary embedding in this layer (empty: every layer)
  bool windowedLayer(int64_t layer) const {
    if (slidingWindow <= 0) return false;
    if (!slidingLayers.empty()) return slidingLayers.at(static_cast<size_t>(layer)) != 0;
    return layer >= maxWindowLayers;
  }
  bool ropeLayer(int64_t layer) const { return ropeLayers.empty() || ropeLayers.at(static_cast<size_t>(layer)) != 0; }
  std::string torchDtype;                  // as written ("bfloat16", ...), may be empty
  int64_t bosTokenId = -1;
  std::vector<int64_t> eosTokenIds;
  int64_t padTokenId = -1;
};

// One row per supported model_type.
struct ArchitectureSpec {
  const char* modelType;
  const char* displayName;
  DecoderFamily family;
  void (*parse)(const nlohmann::json& config, ModelConfig& out);
};

const std::vector<ArchitectureSpec>& architectureTable();
const ArchitectureSpec* findArchitecture(const std::string& modelType);

// Reads and validates DIR/config.json (or the given file). Throws peftdesk::Error naming the file
// and the field for missing keys, wrong types, inconsistent sizes or unsupported model types.
ModelConfig loadModelConfig(const std::filesystem::path& dirOrFile);
ModelConfig parseModelConfig(const nlohmann::json& json, const std::filesystem::path& sourceFile);

}  // namespace peftdesk
