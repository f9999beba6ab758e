// Llama-family decoder (Llama incl. Llama-3 RoPE scaling, Mistral, Qwen2, Qwen3, SmolLM3): pre-norm
// blocks with RMSNorm, rotary attention with grouped KV heads (Qwen3: each head of q and k
// RMS-normalised before RoPE; SmolLM3: no rotary embedding in its NoPE layers), SwiGLU MLP. Order
// and dtype of every operation follow transformers' modeling files (spec §2), so the logits match
// (test_model_parity asserts 1e-5 in fp32; 0 measured on the CPU).
#include "model/decoder.h"
#include "model/layer_checkpoint.h"
#include "model/rope.h"

namespace peftdesk {
namespace {

struct LlamaLayer {
  at::Tensor inputNorm, postNorm;
  at::Tensor qNorm, kNorm;  // Qwen3 only: [head_dim]
  Linear q, k, v, o, gate, up, down;
};

class LlamaDecoder final : public Decoder {
 public:
  LlamaDecoder(const ModelConfig& c, WeightLoader& w, at::ScalarType dtype) : c_(c), dtype_(dtype), rope_(c, dtype) {
    const int64_t H = c.hiddenSize, I = c.intermediateSize, d = c.headDim;
    const int64_t qDim = c.numHeads * d, kvDim = c.numKvHeads * d;
    embed_ = w.get("embed_tokens.weight", {c.vocabSize, H});
    for (int64_t i = 0; i < c.numLayers; ++i) {
      const std::string p = "layers." + std::to_string(i) + ".";
      LlamaLayer L;
      L.inputNorm = w.get(p + "input_layernorm.weight", {H});
      L.postNorm = w.get(p + "post_attention_layernorm.weight", {H});
      L.q = w.linear(p + "self_attn.q_proj", H, qDim, c.qkvBias);
      L.k = w.linear(p + "self_attn.k_proj", H, kvDim, c.qkvBias);
      L.v = w.linear(p + "self_attn.v_proj", H, kvDim, c.qkvBias);
      L.o = w.linear(p + "self_attn.o_proj", qDim, H, c.oBias);
      if (c.qkNorm) {
        L.qNorm = w.get(p + "self_attn.q_norm.weight", {d});
        L.kNorm = w.get(p + "self_attn.k_norm.weight", {d});
      }
      L.gate = w.linear(p + "mlp.gate_proj", H, I, c.mlpBias);
      L.up = w.linear(p + "mlp.up_proj", H, I, c.mlpBias);
      L.down = w.linear(p + "mlp.down_proj", I, H, c.mlpBias);
      layers_.push_back(std::move(L));
    }
    norm_ = w.get("norm.weight", {H});
    // Tied: the embedding is the head even if a copy of lm_head.weight is stored (spec §1.2).
    if (c.tieWordEmbeddings) {
      w.markUsed("lm_head.weight", {c.vocabSize, H}, WeightLoader::Scope::Root);
      lmHead_.weight = embed_;
    } else {
      lmHead_.weight = w.get("lm_head.weight", {c.vocabSize, H}, WeightLoader::Scope::Root);
    }
  }

  at::Tensor embedTokens(const at::Tensor& ids) const override { return at::embedding(embed_, ids); }
  std::string layersPattern() const override { return "layers"; }
  std::string outputEmbeddingName() const override { return "lm_head"; }
  const Linear& outputHead() const override { return lmHead_; }

  std::vector<NamedParameter> namedParameters() const override {
    std::vector<NamedParameter> out{{"model.embed_tokens.weight", embed_}};
    auto addLinear = [&](const std::string& n, const Linear& l) {
      out.push_back({n + ".weight", l.weight, &l});
      if (l.bias.defined()) out.push_back({n + ".bias", l.bias, &l});
    };
    for (size_t i = 0; i < layers_.size(); ++i) {
      const std::string p = "model.layers." + std::to_string(i) + ".";
      const LlamaLayer& L = layers_[i];
      addLinear(p + "self_attn.q_proj", L.q);
      addLinear(p + "self_attn.k_proj", L.k);
      addLinear(p + "self_attn.v_proj", L.v);
      addLinear(p + "self_attn.o_proj", L.o);
      if (c_.qkNorm) {  // registered after o_proj in transformers' Qwen3Attention
        out.push_back({p + "self_attn.q_norm.weight", L.qNorm});
        out.push_back({p + "self_attn.k_norm.weight", L.kNorm});
      }
      addLinear(p + "mlp.gate_proj", L.gate);
      addLinear(p + "mlp.up_proj", L.up);
      addLinear(p + "mlp.down_proj", L.down);
      out.push_back({p + "input_layernorm.weight", L.inputNorm});
      out.push_back({p + "post_attention_layernorm.weight", L.postNorm});
    }
    out.push_back({"model.norm.weight", norm_});
    if (!c_.tieWordEmbeddings) out.push_back({"lm_head.weight", lmHead_.weight, &lmHead_});
    return out;
  }

  std::vector<NamedLinear> linearModules() override {
    std::vector<NamedLinear> out;
    for (size_t i = 0; i < layers_.size(); ++i) {
      const std::string p = "model.layers." + std::to_string(i) + ".";
      LlamaLayer& L = layers_[i];
      out.insert(out.end(), {{p + "self_attn.q_proj", &L.q}, {p + "self_attn.k_proj", &L.k}, {p + "self_attn.v_proj", &L.v},
                             {p + "self_attn.o_proj", &L.o}, {p + "mlp.gate_proj", &L.gate}, {p + "mlp.up_proj", &L.up},
                             {p + "mlp.down_proj", &L.down}});
    }
    out.push_back({"lm_head", &lmHead_});
    return out;
  }

