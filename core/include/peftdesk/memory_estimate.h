// How much memory a training run will need at its peak, before it starts: one line per part
// (runtime, weights, adapters, gradients, optimizer state, activations, output head and loss,
// backward working memory) for the device the run trains on, and whether it fits what that
// device has free. Shown by `train --dry-run` (and its --json: estimate.peak_bytes, parts) and the
// Method page. The formula follows what the trainer keeps alive (decision 31); its CPU numbers are
// checked against measured peak RSS by test_memory_estimate. Torch-free.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "peftdesk/device.h"
#include "peftdesk/model.h"
#include "peftdesk/parameter_report.h"
#include "peftdesk/run_config.h"
#include "peftdesk/trainer.h"
#include <nlohmann/json.hpp>

namespace peftdesk {

struct MemoryPart {
  std::string key;     // stable name for scripts: runtime, weights, adapters, gradients, optimizer, activations, head, backward
  std::string label;   // one line for people
  uint64_t bytes = 0;
};

// The batch the estimate is for: the widest micro-batch the run will see.
struct BatchShape {
  int64_t rows = 1;             // micro-batch size
  int64_t tokensPerRow = 1;     // longest row (the batch is padded to it)
  double labelFraction = 1.0;   // share of positions that predict a label (they go through the output head)
  int64_t distinctTokenIds = 0; // different ids in the data: on the CPU only their embedding rows are read (0 = all)
};

struct MemoryEstimate {
  std::string device;            // label of the device it is for, e.g. "cpu", "cuda:0"
  bool gpu = false;
  std::vector<MemoryPart> parts;
  uint64_t peakBytes = 0;        // sum of the parts
  uint64_t availableBytes = 0;   // what the device has for the run now (GPU: free; CPU: available + this process); 0 = unknown
  bool fits() const { return availableBytes == 0 || peakBytes <= availableBytes; }
};

// The formula alone (no files read): the model's shapes and counts, what is trained (planParameters),
// the batch, and the runtime's own footprint (CPU: this process's resident memory now; GPU: the
// CUDA context).
MemoryEstimate estimateTrainingMemory(const RunConfig& config, const ModelInfo& model, const ParameterReport& trainable,
                                      const BatchShape& batch, bool gpu, uint64_t runtimeBytes);

// For a run about to start: inspects the model, counts the trainable parameters, resolves the
// device and reads its free memory. `batch` comes from the data (planTraining). Throws
// peftdesk::Error as planParameters does.
MemoryEstimate estimateTrainingMemory(const RunConfig& config, const BatchShape& batch);

// The widest micro-batch of a planned run: micro-batch rows (no more than there are) padded to the
// longest training row, with the data's share of labelled positions.
BatchShape batchShapeOf(const RunConfig& config, const TrainPlan& plan);

// {"device", "peak_bytes", "available_bytes", "fits", "parts": {key: bytes}, "lines": [[label, bytes]...]}
nlohmann::json memoryEstimateJson(const MemoryEstimate& estimate);

// The resident memory of this process now, and its peak so far (Linux VmRSS / VmHWM; 0 elsewhere).
uint64_t processResidentBytes();
uint64_t processPeakResidentBytes();
// The machine's physical memory (Linux MemTotal; 0 elsewhere).
uint64_t machineMemoryBytes();

}  // namespace peftdesk
