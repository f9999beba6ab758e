// GPT-2 (transformers' GPT2Config): its own decoder (model/gpt2.cpp); only the default attention.
#include "model/families/family_common.h"

namespace peftdesk::families {
namespace {

void parse(const nlohmann::json& j, ModelConfig& c) {
  ConfigReader r(j, c.sourceFile);
  c.vocabSize = r.positive("vocab_size");
  c.hiddenSize = r.positive("n_embd");
  c.numLayers = r.positive("n_layer");
  c.numHeads = r.positive("n_head");
  c.numKvHeads = c.numHeads;
  if (c.hiddenSize % c.numHeads != 0) r.fail("n_head", "n_embd is not divisible by n_head");
  c.headDim = c.hiddenSize / c.numHeads;
  c.intermediateSize = r.positiveOr("n_inner", 4 * c.hiddenSize);
  c.maxPositionEmbeddings = r.positiveOr("n_positions", 1024);
  c.hiddenAct = r.stringOr("activation_function", "gelu_new");
  if (c.hiddenAct != "gelu_new" && c.hiddenAct != "gelu_pytorch_tanh" && c.hiddenAct != "gelu") {
    r.fail("activation_function", "unsupported activation '" + c.hiddenAct + "' (supported: gelu_new, gelu_pytorch_tanh, gelu)");
  }
  c.normEps = r.numberOr("layer_norm_epsilon", 1e-5);
  c.tieWordEmbeddings = r.booleanOr("tie_word_embeddings", true);
  c.qkvBias = c.oBias = c.mlpBias = true;
  if (r.booleanOr("scale_attn_by_inverse_layer_idx", false) || r.booleanOr("reorder_and_upcast_attn", false)) {
    r.fail("scale_attn_by_inverse_layer_idx", "GPT-2 attention variants other than the default are not supported");
  }
  if (!r.booleanOr("scale_attn_weights", true)) r.fail("scale_attn_weights", "false is not supported");
}

}  // namespace

ArchitectureSpec gpt2Architecture() { return {"gpt2", "GPT2LMHeadModel", DecoderFamily::Gpt2, &parse}; }

}  // namespace peftdesk::families
