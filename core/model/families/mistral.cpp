// Mistral (transformers' MistralConfig): Llama's block with a sliding window on every layer.
#include "model/families/family_common.h"

namespace peftdesk::families {
namespace {

void parse(const nlohmann::json& j, ModelConfig& c) {
  parseLlamaLike(j, c, 10000.0, 1e-6);
  ConfigReader r(j, c.sourceFile);
  c.qkvBias = c.oBias = r.booleanOr("attention_bias", false);
  c.slidingWindow = r.integerOr("sliding_window", 0);
}

}  // namespace

ArchitectureSpec mistralArchitecture() { return {"mistral", "MistralForCausalLM", DecoderFamily::Llama, &parse}; }

}  // namespace peftdesk::families
