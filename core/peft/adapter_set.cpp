// See adapter_set.h. Names, shapes, dtypes and initialisation follow PEFT 0.17 (spec §3.5, §3.6).
#include "peft/adapter_set.h"

#include <cmath>
#include <set>

#include <ATen/CPUGeneratorImpl.h>

#include "model/tensor_bridge.h"
#include "peft/adapterhub_folder.h"
#include "peft/fused_experts.h"
#include "peft/method_registry.h"
#include "peft/method_training.h"
#include "peft/methods/bottleneck_keys.h"
#include "peft/methods/lora.h"
#include "peftdesk/atomic_file.h"
#include "peftdesk/error.h"
#include "peftdesk/peft_folder.h"
#include "peftdesk/tokenizer.h"

namespace peftdesk {
namespace {

const std::string kPrefix = peft_folder::kKeyPrefix;

std::string leafOf(const std::string& name) { return name.substr(name.rfind('.') + 1); }
std::string parentOf(const std::string& name) { return name.substr(0, name.rfind('.')); }

}  // namespace

AdapterSet::AdapterSet(Decoder& decoder, const ModelConfig& config, at::ScalarType dtype, std::filesystem::path modelDir)
    : decoder_(decoder), config_(config), dtype_(dtype), modelDir_(std::move(modelDir)) {}

// Every tensor of the adapter onto the base's device, as leaves with the same requires_grad.
void AdapterSet::placeOnDevice(Adapter& a) const {
  const c10::Device device = decoder_.device();
  if (a.prompt) {
    a.prompt->to(device);
    return;
  }
  for (auto& t : a.tensors) {
    if (!t.tensor->defined() || t.tensor->device() == device) continue;
    const bool grad = t.tensor->requires_grad();
    *t.tensor = t.tensor->detach().to(device);
    t.tensor->set_requires_grad(grad);
  }
  for (auto& [linear, module] : a.modules)  // constants the forward reads (AdaLoRA's ranknum)
    if (module->method)
      for (const PartTensor& t : module->method->frozenTensors())
        if (t.tensor->defined() && !t.tensor->is_meta()) *t.tensor = t.tensor->to(device);
}

std::vector<std::string> AdapterSet::names() const {
  std::vector<std::string> out;
  for (const auto& [n, a] : adapters_) out.push_back(n);
  return out;
}

const Adapter& AdapterSet::get(const std::string& name) const {
  auto it = adapters_.find(name);
  if (it == adapters_.end()) throw Error(ErrorCategory::Argument, "no adapter named '" + name + "' is loaded");
  return *it->second;
}

Adapter& AdapterSet::build(const std::string& name, const AdapterConfig& config, uint64_t seed, bool initialize) {
  if (name.empty()) throw Error(ErrorCategory::Argument, "adapter name must not be empty");
  auto adapter = std::make_unique<Adapter>();
  Adapter& a = *adapter;
  a.name = name;
  a.config = config;
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);

