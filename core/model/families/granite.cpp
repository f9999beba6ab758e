// Granite 3 (transformers' modeling_granite): Llama's block with four multipliers —
// embedding_multiplier on the input embeddings, attention_multiplier as the attention scale (in
// place of head_dim^-½), residual_multiplier on each sublayer's output before the residual add,
// and logits divided by logits_scaling. All default to 1.0 as in GraniteConfig.
#include "model/families/family_common.h"

namespace peftdesk::families {
namespace {

double positiveNumber(ConfigReader& r, const char* key) {
  const double v = r.numberOr(key, 1.0);
  if (!(v > 0)) r.fail(key, "must be positive");
  return v;
}

void parse(const nlohmann::json& j, ModelConfig& c) {
  parseLlamaLike(j, c, 10000.0, 1e-6);
  ConfigReader r(j, c.sourceFile);
  c.qkvBias = c.oBias = r.booleanOr("attention_bias", false);
  c.embeddingMultiplier = positiveNumber(r, "embedding_multiplier");
  c.attentionScale = positiveNumber(r, "attention_multiplier");
  c.residualMultiplier = positiveNumber(r, "residual_multiplier");
  c.logitsDivisor = positiveNumber(r, "logits_scaling");
}

}  // namespace

ArchitectureSpec graniteArchitecture() { return {"granite", "GraniteForCausalLM", DecoderFamily::Llama, &parse}; }

}  // namespace peftdesk::families
