// `peftdesk-cli compare RUN_OR_ADAPTER... [--json]`: several runs (run folders) or adapter folders
// side by side — method and rank, trainable parameters, adapter size, training time and tokens,
// final and best eval losses, the configuration keys that differ, and what the weights learned
// (per-module ‖ΔW‖, effective rank; IA³ / prefix vector norms) with the pairwise ΔW cosine
// similarity of LoRA adapters. With --data, every adapter and the base are evaluated on that
// held-out set on one resident base (loss, perplexity; --csv writes the table). Items trained on
// different bases are refused with the reason.
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "peftdesk/adapter_config.h"
#include "peftdesk/adapter_eval.h"
#include "peftdesk/atomic_file.h"
#include "peftdesk/adapter_math.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "peftdesk/run_config.h"
#include "peftdesk/run_summary.h"
#include "peftdesk/safetensors.h"

namespace peftdesk::cli {
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
  const fs::path p = fs::absolute(path).lexically_normal();
  it.name = p.filename().string();
  if (fs::exists(p / "run.json")) {
    it.run = readRunSummary(p);
    it.adapterDir = p / "adapter";
    it.baseDir = it.run->modelPath;
    if (!fs::exists(it.adapterDir / "adapter_config.json")) {
      throw Error(ErrorCategory::Argument, "this run has no adapter yet (still running, stopped before the end, or full / freeze training)", {p.string()});
    }
  } else if (fs::exists(p / "adapter_config.json")) {
    it.adapterDir = p;
    const json cfg = readJsonFile(p / "adapter_config.json");
    const std::string base = cfg.value("base_model_name_or_path", std::string());
    if (!base.empty() && fs::exists(fs::path(base) / "config.json")) it.baseDir = base;
  } else {
    throw Error(ErrorCategory::Argument, "neither a run folder (run.json) nor a PEFT adapter folder (adapter_config.json)", {p.string()});
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

json itemJson(const Item& it) {
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
  }
  const auto file = SafetensorsFile::open(it.adapterDir / "adapter_model.safetensors");
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

std::string num(const json& v, int decimals = 4) {
  if (!v.is_number()) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v.get<double>());
  return buf;
}

}  // namespace

int runCompare(const Args& args) {
  if (args.positional().size() < 2) throw Error(ErrorCategory::Argument, "give at least two run or adapter folders");
  std::vector<Item> items;
  for (const std::string& p : args.positional()) items.push_back(resolveItem(p));
  checkSameBase(items);

  json out;
  out["items"] = json::array();
  for (const Item& it : items) out["items"].push_back(itemJson(it));
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
  // Pairwise mean ΔW cosine over shared modules (LoRA items).
  json sim = json::array();
  for (size_t i = 0; i < items.size(); ++i) {
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

  if (auto data = args.value("data")) {
    std::string base = args.value("base").value_or("");
    for (const Item& it : items) {
      if (base.empty()) base = it.baseDir;
    }
    if (base.empty()) throw Error(ErrorCategory::Argument, "no base model known for these adapters: give --base MODEL_DIR");
    EvalDataSpec spec;
    spec.dataPath = *data;
    spec.datasetNames = args.value("dataset").value_or("");
    spec.templateName = args.value("template").value_or("auto");
    spec.cutoffLen = args.integer("cutoff", 1024);
    spec.maxSamples = args.integer("max-samples", -1);
    spec.batchSize = args.integer("batch-size", 8);
    std::vector<fs::path> adapters;
    for (const Item& it : items) adapters.push_back(it.adapterDir);
    json evalRows = json::array();
    for (const AdapterEval& e : evaluateAdapters(base, adapters, spec)) {
      evalRows.push_back({{"name", e.name}, {"adapter", e.adapter.string()}, {"loss", e.loss}, {"perplexity", e.perplexity}, {"tokens", e.tokens},
                          {"seconds", e.seconds}});
    }
    out["evaluation"] = {{"data", *data}, {"base", base}, {"rows", evalRows}};
    if (auto csv = args.value("csv")) {
      std::string text = "name,adapter,loss,perplexity,tokens,seconds\n";
      for (const json& r : evalRows) {
        char line[512];
        std::snprintf(line, sizeof line, "%s,%s,%.8f,%.6f,%lld,%.3f\n", r["name"].get<std::string>().c_str(), r["adapter"].get<std::string>().c_str(),
                      r["loss"].get<double>(), r["perplexity"].get<double>(), static_cast<long long>(r["tokens"].get<int64_t>()), r["seconds"].get<double>());
        text += line;
      }
      writeFileAtomically(*csv, text);
    }
  }

  if (args.flag("json")) {
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  std::printf("%-24s %-13s %4s %12s %10s %9s %10s %10s %10s %8s\n", "name", "method", "r", "params", "file KiB", "steps", "final", "best eval",
              "mean |dW|", "eff.rank");
  for (const json& j : out["items"]) {
    std::printf("%-24s %-13s %4s %12lld %10.1f %9s %10s %10s %10s %8s\n", j["name"].get<std::string>().c_str(), j["peft_type"].get<std::string>().c_str(),
                j.contains("r") ? std::to_string(j["r"].get<int64_t>()).c_str() : "-", static_cast<long long>(j["adapter_params"].get<int64_t>()),
                j["adapter_file_bytes"].get<double>() / 1024.0, j.contains("steps") ? std::to_string(j["steps"].get<int64_t>()).c_str() : "-",
                num(j.value("final_loss", json())).c_str(), num(j.value("best_eval_loss", json())).c_str(), num(j.value("mean_delta_norm", json())).c_str(),
                num(j.value("mean_effective_rank", json()), 2).c_str());
  }
  if (!diffs.empty()) {
    std::printf("configuration keys that differ:");
    for (const auto& d : diffs) std::printf(" %s", d.get<std::string>().c_str());
    std::printf("\n");
  }
  for (const json& s : sim) {
    std::printf("mean dW cosine %s ~ %s: %.4f (%zu shared modules)\n", s["a"].get<std::string>().c_str(), s["b"].get<std::string>().c_str(),
                s["mean_cosine"].get<double>(), s["modules"].size());
  }
  if (out.contains("evaluation")) {
    std::printf("evaluation on %s:\n", out["evaluation"]["data"].get<std::string>().c_str());
    for (const json& r : out["evaluation"]["rows"]) {
      std::printf("  %-24s loss %.4f  perplexity %.3f  (%lld tokens, %.2f s)\n", r["name"].get<std::string>().c_str(), r["loss"].get<double>(),
                  r["perplexity"].get<double>(), static_cast<long long>(r["tokens"].get<int64_t>()), r["seconds"].get<double>());
    }
  }
  return 0;
}

}  // namespace peftdesk::cli
