// See family_common.h.
#include "model/families/family_common.h"

#include "peftdesk/error.h"

namespace peftdesk::families {

const char* const kLayerTypeNames[2] = {"full_attention", "sliding_attention"};

void parseRope(const nlohmann::json& j, ModelConfig& c, ConfigReader& r, double defaultTheta) {
  c.ropeTheta = r.numberOr("rope_theta", defaultTheta);
  const nlohmann::json* scaling = nullptr;
  std::string field = "rope_scaling";
  if (j.contains("rope_parameters") && j["rope_parameters"].is_object()) {
    scaling = &j["rope_parameters"];
    field = "rope_parameters";
    // Per layer type (transformers 5, Gemma 3): the full layers' entry is the model's RoPE; the
    // sliding layers' entry may only change the base.
    if (scaling->contains(kLayerTypeNames[1])) {
      const nlohmann::json& local = (*scaling)[kLayerTypeNames[1]];
      if (!local.is_object()) r.fail("rope_parameters.sliding_attention", "expected an object");
      ConfigReader l(local, "");
      try {
        if (l.stringOr("rope_type", "default") != "default")
          r.fail("rope_parameters.sliding_attention.rope_type", "only the default RoPE is supported on sliding layers");
        c.localRopeTheta = l.numberOr("rope_theta", 10000.0);  // Gemma3TextConfig's rope_local_base_freq
      } catch (const Error& e) {
        if (!e.context().file.empty()) throw;
        r.fail("rope_parameters.sliding_attention." + e.context().field, e.message());
      }
    }
    if (scaling->contains(kLayerTypeNames[0])) {
      scaling = &(*scaling)[kLayerTypeNames[0]];
      field = "rope_parameters.full_attention";
      if (!scaling->is_object()) r.fail(field, "expected an object");
    }
    if (scaling->contains("rope_theta")) {
      if (!(*scaling)["rope_theta"].is_number()) r.fail(field + ".rope_theta", "expected a number, found " + (*scaling)["rope_theta"].dump());
      c.ropeTheta = (*scaling)["rope_theta"].get<double>();
    }
  } else if (j.contains("rope_scaling") && j["rope_scaling"].is_object()) {
    scaling = &j["rope_scaling"];
  } else if (j.contains("rope_scaling") && !j["rope_scaling"].is_null()) {
    r.fail("rope_scaling", "expected an object or null");
  }
  if (!scaling) return;
  ConfigReader s(*scaling, "");
  auto& rs = c.ropeScaling;
  try {
    rs.type = s.stringOr("rope_type", s.stringOr("type", "default"));
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
  static const char* kKnown[] = {"default", "linear", "dynamic", "llama3", "yarn", "longrope"};
  bool known = false;
  for (const char* k : kKnown) known = known || rs.type == k;
  if (!known) {
    throw Error(ErrorCategory::Unsupported,
                "unsupported rope type '" + rs.type + "' (supported: default, linear, dynamic, llama3, yarn, longrope)",
                {c.sourceFile.string(), -1, -1, field + ".rope_type"});
  }
  if (rs.type == "longrope") {  // per-frequency factors (counted in config.cpp)
    rs.hasOriginalMax = false;   // transformers 4.57 reads it only from the top level (Phi-3's parser)
    for (auto [key, list] : {std::pair{"short_factor", &rs.shortFactor}, std::pair{"long_factor", &rs.longFactor}}) {
      const nlohmann::json* v = scaling->contains(key) ? &(*scaling)[key] : nullptr;
      if (!v || !v->is_array()) r.fail(field + "." + key, "expected a list of numbers (LongRoPE)");
      for (const auto& f : *v) {
        if (!f.is_number()) r.fail(field + "." + key, "expected a list of numbers, found " + f.dump());
        list->push_back(f.get<double>());
      }
    }
  }
  if (rs.type == "llama3" && rs.originalMaxPositionEmbeddings <= 0) {
    r.fail(field + ".original_max_position_embeddings", "required for rope type llama3");
  }
  if (rs.type != "default" && rs.factor <= 0) r.fail(field + ".factor", "must be positive");
}

void parseLlamaLike(const nlohmann::json& j, ModelConfig& c, double defaultTheta, double defaultEps, const char* activationKey,
                    const char* defaultActivation) {
  ConfigReader r(j, c.sourceFile);
  c.vocabSize = r.positive("vocab_size");
  c.hiddenSize = r.positive("hidden_size");
  c.intermediateSize = r.positive("intermediate_size");
  c.numLayers = r.positive("num_hidden_layers");
  c.numHeads = r.positive("num_attention_heads");
  c.numKvHeads = r.positiveOr("num_key_value_heads", c.numHeads);
  if (c.hiddenSize % c.numHeads != 0 && !r.has("head_dim")) {
    r.fail("hidden_size", "not divisible by num_attention_heads and no head_dim given");
  }
  c.headDim = r.positiveOr("head_dim", c.hiddenSize / c.numHeads);
  c.maxPositionEmbeddings = r.positiveOr("max_position_embeddings", 2048);
  c.hiddenAct = r.stringOr(activationKey, defaultActivation);
  // The MLP's activation (transformers' ACT2FN): SiLU, or GELU with PyTorch's tanh approximation.
  if (c.hiddenAct != "silu" && c.hiddenAct != "gelu_pytorch_tanh")
    r.fail(activationKey, "unsupported activation '" + c.hiddenAct + "' (supported: silu, gelu_pytorch_tanh)");
  c.normEps = r.numberOr("rms_norm_eps", defaultEps);
  c.tieWordEmbeddings = r.booleanOr("tie_word_embeddings", false);
  c.mlpBias = r.booleanOr("mlp_bias", false);
  parseRope(j, c, r, defaultTheta);
  // pretraining_tp only changed the summation order in old transformers; the math is the same.
}

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

int64_t nullableInteger(ConfigReader& r, const char* key, int64_t fallback) {
  const nlohmann::json& j = r.json();
  return j.contains(key) && j[key].is_null() ? 0 : r.integerOr(key, fallback);
}

double optionalPositive(ConfigReader& r, const char* key, double fallback) {
  const nlohmann::json& j = r.json();
  if (j.contains(key) && j[key].is_null()) return 0.0;
  const double v = r.numberOr(key, fallback);
  if (v < 0 || (r.has(key) && v == 0)) r.fail(key, "must be positive or null");
  return v;
}

}  // namespace peftdesk::families
