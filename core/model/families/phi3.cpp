// Phi-3 and Phi-4-mini (transformers' Phi3Config; both are model_type phi3): Llama's block with the
// q, k, v projections fused into qkv_proj (o_proj registered first) and gate / up fused into
// gate_up_proj (LoRA targets those names, as PEFT does), rotary embedding on the first
// partial_rotary_factor of each head (Phi-4-mini: 0.75), LongRoPE scaling (rope type "longrope",
// older "su" / "yarn": per-frequency short_factor / long_factor, the long ones once a sequence
// passes original_max_position_embeddings), a sliding window on every layer when set.
#include "model/families/family_common.h"

namespace peftdesk::families {
namespace {

void parse(const nlohmann::json& j, ModelConfig& c) {
  // Phi3Config renames the older LongRoPE type names before anything reads them.
  nlohmann::json config = j;
  if (config.contains("rope_scaling") && config["rope_scaling"].is_object()) {
    nlohmann::json& s = config["rope_scaling"];
    for (const char* key : {"type", "rope_type"})
      if (s.contains(key) && s[key].is_string() && (s[key] == "su" || s[key] == "yarn")) s[key] = "longrope";
  }
  parseLlamaLike(config, c, 10000.0, 1e-5);
  ConfigReader r(config, c.sourceFile);
  c.maxPositionEmbeddings = r.positiveOr("max_position_embeddings", 4096);
  c.fusedProjections = true;
  c.partialRotaryFactor = r.numberOr("partial_rotary_factor", 1.0);
  if (!(c.partialRotaryFactor > 0 && c.partialRotaryFactor <= 1)) r.fail("partial_rotary_factor", "must be in (0, 1]");
  if (c.rotaryDim() % 2 != 0)
    r.fail("partial_rotary_factor", "gives an odd number of rotary dimensions (" + std::to_string(c.rotaryDim()) + ")");
  // transformers builds the mask with a window whenever sliding_window is set (not null).
  c.slidingWindow = r.integerOr("sliding_window", 0);
  if (c.slidingWindow < 0) r.fail("sliding_window", "must be positive or null");
  RopeScaling& rs = c.ropeScaling;
  if (rs.type == "default") return;
  const std::string field = config.contains("rope_parameters") ? "rope_parameters" : "rope_scaling";
  if (rs.type != "longrope") r.fail(field + ".type", "Phi-3 supports only LongRoPE scaling (longrope, su or yarn), found '" + rs.type + "'");
  // (The factor counts are checked for every family in config.cpp.)
  // Phi3Config always has original_max_position_embeddings, so LongRoPE's factor is the ratio.
  rs.originalMaxPositionEmbeddings = r.positiveOr("original_max_position_embeddings", 4096);
  rs.hasOriginalMax = true;
  rs.factor = static_cast<double>(c.maxPositionEmbeddings) / static_cast<double>(rs.originalMaxPositionEmbeddings);
}

}  // namespace

ArchitectureSpec phi3Architecture() { return {"phi3", "Phi3ForCausalLM", DecoderFamily::Llama, &parse}; }

}  // namespace peftdesk::families
