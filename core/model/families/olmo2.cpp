// OLMo 2 (transformers' modeling_olmo2): norms after the sublayers only (h + norm(attn(h)),
// then h + norm(mlp(h)); no input norm), an RMSNorm over the whole q and k projections (weights
// [heads · head_dim], before the split into heads), RMSNorm weights applied in float32 before
// the cast back (Olmo2RMSNorm), and the rotary embedding computed in float32 (its cos / sin are not
// cast to the activation dtype; q and k are cast back after the rotation).
#include "model/families/family_common.h"

namespace peftdesk::families {
namespace {

void parse(const nlohmann::json& j, ModelConfig& c) {
  parseLlamaLike(j, c, 10000.0, 1e-5);
  ConfigReader r(j, c.sourceFile);
  c.qkvBias = c.oBias = r.booleanOr("attention_bias", false);
  c.normPlacement = NormPlacement::Post;
  c.rmsNormStyle = RmsNormStyle::WeightThenCast;
  c.qkNorm = QkNorm::WholeProjection;
  c.rotaryInFloat32 = true;
}

}  // namespace

ArchitectureSpec olmo2Architecture() { return {"olmo2", "Olmo2ForCausalLM", DecoderFamily::Llama, &parse}; }

}  // namespace peftdesk::families
