// See adalora.h. The ADALORA row: keys (PEFT 0.21's AdaLoraConfig and the LoRA keys it inherits,
// with PEFT's checks), PEFT's initialisation (randn draws for A, E, B and ranknum, then
// A, B ~ N(0, 0.02) and E = 0 unless init_lora_weights is false), forward and merge as SVDLinear,
// and a saved rank_pattern honoured on load (each module re-created at its kept rank).
#include "peft/methods/adalora.h"

#include <algorithm>

#include "peft/method_registry.h"
#include "peft/methods/rank_keys.h"

namespace peftdesk {

std::unique_ptr<MethodTraining> adaLoraTraining(Adapter& adapter);  // adalora_training.cpp

namespace {

// rank_pattern: {"<module>.lora_E": [bool x init_r]} (older PEFT: "<module>.lora_E.<adapter>").
void readRankPattern(const ConfigReader& r, AdaLoraSettings& s) {
  if (!r.has("rank_pattern")) return;
  const auto& v = r.at("rank_pattern");
  if (!v.is_object()) r.fail("rank_pattern", "expected an object {\"<module>.lora_E\": [true, false, ...]} (AdaLoRA's kept singular values)");
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string field = "rank_pattern." + it.key();
    std::string key = it.key();
    const std::string adapterSuffix = ".default", leaf = ".lora_E";
    if (key.size() > adapterSuffix.size() && key.compare(key.size() - adapterSuffix.size(), adapterSuffix.size(), adapterSuffix) == 0)
      key.resize(key.size() - adapterSuffix.size());
    if (key.size() <= leaf.size() || key.compare(key.size() - leaf.size(), leaf.size(), leaf) != 0)
      r.fail(field, "expected a key '<module path>.lora_E'");
    if (!it.value().is_array()) r.fail(field, "expected a list of true / false, one per initial rank");
    std::vector<bool> kept;
    for (const auto& b : it.value()) {
      if (!b.is_boolean()) r.fail(field, "expected a list of true / false, found " + b.dump());
      kept.push_back(b.get<bool>());
    }
    if (static_cast<int64_t>(kept.size()) != s.initR)
      r.fail(field, "has " + std::to_string(kept.size()) + " entries, but init_r is " + std::to_string(s.initR));
    s.rankPattern.emplace_back(key.substr(0, key.size() - leaf.size()), std::move(kept));
  }
}

void parseAdaLora(const ConfigReader& r, AdapterConfig& c) {
  AdaLoraSettings& s = c.adalora;
  LoraSettings& l = c.lora;
  // The LoRA keys AdaLoRA inherits, without `r` (PEFT ignores it: init_r sizes the tensors) and
  // rank_pattern (AdaLoRA's own, below).
  nlohmann::json shared = c.json;
  shared.erase("r");
  shared.erase("rank_pattern");
  readRankKeys(ConfigReader(shared, c.source), l, "lora_alpha");
  // As PEFT: every module scales by lora_alpha / init_r, so alpha_pattern, use_rslora and lora_bias
  // (LoRA's keys) change nothing here and are left unread.
  l.alphaPattern.clear();
  if (l.alpha <= 0)
    r.fail("lora_alpha", "must be positive for AdaLoRA (PEFT would scale by the rank instead, which changes as the rank is pruned), found " +
                             std::to_string(l.alpha));
  readLoraLayerKeys(r, l);
  // PEFT's AdaLoRA only asks whether init_lora_weights is truthy (a method name starts as true does).
  if (r.has("init_lora_weights")) {
    const auto& v = r.at("init_lora_weights");
    if (!v.is_boolean() && !v.is_string()) r.fail("init_lora_weights", "expected true or false, found " + v.dump());
    l.init = (v.is_boolean() ? v.get<bool>() : !v.get<std::string>().empty()) ? "true" : "false";
  }
  if (r.boolean("use_dora", false)) r.fail("use_dora", "AdaLoRA does not support DoRA (PEFT refuses it too)", ErrorCategory::Unsupported);
  r.refuseIfSet("loftq_config", "LoftQ (loftq_config; PEFT refuses it for AdaLoRA)");
  r.refuseIfSet("target_parameters", "target_parameters");
  r.refuseIfSet("layer_replication", "layer_replication");

  // The schedule's values are checked as PEFT's AdaLoraConfig checks them; those only training
  // uses (target_r, deltaT, the betas) when a run starts (adalora_training.cpp), so that any
  // adapter PEFT loads loads here too.
  s.initR = r.integer("init_r", 12);
  if (s.initR <= 0) r.fail("init_r", "must be a positive integer, found " + std::to_string(s.initR));
  l.r = s.initR;
  s.targetR = r.integer("target_r", 8);
  s.tinit = r.integer("tinit", 0);
  s.tfinal = r.integer("tfinal", 0);
  s.deltaT = r.integer("deltaT", 1);
  // Unset (0) in a run's method: the trainer sets it to the run's length before the adapter is made.
  s.totalStep = r.integer("total_step", 0);
  if (r.has("total_step") && s.totalStep <= 0) r.fail("total_step", "must be a positive number of optimizer steps, found " + std::to_string(s.totalStep));
  if (s.totalStep > 0 && s.tinit >= s.totalStep - s.tfinal)
    r.fail("tinit", "leaves no budget phase: tinit (" + std::to_string(s.tinit) + ") must be less than total_step - tfinal (" +
                        std::to_string(s.totalStep) + " - " + std::to_string(s.tfinal) +
                        "); a run's method without total_step takes the run's length in optimizer steps");
  s.beta1 = r.number("beta1", 0.85);
  s.beta2 = r.number("beta2", 0.85);
  s.orthRegWeight = r.number("orth_reg_weight", 0.5);
  if (!(s.orthRegWeight >= 0)) r.fail("orth_reg_weight", "must be 0 or more");
  readRankPattern(r, s);
}

std::shared_ptr<MethodPart> attachAdaLora(const AttachContext& ctx) {
  using namespace method_init;
  const AdapterConfig& c = ctx.config;
  const Linear& lin = ctx.linear;
  if (lin.quantized())
    throw Error(ErrorCategory::Unsupported, "AdaLoRA on a 4-bit base (" + ctx.target.name + ") is not supported yet; load the base in 16 or 32 bits",
                {c.source, -1, -1, "peft_type"});
  refuseExperts(ctx, "AdaLoRA");
  const int64_t in = lin.inFeatures(), out = lin.outFeatures();
  // A config with a rank_pattern describes a pruned adapter: its kept triplets only, created or
  // loaded (PEFT's get_peft_model would start such a config at init_r; it cannot train: decision 47).
  int64_t r = c.adalora.initR;
  for (const auto& [module, kept] : c.adalora.rankPattern)
    if (module == ctx.target.name) r = std::count(kept.begin(), kept.end(), true);
  auto part = std::make_shared<AdaLoraPart>();
  part->scaling = c.lora.alpha;
  part->dropout = c.lora.dropout;
  part->loraA = at::zeros({r, in}, at::kFloat);
  part->loraE = at::zeros({r, 1}, at::kFloat);
  part->loraB = at::zeros({out, r}, at::kFloat);
  part->ranknum = at::full({1}, static_cast<double>(c.adalora.initR), at::kFloat);  // fp32 on any base, as PEFT's after loading
  if (ctx.generator) {  // PEFT's update_layer: randn for A, E, B and ranknum, then the reset
    at::Generator& gen = *ctx.generator;
    part->loraA.normal_(0, 1, gen);
    part->loraE.normal_(0, 1, gen);
    part->loraB.normal_(0, 1, gen);
    at::empty({1}, at::kFloat).normal_(0, 1, gen);  // ranknum's draw, then overwritten
    if (c.lora.init == "true") {
      part->loraE.zero_();
      part->loraA.normal_(0, 0.02, gen);
      part->loraB.normal_(0, 0.02, gen);
    }
    for (at::Tensor* t : {&part->loraA, &part->loraE, &part->loraB}) *t = roundThrough(*t, ctx.baseDtype);
  }
  for (at::Tensor* t : {&part->loraA, &part->loraE, &part->loraB}) t->set_requires_grad(true);
  return part;
}

bool adaLoraHasDefaultTargets(const std::string& modelType) {
  // PEFT 0.21's AdaLoRA table lacks these, where LoRA's has them.
  return modelType != "mistral" && modelType != "mixtral" && modelType != "phi";
}

}  // namespace

