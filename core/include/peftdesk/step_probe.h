// A short measured dry run: what one optimizer step of this configuration really costs on this
// machine (seconds, peak resident memory), for the method page's estimate. It runs the real
// trainer for a few steps into a temporary folder that is removed afterwards; the user's output
// folder is never touched.
#pragma once

#include <cstdint>

#include "peftdesk/trainer.h"

namespace peftdesk {

struct StepCost {
  int64_t stepsMeasured = 0;     // steps timed (the first, warm-up step is excluded)
  double secondsPerStep = 0;
  double tokensPerStep = 0;      // input tokens per optimizer step, as measured
  uint64_t baselineRssBytes = 0; // resident memory before the probe
  uint64_t peakRssBytes = 0;     // peak resident memory of the process during the probe (Linux VmHWM)
  uint64_t peakGpuBytes = 0;     // on a GPU: peak memory LibTorch allocated there (weights included); 0 on the CPU
  uint64_t gpuTotalBytes = 0;    // that GPU's memory
  double totalSecondsEstimate = 0;  // secondsPerStep x the run's total steps
  int64_t totalSteps = 0;
};

// Throws peftdesk::Error when the run cannot start (same checks as runTraining) or fails.
StepCost measureStepCost(const RunConfig& config, int steps, TrainControl& control);

}  // namespace peftdesk
