// The terminal view of a training run: one self-rewriting status line (step, bar, loss, rate,
// tokens/s, ETA) when stderr is a terminal; plain log lines every logging step otherwise, so
// redirected output stays readable.
#pragma once

#include <cstdint>
#include <string>

#include "peftdesk/trainer.h"

namespace peftdesk::cli {

class ProgressBar : public TrainObserver {
 public:
  ProgressBar(bool quiet, int64_t loggingSteps);
  void onState(RunState state, const std::string& detail) override;
  void onLog(LogLevel level, const std::string& line) override;
  void onStep(const StepMetrics& m) override;
  void onEval(const EvalMetrics& m) override;
  void finish();

 private:
  void clearLine();
  bool interactive_;
  bool quiet_;
  int64_t loggingSteps_;
  bool lineShown_ = false;
};

std::string formatDuration(double seconds);  // "1:02:03" / "02:03"

}  // namespace peftdesk::cli
