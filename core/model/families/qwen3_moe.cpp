// Qwen3-MoE (transformers' Qwen3MoeConfig): Qwen3's attention (per-head q / k norms) with a
// sparse mixture-of-experts MLP on every decoder_sparse_step-th layer not in mlp_only_layers: a
// router (mlp.gate, no bias) scores num_experts experts, softmax in float32, the top
// num_experts_per_tok kept (renormalised when norm_topk_prob), each a SwiGLU MLP of
// moe_intermediate_size (mlp.experts.N.gate_proj / up_proj / down_proj). The other layers have a
// dense MLP of intermediate_size. A sliding window on every layer when use_sliding_window is set.
#include "model/families/family_common.h"

namespace peftdesk::families {
namespace {

void parse(const nlohmann::json& j, ModelConfig& c) {
  parseLlamaLike(j, c, 10000.0, 1e-6);
  ConfigReader r(j, c.sourceFile);
  // Defaults are Qwen3MoeConfig's.
  c.maxPositionEmbeddings = r.positiveOr("max_position_embeddings", 32768);
  c.qkvBias = c.oBias = r.booleanOr("attention_bias", false);
  c.qkNorm = QkNorm::PerHead;
  if (r.booleanOr("use_sliding_window", false)) c.slidingWindow = nullableInteger(r, "sliding_window", 4096);
  // transformers 5 writes the expert count as num_local_experts (4.x: num_experts).
  const char* expertsKey = j.contains("num_experts") || !j.contains("num_local_experts") ? "num_experts" : "num_local_experts";
  c.numExperts = r.integerOr(expertsKey, 128);
  c.expertsPerToken = r.integerOr("num_experts_per_tok", 8);
  c.moeIntermediateSize = r.integerOr("moe_intermediate_size", 768);
  c.normTopKProb = r.booleanOr("norm_topk_prob", false);
  if (c.numExperts < 0) r.fail(expertsKey, "must not be negative");
  if (c.numExperts > 0 && (c.expertsPerToken <= 0 || c.expertsPerToken > c.numExperts))
    r.fail("num_experts_per_tok", "must be between 1 and " + std::string(expertsKey) + " (" + std::to_string(c.numExperts) + ")");
  if (c.numExperts > 0 && c.moeIntermediateSize <= 0) r.fail("moe_intermediate_size", "must be positive");
  const int64_t step = r.integerOr("decoder_sparse_step", 1);
  if (step <= 0) r.fail("decoder_sparse_step", "must be positive");
  std::vector<uint8_t> denseOnly(static_cast<size_t>(c.numLayers), 0);
  if (j.contains("mlp_only_layers") && !j["mlp_only_layers"].is_null()) {
    if (!j["mlp_only_layers"].is_array()) r.fail("mlp_only_layers", "expected a list of layer indices");
    for (const auto& v : j["mlp_only_layers"]) {
      if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() >= c.numLayers)
        r.fail("mlp_only_layers", "entries must be layer indices 0.." + std::to_string(c.numLayers - 1) + ", found " + v.dump());
      denseOnly[static_cast<size_t>(v.get<int64_t>())] = 1;
    }
  }
  for (int64_t i = 0; i < c.numLayers; ++i)
    c.sparseLayers.push_back(c.numExperts > 0 && !denseOnly[static_cast<size_t>(i)] && (i + 1) % step == 0 ? 1 : 0);
  // transformers adds router_aux_loss_coef x the load-balancing loss to the training loss only
  // when output_router_logits is set; PeftDesk trains without it.
  if (r.booleanOr("output_router_logits", false))
    r.fail("output_router_logits", "training with the router's load-balancing loss is not supported; set it to false");
}

}  // namespace

ArchitectureSpec qwen3MoeArchitecture() { return {"qwen3_moe", "Qwen3MoeForCausalLM", DecoderFamily::Llama, &parse}; }

}  // namespace peftdesk::families
