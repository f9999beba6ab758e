// See progress_bar.h.
#include "cli/progress_bar.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace peftdesk::cli {

std::string formatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) seconds = 0;
  const auto total = static_cast<long long>(seconds + 0.5);
  char buf[32];
  if (total >= 3600) std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", total / 3600, (total / 60) % 60, total % 60);
  else std::snprintf(buf, sizeof buf, "%02lld:%02lld", total / 60, total % 60);
  return buf;
}

ProgressBar::ProgressBar(bool quiet, int64_t loggingSteps)
    : interactive_(!quiet && ::isatty(STDERR_FILENO)), quiet_(quiet), loggingSteps_(loggingSteps < 1 ? 1 : loggingSteps) {}

void ProgressBar::clearLine() {
  if (lineShown_) std::fprintf(stderr, "\r\033[K");
  lineShown_ = false;
}

void ProgressBar::onState(RunState state, const std::string& detail) {
  if (state == RunState::Paused) onLog(LogLevel::Info, "paused");
  (void)detail;
}

void ProgressBar::onLog(LogLevel level, const std::string& line) {
  clearLine();
  std::fprintf(stderr, "%s%s\n", level == LogLevel::Warning ? "warning: " : level == LogLevel::Error ? "error: " : "", line.c_str());
}

void ProgressBar::onStep(const StepMetrics& m) {
  char stats[160];
  std::snprintf(stats, sizeof stats, "loss %.4f  lr %.2e  grad %.3f  %.0f tok/s  %s elapsed  ETA %s", m.loss, m.learningRate, m.gradNorm,
                m.tokensPerSecond, formatDuration(m.elapsedSeconds).c_str(), formatDuration(m.etaSeconds).c_str());
  if (interactive_) {
    constexpr int kWidth = 24;
    const double frac = m.totalSteps > 0 ? static_cast<double>(m.step) / static_cast<double>(m.totalSteps) : 0.0;
    const int filled = static_cast<int>(frac * kWidth);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(kWidth - filled), '.');
    std::fprintf(stderr, "\r\033[Kstep %lld/%lld [%s] %3.0f%%  %s", static_cast<long long>(m.step), static_cast<long long>(m.totalSteps),
                 bar.c_str(), frac * 100, stats);
    std::fflush(stderr);
    lineShown_ = true;
  } else if (!quiet_ && (m.step % loggingSteps_ == 0 || m.step == m.totalSteps)) {
    std::fprintf(stderr, "step %lld/%lld  %s\n", static_cast<long long>(m.step), static_cast<long long>(m.totalSteps), stats);
  }
}

void ProgressBar::onEval(const EvalMetrics& m) {
  clearLine();
  std::fprintf(stderr, "step %lld: eval loss %.4f  perplexity %.3f\n", static_cast<long long>(m.step), m.loss, m.perplexity);
}

void ProgressBar::finish() { clearLine(); }

}  // namespace peftdesk::cli
