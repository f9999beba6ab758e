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
#include "quant/linear4bit.h"

namespace peftdesk {

struct Linear;

// What a PEFT method puts on a linear module (core/peft). When set on a Linear it computes the
// module's whole output, calling Linear::baseForward (or its own weights) as the method needs.
class LinearAdapter {
 public:
  virtual ~LinearAdapter() = default;
  virtual at::Tensor forward(const Linear& base, const at::Tensor& x) const = 0;
};

// What a method that sits on a block's residual stream puts after one sub-block (AdapterHub's
// bottleneck adapters, core/peft): from the sub-block's input h and its output g, the block's new
// hidden state (without one: h + g).
class ResidualAdapter {
 public:
  virtual ~ResidualAdapter() = default;
  virtual at::Tensor forward(const at::Tensor& residual, const at::Tensor& output) const = 0;
};

// One place a ResidualAdapter can sit: after the attention or after the MLP of one layer.
struct ResidualSite {
  enum class Kind { AfterAttention, AfterMlp };
  int64_t layer;
  Kind kind;
  std::shared_ptr<const ResidualAdapter>* slot;  // the decoder's slot; an empty one = plain h + g
};

// y = x·Wᵀ + b (nn.Linear, weight [out, in]) or y = x·W + b (GPT-2 Conv1D, weight [in, out],
// PEFT's fan_in_fan_out case). Kept in the stored layout so adapters and merges see the same
// tensors PEFT sees.
struct Linear {
  at::Tensor weight;
  at::Tensor bias;  // undefined when absent
  bool fanInFanOut = false;
  std::shared_ptr<const LinearAdapter> adapter;  // the active adapter's part on this module, or null
  // 4-bit base (QLoRA): then `weight` is a shape-only [out, in] meta tensor and the layer computes
  // in `computeType` (input cast in, output cast back, as bitsandbytes' Linear4bit).
  std::shared_ptr<const Quant4bitWeight> q4;
  at::ScalarType computeType = at::kFloat;
  at::Tensor denseWeight() const { return q4 ? q4->dequantize(computeType) : weight; }
  at::Tensor forward(const at::Tensor& x) const { return adapter ? adapter->forward(*this, x) : baseForward(x); }
  // The frozen layer alone; `weightOverride` / `biasOverride` replace its tensors when defined.
  at::Tensor baseForward(const at::Tensor& x, const at::Tensor& weightOverride = {},
                         const at::Tensor& biasOverride = {}, bool useBiasOverride = false) const;
  int64_t inFeatures() const { return fanInFanOut ? weight.size(0) : weight.size(1); }
  int64_t outFeatures() const { return fanInFanOut ? weight.size(1) : weight.size(0); }
  bool quantized() const { return q4 != nullptr; }
};

// Per-layer key/value tensors preallocated to `capacity` positions: [B, nkv, capacity, d].
struct KvCache {
  std::vector<at::Tensor> keys;
  std::vector<at::Tensor> values;
  int64_t length = 0;
  int64_t capacity = 0;
  // Empty buffers [batch, kvHeads, capacity, headDim] for `layers` layers.
  static KvCache allocate(size_t layers, int64_t batch, int64_t kvHeads, int64_t capacity, int64_t headDim,
                          at::ScalarType dtype, c10::Device device);
  // Appends k/v [B, nkv, T, d] for `layer` at position `length`; returns views of 0..length+T.
  std::pair<at::Tensor, at::Tensor> append(int layer, const at::Tensor& k, const at::Tensor& v);
};

struct DecoderInput {
  at::Tensor inputIds;       // [B, T] int64 (ignored when inputsEmbeds is set)
  at::Tensor inputsEmbeds;   // [B, T, H] in the compute dtype (prompt tuning); undefined = embed inputIds
  // [B, past + T] int64/bool, 1 = real token. Undefined = all real, and defined only when some
  // key is padding (the host knows; attention then needs no device-to-host read to decide).
  at::Tensor keyMask;
  at::Tensor positionIds;    // [B, T] int64; undefined = past .. past+T-1
  KvCache* cache = nullptr;  // null = no cache
  bool lastPositionOnly = false;  // logits only for the last position (generation), as transformers' logits_to_keep=1
  // Flat [B*T] indices of the positions whose logits are wanted: the result is then [N, V]
  // instead of [B, T, V]. Training asks only for positions with a label (masked prompts cost no
  // output-head work); undefined = every position.
  at::Tensor outputPositions;
  bool checkpointLayers = false;  // recompute each layer in backward (gradient checkpointing; no cache / prefix)
  bool hiddenStatesOnly = false;  // return the final normed hidden states [.., H]: the caller applies outputHead() itself
  // Prefix tuning without a cache: per layer (key, value) [B, nkv, P, d], used as P positions of
  // already-rotated past; real tokens then sit at positions P.. and keyMask covers only them.
  std::vector<std::pair<at::Tensor, at::Tensor>> prefix;
};

// What a family does to the output head's result, in the compute dtype (Gemma 2: logits =
// cap · tanh(logits / cap); Granite: logits / logits_scaling). Applied by the decoder's forward
// and by the chunked head loss, which needs the derivative too.
struct LogitsTransform {
  double divisor = 1.0;
  double softcap = 0.0;  // 0 = off
  bool identity() const { return divisor == 1.0 && softcap <= 0.0; }
  at::Tensor apply(const at::Tensor& logits) const;
  // grad · d apply(logits) / d logits, in grad's dtype.
  at::Tensor backward(const at::Tensor& grad, const at::Tensor& logits) const;
};

struct NamedParameter {
  std::string name;  // transformers name, e.g. "model.layers.0.self_attn.q_proj.weight"
  at::Tensor tensor;
  const Linear* linear = nullptr;  // owning linear layer (weight and bias entries), if any
};

struct NamedLinear {
  std::string name;  // transformers module name, e.g. "model.layers.0.self_attn.q_proj"
  Linear* linear;
};

class Decoder {
 public:
  virtual ~Decoder() = default;
  // Logits [B, T, V] in the compute dtype.
  virtual at::Tensor forward(const DecoderInput& input) = 0;
  virtual KvCache makeCache(int64_t batch, int64_t capacity, at::ScalarType dtype) const = 0;
  virtual at::Tensor embedTokens(const at::Tensor& ids) const = 0;
  virtual c10::Device device() const = 0;  // where the weights live
  // Parameters in transformers' named_parameters() order, a tied head listed once.
  virtual std::vector<NamedParameter> namedParameters() const = 0;
  // Linear modules in named_modules() order (lm_head included), for PEFT targeting.
  virtual std::vector<NamedLinear> linearModules() = 0;
  virtual std::string layersPattern() const = 0;  // "layers" / "h": the ModuleList holding blocks
  // The residual sites in layer order, attention before MLP; empty where a family offers none.
  virtual std::vector<ResidualSite> residualSites() { return {}; }
  virtual std::string outputEmbeddingName() const = 0;  // "lm_head"
  virtual const Linear& outputHead() const = 0;  // the lm_head module (its weight may be the tied embedding)
  virtual LogitsTransform logitsTransform() const { return {}; }  // applied after outputHead()
};

// Keys [B, nkv, P + T, d] = prefix followed by this call's keys; used by decoders when
// DecoderInput::prefix is set and no cache is given.
std::pair<at::Tensor, at::Tensor> withPrefix(const DecoderInput& in, size_t layer, const at::Tensor& k, const at::Tensor& v);
// Key padding mask extended with ones for the prefix positions.
at::Tensor prefixedKeyMask(const DecoderInput& in, int64_t batch);

// Fetches named tensors from a checkpoint with shape checks and conversion to the compute dtype;
// remembers what was used so leftovers can be reported.
class WeightLoader {
 public:
  // checkpoint == nullptr: shapes only — every required weight is a tensor on the "meta" device
  // (no storage), for parameter counting of models whose weights are not on disk.
  // Tensors are placed on `device` as they are read (the mapped file's pages are then released).
  WeightLoader(const Checkpoint* checkpoint, at::ScalarType dtype, const std::atomic<bool>* cancel,
               std::string prefix = "", QuantizationOptions quantization = {}, c10::Device device = c10::kCPU);
  enum class Scope { Backbone, Root };  // Root: names outside base_model_prefix (lm_head)
  at::Tensor get(const std::string& name, const std::vector<int64_t>& shape, Scope scope = Scope::Backbone);
  // Undefined tensor if absent.
  at::Tensor getOptional(const std::string& name, const std::vector<int64_t>& shape, Scope scope = Scope::Backbone);
  bool has(const std::string& name) const;
  // A stored tensor that is not used (a tied head's copy): checked and counted as used, never read.
  void markUsed(const std::string& name, const std::vector<int64_t>& shape, Scope scope = Scope::Backbone);
  std::vector<std::string> unused() const;
  Linear linear(const std::string& name, int64_t in, int64_t out, bool bias, bool fanInFanOut = false);

