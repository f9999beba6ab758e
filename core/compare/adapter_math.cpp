// See adapter_math.h. All statistics run in float64 on the small factors: with B = Q_b R_b and
// Aᵀ = Q_a R_a (reduced QR), ΔW = s·Q_b (R_b R_aᵀ) Q_aᵀ has the singular values of s·R_b R_aᵀ
// (at most r × r), and <ΔW_a, ΔW_b>_F = s_a s_b tr((B_aᵀ B_b)(A_b A_aᵀ)) — no out × in matrix is
// ever formed, so a 7B model's adapters analyse in moments. Combining follows PEFT's
// add_weighted_adapter op for op (float32, the same weight rounding and reduction), so the result
// equals PEFT's.
#include "io/text_match.h"
#include "peftdesk/adapter_math.h"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "model/tensor_bridge.h"
#include "peft/adapterhub_folder.h"
#include "peft/methods/lora_start_keys.h"
#include "peft/targeting.h"
#include "peftdesk/adapter_config.h"
#include "peftdesk/atomic_file.h"
#include "peftdesk/error.h"
#include "peftdesk/peft_folder.h"

namespace peftdesk {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const std::string kPrefix = peft_folder::kKeyPrefix;


struct LoraModule {
  std::string module;
  at::Tensor A, B;  // float32 [r, in], [out, r]
  int64_t r = 0;
  double scaling = 0;
};

struct LoraAdapter {
  fs::path dir;
  AdapterConfig config;
  std::vector<LoraModule> modules;
};

at::Tensor floatTensor(const std::shared_ptr<SafetensorsFile>& file, const std::string& name) {
  return loadTensor(WeightRef{file, &file->at(name)}, at::kFloat);
}

// Each named module's rank and alpha by the config's rank_pattern / alpha_pattern (PEFT's rules):
// the adapter file says which modules there are, so targets, exclusions, layers and
// modules_to_save play no part. Modules no pattern names get r and the alpha.
std::map<std::string, std::pair<int64_t, double>> ranksAndAlphas(const AdapterConfig& config, const std::vector<std::string>& names) {
  AdapterConfig c = config;
  c.lora.targets = ModuleSelector{ModuleSelector::Kind::AllLinear, {}, {}};
  c.lora.exclude = ModuleSelector{};
  c.lora.modulesToSave.clear();
  c.lora.layersToTransform.clear();
  ModelModules mm;
  mm.linearNames = names;
  mm.outputEmbedding.clear();
  std::map<std::string, std::pair<int64_t, double>> out;
  for (const std::string& n : names) out[n] = {config.lora.r, config.lora.alpha};
  if (names.empty()) return out;
  for (const TargetModule& t : resolveTargets(c, mm).targets) out[t.name] = {t.r, t.alpha};
  return out;
}

LoraAdapter readLora(const fs::path& dir) {
  LoraAdapter a;
  a.dir = dir;
  a.config = loadAdapterConfig(dir);
  if (a.config.type != PeftType::Lora) {
    throw Error(ErrorCategory::Unsupported, std::string("not a LoRA adapter (") + peftTypeName(a.config.type) + ")", {dir.string()});
  }
  if (startsFromBase(a.config.lora.init))  // its update is s·(BA − B₀A₀), and B₀A₀ comes from the base weights
    throw Error(ErrorCategory::Unsupported,
                "this adapter was saved unconverted after a '" + a.config.lora.init +
                    "' start: its update depends on the base weights it started from. It loads for chat, evaluation and merged "
                    "export; export it as an adapter (PeftDesk writes the converted plain LoRA) to analyse or combine it",
                {a.config.source, -1, -1, "init_lora_weights"});
  if (!a.config.lora.targetParameters.empty())  // needs the model's experts to split; only AdapterSet::load does that
    throw Error(ErrorCategory::Unsupported,
                "LoRA on fused expert parameters (target_parameters, PEFT 0.21 on transformers 5) can be loaded for chat, evaluation "
                "and merged export, not yet combined or analysed",
                {a.config.source, -1, -1, "target_parameters"});
  const auto file = peft_folder::openWeights(dir);
  std::vector<std::string> names;
  for (const TensorInfo& t : file->tensors()) {
    if (endsWith(t.name, ".lora_A.weight")) names.push_back(peft_folder::withoutKeyPrefix(t.name.substr(0, t.name.size() - std::string(".lora_A.weight").size())));
  }
  const auto rankAlpha = ranksAndAlphas(a.config, names);
  for (const std::string& m : names) {
    LoraModule lm;
    lm.module = m;
    lm.A = floatTensor(file, kPrefix + m + ".lora_A.weight");
    lm.B = floatTensor(file, kPrefix + m + ".lora_B.weight");
    lm.r = lm.A.size(0);
    const double alpha = rankAlpha.at(m).second;
    lm.scaling = peft_folder::loraScaling(alpha, lm.r, a.config.lora.useRslora);
    a.modules.push_back(std::move(lm));
  }
  return a;
}

// d.singularValues set: the norm and the effective rank from them.
void summarize(ModuleDelta& d) {
  double sumSq = 0, sum = 0;
  for (double s : d.singularValues) {
    sumSq += s * s;
    sum += s;
  }
  d.frobeniusNorm = std::sqrt(sumSq);
  if (sum > 0) {
    double entropy = 0;
    for (double s : d.singularValues) {
      const double q = s / sum;
      if (q > 0) entropy -= q * std::log(q);
    }
    d.effectiveRank = std::exp(entropy);
  }
}

ModuleDelta deltaOf(const LoraModule& m) {
  ModuleDelta d;
  d.module = m.module;
  d.layer = layerIndexOf(m.module);
  d.rank = m.r;
  d.scaling = m.scaling;
  const at::Tensor A = m.A.to(at::kDouble), B = m.B.to(at::kDouble);
  const at::Tensor rb = std::get<1>(at::linalg_qr(B));
  const at::Tensor ra = std::get<1>(at::linalg_qr(A.t()));
  const at::Tensor core = rb.matmul(ra.t()) * m.scaling;
  const at::Tensor sv = at::linalg_svdvals(core).contiguous();
  const double* p = sv.data_ptr<double>();
  d.singularValues.assign(p, p + sv.numel());
  summarize(d);
  return d;
}

// LoHa and LoKr: ΔW's singular values from the small factors, never the out × in matrix.
// LoHa: (w1a·w1b) ∘ (w2a·w2b) = P·Qᵀ with P's rows the Kronecker products of w1a's and w2a's
// rows ([out, r²]) and Q likewise from w1b, w2b: LoRA's analysis of rank r². LoKr: the singular
// values of kron(W1, W2) are the products of W1's and W2's.
std::vector<ModuleDelta> lycorisDeltas(const fs::path& dir, const AdapterConfig& config) {
  const auto file = peft_folder::openWeights(dir);
  const bool loha = config.type == PeftType::Loha;
  const std::vector<std::string> markers = loha ? std::vector<std::string>{".hada_w1_a"} : std::vector<std::string>{".lokr_w1", ".lokr_w1_a"};
  std::vector<std::string> names;
  for (const TensorInfo& t : file->tensors())
    for (const std::string& marker : markers)
      if (endsWith(t.name, marker)) names.push_back(peft_folder::withoutKeyPrefix(t.name.substr(0, t.name.size() - marker.size())));
  const auto rankAlpha = ranksAndAlphas(config, names);
  auto tensor = [&](const std::string& module, const std::string& leaf) { return floatTensor(file, kPrefix + module + "." + leaf).to(at::kDouble); };
  auto has = [&](const std::string& module, const std::string& leaf) { return file->find(kPrefix + module + "." + leaf) != nullptr; };
  std::vector<ModuleDelta> out;
  for (const std::string& m : names) {
    const auto [r, alpha] = rankAlpha.at(m);
    const double scaling = alpha / static_cast<double>(r);
    if (loha) {
      const at::Tensor w1a = tensor(m, "hada_w1_a"), w2a = tensor(m, "hada_w2_a");
      const at::Tensor w1b = tensor(m, "hada_w1_b").t(), w2b = tensor(m, "hada_w2_b").t();
      LoraModule lm;
      lm.module = m;
      lm.B = (w1a.unsqueeze(2) * w2a.unsqueeze(1)).reshape({w1a.size(0), -1});
      lm.A = (w1b.unsqueeze(2) * w2b.unsqueeze(1)).reshape({w1b.size(0), -1}).t();
      lm.r = r;
      lm.scaling = scaling;
      out.push_back(deltaOf(lm));
      continue;
    }
    const at::Tensor w1 = has(m, "lokr_w1") ? tensor(m, "lokr_w1") : tensor(m, "lokr_w1_a").matmul(tensor(m, "lokr_w1_b"));
    const at::Tensor w2 = has(m, "lokr_w2") ? tensor(m, "lokr_w2") : tensor(m, "lokr_w2_a").matmul(tensor(m, "lokr_w2_b"));
    const at::Tensor sv = std::get<0>(at::sort((at::linalg_svdvals(w1).unsqueeze(1) * at::linalg_svdvals(w2).unsqueeze(0)).flatten() * scaling,
                                               0, /*descending=*/true))
                              .contiguous();
    ModuleDelta d;
    d.module = m;
    d.layer = layerIndexOf(m);
    d.rank = r;
    d.scaling = scaling;
    d.singularValues.assign(sv.data_ptr<double>(), sv.data_ptr<double>() + sv.numel());
    summarize(d);
    out.push_back(std::move(d));
  }
  return out;
}

// AdaLoRA: ΔW = B·diag(E)·A · lora_alpha / (init_r + 1e-5), LoRA's analysis with A scaled by E
// (pruned triplets are absent from a saved file, or have E = 0).
std::vector<ModuleDelta> adaLoraDeltas(const fs::path& dir, const AdapterConfig& config) {
  const auto file = peft_folder::openWeights(dir);
  const std::string marker = ".lora_A";
  std::vector<ModuleDelta> out;
  for (const TensorInfo& t : file->tensors()) {
    if (!endsWith(t.name, marker)) continue;
    const std::string m = peft_folder::withoutKeyPrefix(t.name.substr(0, t.name.size() - marker.size()));
    LoraModule lm;
    lm.module = m;
    lm.A = floatTensor(file, kPrefix + m + ".lora_A").to(at::kDouble) * floatTensor(file, kPrefix + m + ".lora_E").to(at::kDouble);
    lm.B = floatTensor(file, kPrefix + m + ".lora_B").to(at::kDouble);
    lm.r = lm.A.size(0);
    lm.scaling = config.lora.alpha / (static_cast<double>(config.adalora.initR) + 1e-5);
    if (lm.r > 0) {
      out.push_back(deltaOf(lm));
      continue;
    }
    ModuleDelta d;  // every triplet pruned: no update
    d.module = m;
    d.layer = layerIndexOf(m);
    d.scaling = lm.scaling;
    summarize(d);
    out.push_back(std::move(d));
  }
  return out;
}

VectorStats vectorStats(std::string name, int64_t layer, const at::Tensor& v) {
  VectorStats s;
  s.name = std::move(name);
  s.layer = layer;
  const at::Tensor d = v.to(at::kDouble);
  s.norm = at::linalg_vector_norm(d, 2).item<double>();
  s.maxAbs = d.numel() > 0 ? d.abs().max().item<double>() : 0.0;
  return s;
}

void analyzePromptLearning(const AdapterConfig& config, const std::shared_ptr<SafetensorsFile>& file, AdapterWeightStats& out) {
  const at::Tensor table = floatTensor(file, "prompt_embeddings");  // [virtual tokens, width]
  if (config.type == PeftType::PromptTuning) {
    for (int64_t t = 0; t < table.size(0); ++t) out.vectors.push_back(vectorStats("token." + std::to_string(t), -1, table[t]));
    return;
  }
  // Prefix tuning: each row holds every layer's key and value for that position, as PEFT views it
  // ([.., 2 × layers, heads, head_dim] and splits in pairs: chunk 2i = layer i's key, 2i+1 its value).
  const int64_t layers = config.prompt.numLayers.value_or(0);
  if (layers <= 0 || table.size(1) % (2 * layers) != 0) {
    throw Error(ErrorCategory::Format, "prompt_embeddings width does not split into num_layers key/value chunks", {file->path().string()});
  }
  const int64_t width = table.size(1) / (2 * layers);
  for (int64_t j = 0; j < 2 * layers; ++j) {
    const at::Tensor chunk = table.narrow(1, j * width, width);
    out.vectors.push_back(vectorStats("layer." + std::to_string(j / 2) + (j % 2 == 0 ? ".key" : ".value"), j / 2, chunk));
  }
}

}  // namespace

