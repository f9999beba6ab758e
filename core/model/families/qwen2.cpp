// Qwen2 / Qwen2.5 (transformers' Qwen2Config): q/k/v biases always, never an o bias (spec §2.7);
// a sliding window on the layers from max_window_layers on when use_sliding_window is set.
#include "model/families/family_common.h"

namespace peftdesk::families {
namespace {

void parse(const nlohmann::json& j, ModelConfig& c) {
  parseLlamaLike(j, c, 10000.0, 1e-6);
  ConfigReader r(j, c.sourceFile);
  c.qkvBias = true;
  c.oBias = false;
  if (r.booleanOr("use_sliding_window", false)) {
    c.slidingWindow = r.integerOr("sliding_window", 0);
    c.maxWindowLayers = r.integerOr("max_window_layers", 28);
  }
}

}  // namespace

ArchitectureSpec qwen2Architecture() { return {"qwen2", "Qwen2ForCausalLM", DecoderFamily::Llama, &parse}; }

}  // namespace peftdesk::families
