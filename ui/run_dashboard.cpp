// See run_dashboard.h.
#include "run_dashboard.h"

#include <QAction>
#include <QLocale>
#include <QRegularExpression>
#include <QTimer>
#include <cmath>
#include <numeric>

#include "memory_estimate_view.h"
#include "peftdesk/memory_estimate.h"

namespace peftdesk::ui {

QString withoutMnemonic(QString text) {
  static const QRegularExpression cjkMnemonic(QStringLiteral("\\(&[^&]\\)"));
  text.remove(cjkMnemonic);
  QString out;
  for (int i = 0; i < text.size(); ++i) {
    if (text[i] == QLatin1Char('&') && i + 1 < text.size()) ++i;  // "&&" is a literal ampersand
    out += text[i];
  }
  return out.trimmed();
}

QString durationText(double seconds) {
  const qint64 s = static_cast<qint64>(std::max(0.0, seconds) + 0.5);
  return s >= 3600 ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'))
                   : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

RunDashboard::RunDashboard(Actions actions, QObject* parent)
    : QObject(parent), actions_(actions), memoryTimer_(new QTimer(this)), machineBytes_(machineMemoryBytes()) {
  memoryTimer_->setInterval(1000);
  connect(memoryTimer_, &QTimer::timeout, this, &RunDashboard::sampleMemory);
  sampleMemory();
}

void RunDashboard::setPlan(const QString& model, const QString& data, bool modelRefused) {
  planModel_ = model;
  planData_ = data;
  modelRefused_ = modelRefused;
  retranslate();
}

void RunDashboard::retranslate() {
  planText_ = modelRefused_         ? tr("The folder chosen on the Model page is not a model it can open: choose another")
              : planModel_.isEmpty() ? tr("No model chosen (Model page)")
                                   : planData_.isEmpty() ? tr("Model: %1 · no training data chosen (Data page)").arg(planModel_)
                                                         : tr("Model: %1 · data: %2").arg(planModel_, planData_);
  updateTrend();
  emit changed();
}

void RunDashboard::resetFigures(const QString& stateKey, bool resumed) {
  stateKey_ = stateKey;
  device_.clear();
  step_ = totalSteps_ = 0;
  resumedFrom_ = resumed ? 0 : -1;
  haveStep_ = false;
  last_ = StepMetrics{};
  recentLosses_.clear();
  gpuPeakBytes_ = gpuTotalBytes_ = 0;
  haveEval_ = false;
  checkpoints_ = 0;
  lastCheckpointStep_ = 0;
  updateTrend();
  sampleMemory();  // emits changed()
}

void RunDashboard::beginRun(bool resumed) {
  memoryTimer_->start();
  resetFigures(QStringLiteral("preparing"), resumed);
}

void RunDashboard::onTrainingBegan(const RunStart& start) {
  device_ = QString::fromStdString(start.device);
  step_ = start.step;
  totalSteps_ = start.totalSteps;
  if (start.resumed) resumedFrom_ = start.step;
  emit changed();
}

void RunDashboard::onStep(const StepMetrics& m) {
  last_ = m;
  haveStep_ = true;
  step_ = m.step;
  totalSteps_ = m.totalSteps;
  if (m.gpuTotalBytes > 0) {
    gpuPeakBytes_ = m.peakGpuBytes;
    gpuTotalBytes_ = m.gpuTotalBytes;
  }
  if (std::isfinite(m.loss)) {
    recentLosses_.push_back(m.loss);
    while (recentLosses_.size() > 2 * static_cast<size_t>(kTrendWindowSteps)) recentLosses_.pop_front();
  }
  updateTrend();
  emit changed();
}

void RunDashboard::onEval(const EvalMetrics& m) {
  haveEval_ = true;
  lastEval_ = m;
  emit changed();
}

void RunDashboard::onCheckpoint(qint64 step) {
  ++checkpoints_;
  lastCheckpointStep_ = step;
  emit changed();
}

void RunDashboard::onState(RunState state) {
  stateKey_ = QString::fromLatin1(runStateName(state));
  const bool active = state == RunState::Preparing || state == RunState::Running || state == RunState::Paused;
  if (active && !memoryTimer_->isActive()) memoryTimer_->start();
  if (!active) {
    memoryTimer_->stop();
    sampleMemory();
  }
  emit changed();
}

void RunDashboard::sampleMemory() {
  ramBytes_ = processResidentBytes();
  emit changed();
}

// The mean of the newest k step losses against the k before them (k up to kTrendWindowSteps); a
// change under kFlatPercent reads as flat (single steps' losses scatter by several per cent).
void RunDashboard::updateTrend() {
  const size_t k = std::min<size_t>(kTrendWindowSteps, recentLosses_.size() / 2);
  if (k < 2) {
    trend_ = 0;
    trendText_ = haveStep_ ? tr("trend after %1 steps").arg(4) : QString();
    return;
  }
  const auto end = recentLosses_.end();
  const double recent = std::accumulate(end - static_cast<std::ptrdiff_t>(k), end, 0.0) / static_cast<double>(k);
  const double before = std::accumulate(end - static_cast<std::ptrdiff_t>(2 * k), end - static_cast<std::ptrdiff_t>(k), 0.0) / static_cast<double>(k);
  const double change = before != 0 ? (recent - before) / std::fabs(before) : 0.0;
  const QString percent = QLocale().toString(std::fabs(change) * 100.0, 'f', 1);
  if (std::fabs(change) * 100.0 < kFlatPercent) {
    trend_ = 0;
    trendText_ = tr("flat over the last %1 steps").arg(2 * k);
  } else if (change < 0) {
    trend_ = -1;
    trendText_ = tr("▼ %1 % over the last %2 steps").arg(percent).arg(2 * k);
  } else {
    trend_ = 1;
    trendText_ = tr("▲ %1 % over the last %2 steps").arg(percent).arg(2 * k);
  }
}

QString RunDashboard::stateText() const {
  if (stateKey_ == QLatin1String("preparing")) return tr("Preparing");
  if (stateKey_ == QLatin1String("running")) return tr("Running");
  if (stateKey_ == QLatin1String("paused")) return tr("Paused");
  if (stateKey_ == QLatin1String("finished")) return tr("Finished");
  if (stateKey_ == QLatin1String("stopped")) return tr("Stopped");
  if (stateKey_ == QLatin1String("failed")) return tr("Failed");
  return tr("Ready");
}

QString RunDashboard::stepText() const {
  if (totalSteps_ <= 0) return tr("Step —");
  const QLocale locale;
  QString text = tr("Step %1 / %2").arg(locale.toString(step_), locale.toString(totalSteps_));
  if (resumedFrom_ > 0) text += tr(" (resumed at %1)").arg(locale.toString(resumedFrom_));
  return text;
}

QString RunDashboard::epochText() const { return haveStep_ ? tr("epoch %1").arg(last_.epoch, 0, 'f', 2) : QString(); }
QString RunDashboard::lossText() const { return haveStep_ ? QString::number(last_.loss, 'f', 4) : QStringLiteral("—"); }
QString RunDashboard::speedText() const {
  return haveStep_ ? tr("%1 tokens/s").arg(QLocale().toString(last_.tokensPerSecond, 'f', 0)) : QStringLiteral("—");
}
QString RunDashboard::elapsedText() const { return haveStep_ ? durationText(last_.elapsedSeconds) : QStringLiteral("—"); }
QString RunDashboard::etaText() const {
  if (!haveStep_) return QStringLiteral("—");
  return step_ >= totalSteps_ ? tr("done") : durationText(last_.etaSeconds);
}

double RunDashboard::ramFraction() const {
  return machineBytes_ > 0 ? std::min(1.0, static_cast<double>(ramBytes_) / static_cast<double>(machineBytes_)) : 0.0;
}
QString RunDashboard::ramText() const {
  if (machineBytes_ == 0) return tr("%1 used by PeftDesk").arg(bytesText(static_cast<double>(ramBytes_)));
  return tr("%1 of %2 used by PeftDesk").arg(bytesText(static_cast<double>(ramBytes_)), bytesText(static_cast<double>(machineBytes_)));
}
double RunDashboard::gpuFraction() const {
  return gpuTotalBytes_ > 0 ? std::min(1.0, static_cast<double>(gpuPeakBytes_) / static_cast<double>(gpuTotalBytes_)) : 0.0;
}
QString RunDashboard::gpuText() const {
  return hasGpu() ? tr("%1 of %2 at the last step's peak").arg(bytesText(static_cast<double>(gpuPeakBytes_)), bytesText(static_cast<double>(gpuTotalBytes_)))
                  : tr("no GPU in use");
}

QString RunDashboard::evalText() const {
  if (!haveEval_) return tr("no evaluation yet");
  return tr("%1 at step %2 (perplexity %3)").arg(QString::number(lastEval_.loss, 'f', 4)).arg(lastEval_.step).arg(lastEval_.perplexity, 0, 'f', 2);
}

QString RunDashboard::checkpointText() const {
  if (checkpoints_ == 0) return resumedFrom_ > 0 ? tr("none yet since the resume") : tr("none yet");
  return tr("%n written, the last at step %1", nullptr, checkpoints_).arg(lastCheckpointStep_);
}

QObject* RunDashboard::startAction() const { return actions_.start; }
QObject* RunDashboard::pauseAction() const { return actions_.pause; }
QObject* RunDashboard::resumeAction() const { return actions_.resume; }
QObject* RunDashboard::stopAndSaveAction() const { return actions_.stopAndSave; }
QObject* RunDashboard::stopAction() const { return actions_.stop; }

}  // namespace peftdesk::ui
