// GPT-2 decoder: learned positions, pre-LayerNorm blocks, fused c_attn, gelu_new MLP, tied head.
// Weights stay in Conv1D layout [in, out] (Linear::fanInFanOut), as PEFT sees them.
#include <cmath>

#include "model/decoder.h"
#include "model/layer_checkpoint.h"

namespace peftdesk {
namespace {

struct Gpt2Layer {
  at::Tensor ln1w, ln1b, ln2w, ln2b;
  Linear cAttn, cProj, fc, proj;
};

class Gpt2Decoder final : public Decoder {
 public:
  Gpt2Decoder(const ModelConfig& c, WeightLoader& w, at::ScalarType dtype) : c_(c) {
    const int64_t E = c.hiddenSize, I = c.intermediateSize;
    wte_ = w.get("wte.weight", {c.vocabSize, E});
    wpe_ = w.get("wpe.weight", {c.maxPositionEmbeddings, E});
    for (int64_t i = 0; i < c.numLayers; ++i) {
      const std::string p = "h." + std::to_string(i) + ".";
      Gpt2Layer L;
      L.ln1w = w.get(p + "ln_1.weight", {E});
      L.ln1b = w.get(p + "ln_1.bias", {E});
      L.ln2w = w.get(p + "ln_2.weight", {E});
      L.ln2b = w.get(p + "ln_2.bias", {E});
      L.cAttn = w.linear(p + "attn.c_attn", E, 3 * E, true, /*fanInFanOut=*/true);
      L.cProj = w.linear(p + "attn.c_proj", E, E, true, true);
      L.fc = w.linear(p + "mlp.c_fc", E, I, true, true);
      L.proj = w.linear(p + "mlp.c_proj", I, E, true, true);
      layers_.push_back(std::move(L));
    }
    lnfW_ = w.get("ln_f.weight", {E});
    lnfB_ = w.get("ln_f.bias", {E});
    w.markUsed("lm_head.weight", {c.vocabSize, E}, WeightLoader::Scope::Root);  // tied; a stored copy is ignored
    lmHead_.weight = wte_;
  }

  at::Tensor embedTokens(const at::Tensor& ids) const override { return at::embedding(wte_, ids); }
  std::string layersPattern() const override { return "h"; }
  std::string outputEmbeddingName() const override { return "lm_head"; }
  const Linear& outputHead() const override { return lmHead_; }

  std::vector<NamedParameter> namedParameters() const override {
    std::vector<NamedParameter> out{{"transformer.wte.weight", wte_}, {"transformer.wpe.weight", wpe_}};
    auto addLinear = [&](const std::string& n, const Linear& l) {
      out.push_back({n + ".weight", l.weight, &l});
      out.push_back({n + ".bias", l.bias, &l});
    };
    for (size_t i = 0; i < layers_.size(); ++i) {
      const std::string p = "transformer.h." + std::to_string(i) + ".";
      const Gpt2Layer& L = layers_[i];
      out.push_back({p + "ln_1.weight", L.ln1w});
      out.push_back({p + "ln_1.bias", L.ln1b});
      addLinear(p + "attn.c_attn", L.cAttn);
      addLinear(p + "attn.c_proj", L.cProj);
      out.push_back({p + "ln_2.weight", L.ln2w});
      out.push_back({p + "ln_2.bias", L.ln2b});
      addLinear(p + "mlp.c_fc", L.fc);
      addLinear(p + "mlp.c_proj", L.proj);
    }
    out.push_back({"transformer.ln_f.weight", lnfW_});
    out.push_back({"transformer.ln_f.bias", lnfB_});
    return out;
  }

  std::vector<NamedLinear> linearModules() override {
    std::vector<NamedLinear> out;
    for (size_t i = 0; i < layers_.size(); ++i) {
      const std::string p = "transformer.h." + std::to_string(i) + ".";
      Gpt2Layer& L = layers_[i];
      out.insert(out.end(), {{p + "attn.c_attn", &L.cAttn}, {p + "attn.c_proj", &L.cProj}, {p + "mlp.c_fc", &L.fc},
                             {p + "mlp.c_proj", &L.proj}});
    }
    out.push_back({"lm_head", &lmHead_});
    return out;
  }

