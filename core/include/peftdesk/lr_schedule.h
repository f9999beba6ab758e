// Learning-rate schedules as pure functions of the optimizer step, with the formulas of
// transformers' get_scheduler (LambdaLR multipliers), so a run's learning rates equal a
// Hugging Face Trainer's for the same arguments. No state: resume needs only the step.
#pragma once

#include <cstdint>
#include <string>

namespace peftdesk {

enum class LrSchedule { Constant, ConstantWithWarmup, Linear, Cosine, CosineWithRestarts };
bool parseLrSchedule(const std::string& name, LrSchedule* out);

struct LrScheduleSpec {
  LrSchedule kind = LrSchedule::Cosine;
  double peakLr = 2e-4;
  int64_t warmupSteps = 0;
  int64_t totalSteps = 1;
  double numCycles = 0;  // lr_scheduler_kwargs.num_cycles; 0 = transformers' default (cosine 0.5, restarts 1)
};

// Multiplier of the peak rate for the update made at `step` (0-based: the first update uses
// step 0, as LambdaLR does before its first scheduler.step()).
double lrMultiplier(const LrScheduleSpec& spec, int64_t step);
inline double learningRateAt(const LrScheduleSpec& spec, int64_t step) { return spec.peakLr * lrMultiplier(spec, step); }

// warmup_steps when > 0, else ceil(warmup_ratio × total) as TrainingArguments.get_warmup_steps.
int64_t warmupStepsFor(int64_t warmupSteps, double warmupRatio, int64_t totalSteps);

}  // namespace peftdesk