  KvCache makeCache(int64_t batch, int64_t capacity, at::ScalarType dtype) const override {
    return KvCache::allocate(layers_.size(), batch, c_.numKvHeads, capacity, c_.headDim, dtype, embed_.device());
  }

  c10::Device device() const override { return embed_.device(); }

  at::Tensor forward(const DecoderInput& in) override {
    at::Tensor h = in.inputsEmbeds.defined() ? in.inputsEmbeds : embedTokens(in.inputIds);
    const int64_t B = h.size(0), T = h.size(1);
    const bool prefixed = !in.prefix.empty() && !in.cache;
    const int64_t past = in.cache ? in.cache->length : prefixed ? in.prefix.front().first.size(2) : 0;
    const at::Tensor keyMask = prefixed ? prefixedKeyMask(in, B) : in.keyMask;
    at::Tensor positions = in.positionIds.defined()
                               ? in.positionIds
                               : at::arange(past, past + T, at::TensorOptions(at::kLong).device(h.device())).unsqueeze(0).expand({B, T});
    // Without explicit positions the host knows the largest one (dynamic RoPE needs it).
    auto [cos, sin] = rope_.cosSin(positions, in.positionIds.defined() ? -1 : past + T);
    const double scale = std::pow(static_cast<double>(c_.headDim), -0.5);
    const int64_t groups = c_.numHeads / c_.numKvHeads;
    // Masks depend on the layer only through the sliding window (Mistral; Qwen2 / Qwen3 from
    // max_window_layers; SmolLM3 per layer).
    const at::Tensor fullMask = buildAttentionMask(keyMask, B, T, past, 0, h.device());
    const at::Tensor windowMask =
        c_.slidingWindow > 0 ? buildAttentionMask(keyMask, B, T, past, c_.slidingWindow, h.device()) : at::Tensor();
    const bool checkpoint = checkpointingActive(in.checkpointLayers) && !in.cache && !prefixed;
    for (size_t li = 0; li < layers_.size(); ++li) {
      const LlamaLayer* L = &layers_[li];
      const bool windowed = c_.windowedLayer(static_cast<int64_t>(li));
      const bool rotary = c_.ropeLayer(static_cast<int64_t>(li));
      const at::Tensor mask = windowed ? windowMask : fullMask;
      // One decoder layer; captures by value so gradient checkpointing can run it again in backward.
      auto layer = [this, L, li, inPtr = &in, cache = in.cache, prefixed, mask, rotary, cos, sin, B, T, past, scale,
                    groups](const at::Tensor& hIn) {
        at::Tensor x = rmsNorm(hIn, L->inputNorm);
        at::Tensor q = L->q.forward(x).view({B, T, c_.numHeads, c_.headDim});
        at::Tensor k = L->k.forward(x).view({B, T, c_.numKvHeads, c_.headDim});
        if (c_.qkNorm) {
          q = rmsNorm(q, L->qNorm);
          k = rmsNorm(k, L->kNorm);
        }
        q = q.transpose(1, 2);
        k = k.transpose(1, 2);
        at::Tensor v = L->v.forward(x).view({B, T, c_.numKvHeads, c_.headDim}).transpose(1, 2);
        if (rotary) {  // SmolLM3's NoPE layers attend without positions
          q = applyRotary(q, cos, sin);
          k = applyRotary(k, cos, sin);
        }
        // Never taken when checkpointing (no cache, no prefix), so inPtr is not used after forward.
        if (cache) std::tie(k, v) = cache->append(static_cast<int>(li), k, v);
        else if (prefixed) std::tie(k, v) = withPrefix(*inPtr, li, k, v);
        if (groups > 1) {
          k = k.repeat_interleave(groups, 1);
          v = v.repeat_interleave(groups, 1);
        }
        at::Tensor a = attention(q, k, v, mask, past, scale);
        a = a.transpose(1, 2).reshape({B, T, c_.numHeads * c_.headDim});
        at::Tensor hOut = hIn + L->o.forward(a);
        x = rmsNorm(hOut, L->postNorm);
        return hOut + L->down.forward(at::silu(L->gate.forward(x)) * L->up.forward(x));
      };
      h = checkpoint ? checkpointedLayer(layer, h) : layer(h);
    }
    if (in.cache) in.cache->length += T;
    if (in.lastPositionOnly) h = h.narrow(1, T - 1, 1);
    if (in.outputPositions.defined()) h = h.reshape({-1, h.size(-1)}).index_select(0, in.outputPositions);
    h = rmsNorm(h, norm_);
    return in.hiddenStatesOnly ? h : lmHead_.forward(h);
  }

 private:
  // fp32 normalisation, cast back to the input dtype, then the weight (spec §2.3).
  at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& weight) const {
    const at::Tensor xf = x.to(at::kFloat);
    const at::Tensor var = xf.pow(2).mean(-1, /*keepdim=*/true);
    return weight * (xf * at::rsqrt(var + c_.normEps)).to(x.scalar_type());
  }

  ModelConfig c_;
  at::ScalarType dtype_;
  Rope rope_;
  at::Tensor embed_, norm_;
  Linear lmHead_;
  std::vector<LlamaLayer> layers_;
};

}  // namespace

std::unique_ptr<Decoder> buildLlamaDecoder(const ModelConfig& config, WeightLoader& weights, at::ScalarType dtype) {
  return std::make_unique<LlamaDecoder>(config, weights, dtype);
}

}  // namespace peftdesk
