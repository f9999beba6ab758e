// Llama-shaped decoder: every family whose block is attention + gated MLP with RMSNorms (Llama
// incl. Llama-3 RoPE scaling, Mistral, Qwen2, Qwen3, Qwen3-MoE, SmolLM3, Gemma 2 / 3, OLMo 2,
// Granite, Phi-3). What differs between them is a ModelConfig property read by the family's file in
// families/: where the norms sit (pre / sandwich / post), how an RMSNorm applies its weight, q / k
// norms (per head or over the whole projection), the MLP's activation, embedding / residual /
// logits multipliers, attention scale and soft-capping, NoPE and sliding-window layers, a second
// RoPE base for the sliding layers, fused q/k/v and gate/up projections, partial rotary dimensions,
// mixture-of-experts MLPs. Order and dtype of every operation follow transformers' modeling files
// (spec §2), so the logits match (test_model_parity asserts 1e-5 in fp32; 0 measured on every
// fixture, CPU, 2026-12-02).
#include "model/decoder.h"
#include "model/layer_checkpoint.h"
#include "model/rope.h"

#include <optional>

namespace peftdesk {
namespace {

// One SwiGLU expert of a mixture-of-experts layer (Qwen3-MoE's mlp.experts.N).
struct Expert {
  Linear gate, up, down;
};

struct LlamaLayer {
  // Norms by role; which exist depends on ModelConfig::normPlacement (names in normNames()).
  at::Tensor inputNorm, postAttentionNorm, preFeedforwardNorm, postFeedforwardNorm;
  at::Tensor qNorm, kNorm;  // ModelConfig::qkNorm: [head_dim] per head or [heads · head_dim]
  Linear q, k, v, o, gate, up, down;
  Linear qkv, gateUp;       // ModelConfig::fusedProjections (Phi-3) in place of q, k, v and gate, up
  Linear router;            // ModelConfig::sparseLayer: mlp.gate, and the experts in place of gate / up / down
  std::vector<Expert> experts;
  // What sits on the residual stream after each sub-block (bottleneck adapters), or null.
  std::shared_ptr<const ResidualAdapter> afterAttention, afterMlp;
};

// transformers' name of each norm role, in the order the family's decoder layer registers them
// (an empty name = the role is absent). Llama's pre-MLP norm is called post_attention_layernorm.
struct NormNames {
  const char* input;
  const char* postAttention;
  const char* preFeedforward;
  const char* postFeedforward;
};
NormNames normNames(NormPlacement placement) {
  switch (placement) {
    case NormPlacement::Sandwich:
      return {"input_layernorm", "post_attention_layernorm", "pre_feedforward_layernorm", "post_feedforward_layernorm"};
    case NormPlacement::Post:
      return {"", "post_attention_layernorm", "", "post_feedforward_layernorm"};
    case NormPlacement::Pre:
      break;
  }
  return {"input_layernorm", "", "post_attention_layernorm", ""};
}

ModelConfig localRopeConfig(const ModelConfig& c) {
  ModelConfig local = c;
  local.ropeTheta = c.localRopeTheta;
  local.ropeScaling = RopeScaling{};
  return local;
}

class LlamaDecoder final : public Decoder {
 public:
  LlamaDecoder(const ModelConfig& c, WeightLoader& w, at::ScalarType dtype)
      : c_(c), dtype_(dtype), rope_(c, c.rotaryInFloat32 ? at::kFloat : dtype) {
    if (c.localRopeTheta > 0) localRope_.emplace(localRopeConfig(c), dtype);
    const int64_t H = c.hiddenSize, I = c.intermediateSize, d = c.headDim;
    const int64_t qDim = c.numHeads * d, kvDim = c.numKvHeads * d;
    const NormNames names = normNames(c.normPlacement);
    auto norm = [&](const std::string& p, const char* name) { return *name ? w.get(p + name + ".weight", {H}) : at::Tensor(); };
    embed_ = w.get("embed_tokens.weight", {c.vocabSize, H});
    for (int64_t i = 0; i < c.numLayers; ++i) {
      const std::string p = "layers." + std::to_string(i) + ".";
      LlamaLayer L;
      L.inputNorm = norm(p, names.input);
      L.postAttentionNorm = norm(p, names.postAttention);
      L.preFeedforwardNorm = norm(p, names.preFeedforward);
      L.postFeedforwardNorm = norm(p, names.postFeedforward);
      if (c.fusedProjections) {
        L.o = w.linear(p + "self_attn.o_proj", qDim, H, c.oBias);
        L.qkv = w.linear(p + "self_attn.qkv_proj", H, qDim + 2 * kvDim, c.qkvBias);
      } else {
        L.q = w.linear(p + "self_attn.q_proj", H, qDim, c.qkvBias);
        L.k = w.linear(p + "self_attn.k_proj", H, kvDim, c.qkvBias);
        L.v = w.linear(p + "self_attn.v_proj", H, kvDim, c.qkvBias);
        L.o = w.linear(p + "self_attn.o_proj", qDim, H, c.oBias);
      }
      if (c.qkNorm != QkNorm::None) {
        const bool whole = c.qkNorm == QkNorm::WholeProjection;
        L.qNorm = w.get(p + "self_attn.q_norm.weight", {whole ? qDim : d});
        L.kNorm = w.get(p + "self_attn.k_norm.weight", {whole ? kvDim : d});
      }
      if (c.sparseLayer(i)) {
        L.router = w.linear(p + "mlp.gate", H, c.numExperts, false);
        for (int64_t e = 0; e < c.numExperts; ++e) {
          const std::string q = p + "mlp.experts." + std::to_string(e) + ".";
          const int64_t M = c.moeIntermediateSize;
          L.experts.push_back({w.linear(q + "gate_proj", H, M, false), w.linear(q + "up_proj", H, M, false), w.linear(q + "down_proj", M, H, false)});
        }
      } else if (c.fusedProjections) {
        L.gateUp = w.linear(p + "mlp.gate_up_proj", H, 2 * I, c.mlpBias);
        L.down = w.linear(p + "mlp.down_proj", I, H, c.mlpBias);
      } else {
        L.gate = w.linear(p + "mlp.gate_proj", H, I, c.mlpBias);
        L.up = w.linear(p + "mlp.up_proj", H, I, c.mlpBias);
        L.down = w.linear(p + "mlp.down_proj", I, H, c.mlpBias);
      }
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

  // Gemma 3's embedding module scales its output itself; the others scale in forward().
  at::Tensor embedTokens(const at::Tensor& ids) const override {
    const at::Tensor e = at::embedding(embed_, ids);
    return c_.embeddingScaledInModule ? scaleEmbeddings(e) : e;
  }
  std::string layersPattern() const override { return "layers"; }
  std::string outputEmbeddingName() const override { return "lm_head"; }
  const Linear& outputHead() const override { return lmHead_; }
  LogitsTransform logitsTransform() const override { return {c_.logitsDivisor, c_.finalLogitSoftcap}; }

  std::vector<NamedParameter> namedParameters() const override {
    std::vector<NamedParameter> out{{"model.embed_tokens.weight", embed_}};
    auto addLinear = [&](const std::string& n, const Linear& l) {
      out.push_back({n + ".weight", l.weight, &l});
      if (l.bias.defined()) out.push_back({n + ".bias", l.bias, &l});
    };
    const NormNames names = normNames(c_.normPlacement);
    for (size_t i = 0; i < layers_.size(); ++i) {
      const std::string p = "model.layers." + std::to_string(i) + ".";
      const LlamaLayer& L = layers_[i];
      for (const auto& [name, linear] : attentionLinears(L)) addLinear(p + name, *linear);
      if (c_.qkNorm != QkNorm::None) {  // registered after o_proj in every family that has them
        out.push_back({p + "self_attn.q_norm.weight", L.qNorm});
        out.push_back({p + "self_attn.k_norm.weight", L.kNorm});
      }
      for (const auto& [name, linear] : mlpLinears(L)) addLinear(p + name, *linear);
      // The norms come after self_attn and mlp in every family's decoder layer, in role order.
      const std::pair<const char*, const at::Tensor*> norms[] = {{names.input, &L.inputNorm},
                                                                 {names.postAttention, &L.postAttentionNorm},
                                                                 {names.preFeedforward, &L.preFeedforwardNorm},
                                                                 {names.postFeedforward, &L.postFeedforwardNorm}};
      for (const auto& [name, tensor] : norms)
        if (*name) out.push_back({p + name + ".weight", *tensor});
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
      for (const auto& [name, linear] : attentionLinears(L)) out.push_back({p + name, linear});
      for (const auto& [name, linear] : mlpLinears(L)) out.push_back({p + name, linear});
    }
    out.push_back({"lm_head", &lmHead_});
    return out;
  }

  std::vector<ResidualSite> residualSites() override {
    std::vector<ResidualSite> out;
    for (size_t i = 0; i < layers_.size(); ++i) {
      out.push_back({static_cast<int64_t>(i), ResidualSite::Kind::AfterAttention, &layers_[i].afterAttention});
      out.push_back({static_cast<int64_t>(i), ResidualSite::Kind::AfterMlp, &layers_[i].afterMlp});
    }
    return out;
  }

  KvCache makeCache(int64_t batch, int64_t capacity, at::ScalarType dtype) const override {
    return KvCache::allocate(layers_.size(), batch, c_.numKvHeads, capacity, c_.headDim, dtype, embed_.device());
  }

  c10::Device device() const override { return embed_.device(); }

  at::Tensor forward(const DecoderInput& in) override {
    at::Tensor h = in.inputsEmbeds.defined() ? in.inputsEmbeds : embedTokens(in.inputIds);
    // Granite scales whatever enters the model (prompt tuning's virtual tokens too).
    if (!c_.embeddingScaledInModule) h = scaleEmbeddings(h);
    const int64_t B = h.size(0), T = h.size(1);
    const bool prefixed = !in.prefix.empty() && !in.cache;
    const int64_t past = in.cache ? in.cache->length : prefixed ? in.prefix.front().first.size(2) : 0;
    const at::Tensor keyMask = prefixed ? prefixedKeyMask(in, B) : in.keyMask;
    at::Tensor positions = in.positionIds.defined()
                               ? in.positionIds
                               : at::arange(past, past + T, at::TensorOptions(at::kLong).device(h.device())).unsqueeze(0).expand({B, T});
    // Without explicit positions the host knows the largest one (dynamic RoPE needs it).
    const int64_t positionEnd = in.positionIds.defined() ? -1 : past + T;
    auto [cos, sin] = rope_.cosSin(positions, positionEnd);
    at::Tensor localCos = cos, localSin = sin;  // Gemma 3's sliding layers have their own base
    if (localRope_) std::tie(localCos, localSin) = localRope_->cosSin(positions, positionEnd);
    const double scale = c_.attentionScale > 0 ? c_.attentionScale : std::pow(static_cast<double>(c_.headDim), -0.5);
    const int64_t groups = c_.numHeads / c_.numKvHeads;
    // Masks depend on the layer only through the sliding window (Mistral; Qwen2 / Qwen3 from
    // max_window_layers; SmolLM3 and Gemma per layer).
    const at::Tensor fullMask = buildAttentionMask(keyMask, B, T, past, 0, h.device());
    const at::Tensor windowMask =
        c_.slidingWindow > 0 ? buildAttentionMask(keyMask, B, T, past, c_.slidingWindow, h.device()) : at::Tensor();
    const bool checkpoint = checkpointingActive(in.checkpointLayers) && !in.cache && !prefixed;
    for (size_t li = 0; li < layers_.size(); ++li) {
      const LlamaLayer* L = &layers_[li];
      const bool windowed = c_.windowedLayer(static_cast<int64_t>(li));
      const bool rotary = c_.ropeLayer(static_cast<int64_t>(li));
      const at::Tensor mask = windowed ? windowMask : fullMask;
      const bool local = c_.localRopeLayer(static_cast<int64_t>(li));
      const at::Tensor layerCos = local ? localCos : cos, layerSin = local ? localSin : sin;
      // One decoder layer; captures by value so gradient checkpointing can run it again in backward.
      auto layer = [this, L, li, inPtr = &in, cache = in.cache, prefixed, mask, rotary, layerCos, layerSin, B, T, past, scale,
                    groups](const at::Tensor& hIn) {
        const at::Tensor x = L->inputNorm.defined() ? rmsNorm(hIn, L->inputNorm) : hIn;
        const int64_t qDim = c_.numHeads * c_.headDim, kvDim = c_.numKvHeads * c_.headDim;
        at::Tensor q, k, v;
        if (c_.fusedProjections) {  // Phi-3: one projection, sliced [q | k | v]
          const at::Tensor qkv = L->qkv.forward(x);
          q = qkv.narrow(-1, 0, qDim);
          k = qkv.narrow(-1, qDim, kvDim);
          v = qkv.narrow(-1, qDim + kvDim, kvDim);
        } else {
          q = L->q.forward(x);
          k = L->k.forward(x);
          v = L->v.forward(x);
        }
        if (c_.qkNorm == QkNorm::WholeProjection) {  // OLMo 2: before the split into heads
          q = rmsNorm(q, L->qNorm);
          k = rmsNorm(k, L->kNorm);
        }
        q = q.view({B, T, c_.numHeads, c_.headDim});
        k = k.view({B, T, c_.numKvHeads, c_.headDim});
        if (c_.qkNorm == QkNorm::PerHead) {
          q = rmsNorm(q, L->qNorm);
          k = rmsNorm(k, L->kNorm);
        }
        q = q.transpose(1, 2);
        k = k.transpose(1, 2);
        v = v.view({B, T, c_.numKvHeads, c_.headDim}).transpose(1, 2);
        if (rotary) {  // SmolLM3's NoPE layers attend without positions
          q = applyRotary(q, layerCos, layerSin);
          k = applyRotary(k, layerCos, layerSin);
        }
        // Never taken when checkpointing (no cache, no prefix), so inPtr is not used after forward.
        if (cache) std::tie(k, v) = cache->append(static_cast<int>(li), k, v);
        else if (prefixed) std::tie(k, v) = withPrefix(*inPtr, li, k, v);
        if (groups > 1) {
          k = k.repeat_interleave(groups, 1);
          v = v.repeat_interleave(groups, 1);
        }
        at::Tensor a = c_.attentionSoftcap > 0 ? eagerAttention(q, k, v, mask, past, scale, c_.attentionSoftcap)
                                               : attention(q, k, v, mask, past, scale);
        a = L->o.forward(a.transpose(1, 2).reshape({B, T, c_.numHeads * c_.headDim}));
        if (L->postAttentionNorm.defined()) a = rmsNorm(a, L->postAttentionNorm);
        const at::Tensor hMid = L->afterAttention ? L->afterAttention->forward(hIn, residual(a)) : hIn + residual(a);
        const at::Tensor y = L->preFeedforwardNorm.defined() ? rmsNorm(hMid, L->preFeedforwardNorm) : hMid;
        at::Tensor m;
        if (!L->experts.empty()) {
          m = mixtureOfExperts(*L, y);
        } else if (c_.fusedProjections) {  // Phi-3: gate_up_proj = [gate | up], up · act(gate)
          const at::Tensor gateUp = L->gateUp.forward(y);
          const int64_t I = c_.intermediateSize;
          m = L->down.forward(gateUp.narrow(-1, I, I) * activation(gateUp.narrow(-1, 0, I)));
        } else {
          m = L->down.forward(activation(L->gate.forward(y)) * L->up.forward(y));
        }
        if (L->postFeedforwardNorm.defined()) m = rmsNorm(m, L->postFeedforwardNorm);
        return L->afterMlp ? L->afterMlp->forward(hMid, residual(m)) : hMid + residual(m);
      };
      h = checkpoint ? checkpointedLayer(layer, h) : layer(h);
    }
    if (in.cache) in.cache->length += T;
    if (in.lastPositionOnly) h = h.narrow(1, T - 1, 1);
    if (in.outputPositions.defined()) h = h.reshape({-1, h.size(-1)}).index_select(0, in.outputPositions);
    h = rmsNorm(h, norm_);
    if (in.hiddenStatesOnly) return h;
    const LogitsTransform transform = logitsTransform();
    const at::Tensor logits = lmHead_.forward(h);
    return transform.identity() ? logits : transform.apply(logits);
  }

 private:
  // fp32 statistics, then the weight as the family's RMSNorm applies it (spec §2.3).
  at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& weight) const {
    const at::Tensor xf = x.to(at::kFloat);
    const at::Tensor var = xf.pow(2).mean(-1, /*keepdim=*/true);
    const at::Tensor normed = xf * at::rsqrt(var + c_.normEps);
    switch (c_.rmsNormStyle) {
      case RmsNormStyle::WeightThenCast:
        return (weight * normed).to(x.scalar_type());
      case RmsNormStyle::OnePlusWeightThenCast:
        return (normed * (1.0 + weight.to(at::kFloat))).to(x.scalar_type());
      case RmsNormStyle::CastThenWeight:
        break;
    }
    return weight * normed.to(x.scalar_type());
  }

  // The layer's linear modules under self_attn / mlp, in the order the family registers them
  // (Phi3Attention registers o_proj before qkv_proj); const or not as the layer is.
  template <typename Layer>
  auto attentionLinears(Layer& L) const -> std::vector<std::pair<const char*, decltype(&L.q)>> {
    if (c_.fusedProjections) return {{"self_attn.o_proj", &L.o}, {"self_attn.qkv_proj", &L.qkv}};
    return {{"self_attn.q_proj", &L.q}, {"self_attn.k_proj", &L.k}, {"self_attn.v_proj", &L.v}, {"self_attn.o_proj", &L.o}};
  }
  template <typename Layer>
  auto mlpLinears(Layer& L) const -> std::vector<std::pair<std::string, decltype(&L.q)>> {
    if (!L.experts.empty()) {  // router, then each expert's three (Qwen3MoeSparseMoeBlock)
      std::vector<std::pair<std::string, decltype(&L.q)>> out{{"mlp.gate", &L.router}};
      for (size_t e = 0; e < L.experts.size(); ++e) {
        const std::string q = "mlp.experts." + std::to_string(e) + ".";
        out.insert(out.end(), {{q + "gate_proj", &L.experts[e].gate}, {q + "up_proj", &L.experts[e].up}, {q + "down_proj", &L.experts[e].down}});
      }
      return out;
    }
    if (c_.fusedProjections) return {{"mlp.gate_up_proj", &L.gateUp}, {"mlp.down_proj", &L.down}};
    return {{"mlp.gate_proj", &L.gate}, {"mlp.up_proj", &L.up}, {"mlp.down_proj", &L.down}};
  }

  // Qwen3-MoE's sparse block, in transformers' order: float32 softmax over the router's logits,
  // top-k, optional renormalisation, weights cast to the activation dtype; then expert by expert
  // (ascending, only those chosen) the tokens routed to it — slot-major, as torch.where lists
  // them — through its MLP, scaled by their weights and index_add-ed into a zero result.
  at::Tensor mixtureOfExperts(const LlamaLayer& L, const at::Tensor& x) const {
    const int64_t H = x.size(-1);
    const at::Tensor flat = x.reshape({-1, H});
    const at::Tensor routerLogits = L.router.forward(flat);
    auto [weights, chosen] = at::topk(at::softmax(routerLogits, 1, at::kFloat), c_.expertsPerToken, -1);
    if (c_.normTopKProb) weights = weights / weights.sum(-1, /*keepdim=*/true);
    weights = weights.to(flat.scalar_type());
    at::Tensor out = at::zeros({flat.size(0), H}, flat.options());
    // LibTorch's meta device (shape-only runs: test_device_placement) has no values to route by:
    // there every expert takes every token, so shapes and devices are those of a real run.
    const bool shapesOnly = flat.is_meta();
    const at::Tensor mask = shapesOnly ? at::Tensor() : at::one_hot(chosen, c_.numExperts).permute({2, 1, 0});  // [experts, k, tokens]
    // Which experts got a token: one small device-to-host read per layer, as transformers does.
    const at::Tensor hit = shapesOnly ? at::arange(c_.numExperts, at::kLong) : mask.sum({-1, -2}).gt(0).nonzero().flatten().cpu();
    const int64_t* ids = hit.data_ptr<int64_t>();
    for (int64_t n = 0; n < hit.numel(); ++n) {
      const Expert& e = L.experts[static_cast<size_t>(ids[n])];
      // (slot, token) pairs routed to this expert, slot-major as torch.where lists them.
      const std::vector<at::Tensor> where =
          shapesOnly ? std::vector<at::Tensor>{at::zeros({flat.size(0)}, chosen.options()), at::arange(flat.size(0), chosen.options())}
                     : at::where(mask[ids[n]]);
      const at::Tensor& slot = where[0];
      const at::Tensor& token = where[1];
      const at::Tensor in = flat.index_select(0, token);
      const at::Tensor y = e.down.forward(activation(e.gate.forward(in)) * e.up.forward(in)) *
                           weights.index({token, slot}).unsqueeze(-1);
      out.index_add_(0, token, y.to(flat.scalar_type()));
    }
    return out.view(x.sizes());
  }

  // The parsers admit silu and gelu_pytorch_tanh only (family_common.cpp); decided once.
  at::Tensor activation(const at::Tensor& x) const { return geluTanh_ ? at::gelu(x, "tanh") : at::silu(x); }

  // Gemma: times √hidden as a tensor of the activation dtype; Granite: times a Python float.
  at::Tensor scaleEmbeddings(const at::Tensor& e) const {
    if (c_.embeddingMultiplier == 1.0) return e;
    // torch.tensor(x, dtype=bf16) rounds through float32; so does this.
    if (c_.embeddingMultiplierInDtype)
      return e * at::scalar_tensor(c_.embeddingMultiplier, e.options().dtype(at::kFloat)).to(e.scalar_type());
    return e * c_.embeddingMultiplier;
  }

  at::Tensor residual(const at::Tensor& x) const { return c_.residualMultiplier == 1.0 ? x : x * c_.residualMultiplier; }

  ModelConfig c_;
  at::ScalarType dtype_;
  Rope rope_;
  std::optional<Rope> localRope_;
  bool geluTanh_ = c_.hiddenAct == "gelu_pytorch_tanh";
  at::Tensor embed_, norm_;
  Linear lmHead_;
  std::vector<LlamaLayer> layers_;
};

}  // namespace

std::unique_ptr<Decoder> buildLlamaDecoder(const ModelConfig& config, WeightLoader& weights, at::ScalarType dtype) {
  return std::make_unique<LlamaDecoder>(config, weights, dtype);
}

}  // namespace peftdesk
