// See comparison.h. Built on run_summary (run folders), adapter_math (weights) and adapter_eval.
#include "peftdesk/comparison.h"

#include <cstdio>

#include "peft/adapterhub_folder.h"
#include "peftdesk/adapter_config.h"
#include "peftdesk/adapter_names.h"
#include "peftdesk/adapter_math.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "peftdesk/peft_folder.h"
#include "peftdesk/run_config.h"
#include "peftdesk/run_summary.h"
#include "peftdesk/safetensors.h"

namespace peftdesk {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

struct Item {
  std::string name;
  fs::path adapterDir;
  std::optional<RunSummary> run;
  std::string baseDir;  // the base model folder when known
};

Item resolveItem(const std::string& path) {
  Item it;
  const fs::path p = cleanFolder(path);
  it.name = p.filename().string();
  if (fs::exists(p / "run.json")) {
    it.run = readRunSummary(p);
    it.adapterDir = p / "adapter";
    it.baseDir = it.run->modelPath;
    if (!peft_folder::isAdapterFolder(it.adapterDir)) {
      throw Error(ErrorCategory::Argument, "this run has no adapter yet (still running, stopped before the end, or full / freeze training)", {p.string()});
    }
  } else if (peft_folder::isAdapterFolder(p)) {
    it.adapterDir = p;
    const json cfg = readJsonFile(peft_folder::configFile(p));
    // PEFT writes null when the model was built in memory; a hub id or a folder elsewhere says
    // nothing here either: the base then comes from --base or another item.
    // AdapterHub's folder (a bottleneck adapter) names its base in model_name.
    const auto named = cfg.find(adapterhub_folder::isAdapterHubConfig(cfg) ? "model_name" : "base_model_name_or_path");
    const std::string base = named != cfg.end() && named->is_string() ? named->get<std::string>() : std::string();
    std::error_code ec;
    if (!base.empty() && fs::exists(fs::path(base) / "config.json", ec)) it.baseDir = base;
  } else {
    throw Error(ErrorCategory::Argument, "neither a run folder (run.json) nor an adapter folder (adapter_config.json: PEFT's, or AdapterHub's)", {p.string()});
  }
  return it;
}

// The base's shape-defining config.json fields, most telling first; two items whose bases differ
// in one of them are refused.
const char* const kBaseKeys[] = {"model_type", "hidden_size", "num_hidden_layers", "intermediate_size", "vocab_size", "num_attention_heads",
                                 "num_key_value_heads"};

json baseSignature(const std::string& dir) {
  const json c = readJsonFile(fs::path(dir) / "config.json");
  json s = json::object();
  for (const char* k : kBaseKeys) s[k] = c.contains(k) ? c[k] : json();
  return s;
}

void checkSameBase(const std::vector<Item>& items) {
  const Item* first = nullptr;
  json firstSig;
  for (const Item& it : items) {
    if (it.baseDir.empty()) continue;
    const json sig = baseSignature(it.baseDir);
    if (!first) {
      first = &it;
      firstSig = sig;
      continue;
    }
    for (const char* k : kBaseKeys) {
      if (sig[k] != firstSig[k]) {
        throw Error(ErrorCategory::Argument, "'" + it.name + "' was trained on a different base than '" + first->name + "' (" + k + ": " +
                                                 firstSig[k].dump() + " vs " + sig[k].dump() + "); comparing them means nothing");
      }
    }
  }
}

json itemJson(const Item& it, bool withWeights) {
  json j;
  j["name"] = it.name;
  j["adapter"] = it.adapterDir.string();
  j["base"] = it.baseDir;
  const AdapterConfig cfg = loadAdapterConfig(it.adapterDir);
  j["peft_type"] = peftTypeName(cfg.type);
  if (cfg.type == PeftType::Lora) {
    j["r"] = cfg.lora.r;
    j["lora_alpha"] = cfg.lora.alpha;
    j["use_dora"] = cfg.lora.useDora;
    j["use_rslora"] = cfg.lora.useRslora;
  } else if (cfg.type == PeftType::Loha || cfg.type == PeftType::Lokr) {
    j["r"] = cfg.lora.r;
    j["alpha"] = cfg.lora.alpha;
  } else if (cfg.type == PeftType::AdaLora) {
    j["init_r"] = cfg.adalora.initR;
    j["target_r"] = cfg.adalora.targetR;
    j["lora_alpha"] = cfg.lora.alpha;
  } else if (cfg.type == PeftType::Bottleneck) {
    j["mh_adapter"] = cfg.bottleneck.mhAdapter;
    j["output_adapter"] = cfg.bottleneck.outputAdapter;
    j["reduction_factor"] = cfg.bottleneck.reductionFactor;
    j["non_linearity"] = cfg.bottleneck.nonLinearity;
  }
  const auto file = adapterhub_folder::openWeightsFor(it.adapterDir, cfg);
  int64_t params = 0;
  for (const TensorInfo& t : file->tensors()) params += t.numel();
  j["adapter_params"] = params;
  j["adapter_file_bytes"] = file->fileSize();
  if (it.run) {
    const RunSummary& r = *it.run;
    j["state"] = r.state;
    j["steps"] = r.step;
    j["training_seconds"] = r.elapsedSeconds;
    j["tokens_seen"] = r.tokens;
    j["final_loss"] = r.lastLoss ? json(*r.lastLoss) : json(nullptr);
    j["best_eval_loss"] = r.bestEvalLoss ? json(*r.bestEvalLoss) : json(nullptr);
  }
  if (!withWeights) return j;
  const AdapterWeightStats stats = analyzeAdapterWeights(it.adapterDir);
  json modules = json::array();
  double normSum = 0, rankSum = 0;
  for (const ModuleDelta& d : stats.deltas) {
    modules.push_back({{"module", d.module}, {"layer", d.layer}, {"rank", d.rank}, {"scaling", d.scaling}, {"delta_norm", d.frobeniusNorm},
                       {"effective_rank", d.effectiveRank}, {"singular_values", d.singularValues}});
    normSum += d.frobeniusNorm;
    rankSum += d.effectiveRank;
  }
  for (const VectorStats& v : stats.vectors) modules.push_back({{"name", v.name}, {"layer", v.layer}, {"norm", v.norm}, {"max_abs", v.maxAbs}});
  j["weights"] = modules;
  if (!stats.deltas.empty()) {
    j["mean_delta_norm"] = normSum / static_cast<double>(stats.deltas.size());
    j["mean_effective_rank"] = rankSum / static_cast<double>(stats.deltas.size());
  }
  return j;
}

// The base model: given, else the first item's known base.
// How the base is actually held: as asked, except that a bitsandbytes 4-bit checkpoint loads as
// 4-bit whatever was asked (its config.json says which code table).
std::string precisionOf(const fs::path& base, const LoadOptions& load) {
  LoadOptions held = load;
  std::error_code ec;
  if (!held.quantization.enabled && fs::exists(base / "config.json", ec)) {
    const json config = readJsonFile(base / "config.json");
    const json& q = fieldOrNull(config, "quantization_config");
    if (booleanOrDefault(q, "load_in_4bit", false)) {
      held.quantization.enabled = true;
      held.quantization.type = stringOrDefault(q, "bnb_4bit_quant_type", "nf4");
    }
  }
  return precisionName(held);
}

std::string baseOf(const std::vector<Item>& items, const std::string& given) {
  std::string base = given;
  for (const Item& it : items) {
    if (base.empty()) base = it.baseDir;
  }
  if (base.empty()) throw Error(ErrorCategory::Argument, "no base model known for these adapters: give the base model folder");
  return base;
}

std::vector<fs::path> adapterDirs(const std::vector<Item>& items) {
  std::vector<fs::path> out;
  for (const Item& it : items) out.push_back(it.adapterDir);
  return out;
}

}  // namespace

