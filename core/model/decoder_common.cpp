// Building blocks shared by the decoders: Linear, KV cache, weight fetching, attention masks,
// and the family → builder table.
#include "model/decoder.h"

#include <limits>

#include "model/tensor_bridge.h"
#include "peftdesk/error.h"

namespace peftdesk {

at::Tensor Linear::baseForward(const at::Tensor& x, const at::Tensor& weightOverride, const at::Tensor& biasOverride,
                               bool useBiasOverride) const {
  const at::Tensor& b = useBiasOverride ? biasOverride : bias;
  if (q4) {
    // bitsandbytes Linear4bit: input and bias in the compute dtype, weight dequantized to it,
    // output back in the input dtype.
    const at::Tensor xc = x.to(computeType);
    const at::Tensor bc = b.defined() ? b.to(computeType) : at::Tensor();
    if (!weightOverride.defined()) return linear4bit(xc, q4, bc).to(x.scalar_type());
    return at::linear(xc, weightOverride.to(computeType), bc.defined() ? std::optional<at::Tensor>(bc) : std::nullopt)
        .to(x.scalar_type());
  }
  const at::Tensor& w = weightOverride.defined() ? weightOverride : weight;
  if (!fanInFanOut) return at::linear(x, w, b.defined() ? std::optional<at::Tensor>(b) : std::nullopt);
  // transformers' Conv1D: addmm(bias, x.view(-1, in), W).view(..., out)
  auto sizes = x.sizes().vec();
  sizes.back() = w.size(1);
  const at::Tensor flat = x.reshape({-1, x.size(-1)});
  at::Tensor y = b.defined() ? at::addmm(b, flat, w) : at::mm(flat, w);
  return y.view(sizes);
}

std::pair<at::Tensor, at::Tensor> withPrefix(const DecoderInput& in, size_t layer, const at::Tensor& k, const at::Tensor& v) {
  const auto& [pk, pv] = in.prefix.at(layer);
  return {at::cat({pk.to(k.scalar_type()), k}, 2), at::cat({pv.to(v.scalar_type()), v}, 2)};
}

at::Tensor prefixedKeyMask(const DecoderInput& in, int64_t batch) {
  if (in.prefix.empty() || !in.keyMask.defined()) return in.keyMask;
  const int64_t p = in.prefix.front().first.size(2);
  return at::cat({at::ones({batch, p}, in.keyMask.options()), in.keyMask}, 1);
}

KvCache KvCache::allocate(size_t layers, int64_t batch, int64_t kvHeads, int64_t capacity, int64_t headDim,
                          at::ScalarType dtype, c10::Device device) {
  KvCache cache;
  cache.capacity = capacity;
  const auto options = at::TensorOptions().dtype(dtype).device(device);
  for (size_t i = 0; i < layers; ++i) {
    cache.keys.push_back(at::empty({batch, kvHeads, capacity, headDim}, options));
    cache.values.push_back(at::empty({batch, kvHeads, capacity, headDim}, options));
  }
  return cache;
}

std::pair<at::Tensor, at::Tensor> KvCache::append(int layer, const at::Tensor& k, const at::Tensor& v) {
  const int64_t t = k.size(2);
  if (length + t > capacity) {
    throw Error(ErrorCategory::Runtime, "KV cache full: " + std::to_string(length + t) + " positions needed, capacity " +
                                            std::to_string(capacity));
  }
  keys[layer].narrow(2, length, t).copy_(k);
  values[layer].narrow(2, length, t).copy_(v);
  return {keys[layer].narrow(2, 0, length + t), values[layer].narrow(2, 0, length + t)};
}

WeightLoader::WeightLoader(const Checkpoint* checkpoint, at::ScalarType dtype, const std::atomic<bool>* cancel,
                           std::string prefix, QuantizationOptions quantization, c10::Device device)
    : ckpt_(checkpoint), dtype_(dtype), cancel_(cancel), prefix_(std::move(prefix)), quant_(quantization), device_(device) {}

bool WeightLoader::has(const std::string& name) const { return ckpt_ && ckpt_->find(prefix_ + name) != nullptr; }

void WeightLoader::markUsed(const std::string& name, const std::vector<int64_t>& shape, Scope scope) {
  const std::string full = scope == Scope::Root ? name : prefix_ + name;
  const WeightRef* ref = ckpt_ ? ckpt_->find(full) : nullptr;
  if (!ref) return;
  if (ref->info->shape != shape) getHost(name, shape, scope);  // throws the shape error with file and tensor named
  used_.insert(full);
}

at::Tensor WeightLoader::getOptional(const std::string& name, const std::vector<int64_t>& shape, Scope scope) {
  const at::Tensor host = getHost(name, shape, scope);
  return host.defined() ? place(host, scope == Scope::Root ? name : prefix_ + name) : host;
}

// On the CPU the tensor stays a view of the mapped file where it can (decision 7); elsewhere it is
// copied to the device once and the file's pages are given back.
at::Tensor WeightLoader::place(const at::Tensor& host, const std::string& fullName) const {
  if (device_.is_cpu()) return host;
  at::Tensor placed = host.to(device_);
  if (const WeightRef* ref = ckpt_ ? ckpt_->find(fullName) : nullptr) ref->file->releasePages(*ref->info);
  return placed;
}

at::Tensor WeightLoader::getHost(const std::string& name, const std::vector<int64_t>& shape, Scope scope) {
  if (cancel_ && cancel_->load(std::memory_order_relaxed)) throw Error(ErrorCategory::Cancelled, "model load cancelled");
  const std::string full = scope == Scope::Root ? name : prefix_ + name;
  if (!ckpt_) return {};
  const WeightRef* ref = ckpt_->find(full);
  if (!ref) return {};
  if (ref->info->shape != shape) {
    auto fmt = [](const std::vector<int64_t>& s) {
      std::string o = "[";
      for (size_t i = 0; i < s.size(); ++i) o += (i ? ", " : "") + std::to_string(s[i]);
      return o + "]";
    };
    throw Error(ErrorCategory::Format, "shape " + fmt(ref->info->shape) + " does not match config.json (expected " + fmt(shape) + ")",
                {ref->file->path().string(), -1, -1, {}, full});
  }
  used_.insert(full);
  return loadTensor(*ref, dtype_);
}

at::Tensor WeightLoader::get(const std::string& name, const std::vector<int64_t>& shape, Scope scope) {
  if (!ckpt_) return at::empty(shape, at::TensorOptions().dtype(dtype_).device(at::kMeta));
  at::Tensor t = getOptional(name, shape, scope);
  if (!t.defined()) {
    const auto& files = ckpt_->files();
    throw Error(ErrorCategory::Format, "required weight is missing from the checkpoint",
                {files.size() == 1 ? files[0].string() : files.empty() ? "" : files[0].parent_path().string(), -1, -1, {},
                 scope == Scope::Root ? name : prefix_ + name});
  }
  return t;
}

std::vector<std::string> WeightLoader::unused() const {
  std::vector<std::string> out;
  if (!ckpt_) return out;
  for (const auto& [name, ref] : ckpt_->weights())
    if (!used_.count(name)) out.push_back(name);
  return out;
}

Linear WeightLoader::linear(const std::string& name, int64_t in, int64_t out, bool bias, bool fanInFanOut) {
  Linear l;
  l.fanInFanOut = fanInFanOut;
  l.computeType = dtype_;
  if (loadPrequantized(name, in, out, l)) {
    if (bias) l.bias = get(name + ".bias", {out});
    return l;
  }
  if (bias) l.bias = get(name + ".bias", {out});
  const std::vector<int64_t> shape = fanInFanOut ? std::vector<int64_t>{in, out} : std::vector<int64_t>{out, in};
  if (!quant_.enabled) {
    l.weight = get(name + ".weight", shape);
  } else {
    // transformers turns every linear (GPT-2 Conv1D transposed to [out, in] first) into a
    // Linear4bit, quantizing the weight in the load dtype (on the host: the codec of decision 12).
    const at::Tensor host = ckpt_ ? getHost(name + ".weight", shape, Scope::Backbone) : at::Tensor();
    if (ckpt_ && !host.defined()) get(name + ".weight", shape);  // throws: required weight missing
    if (host.defined()) l.q4 = Quant4bitWeight::quantize(fanInFanOut ? host.t().contiguous() : host, quant_, device_);
    l.weight = at::empty({out, in}, at::TensorOptions().dtype(dtype_).device(at::kMeta));
    // Only the packed codes stay resident: give back the pages of the dense weight in the file.
    if (const WeightRef* ref = ckpt_ ? ckpt_->find(prefix_ + name + ".weight") : nullptr) ref->file->releasePages(*ref->info);
    l.fanInFanOut = false;
  }
  return l;
}

bool WeightLoader::loadPrequantized(const std::string& name, int64_t in, int64_t out, Linear& l) {
  if (!ckpt_) return false;
  const std::string base = prefix_ + name + ".weight";
  const WeightRef* blob = ckpt_->find(base + ".quant_state.bitsandbytes__nf4");
  if (!blob) blob = ckpt_->find(base + ".quant_state.bitsandbytes__fp4");
  if (!blob) return false;
  const std::string file = blob->file->path().string();
  auto fail = [&](const std::string& tensor, const std::string& msg) -> void {
    throw Error(ErrorCategory::Format, "bitsandbytes 4-bit weight: " + msg, {file, -1, -1, {}, tensor});
  };
  const std::string json(reinterpret_cast<const char*>(blob->file->data(*blob->info)), blob->info->end - blob->info->begin);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(json);
  } catch (const nlohmann::json::exception&) {
    fail(blob->info->name, "quant_state is not valid JSON");
  }
  quant::QuantState4bit st;
  if (!j.contains("quant_type") || !j["quant_type"].is_string() || !quant::parseQuantType(j["quant_type"], &st.type)) {
    fail(blob->info->name, "missing or unknown quant_type");
  }
  st.blocksize = j.value("blocksize", int64_t(0));
  if (!quant::isValidBlocksize(st.blocksize)) fail(blob->info->name, "invalid blocksize " + std::to_string(st.blocksize));
  if (!j.contains("dtype") || !j["dtype"].is_string() || !quant::parseElementType(j["dtype"], &st.dtype)) fail(blob->info->name, "missing or unknown dtype");
  if (!j.contains("shape") || !j["shape"].is_array()) fail(blob->info->name, "missing shape");
  st.shape = j["shape"].get<std::vector<int64_t>>();
  if (st.shape != std::vector<int64_t>{out, in}) fail(blob->info->name, "shape does not match config.json");
  auto bytesOf = [&](const std::string& key, DType want) -> const WeightRef* {
    const WeightRef* r = ckpt_->find(key);
    if (!r) fail(key, "tensor missing");
    if (r->info->dtype != want) fail(key, std::string("expected dtype ") + dtypeName(want));
    used_.insert(key);
    return r;
  };
  auto floatsOf = [&](const std::string& key) {
    const WeightRef* r = bytesOf(key, DType::F32);
    std::vector<float> v(r->info->numel());
    std::memcpy(v.data(), r->file->data(*r->info), v.size() * 4);
    return v;
  };
  used_.insert(blob->info->name);
  const WeightRef* packed = bytesOf(base, DType::U8);
  const int64_t n = out * in, nb = (n + st.blocksize - 1) / st.blocksize;
  if (packed->info->numel() != (n + 1) / 2) fail(base, "packed size does not match the shape");
  std::vector<uint8_t> bytes(packed->file->data(*packed->info), packed->file->data(*packed->info) + packed->info->numel());
  st.code = floatsOf(base + ".quant_map");
  if (st.code.size() != 16) fail(base + ".quant_map", "expected 16 entries");
  st.doubleQuant = ckpt_->find(base + ".nested_absmax") != nullptr;
  if (st.doubleQuant) {
    const WeightRef* q = bytesOf(base + ".absmax", DType::U8);
    st.qabsmax.assign(q->file->data(*q->info), q->file->data(*q->info) + q->info->numel());
    st.nestedAbsmax = floatsOf(base + ".nested_absmax");
    st.nestedCode = floatsOf(base + ".nested_quant_map");
    st.nestedBlocksize = j.value("nested_blocksize", int64_t(256));
    st.offset = static_cast<float>(j.value("nested_offset", 0.0));
    if (static_cast<int64_t>(st.qabsmax.size()) != nb || st.nestedCode.size() != 256 || st.nestedBlocksize <= 0 ||
        static_cast<int64_t>(st.nestedAbsmax.size()) != (nb + st.nestedBlocksize - 1) / st.nestedBlocksize) {
      fail(base + ".absmax", "double-quantization statistics do not match the shape");
    }
  } else {
    st.absmax = floatsOf(base + ".absmax");
    if (static_cast<int64_t>(st.absmax.size()) != nb) fail(base + ".absmax", "expected one absmax per block");
  }
  l.q4 = Quant4bitWeight::fromState(std::move(bytes), std::move(st), device_);
  l.weight = at::empty({out, in}, at::TensorOptions().dtype(dtype_).device(at::kMeta));
  l.fanInFanOut = false;
  return true;
}