extern const PeftMethodRow kAdaLoraMethod{PeftType::AdaLora, "ADALORA", &parseAdaLora, TargetKeys::Rank, &attachAdaLora, nullptr, nullptr,
                                          &adaLoraTraining, &adaLoraHasDefaultTargets};

AdaLoraPart* asAdaLoraPart(MethodPart* part) { return dynamic_cast<AdaLoraPart*>(part); }

std::string adaLoraPatternKey(const std::string& module) { return module + ".lora_E"; }

std::vector<PartTensor> AdaLoraPart::tensors() {
  return {{"lora_A", "lora_A", "lora_A", &loraA}, {"lora_B", "lora_B", "lora_B", &loraB}, {"lora_E", "lora_E", "lora_E", &loraE}};
}

std::vector<PartTensor> AdaLoraPart::frozenTensors() { return {{"ranknum", "", "ranknum", &ranknum}}; }

std::vector<std::pair<std::string, at::Tensor>> AdaLoraPart::savedForm() {
  if (!keep.defined()) return MethodPart::savedForm();
  // PEFT's resize_state_dict_by_rank_pattern: the kept rows of A and E, columns of B.
  const at::Tensor index = keep.nonzero().view(-1);
  return {{"lora_A", loraA.detach().index_select(0, index)},
          {"lora_B", loraB.detach().index_select(1, index)},
          {"lora_E", loraE.detach().index_select(0, index)}};
}

