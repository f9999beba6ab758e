// See prompt_learning.h.
#include "peft/prompt_learning.h"

#include <cmath>

#include "peftdesk/error.h"

namespace peftdesk {
namespace {

// nn.Linear's default init: kaiming_uniform(a=√5) → U(±1/√fan_in) for weight and bias.
std::pair<at::Tensor, at::Tensor> linearInit(int64_t in, int64_t out, at::Generator& gen) {
  const double bound = 1.0 / std::sqrt(static_cast<double>(in));
  at::Tensor w = at::empty({out, in}, at::kFloat).uniform_(-bound, bound, gen);
  at::Tensor b = at::empty({out}, at::kFloat).uniform_(-bound, bound, gen);
  return {w, b};
}

}  // namespace

PromptEncoder::PromptEncoder(const AdapterConfig& c, const ModelConfig& m) : type_(c.type) {
  const auto& p = c.prompt;
  numVirtual_ = p.numVirtualTokens;
  auto check = [&](const std::optional<int64_t>& given, int64_t expected, const char* field) {
    if (given && *given != expected) {
      throw Error(ErrorCategory::Config,
                  "is " + std::to_string(*given) + " but this model needs " + std::to_string(expected) +
                      " (adapter made for a different base model?)",
                  {c.source, -1, -1, field});
    }
    return expected;
  };
  numLayers_ = check(p.numLayers, m.numLayers, "num_layers");
  if (type_ == PeftType::PromptTuning) {
    tokenDim_ = check(p.tokenDim, m.hiddenSize, "token_dim");
    heads_ = p.numAttentionHeads.value_or(m.numHeads);
    width_ = tokenDim_;
    if (p.prefixProjection) throw Error(ErrorCategory::Config, "prefix_projection applies to prefix tuning only", {c.source, -1, -1, "prefix_projection"});
  } else {
    // PEFT: key/value width per layer is head_dim · num_key_value_heads (GQA-adjusted).
    tokenDim_ = check(p.tokenDim, m.headDim * m.numKvHeads, "token_dim");
    heads_ = check(p.numAttentionHeads, m.numKvHeads, "num_attention_heads");
    width_ = 2 * numLayers_ * tokenDim_;
    projection_ = p.prefixProjection;
  }
  encoderHidden_ = p.encoderHiddenSize.value_or(tokenDim_);
}

nlohmann::json PromptEncoder::resolvedConfig(const nlohmann::json& given) const {
  nlohmann::json j = given;
  j["num_virtual_tokens"] = numVirtual_;
  j["num_layers"] = numLayers_;
  j["token_dim"] = tokenDim_;
  j["num_attention_heads"] = heads_;
  j["num_transformer_submodules"] = 1;
  if (type_ == PeftType::PrefixTuning) j["encoder_hidden_size"] = encoderHidden_;
  return j;
}

void PromptEncoder::initialize(at::Generator& gen, const at::Tensor& initEmbeddings) {
  if (projection_) {
    embedding_ = at::empty({numVirtual_, tokenDim_}, at::kFloat).normal_(0, 1, gen);
    std::tie(w1_, b1_) = linearInit(tokenDim_, encoderHidden_, gen);
    std::tie(w2_, b2_) = linearInit(encoderHidden_, width_, gen);
  } else if (initEmbeddings.defined()) {
    embedding_ = initEmbeddings.detach().to(at::kFloat).clone();
  } else {
    embedding_ = at::empty({numVirtual_, width_}, at::kFloat).normal_(0, 1, gen);
  }
  for (at::Tensor* t : {&embedding_, &w1_, &b1_, &w2_, &b2_})
    if (t->defined()) t->set_requires_grad(true);
}

void PromptEncoder::loadTable(const at::Tensor& table) {
  projection_ = false;  // PEFT saves the projected table; the MLP is not in the file
  embedding_ = table.to(at::kFloat).clone();
  w1_ = b1_ = w2_ = b2_ = at::Tensor();
}

at::Tensor PromptEncoder::table() const {
  if (!projection_) return embedding_;
  return at::linear(at::tanh(at::linear(embedding_, w1_, b1_)), w2_, b2_);
}

std::vector<std::pair<at::Tensor, at::Tensor>> PromptEncoder::pastKeyValues(int64_t batch, at::ScalarType dtype) const {
  const int64_t d = tokenDim_ / heads_;
  // [B, P, 2L·D] → [B, P, 2L, nkv, d] → [2L, B, nkv, P, d]; layer l: key 2l, value 2l+1.
  const at::Tensor kv = table().unsqueeze(0).expand({batch, numVirtual_, width_}).to(dtype)
                            .reshape({batch, numVirtual_, 2 * numLayers_, heads_, d})
                            .permute({2, 0, 3, 1, 4});
  std::vector<std::pair<at::Tensor, at::Tensor>> out;
  for (int64_t l = 0; l < numLayers_; ++l) out.emplace_back(kv[2 * l], kv[2 * l + 1]);
  return out;
}

void PromptEncoder::to(c10::Device device) {
  for (at::Tensor* t : {&embedding_, &w1_, &b1_, &w2_, &b2_}) {
    if (!t->defined() || t->device() == device) continue;
    const bool grad = t->requires_grad();
    *t = t->detach().to(device);
    t->set_requires_grad(grad);
  }
}

std::vector<PromptEncoder::Param> PromptEncoder::parameters() const {
  // Pointers to the members (not copies): the trainer's optimizer and setTensor write through them.
  auto* self = const_cast<PromptEncoder*>(this);
  std::vector<Param> out{{"prompt_encoder.embedding.weight", &self->embedding_}};
  if (projection_) {
    out.push_back({"prompt_encoder.transform.0.weight", &self->w1_});
    out.push_back({"prompt_encoder.transform.0.bias", &self->b1_});
    out.push_back({"prompt_encoder.transform.2.weight", &self->w2_});
    out.push_back({"prompt_encoder.transform.2.bias", &self->b2_});
  }
  return out;
}

}  // namespace peftdesk
