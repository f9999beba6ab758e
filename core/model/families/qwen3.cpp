// Qwen3 (transformers' modeling_qwen3): Llama's blocks with an RMSNorm over each head of q and k
// (q_norm / k_norm, weights [head_dim], before RoPE), head_dim from the config (not hidden / heads
// in the released models), attention_bias for q/k/v/o, Qwen2's sliding-window rule.
#include "model/families/family_common.h"

namespace peftdesk::families {
namespace {

void parse(const nlohmann::json& j, ModelConfig& c) {
  parseLlamaLike(j, c, 10000.0, 1e-6);
  ConfigReader r(j, c.sourceFile);
  // Defaults are Qwen3Config's: save_pretrained leaves out what equals them.
  c.maxPositionEmbeddings = r.positiveOr("max_position_embeddings", 32768);
  c.qkvBias = c.oBias = r.booleanOr("attention_bias", false);
  c.qkNorm = QkNorm::PerHead;
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

}  // namespace

ArchitectureSpec qwen3Architecture() { return {"qwen3", "Qwen3ForCausalLM", DecoderFamily::Llama, &parse}; }

}  // namespace peftdesk::families