  KvCache makeCache(int64_t batch, int64_t capacity, at::ScalarType dtype) const override {
    // Learned positions end at n_positions: the cache never grows past them.
    return KvCache::allocate(layers_.size(), batch, c_.numHeads, std::min(capacity, c_.maxPositionEmbeddings), c_.headDim, dtype,
                             wte_.device());
  }

  c10::Device device() const override { return wte_.device(); }

  at::Tensor forward(const DecoderInput& in) override {
    const at::Tensor tokens = in.inputsEmbeds.defined() ? in.inputsEmbeds : embedTokens(in.inputIds);
    const int64_t B = tokens.size(0), T = tokens.size(1), E = c_.hiddenSize;
    const bool prefixed = !in.prefix.empty() && !in.cache;
    const int64_t past = in.cache ? in.cache->length : prefixed ? in.prefix.front().first.size(2) : 0;
    const at::Tensor positions =
        in.positionIds.defined() ? in.positionIds
                                 : at::arange(past, past + T, at::TensorOptions(at::kLong).device(tokens.device())).unsqueeze(0).expand({B, T});
    at::Tensor h = tokens + at::embedding(wpe_, positions);
    const at::Tensor mask = buildAttentionMask(prefixed ? prefixedKeyMask(in, B) : in.keyMask, B, T, past, 0, tokens.device());
    const bool checkpoint = checkpointingActive(in.checkpointLayers) && !in.cache && !prefixed;
    for (size_t li = 0; li < layers_.size(); ++li) {
      const Gpt2Layer* L = &layers_[li];
      // One block; captures by value so gradient checkpointing can run it again in backward.
      auto layer = [this, L, li, inPtr = &in, cache = in.cache, prefixed, mask, B, T, E, past](const at::Tensor& hIn) {
        at::Tensor x = at::layer_norm(hIn, {E}, L->ln1w, L->ln1b, c_.normEps);
        const auto qkv = L->cAttn.forward(x).split(E, 2);
        at::Tensor q = qkv[0].view({B, T, -1, c_.headDim}).transpose(1, 2);
        at::Tensor k = qkv[1].view({B, T, -1, c_.headDim}).transpose(1, 2);
        at::Tensor v = qkv[2].view({B, T, -1, c_.headDim}).transpose(1, 2);
        // Never taken when checkpointing (no cache, no prefix), so inPtr is not used after forward.
        if (cache) std::tie(k, v) = cache->append(static_cast<int>(li), k, v);
        else if (prefixed) std::tie(k, v) = withPrefix(*inPtr, li, k, v);
        at::Tensor a = attention(q, k, v, mask, past, /*scale=*/0.0);
        a = a.transpose(1, 2).reshape({B, T, E});
        at::Tensor hOut = L->cProj.forward(a) + hIn;
        x = at::layer_norm(hOut, {E}, L->ln2w, L->ln2b, c_.normEps);
        return hOut + L->proj.forward(activation(L->fc.forward(x)));
      };
      h = checkpoint ? checkpointedLayer(layer, h) : layer(h);
    }
    if (in.cache) in.cache->length += T;
    if (in.lastPositionOnly) h = h.narrow(1, T - 1, 1);
    if (in.outputPositions.defined()) h = h.reshape({-1, h.size(-1)}).index_select(0, in.outputPositions);
    h = at::layer_norm(h, {E}, lnfW_, lnfB_, c_.normEps);
    return in.hiddenStatesOnly ? h : lmHead_.forward(h);
  }

 private:
  at::Tensor activation(const at::Tensor& x) const {
    if (c_.hiddenAct == "gelu_new") {
      return 0.5 * x * (1.0 + at::tanh(std::sqrt(2.0 / M_PI) * (x + 0.044715 * at::pow(x, 3.0))));
    }
    return at::gelu(x, c_.hiddenAct == "gelu_pytorch_tanh" ? "tanh" : "none");
  }

  ModelConfig c_;
  at::Tensor wte_, wpe_, lnfW_, lnfB_;
  Linear lmHead_;
  std::vector<Gpt2Layer> layers_;
};

}  // namespace

std::unique_ptr<Decoder> buildGpt2Decoder(const ModelConfig& config, WeightLoader& weights, at::ScalarType dtype) {
  return std::make_unique<Gpt2Decoder>(config, weights, dtype);
}

}  // namespace peftdesk