at::Tensor buildAttentionMask(const at::Tensor& keyMask, int64_t batch, int64_t queryLen, int64_t pastLen,
                              int64_t slidingWindow, c10::Device device) {
  const int64_t keyLen = pastLen + queryLen;
  const bool padded = keyMask.defined();
  const bool windowBites = slidingWindow > 0 && keyLen > slidingWindow;
  // A single query (decode step) with every key visible, or a prefill from position 0 that
  // is purely causal: SDPA's own causal handling is used instead of a mask.
  if (!padded && !windowBites && (queryLen == 1 || pastLen == 0)) return {};
  const auto opts = at::TensorOptions().dtype(at::kLong).device(device);
  const at::Tensor qPos = at::arange(pastLen, keyLen, opts).view({queryLen, 1});
  const at::Tensor kPos = at::arange(0, keyLen, opts).view({1, keyLen});
  at::Tensor allowed = kPos <= qPos;
  if (slidingWindow > 0) allowed = allowed & ((qPos - kPos) < slidingWindow);
  at::Tensor mask = allowed.view({1, 1, queryLen, keyLen}).expand({batch, 1, queryLen, keyLen});
  if (keyMask.defined()) mask = mask & keyMask.to(at::kBool).view({batch, 1, 1, keyLen});
  // Rows with nothing to attend to see their own position instead; for the other rows the OR adds
  // nothing, so it is applied unconditionally rather than asking the device whether any exist.
  const at::Tensor empty = ~mask.any(-1, /*keepdim=*/true);
  const at::Tensor self = (kPos == qPos).view({1, 1, queryLen, keyLen});
  mask = mask | (empty & self);
  return mask.contiguous();
}

