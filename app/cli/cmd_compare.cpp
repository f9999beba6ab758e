// `peftdesk-cli compare RUN_OR_ADAPTER... [--data FILE [--csv FILE]] [--dtype D] [--quant nf4]
// [--json]`: several runs or adapter folders side by side (core compareAdapters: method, size,
// losses, differing keys, weight statistics, ΔW similarity, held-out evaluation and generations
// on one resident base, held in fp32, bf16 or 4-bit). Printed as a table, or the whole document
// with --json.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "peftdesk/atomic_file.h"
#include "peftdesk/comparison.h"
#include "peftdesk/data_overlap.h"
#include "peftdesk/error.h"

namespace peftdesk::cli {

LoadOptions loadOptionsFrom(const Args& args);  // cmd_forward.cpp

namespace {

using json = nlohmann::json;

std::string num(const json& v, int decimals = 4) {
  if (!v.is_number()) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v.get<double>());
  return buf;
}

}  // namespace

int runCompare(const Args& args) {
  if (args.positional().size() < 2) throw Error(ErrorCategory::Argument, "give at least two run or adapter folders");
  std::vector<std::filesystem::path> paths(args.positional().begin(), args.positional().end());
  ComparisonOptions options;
  options.load = loadOptionsFrom(args);
  options.baseDir = args.value("base").value_or("");
  if (auto data = args.value("data")) {
    EvalDataSpec spec;
    spec.dataPath = *data;
    spec.datasetNames = args.value("dataset").value_or("");
    spec.templateName = args.value("template").value_or("auto");
    spec.cutoffLen = args.integer("cutoff", 1024);
    spec.maxSamples = args.integer("max-samples", -1);
    spec.batchSize = args.integer("batch-size", 8);
    options.evaluate = spec;
  }
  options.prompts = args.values("prompt");
  options.generation.generation.maxNewTokens = static_cast<int>(args.integer("max-new-tokens", 64));
  options.generation.generation.seed = static_cast<uint64_t>(args.integer("seed", 0));
  if (auto t = args.value("temperature")) options.generation.generation.temperature = std::stod(*t);
  options.generation.chat = !args.flag("no-chat");
  options.generation.logprobs = args.flag("logprobs");
  if ((args.value("dtype") || args.value("quant")) && !options.evaluate && options.prompts.empty())
    throw Error(ErrorCategory::Argument, "--dtype and --quant say how the base is held for --data and --prompt; give one of those");
  json out = compareAdapters(paths, options);
  // Scores on a run's own training rows favour the adapter that memorised them: say so.
  if (options.evaluate) {
    json overlaps = json::array();
    for (const RunOverlap& r : trainingOverlaps(paths, options.evaluate->dataPath, options.evaluate->datasetNames, options.evaluate->maxSamples)) {
      if (!r.problem.empty()) {
        std::fprintf(stderr, "warning: %s: its training data could not be compared with the evaluation data (%s)\n", r.run.c_str(), r.problem.c_str());
        overlaps.push_back({{"name", r.run}, {"unchecked", r.problem}});
        continue;
      }
      overlaps.push_back({{"name", r.run}, {"examples", r.overlap.evalExamples}, {"in_training", r.overlap.inTraining}});
      if (r.overlap.inTraining > 0)
        std::fprintf(stderr, "warning: %s trained on %lld of the %lld evaluation examples: its scores include training rows\n", r.run.c_str(),
                     static_cast<long long>(r.overlap.inTraining), static_cast<long long>(r.overlap.evalExamples));
    }
    out["evaluation"]["training_overlap"] = overlaps;
  }
  if (auto csv = args.value("csv")) {
    if (!out.contains("evaluation")) throw Error(ErrorCategory::Argument, "--csv writes the evaluation table: give --data");
    writeFileAtomically(*csv, evaluationCsv(out));
  }
  if (args.flag("json")) {
    std::printf("%s\n", out.dump(2, ' ', false, json::error_handler_t::replace).c_str());
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
  const json& diffs = out["differing_keys"];
  if (!diffs.empty()) {
    std::printf("configuration keys that differ:");
    for (const auto& d : diffs) std::printf(" %s", d.get<std::string>().c_str());
    std::printf("\n");
  }
  for (const json& s : out["similarity"]) {
    std::printf("mean dW cosine %s ~ %s: %.4f (%zu shared modules)\n", s["a"].get<std::string>().c_str(), s["b"].get<std::string>().c_str(),
                s["mean_cosine"].get<double>(), s["modules"].size());
  }
  if (out.contains("generations")) {
    for (const json& g : out["generations"]) {
      std::printf("prompt: %s", g["prompt"].get<std::string>().c_str());
      if (g["first_divergence"].get<int64_t>() >= 0) std::printf("  (outputs diverge at token %lld)", static_cast<long long>(g["first_divergence"].get<int64_t>()));
      std::printf("\n");
      for (const json& r : g["rows"]) std::printf("  %-24s %s\n", r["name"].get<std::string>().c_str(), r["text"].get<std::string>().c_str());
    }
  }
  if (out.contains("evaluation")) {
    std::printf("evaluation on %s (base held as %s):\n", out["evaluation"]["data"].get<std::string>().c_str(),
                out["evaluation"]["precision"].get<std::string>().c_str());
    for (const json& r : out["evaluation"]["rows"]) {
      std::printf("  %-24s loss %.4f  perplexity %.3f  (%lld tokens, %.2f s)\n", r["name"].get<std::string>().c_str(), r["loss"].get<double>(),
                  r["perplexity"].get<double>(), static_cast<long long>(r["tokens"].get<int64_t>()), r["seconds"].get<double>());
    }
  }
  return 0;
}

}  // namespace peftdesk::cli