  const PeftMethodRow& method = peftMethod(config.type);
  if (method.attachSite) {  // on the residual sites, not on linear modules (bottleneck adapters)
    buildSites(a, gen, initialize);
    placeOnDevice(a);
    adapters_[name] = std::move(adapter);
    return *adapters_[name];
  }
  if (!method.attach) {  // prompt learning: virtual tokens, no module parts
    a.prompt = std::make_unique<PromptEncoder>(config, config_);
    if (initialize) {
      at::Tensor init;
      const auto& p = config.prompt;
      if (config.type == PeftType::PromptTuning && p.promptInit != "RANDOM") {
        std::vector<int64_t> ids;
        if (p.promptInit == "TEXT") {
          const auto tok = Tokenizer::load(modelDir_);
          for (int32_t id : tok->encode(p.promptInitText, false)) ids.push_back(id);
          if (ids.empty()) throw Error(ErrorCategory::Config, "prompt_tuning_init_text tokenizes to nothing", {config.source, -1, -1, "prompt_tuning_init_text"});
          std::vector<int64_t> rep;  // repeat / truncate to P tokens
          while (static_cast<int64_t>(rep.size()) < p.numVirtualTokens) rep.insert(rep.end(), ids.begin(), ids.end());
          rep.resize(p.numVirtualTokens);
          ids = rep;
        } else {
          const at::Tensor r = at::randint(config_.vocabSize, {p.numVirtualTokens}, gen, at::kLong);
          ids.assign(r.data_ptr<int64_t>(), r.data_ptr<int64_t>() + r.numel());
        }
        init = decoder_.embedTokens(at::tensor(ids, at::kLong).to(decoder_.device())).to(at::kFloat);
      }
      a.prompt->initialize(gen, init);
    }
    for (const auto& p : a.prompt->parameters()) {
      a.tensors.push_back({p.name, "prompt_embeddings", "prompt_encoder", config.type == PeftType::PrefixTuning ? "prefix" : "prompt",
                           nullptr, true});
    }
    placeOnDevice(a);
    adapters_[name] = std::move(adapter);
    return *adapters_[name];
  }

  std::map<std::string, Linear*> linears;
  for (const auto& l : decoder_.linearModules()) linears[l.name] = l.linear;
  a.resolution = resolveTargets(config, modelModules());
  std::map<std::string, std::shared_ptr<ModuleAdapter>> parts;
  auto partFor = [&](const std::string& m) -> ModuleAdapter& {
    auto& p = parts[m];
    if (!p) p = std::make_shared<ModuleAdapter>();
    return *p;
  };
  std::set<std::string> wrapped;
  for (const auto& t : a.resolution.targets) {
    Linear& lin = *linears.at(t.name);
    ModuleAdapter& ma = partFor(t.name);
    wrapped.insert(t.name);
    ma.method = method.attach({lin, t, config, dtype_, initialize ? &gen : nullptr});
    const std::string base = kPrefix + t.name + ".";
    for (const PartTensor& p : ma.method->tensors())
      a.tensors.push_back({base + p.memoryLeaf, base + p.savedLeaf, t.name, p.part, p.tensor, true});
  }
  if (config.lora.bias != "none") {  // LoRA's key: the other methods leave it "none"
    if (config_.family == DecoderFamily::Gpt2 && config.lora.bias == "all") {
      throw Error(ErrorCategory::Unsupported, "bias='all' on GPT-2 would also train LayerNorm biases, which is not supported yet",
                  {config.source, -1, -1, "bias"});
    }
    for (const auto& l : decoder_.linearModules()) {
      if (!l.linear->bias.defined()) continue;
      const bool isWrapped = wrapped.count(l.name) > 0;
      if (config.lora.bias == "lora_only" && !isWrapped) continue;
      ModuleAdapter& ma = partFor(l.name);
      ma.hasBias = true;
      ma.bias = l.linear->bias.detach().clone();
      ma.bias.set_requires_grad(true);
      const std::string n = kPrefix + l.name + (isWrapped ? ".base_layer.bias" : ".bias");
      a.tensors.push_back({n, n, l.name, "bias", &ma.bias, false});
    }
  }
  for (const auto& m : a.resolution.modulesToSave) {
    Linear& lin = *linears.at(m);
    ModuleAdapter& ma = partFor(m);
    ma.hasCopy = true;
    ma.weightCopy = lin.weight.detach().clone();
    ma.weightCopy.set_requires_grad(true);
    a.tensors.push_back({kPrefix + m + ".modules_to_save.weight", kPrefix + m + ".weight", m, "modules_to_save", &ma.weightCopy, true});
    if (lin.bias.defined()) {
      ma.biasCopy = lin.bias.detach().clone();
      ma.biasCopy.set_requires_grad(true);
      a.tensors.push_back({kPrefix + m + ".modules_to_save.bias", kPrefix + m + ".bias", m, "modules_to_save", &ma.biasCopy, true});
    }
  }
  for (const auto& l : decoder_.linearModules()) {
    auto it = parts.find(l.name);
    if (it == parts.end()) continue;
    a.modules.emplace_back(l.linear, it->second);
    a.moduleNames.push_back(l.name);
  }
  placeOnDevice(a);
  adapters_[name] = std::move(adapter);
  return *adapters_[name];
}

