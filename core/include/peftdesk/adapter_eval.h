// Several adapters (and the base) evaluated on one shared held-out set with ONE resident base:
// every adapter is attached to the same loaded model and switched in place, so N adapters cost
// one model load. The data goes through the trainer's own pipeline (template, cutoff, labels), and
// the loss is the token-level mean the trainer's evaluation reports. Torch-free interface.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "peftdesk/dataset.h"
#include "peftdesk/model.h"

namespace peftdesk {

struct EvalDataSpec {
  std::filesystem::path dataPath;   // file or LLaMA-Factory folder
  std::string datasetNames;         // dataset_info.json entries (folder only)
  DatasetFormat format = DatasetFormat::Auto;
  std::optional<ColumnMapping> columns;
  std::string templateName = "auto";
  int64_t cutoffLen = 1024;
  int64_t maxSamples = -1;
  bool trainOnPrompt = false;       // score the prompt tokens too
  int64_t batchSize = 8;
};

struct AdapterEval {
  std::string name;                 // "base" or the adapter's folder name (made unique)
  std::filesystem::path adapter;    // empty for the base
  double loss = 0;                  // mean token cross-entropy
  double perplexity = 0;            // exp(loss)
  int64_t tokens = 0;               // label tokens scored
  double seconds = 0;               // time spent on this row (load of the adapter included)
};

struct EvalOptions {
  bool includeBase = true;
  ComputeDType dtype = ComputeDType::F32;
  Quantization4bit quantization;    // a QLoRA base
  int numThreads = 0;
  DeviceSpec device;                // where the base and every adapter run (auto: the first usable GPU)
  const std::atomic<bool>* cancel = nullptr;              // checked between batches
  std::function<void(const std::string& row, int64_t done, int64_t total)> progress;  // per batch
};

// Throws peftdesk::Error when the model, an adapter or the data cannot be used, or on cancel.
std::vector<AdapterEval> evaluateAdapters(const std::filesystem::path& modelDir, const std::vector<std::filesystem::path>& adapters,
                                          const EvalDataSpec& data, const EvalOptions& options = {});

}  // namespace peftdesk