at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& mask,
                     int64_t pastLen, double scale) {
  const bool isCausal = !mask.defined() && q.size(2) > 1;
  return at::scaled_dot_product_attention(q, k, v, mask.defined() ? std::optional<at::Tensor>(mask) : std::nullopt,
                                          0.0, isCausal, scale > 0 ? std::optional<double>(scale) : std::nullopt);
}

at::Tensor eagerAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& mask,
                          int64_t pastLen, double scale, double softcap) {
  at::Tensor scores = at::matmul(q, k.transpose(2, 3)) * scale;
  if (softcap > 0) scores = (scores / softcap).tanh() * softcap;
  at::Tensor allowed = mask;
  if (!allowed.defined() && q.size(2) > 1)  // plain causal: query i sees keys 0 .. past + i
    allowed = at::ones({q.size(2), k.size(2)}, at::TensorOptions(at::kBool).device(q.device())).tril(pastLen);
  // transformers adds 0 or the dtype's lowest value; either way a masked key's weight is exactly 0.
  if (allowed.defined()) scores = scores.masked_fill(~allowed, -std::numeric_limits<double>::infinity());
  const at::Tensor weights = at::softmax(scores, -1, at::kFloat).to(q.scalar_type());
  return at::matmul(weights, v);
}

at::Tensor LogitsTransform::apply(const at::Tensor& logits) const {
  at::Tensor y = divisor != 1.0 ? logits / divisor : logits;
  return softcap > 0 ? (y / softcap).tanh() * softcap : y;
}

