// How many steps a run takes: micro-batches per epoch, optimizer steps per epoch (the last
// accumulation window of an epoch may be short, as in transformers' Trainer), total steps and
// warm-up. A pure function shared by the trainer, `train --dry-run` and the GUI's estimates.
#pragma once

#include <cstdint>

#include "peftdesk/run_config.h"

namespace peftdesk {

struct StepPlan {
  int64_t microPerEpoch = 0;
  int64_t stepsPerEpoch = 0;
  int64_t totalSteps = 0;
  int64_t warmupSteps = 0;
};

StepPlan stepPlan(const RunConfig& config, int64_t trainRows);

}  // namespace peftdesk