void AdapterSet::buildSites(Adapter& a, at::Generator& gen, bool initialize) {
  const PeftMethodRow& method = peftMethod(a.config.type);
  // The name AdapterHub's keys carry: the loaded file's own, else this adapter's.
  if (a.config.bottleneck.name.empty()) a.config.bottleneck.name = a.name;
  const std::vector<ResidualSite> sites = decoder_.residualSites();
  if (sites.empty())
    throw Error(ErrorCategory::Unsupported, std::string(method.name) + " adapters sit on a decoder block's residual stream, which this base's model_type '" +
                                                config_.modelType + "' does not offer here",
                {a.config.source});
  for (const ResidualSite& site : sites) {
    std::shared_ptr<SitePart> part = method.attachSite({site, config_, a.config, dtype_, initialize ? &gen : nullptr});
    if (!part) continue;
    const std::string name = adapterhub_folder::siteName(site.layer, site.kind == ResidualSite::Kind::AfterAttention);
    for (const PartTensor& p : part->tensors())
      a.tensors.push_back({name + "." + p.memoryLeaf, adapterhub_folder::savedKey(name, a.config.bottleneck.name, p.savedLeaf), name, p.part,
                           p.tensor, true});
    a.sites.emplace_back(site.slot, std::move(part));
  }
  if (a.sites.empty())
    throw Error(ErrorCategory::Config, "the adapter sits nowhere on this model: every layer is in leave_out",
                {a.config.source, -1, -1, bottleneckField(a.config, "leave_out")});
}

ModelModules AdapterSet::modelModules() const {
  ModelModules mm;
  mm.modelType = config_.modelType;
  mm.outputEmbedding = decoder_.outputEmbeddingName();
  mm.layersPattern = decoder_.layersPattern();
  for (const auto& l : decoder_.linearModules()) mm.linearNames.push_back(l.name);
  return mm;
}

AdapterSet::ExpertShape AdapterSet::expertShape() const {
  ExpertShape s;
  const std::string firstExpert = ".experts.0.gate_proj";
  for (const auto& l : decoder_.linearModules()) {
    s.linearNames.push_back(l.name);
    if (!s.hidden && l.name.size() > firstExpert.size() && l.name.compare(l.name.size() - firstExpert.size(), firstExpert.size(), firstExpert) == 0) {
      s.hidden = l.linear->inFeatures();
      s.intermediate = l.linear->outFeatures();
    }
  }
  return s;
}

void AdapterSet::adoptFusedExperts(Adapter& a, const AdapterConfig& original) const {
  std::map<std::string, LoraPart*> byName;  // null where a module has no LoRA
  for (size_t i = 0; i < a.modules.size(); ++i) byName[a.moduleNames[i]] = asLoraPart(a.modules[i].second->method.get());
  // A fused parameter is one LoRA over all of a layer's experts: none may be left out.
  for (const std::string& m : fusedExpertModules(original, expertShape().linearNames)) {
    const auto it = byName.find(m);
    if (it == byName.end() || !it->second)
      throw Error(ErrorCategory::Unsupported,
                  "LoRA on fused expert parameters covers every expert of a layer, but exclude_modules or layers_to_transform leave out " + m +
                      " (PEFT does not apply them to target_parameters either)",
                  {original.source, -1, -1, "target_parameters"});
  }
  const std::string up = ".up_proj";
  for (auto& [name, part] : byName) {
    if (name.size() <= up.size() || name.compare(name.size() - up.size(), up.size(), up) != 0 || name.find(".experts.") == std::string::npos) continue;
    auto gate = byName.find(name.substr(0, name.size() - up.size()) + ".gate_proj");
    if (gate == byName.end() || !gate->second || !part) continue;
    if (gate->second->loraA.sizes() != part->loraA.sizes() || gate->second->scaling != part->scaling)
      throw Error(ErrorCategory::Unsupported, name + " and its gate_proj share one LoRA A (fused gate_up_proj) but would get different ranks or alphas",
                  {original.source, -1, -1, "rank_pattern"});
    part->loraA = gate->second->loraA;  // one tensor: its gradient gathers both uses, as the fused A's does
  }
  a.fusedExperts = std::make_unique<AdapterConfig>(original);
}

