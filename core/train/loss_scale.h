// Dynamic loss scaling for fp16 training, torch.amp.GradScaler's rule: the loss is multiplied by
// `scale` before backward so small fp16 activation gradients do not flush to zero, the gradients
// are divided by it before clipping and the update; a step whose gradients overflowed is skipped
// and the scale halved, and after `kGrowthInterval` finite steps in a row the scale doubles.
// bf16 and fp32 need none (their exponent range is fp32's). Host-side: the trainer already reads
// the gradient norm once per step, which is the finiteness check.
#pragma once

#include <cstdint>

namespace peftdesk {

struct LossScale {
  static constexpr double kInitial = 65536.0, kGrowth = 2.0, kBackoff = 0.5;
  static constexpr int64_t kGrowthInterval = 2000;
  double scale = kInitial;
  int64_t goodSteps = 0;  // finite steps since the scale last changed

  // After a step's gradients were unscaled: returns whether the update may be applied, and moves
  // the scale for the next step.
  bool update(bool gradientsFinite) {
    if (!gradientsFinite) {
      scale *= kBackoff;
      goodSteps = 0;
      return false;
    }
    if (++goodSteps >= kGrowthInterval) {
      scale *= kGrowth;
      goodSteps = 0;
    }
    return true;
  }
};

}  // namespace peftdesk