AdapterWeightStats analyzeAdapterWeights(const fs::path& dir) {
  c10::NoGradGuard noGrad;
  AdapterWeightStats out;
  out.dir = dir;
  const AdapterConfig config = loadAdapterConfig(dir);
  out.peftType = peftTypeName(config.type);
  switch (config.type) {
    case PeftType::Lora: {
      out.dora = config.lora.useDora;
      for (const LoraModule& m : readLora(dir).modules) out.deltas.push_back(deltaOf(m));
      break;
    }
    case PeftType::Ia3: {
      const auto file = peft_folder::openWeights(dir);
      for (const TensorInfo& t : file->tensors()) {
        if (!endsWith(t.name, ".ia3_l")) continue;
        const std::string module = peft_folder::withoutKeyPrefix(t.name.substr(0, t.name.size() - 6));
        out.vectors.push_back(vectorStats(module, layerIndexOf(module), floatTensor(file, t.name) - 1.0));
      }
      break;
    }
    case PeftType::PrefixTuning:
    case PeftType::PromptTuning:
      analyzePromptLearning(config, peft_folder::openWeights(dir), out);
      break;
    case PeftType::Loha:
    case PeftType::Lokr:
      out.deltas = lycorisDeltas(dir, config);
      break;
    case PeftType::AdaLora:
      out.deltas = adaLoraDeltas(dir, config);
      break;
    case PeftType::Bottleneck: {  // no ΔW: each site's down and up projection weights
      const auto file = adapterhub_folder::openWeights(dir);
      const std::string infix = ".adapters." + config.bottleneck.name + ".";
      for (const TensorInfo& t : file->tensors()) {
        const size_t at = t.name.find(infix);
        if (at == std::string::npos || !endsWith(t.name, ".weight")) continue;
        const std::string site = t.name.substr(0, at);
        const std::string leaf = t.name.substr(at + infix.size());
        out.vectors.push_back(vectorStats(site + "." + leaf.substr(0, leaf.find('.')), layerIndexOf(site), floatTensor(file, t.name)));
      }
      break;
    }
  }
  return out;
}