json compareAdapters(const std::vector<fs::path>& paths, const ComparisonOptions& options) {
  std::vector<Item> items;
  for (const fs::path& p : paths) items.push_back(resolveItem(p.string()));
  checkSameBase(items);
  json out;
  out["items"] = json::array();
  for (const Item& it : items) out["items"].push_back(itemJson(it, options.weights));
  // Configuration keys that differ between runs (output folders always differ).
  json diffs = json::array();
  for (size_t i = 1; i < items.size(); ++i) {
    if (!items[0].run || !items[i].run) continue;
    for (const std::string& k : differingKeys(items[0].run->config, items[i].run->config)) {
      if (k == "output_dir") continue;
      bool listed = false;
      for (const auto& d : diffs) listed = listed || d.get<std::string>() == k;
      if (!listed) diffs.push_back(k);
    }
  }
  out["differing_keys"] = diffs;
  json configs = json::array();
  for (const Item& it : items) configs.push_back(it.run ? it.run->config : json(nullptr));
  out["configs"] = configs;
  // Pairwise ΔW cosine over shared modules (LoRA items).
  json sim = json::array();
  for (size_t i = 0; options.weights && i < items.size(); ++i) {
    for (size_t k = i + 1; k < items.size(); ++k) {
      if (out["items"][i]["peft_type"] != "LORA" || out["items"][k]["peft_type"] != "LORA") continue;
      const auto cos = deltaCosines(items[i].adapterDir, items[k].adapterDir);
      if (cos.empty()) continue;
      double mean = 0;
      json per = json::array();
      for (const auto& c : cos) {
        mean += c.cosine;
        per.push_back({{"module", c.module}, {"cosine", c.cosine}});
      }
      sim.push_back({{"a", items[i].name}, {"b", items[k].name}, {"mean_cosine", mean / static_cast<double>(cos.size())}, {"modules", per}});
    }
  }
  out["similarity"] = sim;

  if (options.evaluate) {
    const std::string base = baseOf(items, options.baseDir);
    const std::vector<fs::path> adapters = adapterDirs(items);
    json rows = json::array();
    EvalOptions eo = options.evalOptions;
    eo.dtype = options.load.dtype;
    eo.quantization = options.load.quantization;
    eo.numThreads = options.load.numThreads;
    eo.device = options.load.device;
    for (const AdapterEval& e : evaluateAdapters(base, adapters, *options.evaluate, eo)) {
      rows.push_back({{"name", e.name}, {"adapter", e.adapter.string()}, {"loss", e.loss}, {"perplexity", e.perplexity}, {"tokens", e.tokens},
                      {"seconds", e.seconds}});
    }
    out["evaluation"] = {{"data", options.evaluate->dataPath.string()}, {"base", base}, {"precision", precisionOf(base, options.load)}, {"rows", rows}};
  }

  if (!options.prompts.empty()) {
    const std::string base = baseOf(items, options.baseDir);
    const std::vector<fs::path> adapters = adapterDirs(items);
    json gens = json::array();
    GenerationCompareOptions go = options.generation;
    go.load = options.load;
    if (!go.load.cancel) go.load.cancel = options.generation.load.cancel;
    for (const PromptGenerations& pg : generateWithAdapters(base, adapters, options.prompts, go)) {
      json rows = json::array();
      for (const GeneratedRow& r : pg.rows) {
        json row = {{"name", r.name}, {"adapter", r.adapter.string()}, {"text", r.text}, {"tokens", r.tokens}, {"pieces", r.pieces}, {"stop_reason", r.stopReason}};
        if (options.generation.logprobs) {
          row["logprob_self"] = r.logprobSelf;
          row["logprob_base"] = r.logprobBase;
        }
        rows.push_back(std::move(row));
      }
      gens.push_back({{"prompt", pg.prompt}, {"prompt_ids", pg.promptIds}, {"first_divergence", pg.firstDivergence}, {"rows", rows}});
    }
    out["generations"] = gens;
    out["generation_precision"] = precisionOf(base, options.load);
  }
  return out;
}

std::string evaluationCsv(const json& comparison) {
  std::string text = "name,adapter,loss,perplexity,tokens,seconds\n";
  if (!comparison.contains("evaluation")) return text;
  for (const json& r : comparison["evaluation"]["rows"]) {
    char line[1024];
    std::snprintf(line, sizeof line, "%s,%s,%.8f,%.6f,%lld,%.3f\n", r["name"].get<std::string>().c_str(), r["adapter"].get<std::string>().c_str(),
                  r["loss"].get<double>(), r["perplexity"].get<double>(), static_cast<long long>(r["tokens"].get<int64_t>()), r["seconds"].get<double>());
    text += line;
  }
  return text;
}

}  // namespace peftdesk
