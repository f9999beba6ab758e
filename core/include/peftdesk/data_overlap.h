// Whether held-out data is held out: how many examples of an evaluation dataset a run trained on.
// Compare's evaluation warns with it, since scores on a run's own training rows favour the adapter
// that memorised them. Both sides go through the run's own pipeline (its template, cutoff and
// validation split; no packing), so "the same example" means the same tokens. Torch-free.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "peftdesk/run_config.h"

namespace peftdesk {

struct TrainingOverlap {
  int64_t evalExamples = 0;  // usable examples of the evaluation data
  int64_t inTraining = 0;    // of them, token for token one of the run's training rows (its validation rows do not count)
};

// `evalData` is a file or a LLaMA-Factory folder (`evalDatasetNames` picks its entries);
// `evalMaxSamples` as the evaluation reads it (-1 = all). Throws peftdesk::Error when either
// dataset cannot be read (as planTraining does).
TrainingOverlap trainingOverlap(const RunConfig& run, const std::filesystem::path& evalData, const std::string& evalDatasetNames,
                                int64_t evalMaxSamples);

// The same for every run folder among `folders` (adapter folders without a run.json know no
// training data and are left out), as Compare's evaluation reports it in the GUI and the CLI.
// A run that cannot say what it trained on (its data moved, no tokenizer) gets `problem` (one
// line, errorMessage) instead of failing the whole list.
struct RunOverlap {
  std::string run;  // the folder's name
  TrainingOverlap overlap;
  std::string problem;  // non-empty: not checked, and why
};
std::vector<RunOverlap> trainingOverlaps(const std::vector<std::filesystem::path>& folders, const std::filesystem::path& evalData,
                                         const std::string& evalDatasetNames, int64_t evalMaxSamples);

}  // namespace peftdesk