void AdapterSet::create(const std::string& name, const AdapterConfig& requested, uint64_t seed) {
  if (adapters_.count(name)) throw Error(ErrorCategory::Argument, "an adapter named '" + name + "' already exists");
  const ExpertShape shape = expertShape();
  const std::vector<std::string>& linearNames = shape.linearNames;
  // On a model with experts, module targets become PEFT 0.21's fused-parameter targets; a string
  // (all-linear, a regex) is resolved against the model first.
  std::vector<std::string> resolved;
  if (shape.hidden > 0 && requested.type == PeftType::Lora && !hasFusedExpertTargets(requested) && requested.json.contains("target_modules") &&
      requested.json["target_modules"].is_string()) {
    for (const auto& t : resolveTargets(requested, modelModules()).targets) resolved.push_back(t.name);
  }
  const AdapterConfig config = convertToFusedExpertTargets(requested, resolved, linearNames);
  if (!hasFusedExpertTargets(config)) {
    build(name, config, seed, true);
    return;
  }
  // PEFT's ParamWrapper adds B·A to the fused weight itself: no dropout or DoRA term can act there.
  // A config converted here (not naming target_parameters itself) is told how to get around it.
  const std::string why = hasFusedExpertTargets(requested)
                              ? " with target_parameters (PEFT's LoRA on fused expert parameters has none)"
                              : " on this model's experts: as PEFT 0.21 does, gate_proj / up_proj / down_proj / gate targets become LoRA on the "
                                "fused expert parameters (target_parameters), which has none — set it off, or leave the experts out of "
                                "target_modules (e.g. attention only)";
  if (config.lora.dropout != 0)
    throw Error(ErrorCategory::Unsupported, "lora_dropout must be 0" + why, {config.source, -1, -1, "lora_dropout"});
  if (config.lora.useDora) throw Error(ErrorCategory::Unsupported, "use_dora does not work" + why, {config.source, -1, -1, "use_dora"});
  Adapter& a = build(name, expandFusedExpertTargets(config, linearNames), seed, true);
  try {
    adoptFusedExperts(a, config);
  } catch (...) {
    adapters_.erase(name);
    throw;
  }
}

