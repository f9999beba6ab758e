// SmolLM3 (transformers' modeling_smollm3): Llama's blocks where no_rope_layers[i] == 0 marks a NoPE
// layer (no rotary embedding; by default every no_rope_layer_interval-th layer), attention_bias on
// q/k/v/o, and a sliding window on the layers layer_types marks (by default the NoPE layers, when
// use_sliding_window is set).
#include "model/families/family_common.h"

namespace peftdesk::families {
namespace {

void parse(const nlohmann::json& j, ModelConfig& c) {
  parseLlamaLike(j, c, 2000000.0, 1e-6);
  ConfigReader r(j, c.sourceFile);
  // Defaults are SmolLM3Config's (tied embeddings from PretrainedConfig): save_pretrained leaves
  // out what equals them.
  c.maxPositionEmbeddings = r.positiveOr("max_position_embeddings", 32768);
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
  const int64_t window = nullableInteger(r, "sliding_window", 0);
  c.slidingLayers = slidingLayerTypes(j, c, r);
  if (c.slidingLayers.empty()) {
    for (int64_t i = 0; i < c.numLayers; ++i) c.slidingLayers.push_back(useWindow && window > 0 && !c.ropeLayers[static_cast<size_t>(i)] ? 1 : 0);
  }
  c.slidingWindow = useWindow ? window : 0;
}

}  // namespace

ArchitectureSpec smollm3Architecture() { return {"smollm3", "SmolLM3ForCausalLM", DecoderFamily::Llama, &parse}; }

}  // namespace peftdesk::families