at::Tensor LogitsTransform::backward(const at::Tensor& grad, const at::Tensor& logits) const {
  at::Tensor g = grad;
  if (softcap > 0) {
    // As autograd goes back through `* cap`, tanh and `/ cap`.
    const at::Tensor t = ((divisor != 1.0 ? logits / divisor : logits) / softcap).tanh().to(grad.scalar_type());
    g = at::tanh_backward(g * softcap, t) / softcap;
  }
  return divisor != 1.0 ? g / divisor : g;
}

std::unique_ptr<Decoder> buildDecoder(const ModelConfig& config, const Checkpoint* checkpoint, at::ScalarType dtype,
                                      const std::atomic<bool>* cancel, std::vector<std::string>* unusedTensors,
                                      const QuantizationOptions& quantization, c10::Device device) {
  using Builder = std::unique_ptr<Decoder> (*)(const ModelConfig&, WeightLoader&, at::ScalarType);
  struct Row {
    DecoderFamily family;
    const char* prefix;      // base_model_prefix of the *ForCausalLM class
    const char* probe;       // a tensor that exists when the prefix is present
    Builder build;
  };
  static const Row kRows[] = {
      {DecoderFamily::Llama, "model.", "embed_tokens.weight", &buildLlamaDecoder},
      {DecoderFamily::Gpt2, "transformer.", "wte.weight", &buildGpt2Decoder},
  };
  for (const Row& row : kRows) {
    if (row.family != config.family) continue;
    // Checkpoints saved from the bare backbone class lack the prefix (hub GPT-2 does).
    const std::string prefix = !checkpoint || checkpoint->find(std::string(row.prefix) + row.probe) ? row.prefix : "";
    WeightLoader loader(checkpoint, dtype, cancel, prefix, quantization, device);
    auto decoder = row.build(config, loader, dtype);
    if (unusedTensors) *unusedTensors = loader.unused();
    return decoder;
  }
  throw Error(ErrorCategory::Unsupported, "no decoder for this architecture", {config.sourceFile.string()});
}

}  // namespace peftdesk