void AdapterSet::load(const std::string& name, const std::filesystem::path& dir) {
  if (adapters_.count(name)) throw Error(ErrorCategory::Argument, "an adapter named '" + name + "' already exists");
  AdapterConfig config = loadAdapterConfig(dir);
  const bool adapterHub = adapterhub_folder::isFormatOf(config);
  const auto file = dir / adapterhub_folder::weightsFileFor(config);
  const auto st = adapterhub_folder::openWeightsFor(dir, config);
  // PEFT 0.21 on transformers 5's fused experts: the same LoRA on per-expert modules.
  std::map<std::string, at::Tensor> split;
  std::set<std::string> expected;
  const AdapterConfig original = config;
  if (hasFusedExpertTargets(config)) {
    const ExpertShape shape = expertShape();
    config = expandFusedExpertTargets(original, shape.linearNames);
    std::vector<std::string> consumed;
    split = splitFusedExpertTensors(original, st, shape.linearNames, shape.hidden, shape.intermediate, consumed);
    expected.insert(consumed.begin(), consumed.end());
  }
  Adapter* a = nullptr;
  try {
    a = &build(name, config, 0, false);
    if (a->prompt) {
      expected.insert("prompt_embeddings");
      const WeightRef ref{st, &st->at("prompt_embeddings")};
      const std::vector<int64_t> want{a->prompt->virtualTokens(), a->prompt->tableWidth()};
      if (ref.info->shape != want) {
        throw Error(ErrorCategory::Format, "shape does not fit this base model and config (expected [" + std::to_string(want[0]) + ", " +
                                               std::to_string(want[1]) + "])",
                    {file.string(), -1, -1, {}, "prompt_embeddings"});
      }
      a->prompt->loadTable(loadTensor(ref));
      placeOnDevice(*a);
      a->tensors.resize(1);  // the loaded encoder is the table alone (PEFT inference mode)
    } else {
      for (auto& t : a->tensors) {
        if (auto it = split.find(t.savedName); it != split.end()) {
          if (it->second.sizes() != t.tensor->sizes())
            throw Error(ErrorCategory::Format, "fused expert LoRA does not fit this base model", {file.string(), -1, -1, {}, t.savedName});
          const bool grad = t.tensor->requires_grad();
          *t.tensor = it->second.to(at::TensorOptions().device(decoder_.device()).dtype(t.tensor->scalar_type()), false, true);
          t.tensor->set_requires_grad(grad);
          continue;
        }
        const TensorInfo* info = st->find(t.savedName);
        // AdapterHub's loader also takes a file saved from a bare decoder (keys without "model.").
        if (!info && adapterHub) info = st->find(adapterhub_folder::bareKey(t.savedName));
        expected.insert(info ? info->name : t.savedName);
        // PEFT 0.17 trained bias="lora_only" biases but did not save them (peft#3306, fixed in 0.21):
        // an adapter it wrote keeps the base's.
        if (!info && t.part == "bias" && config.lora.bias == "lora_only") continue;
        if (!info) {
          throw Error(ErrorCategory::Format, "tensor missing from the adapter (its config puts an adapter part here)",
                      {file.string(), -1, -1, {}, t.savedName});
        }
        if (info->shape != t.tensor->sizes().vec()) {
          throw Error(ErrorCategory::Format, "shape does not fit this base model (adapter made for a different base?)",
                      {file.string(), -1, -1, {}, t.savedName});
        }
        const bool grad = t.tensor->requires_grad();
        *t.tensor = loadTensor(WeightRef{st, info}, t.tensor->scalar_type()).to(at::TensorOptions().device(decoder_.device()), /*non_blocking=*/false, /*copy=*/true);
        t.tensor->set_requires_grad(grad);
      }
    }
    for (const auto& info : st->tensors()) {
      if (!expected.count(info.name)) {
        throw Error(ErrorCategory::Format, "unexpected tensor: the adapter config does not produce it (different base or unsupported feature)",
                    {file.string(), -1, -1, {}, info.name});
      }
    }
    if (hasFusedExpertTargets(original)) adoptFusedExperts(*a, original);
  } catch (...) {
    adapters_.erase(name);
    throw;
  }
}

void AdapterSet::activate(const std::string& name) {
  if (!name.empty()) get(name);  // throws for unknown names
  for (auto& l : decoder_.linearModules()) l.linear->adapter.reset();
  for (const ResidualSite& site : decoder_.residualSites()) site.slot->reset();
  active_ = name;
  if (name.empty()) return;
  for (auto& [lin, part] : adapters_.at(name)->modules) lin->adapter = part;
  for (auto& [slot, part] : adapters_.at(name)->sites) *slot = part;
}

void AdapterSet::setTraining(bool training) {
  for (auto& [n, a] : adapters_) {
    for (auto& [lin, part] : a->modules) part->training = training;
    for (auto& [slot, part] : a->sites) part->training = training;
  }
}

const PromptEncoder* AdapterSet::activePrompt() const {
  if (active_.empty()) return nullptr;
  return adapters_.at(active_)->prompt.get();
}

