// The same prompts, with the same seed and sampling settings, through the base and every adapter
// on ONE resident base (adapters attached side by side and switched in place), for the Compare
// page's generations view and `peftdesk-cli compare --prompt`. For each prompt: every row's
// tokens and text, where the rows first diverge, and on demand the per-token log-probability of
// each row's continuation under the base and under its own adapter (teacher-forced), so the
// difference shows which tokens the adapter changed its mind about. Torch-free interface.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "peftdesk/model.h"

namespace peftdesk {

struct GenerationCompareOptions {
  GenerationOptions generation;   // max tokens, temperature, top-k/p, seed (the same for every row)
  bool chat = true;               // wrap each prompt as a user turn in the chat template
  std::string templateName = "auto";
  std::string system;
  bool includeBase = true;
  bool logprobs = false;          // also score every row's tokens under the base and its adapter
  LoadOptions load;
};

struct GeneratedRow {
  std::string name;               // "base" or the adapter's (run) folder name
  std::filesystem::path adapter;
  std::vector<int32_t> tokens;
  std::string text;
  std::string stopReason;         // stopReasonName()
  std::vector<std::string> pieces;        // one display string per token
  std::vector<double> logprobSelf;        // log p(token) under this row's own model (logprobs on)
  std::vector<double> logprobBase;        // log p(token) under the base (logprobs on)
};

struct PromptGenerations {
  std::string prompt;
  std::vector<int32_t> promptIds;
  std::vector<GeneratedRow> rows;
  int64_t firstDivergence = -1;   // first token index where some rows differ; -1 = all identical
};

// Throws peftdesk::Error for a model / adapter / tokenizer that cannot be used.
std::vector<PromptGenerations> generateWithAdapters(const std::filesystem::path& modelDir, const std::vector<std::filesystem::path>& adapters,
                                                    const std::vector<std::string>& prompts, const GenerationCompareOptions& options);

}  // namespace peftdesk
