// See lora.h. The LORA row: keys (spec §3.2), PEFT's initialisation (init_lora_weights true,
// false, gaussian; the base-weight starts in lora_start.h), DoRA's magnitude from ‖W + s·BA‖,
// forward and merge as PEFT 0.17's lora.Linear (non-safe merge: the fp32 delta cast to the
// weight dtype and added) and DoraLinearVariant.merge_unsafe.
#include "peft/methods/lora.h"

#include "peft/method_registry.h"
#include "peft/methods/lora_start.h"
#include "peft/methods/rank_keys.h"
#include "peftdesk/peft_folder.h"

namespace peftdesk {
namespace {

void parseLora(const ConfigReader& r, AdapterConfig& c) {
  LoraSettings& l = c.lora;
  readRankKeys(r, l, "lora_alpha");
  readLoraLayerKeys(r, l);
  l.useRslora = r.boolean("use_rslora", false);
  l.useDora = r.boolean("use_dora", false);
  if (r.has("init_lora_weights")) {
    const auto& v = r.at("init_lora_weights");
    l.init = v.is_boolean() ? (v.get<bool>() ? "true" : "false") : v.is_string() ? v.get<std::string>() : "";
    if (l.init.empty()) r.fail("init_lora_weights", "expected true, false or a method name");
    l.init = canonicalInit(l.init);  // PEFT compares olora case-insensitively ("OLoRA")
  }
  // A start from the base weight (pissa, pissa_niter_N, olora), checked with what it combines with.
  checkBaseStartKeys(r, l);
  // Other starts PEFT has (corda, eva, loftq, lora_ga, orthogonal, mica) would load as a plain LoRA
  // and give other logits: refused by name.
  if (l.init != "true" && l.init != "false" && l.init != "gaussian" && !startsFromBase(l.init))
    r.fail("init_lora_weights", "'" + l.init + "' is not supported (use true, false, gaussian, pissa, pissa_niter_N or olora)", ErrorCategory::Unsupported);
  r.refuseIfSet("lora_bias", "lora_bias (a bias on lora_B)");
  r.refuseIfSet("layer_replication", "layer_replication");
  if (r.has("target_parameters")) {
    const auto& tp = r.at("target_parameters");
    if (!tp.is_array()) r.fail("target_parameters", "expected a list of parameter names");
    for (const auto& v : tp) {
      const std::string name = v.is_string() ? v.get<std::string>() : v.dump();
      if (name != "gate_up_proj" && name != "down_proj" && name != "gate.weight")
        r.fail("target_parameters", "'" + name + "' is not supported (only a mixture-of-experts layer's gate_up_proj, down_proj and gate.weight)",
               ErrorCategory::Unsupported);
      l.targetParameters.push_back(name);
    }
  }
  r.refuseIfSet("alora_invocation_tokens", "aLoRA (alora_invocation_tokens)");
  r.refuseIfSet("use_qalora", "QA-LoRA (use_qalora)");
  r.refuseIfSet("trainable_token_indices", "trainable_token_indices");
  r.refuseIfSet("megatron_config", "megatron_config");
  r.refuseIfSet("use_bdlora", "BD-LoRA");
}

std::shared_ptr<MethodPart> attachLora(const AttachContext& ctx) {
  using namespace method_init;
  const LoraSettings& l = ctx.config.lora;
  const Linear& lin = ctx.linear;
  const int64_t in = lin.inFeatures(), out = lin.outFeatures(), r = ctx.target.r;
  auto part = std::make_shared<LoraPart>();
  part->scaling = peft_folder::loraScaling(ctx.target.alpha, r, l.useRslora);
  part->dropout = l.dropout;
  part->loraA = at::zeros({r, in}, at::kFloat);
  part->loraB = at::zeros({out, r}, at::kFloat);
  if (startsFromBase(l.init)) {
    // Also when loading (no generator): PEFT's loader re-derives the start from the base as well.
    const LoraStart start = loraStartFromBase(lin, ctx.target.name, l, r, part->scaling, ctx.generator, ctx.config.source);
    part->startA = roundThrough(start.a, ctx.baseDtype);
    part->startB = roundThrough(start.b, ctx.baseDtype);
    // Trainable copies where the start already is (the weight's device): nothing to move.
    part->loraA = part->startA.clone();
    part->loraB = part->startB.clone();
  } else if (ctx.generator) {  // true, false or gaussian: parseLora refuses every other value
    at::Generator& gen = *ctx.generator;
    if (l.init == "gaussian") {
      part->loraA.normal_(0, 1.0 / static_cast<double>(r), gen);
    } else {
      kaimingUniform(part->loraA, gen);
      if (l.init == "false") kaimingUniform(part->loraB, gen);
    }
    part->loraA = roundThrough(part->loraA, ctx.baseDtype);
    part->loraB = roundThrough(part->loraB, ctx.baseDtype);
  }
  part->loraA.set_requires_grad(true);
  part->loraB.set_requires_grad(true);
  if (l.useDora) {
    // m = ‖W + s·BA‖ per output row, in the base dtype (fp16 upcast), stored as fp32.
    const at::ScalarType normType = ctx.baseDtype == at::kHalf ? at::kFloat : ctx.baseDtype;
    if (lin.weight.is_meta() && !lin.quantized()) {
      part->magnitude = at::zeros({out}, at::kFloat);  // shapes-only model: counting needs the shape alone
    } else {
      const at::Tensor dense = lin.denseWeight();
      const at::Tensor w = (lin.fanInFanOut ? dense.t() : dense).to(normType);
      const at::Tensor loraWeight =
          at::matmul(part->loraB.detach().to(w.device()).to(normType), part->loraA.detach().to(w.device()).to(normType));
      part->magnitude = at::linalg_vector_norm(w + part->scaling * loraWeight, 2, {1}).to(w.scalar_type()).to(at::kFloat);
    }
    part->magnitude.set_requires_grad(true);
  }
  return part;
}

nlohmann::json savedLoraConfig(const AdapterConfig& c) {
  return startsFromBase(c.lora.init) ? convertedLoraConfig(c.json, c.lora.useRslora) : c.json;
}

}  // namespace

extern const PeftMethodRow kLoraMethod{PeftType::Lora, "LORA", &parseLora, TargetKeys::Rank, &attachLora, nullptr, &savedLoraConfig};

LoraPart* asLoraPart(MethodPart* part) { return dynamic_cast<LoraPart*>(part); }

std::vector<PartTensor> LoraPart::tensors() {
  std::vector<PartTensor> out{{"lora_A.weight", "lora_A.weight", "lora_A", &loraA}, {"lora_B.weight", "lora_B.weight", "lora_B", &loraB}};
  if (magnitude.defined()) out.push_back({"lora_magnitude_vector.weight", "lora_magnitude_vector", "lora_magnitude_vector", &magnitude});
  return out;
}

std::vector<std::pair<std::string, at::Tensor>> LoraPart::savedForm() {
  if (!startA.defined()) return MethodPart::savedForm();
  // PEFT's subtract_mutated_init: s'·B'A' = s·(BA − B₀A₀), the update on the original base.
  const c10::Device device = loraA.device();
  return {{"lora_A.weight", at::cat({loraA.detach(), startA.to(device)}, 0)}, {"lora_B.weight", at::cat({loraB.detach(), -startB.to(device)}, 1)}};
}

at::Tensor LoraPart::forward(const WrappedBase& base, const at::Tensor& x, bool training) const {
  at::Tensor result = base(x);
  const at::ScalarType resultType = result.scalar_type();
  const at::Tensor xa = x.to(loraA.scalar_type());
  if (startA.defined()) result = result - at::linear(at::linear(xa, startA.to(xa.device())), startB.to(xa.device())) * scaling;
  const bool dropping = training && dropout > 0;
  if (!magnitude.defined()) {
    const at::Tensor xd = dropping ? at::dropout(xa, dropout, true) : xa;
    const at::Tensor lora = at::linear(at::linear(xd, loraA), loraB) * scaling;
    // PEFT's bnb 4-bit LoRA layer adds the LoRA output already cast to the base result dtype.
    result = base.linear.quantized() ? result + lora.to(resultType) : result + lora;
  } else if (dropping) {
    result = result + doraTerm(base, at::dropout(xa, dropout, true), at::Tensor());
  } else {
    result = result + doraTerm(base, xa, result);
  }
  return result.to(resultType);
}

at::Tensor LoraPart::doraTerm(const WrappedBase& base, const at::Tensor& x, at::Tensor baseResult) const {
  // ‖W + s·BA‖ per output row, detached: no gradient flows through the norm (DoRA §4.3).
  const at::Tensor eye = at::eye(loraA.size(1), x.options());
  const at::Tensor loraWeight = at::linear(at::linear(eye, loraA), loraB).t();
  const at::Tensor dense = base.linear.denseWeight();
  const at::Tensor w = (base.linear.fanInFanOut ? dense.t() : dense).to(x.scalar_type());
  const at::Tensor norm = at::linalg_vector_norm(w + scaling * loraWeight.detach(), 2, {1}).to(w.scalar_type()).detach();
  const at::Tensor magNormScale = (magnitude / norm).view({1, -1});
  const at::Tensor loraResult = at::linear(at::linear(x, loraA), loraB);
  if (baseResult.defined()) {
    const at::Tensor& b = base.bias();
    if (b.defined()) baseResult = baseResult - b;
  } else {
    baseResult = at::linear(x, w);
  }
  return (magNormScale - 1) * baseResult + magNormScale * loraResult * scaling;
}

at::Tensor LoraPart::deltaWeight(const Linear& linear) const {
  at::Tensor d = at::matmul(loraB.to(at::kFloat), loraA.to(at::kFloat)) * scaling;
  if (startA.defined()) d = d - at::matmul(startB.to(d.device()), startA.to(d.device())) * scaling;
  return linear.fanInFanOut ? d.t() : d;
}

at::Tensor LoraPart::mergedWeight(const Linear& lin, const at::Tensor& w) const {
  const at::Tensor delta = deltaWeight(lin).detach();
  if (!magnitude.defined()) return w + delta.to(w.scalar_type());
  // DoRA: W' = (m / ‖W + ΔW‖)·(W + ΔW), norms per output row of the [out, in] layout.
  const at::Tensor rowsFirst = lin.fanInFanOut ? (w.t() + delta.t()) : (w + delta);
  const at::Tensor norm = at::linalg_vector_norm(rowsFirst, 2, {1}).to(rowsFirst.scalar_type());
  at::Tensor factor = (magnitude.detach() / norm).view({-1, 1});
  if (lin.fanInFanOut) factor = factor.t();
  return (factor * (w + delta)).to(w.scalar_type());
}

}  // namespace peftdesk