int64_t AdapterSet::prepare(DecoderInput& in) const {
  const PromptEncoder* p = activePrompt();
  if (!p) return 0;
  const int64_t batch = in.inputIds.size(0);
  if (p->type() == PeftType::PrefixTuning) {
    in.prefix = p->pastKeyValues(batch, dtype_);
    return 0;
  }
  const at::Tensor tokens = decoder_.embedTokens(in.inputIds);
  const at::Tensor prompts = p->table().unsqueeze(0).expand({batch, p->virtualTokens(), p->tableWidth()}).to(tokens.scalar_type());
  in.inputsEmbeds = at::cat({prompts, tokens}, 1);
  if (in.keyMask.defined()) in.keyMask = at::cat({at::ones({batch, p->virtualTokens()}, in.keyMask.options()), in.keyMask}, 1);
  return p->virtualTokens();
}

std::unique_ptr<MethodTraining> AdapterSet::methodTraining(const std::string& name) {
  Adapter& a = *adapters_.at(get(name).name);
  const PeftMethodRow& row = peftMethod(a.config.type);
  return row.training ? row.training(a) : nullptr;
}

void AdapterSet::setTensor(const std::string& name, const std::string& parameterName, const at::Tensor& values) {
  Adapter& a = *adapters_.at(get(name).name);
  at::Tensor* target = nullptr;
  if (a.prompt) {
    for (const auto& p : a.prompt->parameters())
      if (p.name == parameterName) target = p.tensor;
  } else {
    for (auto& t : a.tensors)
      if (t.memoryName == parameterName) target = t.tensor;
  }
  if (!target && a.fusedExperts) {  // a fused tensor: its per-expert pieces
    const ExpertShape shape = expertShape();
    const auto pieces = splitFusedExpertTensor(*a.fusedExperts, parameterName, values.to(at::kFloat), shape.linearNames, shape.hidden, shape.intermediate);
    if (!pieces.empty()) {
      for (const auto& [piece, v] : pieces) setTensor(name, piece, v);
      return;
    }
  }
  if (!target) throw Error(ErrorCategory::Argument, "adapter '" + name + "' has no parameter '" + parameterName + "'");
  if (target->sizes() != values.sizes()) throw Error(ErrorCategory::Argument, "shape mismatch for '" + parameterName + "'");
  c10::NoGradGuard noGrad;
  target->copy_(values.to(target->scalar_type()));
}

std::map<std::string, at::Tensor> AdapterSet::inPeftLayout(const std::string& name, std::map<std::string, at::Tensor> tensors) const {
  const Adapter& a = get(name);
  if (!a.fusedExperts) return tensors;
  for (auto& [n, t] : fuseExpertTensors(*a.fusedExperts, tensors, expertShape().linearNames)) tensors.emplace(n, t);
  return tensors;
}

std::vector<at::Tensor*> AdapterSet::trainableTensors(const std::string& name) const {
  const Adapter& a = get(name);
  std::vector<at::Tensor*> out;
  if (a.prompt) {
    for (const auto& p : a.prompt->parameters()) out.push_back(p.tensor);
  }
  for (const AdapterTensor* t : distinctTensors(a)) out.push_back(t->tensor);
  return out;
}

std::vector<const AdapterTensor*> distinctTensors(const Adapter& a) {
  std::vector<const AdapterTensor*> out;
  std::set<const void*> seen;
  for (const auto& t : a.tensors)
    if (t.tensor && seen.insert(t.tensor->unsafeGetTensorImpl()).second) out.push_back(&t);
  return out;
}

