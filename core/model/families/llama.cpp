// Llama (transformers' LlamaConfig): the plain pre-norm block; attention_bias on q/k/v/o.
#include "model/families/family_common.h"

namespace peftdesk::families {
namespace {

void parse(const nlohmann::json& j, ModelConfig& c) {
  parseLlamaLike(j, c, 10000.0, 1e-6);
  ConfigReader r(j, c.sourceFile);
  c.qkvBias = c.oBias = r.booleanOr("attention_bias", false);
}

}  // namespace

ArchitectureSpec llamaArchitecture() { return {"llama", "LlamaForCausalLM", DecoderFamily::Llama, &parse}; }

}  // namespace peftdesk::families
