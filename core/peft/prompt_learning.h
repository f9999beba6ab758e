// Prefix tuning and prompt tuning (spec §5): the prompt encoder (a table of virtual-token
// vectors, optionally through PEFT's projection MLP while training) and how its output enters
// the decoder — as per-layer past keys/values (prefix) or as input embeddings prepended to the
// real tokens (prompt).
#pragma once

#include <ATen/ATen.h>

#include "model/decoder.h"
#include "peftdesk/adapter_config.h"
#include "peftdesk/model_config.h"

namespace peftdesk {

class PromptEncoder {
 public:
  // Fills token_dim / num_layers / num_attention_heads / encoder_hidden_size from the model the
  // way PEFT does (GQA-adjusted for prefix tuning) and checks values given in the config.
  PromptEncoder(const AdapterConfig& config, const ModelConfig& model);

  PeftType type() const { return type_; }
  int64_t virtualTokens() const { return numVirtual_; }
  // The config as PEFT saves it (derived fields filled in).
  nlohmann::json resolvedConfig(const nlohmann::json& given) const;

  // Initial values (training): N(0,1) table, PEFT's default Linear init for the projection;
  // prompt tuning TEXT / SAMPLE_VOCAB use `initEmbeddings` [P, H] when given.
  void initialize(at::Generator& gen, const at::Tensor& initEmbeddings = {});
  // Loading: the saved `prompt_embeddings` [P, width] (projection, if any, already applied).
  void loadTable(const at::Tensor& promptEmbeddings);
  void to(c10::Device device);  // every tensor onto `device`, leaves with the same requires_grad

  at::Tensor table() const;  // [P, width]: embedding, through the projection when present
  // Prefix: per layer (key, value) [B, nkv, P, d] in `dtype`.
  std::vector<std::pair<at::Tensor, at::Tensor>> pastKeyValues(int64_t batch, at::ScalarType dtype) const;

  struct Param {
    std::string name;   // PEFT name without the adapter: "prompt_encoder.embedding.weight", ...
    at::Tensor* tensor; // the encoder's own member: valid while the encoder lives (optimizers hold it)
  };
  std::vector<Param> parameters() const;
  int64_t tableWidth() const { return width_; }

 private:
  PeftType type_;
  int64_t numVirtual_ = 0, numLayers_ = 0, heads_ = 0, tokenDim_ = 0, encoderHidden_ = 0, width_ = 0;
  bool projection_ = false;
  at::Tensor embedding_, w1_, b1_, w2_, b2_;
};

}  // namespace peftdesk
