// See train_plan.h.
#include "train/train_plan.h"

#include <algorithm>
#include <cmath>

#include "peftdesk/lr_schedule.h"

namespace peftdesk {

StepPlan stepPlan(const RunConfig& config, int64_t trainRows) {
  StepPlan p;
  p.microPerEpoch = (trainRows + config.batchSize - 1) / config.batchSize;
  p.stepsPerEpoch = std::max<int64_t>(1, (p.microPerEpoch + config.gradAccumSteps - 1) / config.gradAccumSteps);
  p.totalSteps = config.maxSteps > 0 ? config.maxSteps
                                     : std::max<int64_t>(1, static_cast<int64_t>(std::ceil(config.numTrainEpochs * static_cast<double>(p.stepsPerEpoch))));
  p.warmupSteps = warmupStepsFor(config.warmupSteps, config.warmupRatio, p.totalSteps);
  return p;
}

nlohmann::json methodForRun(const nlohmann::json& method, const std::function<int64_t()>& runSteps, std::string* note) {
  nlohmann::json out = method;
  const bool adalora = out.is_object() && out.value("peft_type", nlohmann::json()) == "ADALORA";
  if (adalora && (!out.contains("total_step") || out["total_step"].is_null())) {
    out["total_step"] = runSteps();
    if (note) *note = "AdaLoRA: total_step set to the run's " + out["total_step"].dump() + " optimizer steps";
  }
  return out;
}

}  // namespace peftdesk