std::map<std::string, at::Tensor> AdapterSet::savedTensors(const Adapter& a) const {
  std::map<std::string, at::Tensor> out;
  if (a.prompt) {
    out["prompt_embeddings"] = a.prompt->table().detach();
    return out;
  }
  for (const auto& t : a.tensors) out[t.savedName] = t.tensor->detach();
  for (size_t i = 0; i < a.modules.size(); ++i) {  // a method that saves a converted form replaces its tensors
    const auto& method = a.modules[i].second->method;
    if (!method) continue;
    for (auto& [leaf, t] : method->savedForm()) out[kPrefix + a.moduleNames[i] + "." + leaf] = t;
  }
  if (a.fusedExperts)
    for (auto& [n, t] : fuseExpertTensors(*a.fusedExperts, out, expertShape().linearNames)) out.emplace(n, t);
  return out;
}

void AdapterSet::save(const std::string& name, const std::filesystem::path& dir) const {
  const Adapter& a = get(name);
  std::filesystem::create_directories(dir);
  TensorsForWriting w;
  for (const auto& [n, t] : savedTensors(a)) w.add(n, t);
  const PeftMethodRow& method = peftMethod(a.config.type);
  if (adapterhub_folder::isFormatOf(a.config)) {  // no head files (the library tolerates their absence)
    const adapterhub_folder::ModelFacts facts{config_.hiddenSize, config_.architectureName, modelDir_.string(), config_.modelType};
    writeSafetensors(dir / adapterhub_folder::kWeightsFile, w.entries, {});
    writeFileAtomically(peft_folder::configFile(dir), adapterhub_folder::savedConfig(a.config, facts).dump(2));
    return;
  }
  nlohmann::json j = a.prompt ? a.prompt->resolvedConfig(a.config.json)
                     : a.fusedExperts ? a.fusedExperts->json
                     : method.savedConfig ? method.savedConfig(a.config)
                                          : a.config.json;
  if (!a.prompt && !a.fusedExperts)  // what the parts' state adds (AdaLoRA's rank_pattern)
    for (size_t i = 0; i < a.modules.size(); ++i)
      if (const auto& part = a.modules[i].second->method) part->addToSavedConfig(a.moduleNames[i], j);
  j["peft_type"] = peftTypeName(a.config.type);
  j["task_type"] = "CAUSAL_LM";
  j["inference_mode"] = true;
  if (!j.contains("base_model_name_or_path") || j["base_model_name_or_path"].is_null()) j["base_model_name_or_path"] = modelDir_.string();
  writeSafetensors(dir / peft_folder::kWeightsFile, w.entries);
  writeFileAtomically(peft_folder::configFile(dir), j.dump(2));
}

