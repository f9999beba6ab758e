// The PREFIX_TUNING and PROMPT_TUNING rows: their keys (spec §5). They attach to no module: the
// prompt encoder (peft/prompt_learning.h) adds virtual tokens, so neither can be merged.
#include "peft/config_reader.h"
#include "peft/method_registry.h"

namespace peftdesk {
namespace {

void parsePromptLearning(const ConfigReader& r, AdapterConfig& c) {
  PromptLearningSettings& p = c.prompt;
  p.numVirtualTokens = r.integer("num_virtual_tokens", 0);
  if (p.numVirtualTokens <= 0) r.fail("num_virtual_tokens", "must be a positive integer");
  auto opt = [&](const char* k, std::optional<int64_t>& out) {
    if (r.has(k)) {
      out = r.integer(k, 0);
      if (*out <= 0) r.fail(k, "must be positive");
    }
  };
  opt("token_dim", p.tokenDim);
  opt("num_layers", p.numLayers);
  opt("num_attention_heads", p.numAttentionHeads);
  opt("encoder_hidden_size", p.encoderHiddenSize);
  p.numTransformerSubmodules = r.integer("num_transformer_submodules", 1);
  if (p.numTransformerSubmodules != 1) {
    r.fail("num_transformer_submodules", "only 1 (decoder-only models) is supported", ErrorCategory::Unsupported);
  }
  p.prefixProjection = r.boolean("prefix_projection", false);
  p.promptInit = r.string("prompt_tuning_init", "RANDOM");
  if (p.promptInit != "RANDOM" && p.promptInit != "TEXT" && p.promptInit != "SAMPLE_VOCAB") {
    r.fail("prompt_tuning_init", "must be RANDOM, TEXT or SAMPLE_VOCAB");
  }
  p.promptInitText = r.string("prompt_tuning_init_text", "");
  if (c.type == PeftType::PromptTuning && p.promptInit == "TEXT" && p.promptInitText.empty()) {
    r.fail("prompt_tuning_init_text", "required when prompt_tuning_init is TEXT");
  }
}

constexpr const char* kVirtualTokens = "adds virtual tokens instead of changing weights, so it cannot be merged into the model; export the adapter itself";

}  // namespace

extern const PeftMethodRow kPrefixTuningMethod{PeftType::PrefixTuning, "PREFIX_TUNING", &parsePromptLearning, TargetKeys::None, nullptr, kVirtualTokens};
extern const PeftMethodRow kPromptTuningMethod{PeftType::PromptTuning, "PROMPT_TUNING", &parsePromptLearning, TargetKeys::None, nullptr, kVirtualTokens};

}  // namespace peftdesk
