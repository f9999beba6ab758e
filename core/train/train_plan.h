// How many steps a run takes: micro-batches per epoch, optimizer steps per epoch (the last
// accumulation window of an epoch may be short, as in transformers' Trainer), total steps and
// warm-up. A pure function shared by the trainer, `train --dry-run` and the GUI's estimates.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "peftdesk/run_config.h"

namespace peftdesk {

struct StepPlan {
  int64_t microPerEpoch = 0;
  int64_t stepsPerEpoch = 0;
  int64_t totalSteps = 0;
  int64_t warmupSteps = 0;
};

StepPlan stepPlan(const RunConfig& config, int64_t trainRows);

// The PEFT method document as a run trains it: AdaLoRA's total_step, when unset, is the run's
// length in optimizer steps (`runSteps`, asked only then). `note` (optional) says what was set.
nlohmann::json methodForRun(const nlohmann::json& method, const std::function<int64_t()>& runSteps, std::string* note = nullptr);

}  // namespace peftdesk