ParameterReport AdapterSet::report(const std::string& name) const {
  const Adapter& a = get(name);
  ParameterReport r;
  std::set<std::string> wrapped(a.moduleNames.begin(), a.moduleNames.end());
  std::set<std::string> saved(a.resolution.modulesToSave.begin(), a.resolution.modulesToSave.end());
  std::set<std::string> trainableBiases;
  for (const auto& t : a.tensors)
    if (!t.countsAsExtra) trainableBiases.insert(t.module);
  const std::string method = peftTypeName(a.config.type);
  const std::string basePrefix = a.prompt ? "base_model." : kPrefix;
  const std::string layers = decoder_.layersPattern();
  for (const auto& p : decoder_.namedParameters()) {
    ParameterEntry e;
    e.module = parentOf(p.name);
    const std::string leaf = leafOf(p.name);
    const bool isWrapped = wrapped.count(e.module) && !saved.count(e.module);
    e.name = basePrefix + e.module + (saved.count(e.module) ? ".original_module." : isWrapped ? ".base_layer." : ".") + leaf;
    e.layer = layerIndexOf(e.module, layers);
    e.shape = p.tensor.sizes().vec();
    e.dtype = dtypeName(toDType(p.tensor.scalar_type()));
    const bool fourBit = p.linear && p.linear->weight.is_meta() && leaf == "weight" && p.linear->quantized();
    if (fourBit) e.dtype = quant::quantTypeName(p.linear->q4->state().type);
    e.trainable = leaf == "bias" && trainableBiases.count(e.module);
    e.method = e.trainable ? method : "base";
    e.part = e.trainable ? "bias" : leaf;
    // PEFT counts a Params4bit as its packed uint8 numel × 2, i.e. n rounded up to even.
    r.allParams += fourBit ? (e.numel() + 1) / 2 * 2 : e.numel();
    if (e.trainable) r.trainableParams += e.numel();
    r.parameters.push_back(std::move(e));
  }
  auto addExtra = [&](const std::string& n, const std::string& module, const std::string& part, const at::Tensor& t) {
    ParameterEntry e;
    e.name = n;
    e.module = module;
    e.layer = layerIndexOf(module, layers);
    e.shape = t.sizes().vec();
    e.dtype = dtypeName(toDType(t.scalar_type()));
    e.trainable = true;
    e.method = method;
    e.part = part;
    r.allParams += e.numel();
    r.trainableParams += e.numel();
    r.parameters.push_back(std::move(e));
  };
  if (a.prompt) {
    for (const auto& p : a.prompt->parameters()) addExtra(p.name, "prompt_encoder", a.tensors.front().part, *p.tensor);
  } else if (!a.fusedExperts) {
    for (const auto& t : a.tensors)
      if (t.countsAsExtra) addExtra(t.memoryName, t.module, t.part, *t.tensor);
    for (size_t i = 0; i < a.modules.size(); ++i) {  // parameters PEFT registers but keeps frozen (AdaLoRA's ranknum)
      const auto& part = a.modules[i].second->method;
      if (!part) continue;
      for (const PartTensor& t : part->frozenTensors()) {
        ParameterEntry e;
        e.name = kPrefix + a.moduleNames[i] + "." + t.memoryLeaf;
        e.module = a.moduleNames[i];
        e.layer = layerIndexOf(e.module, layers);
        e.shape = t.tensor->sizes().vec();
        e.dtype = dtypeName(toDType(t.tensor->scalar_type()));
        e.trainable = false;
        e.method = method;
        e.part = t.part;
        r.allParams += e.numel();
        r.parameters.push_back(std::move(e));
      }
    }
  } else {  // PEFT's view: the fused tensors in place of the per-expert ones they are made of
    std::map<std::string, at::Tensor> all;
    for (const auto& t : a.tensors)
      if (t.countsAsExtra) all[t.memoryName] = *t.tensor;
    const auto fused = fuseExpertTensors(*a.fusedExperts, all, expertShape().linearNames);
    for (const auto& t : a.tensors)
      if (t.countsAsExtra && all.count(t.memoryName)) addExtra(t.memoryName, t.module, t.part, *t.tensor);
    for (const auto& [n, t] : fused) {
      const std::string module = parentOf(parentOf(n)).substr(kPrefix.size());  // "...experts(.base_layer)"
      addExtra(n, module, leafOf(parentOf(n)), t);
    }
  }
  r.trainablePercent = r.allParams ? 100.0 * static_cast<double>(r.trainableParams) / static_cast<double>(r.allParams) : 0;
  r.unmatchedTargets = a.resolution.unmatchedEntries;
  // The file's exact size from shapes and dtypes (no data needed: works for shapes-only models).
  std::vector<TensorBytes> entries;
  for (const auto& [n, t] : savedTensors(a)) {
    TensorBytes b;
    b.name = n;
    b.dtype = toDType(t.scalar_type());
    b.shape = t.sizes().vec();
    b.byteSize = static_cast<size_t>(t.numel()) * dtypeSize(b.dtype);
    entries.push_back(b);
  }
  // AdapterHub's files carry no metadata.
  r.adapterFileBytes = 8 + safetensorsHeader(entries, adapterhub_folder::isFormatOf(a.config) ? std::map<std::string, std::string>{}
                                                                 : std::map<std::string, std::string>{{"format", "pt"}}).size();
  for (const auto& e : entries) r.adapterFileBytes += e.byteSize;
  return r;
}

}  // namespace peftdesk
