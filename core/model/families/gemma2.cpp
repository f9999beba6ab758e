// Gemma 2 (transformers' modeling_gemma2): the Gemma block — embeddings scaled by √hidden (the
// factor rounded to the activation dtype), (1 + w) RMSNorm, GeGLU with the tanh GELU, norms before
// and after both attention and MLP — with attention scaled by query_pre_attn_scalar^-½, attention
// and final logits soft-capped (cap · tanh(x / cap)), and a sliding window on every other layer
// (layer_types). Soft-capping is the eager attention's: transformers' SDPA path leaves it out.
#include <cmath>

#include "model/families/family_common.h"

namespace peftdesk::families {

void parseGemmaBlock(const nlohmann::json& j, ModelConfig& c, double defaultTheta, int64_t defaultMaxPositions) {
  parseLlamaLike(j, c, defaultTheta, 1e-6, "hidden_activation", "gelu_pytorch_tanh");
  ConfigReader r(j, c.sourceFile);
  c.headDim = r.positiveOr("head_dim", 256);
  c.maxPositionEmbeddings = r.positiveOr("max_position_embeddings", defaultMaxPositions);
  c.tieWordEmbeddings = r.booleanOr("tie_word_embeddings", true);
  c.qkvBias = c.oBias = r.booleanOr("attention_bias", false);
  c.normPlacement = NormPlacement::Sandwich;
  c.rmsNormStyle = RmsNormStyle::OnePlusWeightThenCast;
  c.embeddingMultiplier = std::sqrt(static_cast<double>(c.hiddenSize));
  c.embeddingMultiplierInDtype = true;
  // The factor belongs to the embedding module (transformers 5's Gemma*ScaledWordEmbedding; 4.x
  // scaled Gemma 2's inputs in the model's forward): prompt tuning's virtual tokens stay unscaled.
  c.embeddingScaledInModule = true;
  const double scalar = r.numberOr("query_pre_attn_scalar", 256);
  if (scalar <= 0) r.fail("query_pre_attn_scalar", "must be positive");
  c.attentionScale = std::pow(scalar, -0.5);
}

void parseGemmaWindow(const nlohmann::json& j, ModelConfig& c, ConfigReader& r, int64_t defaultPattern) {
  const int64_t window = nullableInteger(r, "sliding_window", 4096);
  if (window < 0) r.fail("sliding_window", "must be positive or null");
  c.slidingLayers = slidingLayerTypes(j, c, r);
  if (c.slidingLayers.empty()) {
    // Gemma 3 configs on the Hub still carry the older integer pattern.
    const int64_t pattern = r.integerOr("sliding_window_pattern", defaultPattern);
    if (pattern <= 0) r.fail("sliding_window_pattern", "must be positive");
    for (int64_t i = 0; i < c.numLayers; ++i) c.slidingLayers.push_back((i + 1) % pattern != 0 ? 1 : 0);
  }
  c.slidingWindow = window;
}

namespace {

void parse(const nlohmann::json& j, ModelConfig& c) {
  parseGemmaBlock(j, c, 10000.0, 8192);  // Gemma2Config's defaults
  ConfigReader r(j, c.sourceFile);
  c.attentionSoftcap = optionalPositive(r, "attn_logit_softcapping", 50.0);
  c.finalLogitSoftcap = optionalPositive(r, "final_logit_softcapping", 30.0);
  parseGemmaWindow(j, c, r, 2);
}

}  // namespace

ArchitectureSpec gemma2Architecture() { return {"gemma2", "Gemma2ForCausalLM", DecoderFamily::Llama, &parse}; }

}  // namespace peftdesk::families