void AdaLoraPart::addToSavedConfig(const std::string& module, nlohmann::json& config) const {
  if (!keep.defined()) return;
  nlohmann::json& pattern = config["rank_pattern"];
  if (!pattern.is_object()) pattern = nlohmann::json::object();
  const at::Tensor host = keep.to(at::kCPU).contiguous();
  std::vector<bool> kept(host.data_ptr<bool>(), host.data_ptr<bool>() + host.numel());
  pattern[adaLoraPatternKey(module)] = kept;
}

at::Tensor AdaLoraPart::forward(const WrappedBase& base, const at::Tensor& x, bool training) const {
  at::Tensor result = base(x);
  const at::ScalarType resultType = result.scalar_type();
  const at::Tensor xa = x.to(loraA.scalar_type());
  const at::Tensor xd = training && dropout > 0 ? at::dropout(xa, dropout, true) : xa;
  // SVDLinear: (x @ (A∘E)ᵀ @ Bᵀ) · scaling / (ranknum + 1e-5), left to right.
  const at::Tensor lora = at::matmul(at::matmul(xd, (loraA * loraE).t()), loraB.t()) * scaling / (ranknum.to(xd.device()) + 1e-5);
  return (result + lora).to(resultType);
}

at::Tensor AdaLoraPart::deltaWeight(const Linear& linear) const {
  const at::Tensor d = at::matmul(loraB, loraA * loraE);
  return (linear.fanInFanOut ? d.t() : d) * scaling / (ranknum.to(d.device()) + 1e-5);
}

at::Tensor AdaLoraPart::mergedWeight(const Linear& linear, const at::Tensor& weight) const {
  // PEFT's in-place `weight += ΔW`: the sum in fp32, rounded once to the weight's dtype.
  return (weight.to(at::kFloat) + deltaWeight(linear).detach()).to(weight.scalar_type());
}

}  // namespace peftdesk
