// See lr_schedule.h. Same expressions, in the same order, as transformers/optimization.py so the
// doubles agree to the last bit (LambdaLR multiplies the peak rate by this factor).
#include "peftdesk/lr_schedule.h"

#include <algorithm>
#include <cmath>

namespace peftdesk {

bool parseLrSchedule(const std::string& name, LrSchedule* out) {
  static const std::pair<const char*, LrSchedule> kNames[] = {
      {"constant", LrSchedule::Constant},
      {"constant_with_warmup", LrSchedule::ConstantWithWarmup},
      {"linear", LrSchedule::Linear},
      {"cosine", LrSchedule::Cosine},
      {"cosine_with_restarts", LrSchedule::CosineWithRestarts},
  };
  for (const auto& [n, k] : kNames) {
    if (name == n) {
      *out = k;
      return true;
    }
  }
  return false;
}

double lrMultiplier(const LrScheduleSpec& s, int64_t step) {
  const double w = static_cast<double>(s.warmupSteps);
  const double t = static_cast<double>(s.totalSteps);
  const double x = static_cast<double>(step);
  if (s.kind == LrSchedule::Constant) return 1.0;
  if (step < s.warmupSteps) return x / std::max(1.0, w);
  switch (s.kind) {
    case LrSchedule::Constant:
    case LrSchedule::ConstantWithWarmup: return 1.0;
    case LrSchedule::Linear: return std::max(0.0, (t - x) / std::max(1.0, t - w));
    case LrSchedule::Cosine: {
      const double progress = (x - w) / std::max(1.0, t - w);
      // transformers' default num_cycles = 0.5: half a cosine wave from 1 to 0.
      const double cycles = s.numCycles > 0 ? s.numCycles : 0.5;
      return std::max(0.0, 0.5 * (1.0 + std::cos(M_PI * cycles * 2.0 * progress)));
    }
    case LrSchedule::CosineWithRestarts: {
      const double progress = (x - w) / std::max(1.0, t - w);
      if (progress >= 1.0) return 0.0;
      return std::max(0.0, 0.5 * (1.0 + std::cos(M_PI * std::fmod((s.numCycles > 0 ? s.numCycles : 1.0) * progress, 1.0))));
    }
  }
  return 1.0;
}

int64_t warmupStepsFor(int64_t warmupSteps, double warmupRatio, int64_t totalSteps) {
  if (warmupSteps > 0) return warmupSteps;
  return static_cast<int64_t>(std::ceil(static_cast<double>(totalSteps) * warmupRatio));
}

}  // namespace peftdesk