 private:
  const Checkpoint* ckpt_;
  at::ScalarType dtype_;
  const std::atomic<bool>* cancel_;
  std::string prefix_;
  QuantizationOptions quant_;
  c10::Device device_;
  std::set<std::string> used_;
  at::Tensor getHost(const std::string& name, const std::vector<int64_t>& shape, Scope scope);
  at::Tensor place(const at::Tensor& host, const std::string& fullName) const;
  bool loadPrequantized(const std::string& name, int64_t in, int64_t out, Linear& l);
};

// The boolean attention mask [B, 1, T, past+T] (true = attend) on `device` for causal attention
// with key padding (keyMask defined = some key is padding) and an optional sliding window, or
// undefined when plain causal attention gives the same result (then SDPA runs with is_causal, as
// transformers does). Rows that would see no key attend to their own position so padding never
// produces NaN. Decided on the host: no device-to-host read.
at::Tensor buildAttentionMask(const at::Tensor& keyMask, int64_t batch, int64_t queryLen, int64_t pastLen,
                              int64_t slidingWindow, c10::Device device);

// SDPA with transformers' choice of is_causal / explicit mask; scale <= 0 = SDPA's default 1/sqrt(d).
at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& mask,
                     int64_t pastLen, double scale);

// transformers' eager attention: scores = q·kᵀ · scale, soft-capped (cap · tanh(scores / cap)) when
// softcap > 0, masked, softmax in float32 cast back, times v. For the families whose attention SDPA
// cannot compute (Gemma 2's soft-capping). mask as buildAttentionMask gives (undefined = causal).
at::Tensor eagerAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& mask,
                          int64_t pastLen, double scale, double softcap);

std::unique_ptr<Decoder> buildLlamaDecoder(const ModelConfig& config, WeightLoader& weights, at::ScalarType dtype);
std::unique_ptr<Decoder> buildGpt2Decoder(const ModelConfig& config, WeightLoader& weights, at::ScalarType dtype);
std::unique_ptr<Decoder> buildDecoder(const ModelConfig& config, const Checkpoint* checkpoint, at::ScalarType dtype,
                                      const std::atomic<bool>* cancel, std::vector<std::string>* unusedTensors,
                                      const QuantizationOptions& quantization = {}, c10::Device device = c10::kCPU);

}  // namespace peftdesk
