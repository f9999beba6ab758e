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

// Where a Llama-shaped block puts its RMSNorms. Pre: norm before attention and MLP (Llama; the
// MLP's is named post_attention_layernorm). Sandwich: before and after both (Gemma 2 / 3: input_,
// post_attention_, pre_feedforward_, post_feedforward_layernorm). Post: after both only (OLMo 2:
// post_attention_ and post_feedforward_layernorm).
enum class NormPlacement { Pre, Sandwich, Post };
// How an RMSNorm applies its weight w to the fp32-normalised x̂ (spec §2.3). CastThenWeight:
// w · x̂.to(dtype) (Llama). WeightThenCast: (w · x̂).to(dtype) (OLMo 2). OnePlusWeightThenCast:
// (x̂ · (1 + w.float())).to(dtype) (Gemma, whose weights are stored around 0).
enum class RmsNormStyle { CastThenWeight, WeightThenCast, OnePlusWeightThenCast };
// RMSNorm on queries and keys. PerHead: over each head ([head_dim] weights; Qwen3, Gemma 3).
// WholeProjection: over the whole q / k projection ([heads · head_dim] weights; OLMo 2).
enum class QkNorm { None, PerHead, WholeProjection };

struct RopeScaling {
  std::string type = "default";  // default | linear | dynamic | llama3 | yarn | longrope
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
  std::vector<double> shortFactor, longFactor;  // longrope: one per rotary frequency
};

struct ModelConfig {
  std::filesystem::path sourceFile;
  std::string modelType;                   // "llama", "qwen3", "gemma2", "gpt2", ... (architectureTable)
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
  QkNorm qkNorm = QkNorm::None;
  NormPlacement normPlacement = NormPlacement::Pre;
  RmsNormStyle rmsNormStyle = RmsNormStyle::CastThenWeight;
  // Input embeddings times this (Gemma: √hidden, the factor first rounded to the activation dtype
  // when embeddingMultiplierInDtype; Granite: embedding_multiplier). Gemma scales inside the
  // embedding module (embeddingScaledInModule: prompt tuning's virtual tokens stay unscaled, as
  // under transformers 5); Granite scales the model's input embeddings, virtual tokens included.
  double embeddingMultiplier = 1.0;
  bool embeddingMultiplierInDtype = false;
  bool embeddingScaledInModule = false;
  double attentionScale = 0.0;             // 0 = head_dim^-1/2; Gemma: query_pre_attn_scalar^-1/2; Granite: attention_multiplier
  double attentionSoftcap = 0.0;           // 0 = off; Gemma 2: scores = cap * tanh(scores / cap)
  double finalLogitSoftcap = 0.0;          // 0 = off; Gemma 2: logits = cap * tanh(logits / cap)
  double residualMultiplier = 1.0;         // Granite: h + sublayer(h) * m
  double logitsDivisor = 1.0;              // Granite: logits / logits_scaling
  double localRopeTheta = 0.0;             // Gemma 3: sliding layers use default RoPE with this base (0 = one RoPE for all)
  bool fusedProjections = false;           // Phi-3: qkv_proj = [q; k; v] and gate_up_proj = [gate; up]
  bool rotaryInFloat32 = false;            // OLMo 2: cos / sin stay float32, q and k rotate in float32 and are cast back
  double partialRotaryFactor = 1.0;        // Phi-4-mini: RoPE on the first int(head_dim x this) dimensions of a head
  int64_t rotaryDim() const { return static_cast<int64_t>(static_cast<double>(headDim) * partialRotaryFactor); }
  // Mixture of experts (Qwen3-MoE): on the layers sparseLayers marks, a router picks
  // expertsPerToken of numExperts SwiGLU experts of moeIntermediateSize per token.
  int64_t numExperts = 0;
  int64_t expertsPerToken = 0;
  int64_t moeIntermediateSize = 0;
  bool normTopKProb = false;               // renormalise the kept routing weights to sum to 1
  std::vector<uint8_t> sparseLayers;       // 1 = this layer's MLP is the experts (empty: none)
  bool sparseLayer(int64_t layer) const { return !sparseLayers.empty() && sparseLayers.at(static_cast<size_t>(layer)) != 0; }
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
  // Gemma 3: the second RoPE base goes with the layer type, window or not.
  bool localRopeLayer(int64_t layer) const {
    return localRopeTheta > 0 && !slidingLayers.empty() && slidingLayers.at(static_cast<size_t>(layer)) != 0;
  }
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