std::vector<DeltaSimilarity> deltaCosines(const fs::path& adapterA, const fs::path& adapterB) {
  c10::NoGradGuard noGrad;
  const LoraAdapter a = readLora(adapterA), b = readLora(adapterB);
  std::map<std::string, const LoraModule*> byName;
  for (const LoraModule& m : b.modules) byName[m.module] = &m;
  std::vector<DeltaSimilarity> out;
  for (const LoraModule& ma : a.modules) {
    const auto it = byName.find(ma.module);
    if (it == byName.end()) continue;
    const LoraModule& mb = *it->second;
    const at::Tensor Aa = ma.A.to(at::kDouble), Ba = ma.B.to(at::kDouble), Ab = mb.A.to(at::kDouble), Bb = mb.B.to(at::kDouble);
    const double inner = ma.scaling * mb.scaling * at::trace(Ba.t().matmul(Bb).matmul(Ab.matmul(Aa.t()))).item<double>();
    const double na = deltaOf(ma).frobeniusNorm, nb = deltaOf(mb).frobeniusNorm;
    out.push_back({ma.module, na > 0 && nb > 0 ? inner / (na * nb) : 0.0});
  }
  return out;
}

bool parseCombineMethod(const std::string& text, CombineMethod* out) {
  if (text == "linear") *out = CombineMethod::Linear;
  else if (text == "cat") *out = CombineMethod::Cat;
  else return false;
  return true;
}

