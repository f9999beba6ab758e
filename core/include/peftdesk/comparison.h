// Runs or adapter folders side by side (issue 7): what `peftdesk-cli compare` prints and the GUI's
// Compare page shows — method and rank, adapter size, training time and tokens, losses, the
// configuration keys that differ, per-module weight statistics and pairwise ΔW similarity, and
// optionally a held-out evaluation and generations side by side, each on one resident base held
// as `load` says (fp32, bf16, or a 4-bit base as QLoRA trains). One JSON document (keys in
// docs/cli.md) so both front ends read the same thing. Torch-free interface.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "peftdesk/adapter_eval.h"
#include "peftdesk/adapter_generate.h"

namespace peftdesk {

struct ComparisonOptions {
  bool weights = true;                   // per-module statistics and similarity
  std::optional<EvalDataSpec> evaluate;  // held-out evaluation
  std::string baseDir;                   // the base model; default: from the runs / adapter configs
  LoadOptions load;                      // how the base is held: replaces the dtype, quantization and
                                         // threads of evalOptions and generation.load
  EvalOptions evalOptions;
  std::vector<std::string> prompts;      // generations side by side (base + every adapter)
  GenerationCompareOptions generation;
};

// Throws peftdesk::Error: a folder that is neither a run (with an adapter) nor an adapter, bases
// that differ (naming the key), evaluation without a known base, or what evaluateAdapters throws.
nlohmann::json compareAdapters(const std::vector<std::filesystem::path>& runsOrAdapters, const ComparisonOptions& options);

// The evaluation rows as CSV (name,adapter,loss,perplexity,tokens,seconds).
std::string evaluationCsv(const nlohmann::json& comparison);

}  // namespace peftdesk
