// The table of supported decoder architectures: one row per Hugging Face model_type, each with
// the function that reads its config keys. Adding an architecture = one row here + (when the
// math differs) one decoder file in model/ registered in decoder_factory.cpp.
#include <cmath>
#include <nlohmann/json.hpp>

#include "model/config_fields.h"
#include "peftdesk/error.h"

namespace peftdesk {
namespace {

// rope_parameters (transformers v5) or rope_theta + rope_scaling (legacy, key `type` or `rope_type`).
void parseRope(const nlohmann::json& j, ModelConfig& c, ConfigReader& r, double defaultTheta) {
  c.ropeTheta = r.numberOr("rope_theta", defaultTheta);
  const nlohmann::json* scaling = nullptr;
  std::string field = "rope_scaling";
  if (j.contains("rope_parameters") && j["rope_parameters"].is_object()) {
    scaling = &j["rope_parameters"];
    field = "rope_parameters";
    if (scaling->contains("rope_theta")) c.ropeTheta = (*scaling)["rope_theta"].get<double>();
  } else if (j.contains("rope_scaling") && j["rope_scaling"].is_object()) {
    scaling = &j["rope_scaling"];
  } else if (j.contains("rope_scaling") && !j["rope_scaling"].is_null()) {
    r.fail("rope_scaling", "expected an object or null");
  }
  if (!scaling) return;
  ConfigReader s(*scaling, "");
  auto& rs = c.ropeScaling;
  rs.type = s.stringOr("rope_type", s.stringOr("type", "default"));
  try {
    rs.factor = s.numberOr("factor", 1.0);
    rs.lowFreqFactor = s.numberOr("low_freq_factor", 1.0);
    rs.highFreqFactor = s.numberOr("high_freq_factor", 4.0);
    rs.originalMaxPositionEmbeddings = s.integerOr("original_max_position_embeddings", 0);
    rs.attentionFactor = s.numberOr("attention_factor", 0.0);
    rs.betaFast = s.numberOr("beta_fast", 32.0);
    rs.betaSlow = s.numberOr("beta_slow", 1.0);
    rs.truncate = s.booleanOr("truncate", true);
    rs.mscale = s.numberOr("mscale", 0.0);
    rs.mscaleAllDim = s.numberOr("mscale_all_dim", 0.0);
    rs.hasOriginalMax = s.has("original_max_position_embeddings");
  } catch (const Error& e) {
    r.fail(field + "." + e.context().field, e.message());
  }
  static const char* kKnown[] = {"default", "linear", "dynamic", "llama3", "yarn"};
  bool known = false;
  for (const char* k : kKnown) known = known || rs.type == k;
  if (!known) {
    throw Error(ErrorCategory::Unsupported, "unsupported rope type '" + rs.type + "' (supported: default, linear, dynamic, llama3, yarn)",
                {c.sourceFile.string(), -1, -1, field + ".rope_type"});
  }
  if (rs.type == "llama3" && rs.originalMaxPositionEmbeddings <= 0) {
    r.fail(field + ".original_max_position_embeddings", "required for rope type llama3");
  }
  if (rs.type != "default" && rs.factor <= 0) r.fail(field + ".factor", "must be positive");
}

void parseLlamaLike(const nlohmann::json& j, ModelConfig& c, double defaultTheta, double defaultEps) {
  ConfigReader r(j, c.sourceFile);
  c.vocabSize = r.positive("vocab_size");
  c.hiddenSize = r.positive("hidden_size");
  c.intermediateSize = r.positive("intermediate_size");
  c.numLayers = r.positive("num_hidden_layers");
  c.numHeads = r.positive("num_attention_heads");
  c.numKvHeads = r.integerOr("num_key_value_heads", c.numHeads);
  if (c.hiddenSize % c.numHeads != 0 && !r.has("head_dim")) {
    r.fail("hidden_size", "not divisible by num_attention_heads and no head_dim given");
  }
  c.headDim = r.integerOr("head_dim", c.hiddenSize / c.numHeads);
  c.maxPositionEmbeddings = r.integerOr("max_position_embeddings", 2048);
  c.hiddenAct = r.stringOr("hidden_act", "silu");
  if (c.hiddenAct != "silu") r.fail("hidden_act", "only 'silu' is supported for this architecture, found '" + c.hiddenAct + "'");
  c.normEps = r.numberOr("rms_norm_eps", defaultEps);
  c.tieWordEmbeddings = r.booleanOr("tie_word_embeddings", false);
  c.mlpBias = r.booleanOr("mlp_bias", false);
  parseRope(j, c, r, defaultTheta);
  if (r.integerOr("pretraining_tp", 1) != 1) {
    // Only changes summation order in old transformers; the math is the same.
  }
}

void parseLlama(const nlohmann::json& j, ModelConfig& c) {
  parseLlamaLike(j, c, 10000.0, 1e-6);
  ConfigReader r(j, c.sourceFile);
  c.qkvBias = c.oBias = r.booleanOr("attention_bias", false);
}

void parseMistral(const nlohmann::json& j, ModelConfig& c) {
  parseLlamaLike(j, c, 10000.0, 1e-6);
  ConfigReader r(j, c.sourceFile);
  c.qkvBias = c.oBias = r.booleanOr("attention_bias", false);
  c.slidingWindow = r.integerOr("sliding_window", 0);
}

void parseQwen2(const nlohmann::json& j, ModelConfig& c) {
  parseLlamaLike(j, c, 10000.0, 1e-6);
  ConfigReader r(j, c.sourceFile);
  c.qkvBias = true;  // Qwen2 always has q/k/v biases and never an o bias (spec §2.7)
  c.oBias = false;
  if (r.booleanOr("use_sliding_window", false)) {
    c.slidingWindow = r.integerOr("sliding_window", 0);
    c.maxWindowLayers = r.integerOr("max_window_layers", 28);
  }
}

// transformers' layer_types as one flag per layer (1 = "sliding_attention"); empty when absent.
constexpr const char* kLayerTypeNames[] = {"full_attention", "sliding_attention"};
std::vector<uint8_t> slidingLayerTypes(const nlohmann::json& j, const ModelConfig& c, ConfigReader& r) {
  std::vector<uint8_t> out;
  if (!j.contains("layer_types") || j["layer_types"].is_null()) return out;
  const auto& types = j["layer_types"];
  if (!types.is_array() || static_cast<int64_t>(types.size()) != c.numLayers)
    r.fail("layer_types", "expected a list of " + std::to_string(c.numLayers) + " entries (one per layer)");
  for (const auto& t : types) {
    const std::string s = t.is_string() ? t.get<std::string>() : std::string();
    if (s != kLayerTypeNames[0] && s != kLayerTypeNames[1])
      r.fail("layer_types", "entries must be \"full_attention\" or \"sliding_attention\", found " + t.dump());
    out.push_back(s == kLayerTypeNames[1] ? 1 : 0);
  }
  return out;
}

// Qwen3 (transformers' modeling_qwen3): Llama's blocks with an RMSNorm over each head of q and k
// (q_norm / k_norm, weights [head_dim], before RoPE), head_dim from the config (not hidden / heads
// in the released models), attention_bias for q/k/v/o, Qwen2's sliding-window rule.
void parseQwen3(const nlohmann::json& j, ModelConfig& c) {
  parseLlamaLike(j, c, 10000.0, 1e-6);
  ConfigReader r(j, c.sourceFile);
  // Defaults are Qwen3Config's: save_pretrained leaves out what equals them.
  c.maxPositionEmbeddings = r.integerOr("max_position_embeddings", 32768);
  c.qkvBias = c.oBias = r.booleanOr("attention_bias", false);
  c.qkNorm = true;
  if (r.booleanOr("use_sliding_window", false)) {
    c.slidingWindow = r.integerOr("sliding_window", 0);
    c.maxWindowLayers = r.integerOr("max_window_layers", 28);
  }
  // layer_types, when written, must be the pattern the two keys above describe.
  const std::vector<uint8_t> types = slidingLayerTypes(j, c, r);
  for (size_t i = 0; i < types.size(); ++i) {
    const bool sliding = c.slidingWindow > 0 && static_cast<int64_t>(i) >= c.maxWindowLayers;
    if ((types[i] != 0) != sliding)
      r.fail("layer_types", "entry " + std::to_string(i) + " is \"" + kLayerTypeNames[types[i]] + "\", expected \"" +
                                kLayerTypeNames[sliding ? 1 : 0] + "\" from use_sliding_window / max_window_layers (other patterns are not supported)");
  }
}

// A per-layer list of 0 / 1 (SmolLM3's no_rope_layers), one entry per layer.
std::vector<uint8_t> layerFlags(const nlohmann::json& list, const ModelConfig& c, ConfigReader& r, const char* field) {
  if (!list.is_array() || static_cast<int64_t>(list.size()) != c.numLayers)
    r.fail(field, "expected a list of " + std::to_string(c.numLayers) + " entries (one per layer)");
  std::vector<uint8_t> out;
  for (const auto& v : list) {
    if (!v.is_number_integer() || (v.get<int64_t>() != 0 && v.get<int64_t>() != 1)) r.fail(field, "entries must be 0 or 1, found " + v.dump());
    out.push_back(static_cast<uint8_t>(v.get<int64_t>()));
  }
  return out;
}

// SmolLM3 (transformers' modeling_smollm3): Llama's blocks where no_rope_layers[i] == 0 marks a NoPE
// layer (no rotary embedding; by default every no_rope_layer_interval-th layer), attention_bias on
// q/k/v/o, and a sliding window on the layers layer_types marks (by default the NoPE layers, when
// use_sliding_window is set).
void parseSmolLM3(const nlohmann::json& j, ModelConfig& c) {
  parseLlamaLike(j, c, 2000000.0, 1e-6);
  ConfigReader r(j, c.sourceFile);
  // Defaults are SmolLM3Config's (tied embeddings from PretrainedConfig): save_pretrained leaves
  // out what equals them.
  c.maxPositionEmbeddings = r.integerOr("max_position_embeddings", 32768);
  c.tieWordEmbeddings = r.booleanOr("tie_word_embeddings", true);
  c.qkvBias = c.oBias = r.booleanOr("attention_bias", false);
  if (j.contains("no_rope_layers") && !j["no_rope_layers"].is_null()) {
    c.ropeLayers = layerFlags(j["no_rope_layers"], c, r, "no_rope_layers");
  } else {
    const int64_t interval = r.integerOr("no_rope_layer_interval", 4);
    if (interval <= 0) r.fail("no_rope_layer_interval", "must be positive");
    for (int64_t i = 0; i < c.numLayers; ++i) c.ropeLayers.push_back((i + 1) % interval != 0 ? 1 : 0);
  }
  const bool useWindow = r.booleanOr("use_sliding_window", false);
  const int64_t window = j.contains("sliding_window") && !j["sliding_window"].is_null() ? r.integerOr("sliding_window", 0) : 0;
  c.slidingLayers = slidingLayerTypes(j, c, r);
  if (c.slidingLayers.empty()) {
    for (int64_t i = 0; i < c.numLayers; ++i) c.slidingLayers.push_back(useWindow && window > 0 && !c.ropeLayers[static_cast<size_t>(i)] ? 1 : 0);
  }
  c.slidingWindow = useWindow ? window : 0;
}

void parseGpt2(const nlohmann::json& j, ModelConfig& c) {
  ConfigReader r(j, c.sourceFile);
  c.vocabSize = r.positive("vocab_size");
  c.hiddenSize = r.positive("n_embd");
  c.numLayers = r.positive("n_layer");
  c.numHeads = r.positive("n_head");
  c.numKvHeads = c.numHeads;
  if (c.hiddenSize % c.numHeads != 0) r.fail("n_head", "n_embd is not divisible by n_head");
  c.headDim = c.hiddenSize / c.numHeads;
  c.intermediateSize = r.integerOr("n_inner", 4 * c.hiddenSize);
  c.maxPositionEmbeddings = r.integerOr("n_positions", 1024);
  c.hiddenAct = r.stringOr("activation_function", "gelu_new");
  if (c.hiddenAct != "gelu_new" && c.hiddenAct != "gelu_pytorch_tanh" && c.hiddenAct != "gelu") {
    r.fail("activation_function", "unsupported activation '" + c.hiddenAct + "' (supported: gelu_new, gelu_pytorch_tanh, gelu)");
  }
  c.normEps = r.numberOr("layer_norm_epsilon", 1e-5);
  c.tieWordEmbeddings = r.booleanOr("tie_word_embeddings", true);
  c.qkvBias = c.oBias = c.mlpBias = true;
  if (r.booleanOr("scale_attn_by_inverse_layer_idx", false) || r.booleanOr("reorder_and_upcast_attn", false)) {
    r.fail("scale_attn_by_inverse_layer_idx", "GPT-2 attention variants other than the default are not supported");
  }
  if (!r.booleanOr("scale_attn_weights", true)) r.fail("scale_attn_weights", "false is not supported");
}

const std::vector<ArchitectureSpec> kArchitectures = {
    {"llama", "LlamaForCausalLM", DecoderFamily::Llama, &parseLlama},
    {"mistral", "MistralForCausalLM", DecoderFamily::Llama, &parseMistral},
    {"qwen2", "Qwen2ForCausalLM", DecoderFamily::Llama, &parseQwen2},
    {"qwen3", "Qwen3ForCausalLM", DecoderFamily::Llama, &parseQwen3},
    {"smollm3", "SmolLM3ForCausalLM", DecoderFamily::Llama, &parseSmolLM3},
    {"gpt2", "GPT2LMHeadModel", DecoderFamily::Gpt2, &parseGpt2},
};

}  // namespace

const std::vector<ArchitectureSpec>& architectureTable() { return kArchitectures; }

const ArchitectureSpec* findArchitecture(const std::string& modelType) {
  for (const auto& row : kArchitectures)
    if (modelType == row.modelType) return &row;
  return nullptr;
}

}  // namespace peftdesk
