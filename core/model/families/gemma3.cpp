// Gemma 3, text only (transformers' Gemma3TextConfig, model_type gemma3_text: Gemma3ForCausalLM):
// Gemma 2's block (gemma2.cpp) plus a (1 + w) RMSNorm over each head of q and k before RoPE, and
// two rotary embeddings: the sliding layers use rope_local_base_freq without scaling, the full
// layers rope_theta with rope_scaling. No soft-capping by default.
// The multimodal "gemma3" folders (vision tower, text_config) are refused by name in config.cpp.
#include "model/families/family_common.h"

namespace peftdesk::families {
namespace {

void parse(const nlohmann::json& j, ModelConfig& c) {
  parseGemmaBlock(j, c, 1000000.0, 131072);  // Gemma3TextConfig's defaults
  ConfigReader r(j, c.sourceFile);
  c.qkNorm = QkNorm::PerHead;
  c.attentionSoftcap = optionalPositive(r, "attn_logit_softcapping", 0.0);
  c.finalLogitSoftcap = optionalPositive(r, "final_logit_softcapping", 0.0);
  if (r.booleanOr("use_bidirectional_attention", false))
    r.fail("use_bidirectional_attention", "bidirectional attention (EmbeddingGemma) is not a causal language model");
  parseGemmaWindow(j, c, r, 6);
  // transformers 5 writes both bases per layer type in rope_parameters (parseRope reads them);
  // 4.x has rope_local_base_freq.
  if (c.localRopeTheta <= 0) c.localRopeTheta = r.numberOr("rope_local_base_freq", 10000.0);
  if (c.localRopeTheta <= 0) r.fail("rope_local_base_freq", "must be positive");
}

}  // namespace

ArchitectureSpec gemma3TextArchitecture() { return {"gemma3_text", "Gemma3ForCausalLM", DecoderFamily::Llama, &parse}; }

}  // namespace peftdesk::families
