// See step_probe.h. Peak memory: the kernel's high-water mark of this process is reset through
// /proc/self/clear_refs ("5") before the probe and read from /proc/self/status (VmHWM) after.
#include "peftdesk/step_probe.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>

#include "peftdesk/error.h"
#include "peftdesk/memory_estimate.h"
#include "train/train_plan.h"

namespace peftdesk {
namespace fs = std::filesystem;
namespace {

class StepTimes : public TrainObserver {
 public:
  void onStep(const StepMetrics& m) override {
    if (m.step == 1) {
      firstSeconds = m.elapsedSeconds;
      firstTokens = m.tokens;
    }
    lastSeconds = m.elapsedSeconds;
    lastTokens = m.tokens;
    lastStep = m.step;
    peakGpuBytes = std::max(peakGpuBytes, m.peakGpuBytes);
    gpuTotalBytes = m.gpuTotalBytes;
  }
  uint64_t peakGpuBytes = 0, gpuTotalBytes = 0;
  double firstSeconds = 0, lastSeconds = 0;
  int64_t firstTokens = 0, lastTokens = 0, lastStep = 0;
};

}  // namespace

StepCost measureStepCost(const RunConfig& config, int steps, TrainControl& control) {
  if (steps < 1) throw Error(ErrorCategory::Argument, "measure at least one step");
  std::string pattern = (fs::temp_directory_path() / "peftdesk-probe-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw Error(ErrorCategory::Io, "cannot create a temporary folder", {pattern});
  const fs::path tmp = pattern;
  RunConfig probe = config;
  // A schedule over the run's length (AdaLoRA's total_step, unset) stays the real run's: the
  // probe's few steps are its first ones, not a whole schedule squeezed into them.
  probe.method = methodForRun(config.method, [&] { return planTraining(config, [](const std::string&) {}).totalSteps; });
  probe.outputDir = tmp / "run";
  probe.maxSteps = steps + 1;  // the first step warms caches and allocators: not timed
  probe.saveSteps = 0;
  probe.evalSteps = 0;
  probe.valSize = 0;
  probe.evalPath.clear();
  probe.loggingSteps = 1;

  StepCost cost;
  cost.baselineRssBytes = processResidentBytes();
  { std::ofstream("/proc/self/clear_refs") << "5"; }
  StepTimes times;
  TrainResult r;
  try {
    r = runTraining(probe, StartMode::Fresh, times, control);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(tmp, ec);
    throw;
  }
  cost.peakRssBytes = processPeakResidentBytes();
  cost.peakGpuBytes = times.peakGpuBytes;
  cost.gpuTotalBytes = times.gpuTotalBytes;
  std::error_code ec;
  fs::remove_all(tmp, ec);
  if (r.state == RunState::Failed) throw Error(ErrorCategory::Runtime, r.error);
  cost.stepsMeasured = times.lastStep - 1;
  if (cost.stepsMeasured > 0) {
    cost.secondsPerStep = (times.lastSeconds - times.firstSeconds) / static_cast<double>(cost.stepsMeasured);
    cost.tokensPerStep = static_cast<double>(times.lastTokens - times.firstTokens) / static_cast<double>(cost.stepsMeasured);
  }
  // The real run's length: plan it with the user's own settings.
  cost.totalSteps = planTraining(config, [](const std::string&) {}).totalSteps;
  cost.totalSecondsEstimate = cost.secondsPerStep * static_cast<double>(cost.totalSteps);
  return cost;
}

}  // namespace peftdesk