void combineLoraAdapters(const std::vector<fs::path>& dirs, const std::vector<double>& weights, CombineMethod method, const fs::path& outDir) {
  c10::NoGradGuard noGrad;
  if (dirs.empty()) throw Error(ErrorCategory::Argument, "no adapters to combine");
  if (weights.size() != dirs.size()) {
    throw Error(ErrorCategory::Argument, "one weight per adapter: " + std::to_string(dirs.size()) + " adapters, " + std::to_string(weights.size()) + " weights");
  }
  std::vector<LoraAdapter> adapters;
  for (const fs::path& d : dirs) {
    adapters.push_back(readLora(d));
    const LoraAdapter& a = adapters.back();
    if (a.config.lora.useDora) throw Error(ErrorCategory::Unsupported, "DoRA adapters cannot be combined (PEFT's add_weighted_adapter ignores the magnitude)", {d.string()});
    if (!a.config.lora.modulesToSave.empty()) throw Error(ErrorCategory::Unsupported, "adapters with modules_to_save cannot be combined", {d.string(), -1, -1, "modules_to_save"});
  }
  // A single adapter can only be combined linearly (PEFT's rule).
  if (adapters.size() == 1) method = CombineMethod::Linear;
  // PEFT's rank per adapter: r, or the largest of rank_pattern.
  std::vector<int64_t> ranks;
  for (const LoraAdapter& a : adapters) {
    int64_t r = a.config.lora.r;
    for (const auto& [pattern, pr] : a.config.lora.rankPattern) r = std::max(r, pr);
    ranks.push_back(r);
  }
  int64_t newRank = 0;
  if (method == CombineMethod::Linear) {
    for (int64_t r : ranks) {
      if (r != ranks[0]) throw Error(ErrorCategory::Argument, "linear combination needs equal ranks (r = " + std::to_string(ranks[0]) + " and " + std::to_string(r) + "); use cat");
    }
    newRank = ranks[0];
  } else {
    for (int64_t r : ranks) newRank += r;
  }

  // The union of adapted modules, in first-seen order.
  std::vector<std::string> modules;
  std::set<std::string> seen;
  for (const LoraAdapter& a : adapters)
    for (const LoraModule& m : a.modules)
      if (seen.insert(m.module).second) modules.push_back(m.module);

  TensorsForWriting w;
  for (const std::string& name : modules) {
    std::vector<const LoraModule*> present;
    std::vector<double> presentWeights;
    for (size_t i = 0; i < adapters.size(); ++i) {
      for (const LoraModule& m : adapters[i].modules) {
        if (m.module == name) {
          present.push_back(&m);
          presentWeights.push_back(weights[i]);
        }
      }
    }
    at::Tensor A, B;
    if (method == CombineMethod::Linear) {
      // task_arithmetic: stack, multiply by √(w·s) (rounded to float32 as torch.tensor does), sum.
      std::vector<float> coef;
      std::vector<at::Tensor> as, bs;
      for (size_t k = 0; k < present.size(); ++k) {
        coef.push_back(static_cast<float>(std::sqrt(presentWeights[k] * present[k]->scaling)));
        as.push_back(present[k]->A);
        bs.push_back(present[k]->B);
      }
      const at::Tensor c = at::tensor(coef, at::kFloat).view({static_cast<int64_t>(coef.size()), 1, 1});
      A = (at::stack(as, 0) * c).sum(0);
      B = (at::stack(bs, 0) * c).sum(0);
    } else {
      const int64_t in = present[0]->A.size(1), outDim = present[0]->B.size(0);
      A = at::zeros({newRank, in}, at::kFloat);
      B = at::zeros({outDim, newRank}, at::kFloat);
      std::vector<at::Tensor> as, bs;
      for (size_t k = 0; k < present.size(); ++k) {
        as.push_back(present[k]->A * presentWeights[k] * present[k]->scaling);
        bs.push_back(present[k]->B);
      }
      const at::Tensor catA = at::cat(as, 0), catB = at::cat(bs, 1);
      A.narrow(0, 0, catA.size(0)).copy_(catA);
      B.narrow(1, 0, catB.size(1)).copy_(catB);
    }
    w.add(kPrefix + name + ".lora_A.weight", A.contiguous());
    w.add(kPrefix + name + ".lora_B.weight", B.contiguous());
  }

  // The first adapter's config with PEFT's replacements.
  json config = adapters[0].config.json;
  config["r"] = newRank;
  config["lora_alpha"] = newRank;
  config["alpha_pattern"] = json::object();
  config["rank_pattern"] = json::object();
  // target_modules as PEFT holds them after loading: "all-linear" has become the set of adapted
  // module names' last components; lists are sets; other strings are regexes (joined as "(a)|(b)").
  auto targetsOf = [](const LoraAdapter& a) -> json {
    const json t = a.config.json.contains("target_modules") ? a.config.json["target_modules"] : json();
    if (t.is_string() && t.get<std::string>() == "all-linear") {
      std::set<std::string> suffixes;
      for (const LoraModule& m : a.modules) suffixes.insert(m.module.substr(m.module.rfind('.') + 1));
      return json(std::vector<std::string>(suffixes.begin(), suffixes.end()));
    }
    return t;
  };
  bool allStrings = true, allLists = true;
  for (const LoraAdapter& a : adapters) {
    const json t = targetsOf(a);
    allStrings = allStrings && t.is_string();
    allLists = allLists && t.is_array();
  }
  if (allStrings) {
    std::string joined;
    for (const LoraAdapter& a : adapters) joined += (joined.empty() ? "" : "|") + ("(" + targetsOf(a).get<std::string>() + ")");
    config["target_modules"] = joined;
  } else if (allLists) {
    std::set<std::string> all;
    for (const LoraAdapter& a : adapters)
      for (const auto& t : targetsOf(a)) all.insert(t.get<std::string>());
    config["target_modules"] = json(std::vector<std::string>(all.begin(), all.end()));
  } else {
    throw Error(ErrorCategory::Argument, "the adapters mix list and regex target_modules; PEFT cannot combine those");
  }

  std::error_code ec;
  if (fs::exists(outDir) && !(fs::is_directory(outDir) && fs::is_empty(outDir, ec))) {
    throw Error(ErrorCategory::Argument, "output folder exists and is not empty", {outDir.string()});
  }
  const fs::path staging = outDir.parent_path() / ("." + outDir.filename().string() + ".partial");
  fs::remove_all(staging, ec);
  fs::create_directories(staging);
  try {
    writeSafetensors(staging / peft_folder::kWeightsFile, w.entries);
    writeFileAtomically(peft_folder::configFile(staging), config.dump(2) + "\n");
    if (fs::exists(outDir)) fs::remove(outDir);
    fs::rename(staging, outDir);
  } catch (...) {
    fs::remove_all(staging, ec);
    throw;
  }
}

}  // namespace peftdesk
