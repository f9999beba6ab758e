// Internal (LibTorch) interface of a decoder-only language model, shared building blocks
// (linear layers in both storage layouts, KV cache, attention masks) and the factory that builds
// the right decoder for a ModelConfig from its checkpoint.
#pragma once

#include <ATen/ATen.h>

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "peftdesk/checkpoint.h"
#include "peftdesk/model_config.h"

namespace peftdesk {

// y = x·Wᵀ + b (nn.Linear, weight [out, in]) or y = x·W + b (GPT-2 Conv1D, weight [in, out],
// PEFT's fan_in_fan_out case). Kept in the stored layout so adapters and merges see the same
// tensors PEFT sees.
struct Linear {
  at::Tensor weight;
  at::Tensor bias;  // undefined when absent
  bool fanInFanOut = false;
  at::Tensor forward(const at::Tensor& x) const;
  int64_t inFeatures() const { return fanInFanOut ? weight.size(0) : weight.size(1); }
  int64_t outFeatures() const { return fanInFanOut ? weight.size(1) : weight.size(0); }
};

// Per-layer key/value tensors preallocated to `capacity` positions: [B, nkv, capacity, d].
struct KvCache {
  std::vector<at::Tensor> keys;
  std::vector<at::Tensor> values;
  int64_t length = 0;
  int64_t capacity = 0;
  // Appends k/v [B, nkv, T, d] for `layer` at position `length`; returns views of 0..length+T.
  std::pair<at::Tensor, at::Tensor> append(int layer, const at::Tensor& k, const at::Tensor& v);
};

struct DecoderInput {
  at::Tensor inputIds;       // [B, T] int64
  at::Tensor keyMask;        // [B, past + T] int64/bool, 1 = real token; undefined = all real
  at::Tensor positionIds;    // [B, T] int64; undefined = past .. past+T-1
  KvCache* cache = nullptr;  // null = no cache
  bool lastPositionOnly = false;  // logits only for the last position (generation), as transformers' logits_to_keep=1
};

class Decoder {
 public:
  virtual ~Decoder() = default;
  // Logits [B, T, V] in the compute dtype.
  virtual at::Tensor forward(const DecoderInput& input) = 0;
  virtual KvCache makeCache(int64_t batch, int64_t capacity, at::ScalarType dtype) const = 0;
};

// Fetches named tensors from a checkpoint with shape checks and conversion to the compute dtype;
// remembers what was used so leftovers can be reported.
class WeightLoader {
 public:
  WeightLoader(const Checkpoint& checkpoint, at::ScalarType dtype, const std::atomic<bool>* cancel,
               std::string prefix = "");
  enum class Scope { Backbone, Root };  // Root: names outside base_model_prefix (lm_head)
  at::Tensor get(const std::string& name, const std::vector<int64_t>& shape, Scope scope = Scope::Backbone);
  // Undefined tensor if absent.
  at::Tensor getOptional(const std::string& name, const std::vector<int64_t>& shape, Scope scope = Scope::Backbone);
  bool has(const std::string& name) const;
  std::vector<std::string> unused() const;
  Linear linear(const std::string& name, int64_t in, int64_t out, bool bias, bool fanInFanOut = false);

 private:
  const Checkpoint& ckpt_;
  at::ScalarType dtype_;
  const std::atomic<bool>* cancel_;
  std::string prefix_;
  std::set<std::string> used_;
};

// The boolean attention mask [B, 1, T, past+T] (true = attend) for causal attention with key
// padding and an optional sliding window, or undefined when plain causal attention gives the
// same result (then SDPA runs with is_causal, as transformers does). Rows that would see no key
// attend to their own position so padding never produces NaN.
at::Tensor buildAttentionMask(const at::Tensor& keyMask, int64_t batch, int64_t queryLen, int64_t pastLen,
                              int64_t slidingWindow);

// SDPA with transformers' choice of is_causal / explicit mask; scale <= 0 = SDPA's default 1/sqrt(d).
at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& mask,
                     int64_t pastLen, double scale);

std::unique_ptr<Decoder> buildLlamaDecoder(const ModelConfig& config, WeightLoader& weights, at::ScalarType dtype);
std::unique_ptr<Decoder> buildGpt2Decoder(const ModelConfig& config, WeightLoader& weights, at::ScalarType dtype);
std::unique_ptr<Decoder> buildDecoder(const ModelConfig& config, const Checkpoint& checkpoint, at::ScalarType dtype,
                                      const std::atomic<bool>* cancel, std::vector<std::string>* unusedTensors);

}  // namespace peftdesk
