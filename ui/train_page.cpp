// See train_page.h.
#include "train_page.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include "app_settings.h"
#include "background_queue.h"
#include "curves_widget.h"
#include "device_box.h"
#include "field_tables.h"
#include "form_binder.h"
#include "memory_estimate_view.h"
#include "peftdesk/json_file.h"
#include "run_draft.h"
#include "training_controller.h"

namespace peftdesk::ui {
namespace {

QString duration(double seconds) {
  const qint64 s = static_cast<qint64>(seconds + 0.5);
  return s >= 3600 ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'))
                   : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

constexpr int kMaxLogLines = 5000;

}  // namespace

TrainPage::TrainPage(RunDraft* draft, TrainingController* controller, QWidget* parent)
    : QWidget(parent), draft_(draft), controller_(controller) {
  auto* outer = new QHBoxLayout(this);
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  outer->addWidget(splitter);

  // Left: the hyper-parameter form.
  auto* scroll = new QScrollArea(splitter);
  scroll->setWidgetResizable(true);
  auto* formHost = new QWidget(scroll);
  auto* form = new QFormLayout(formHost);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  binder_ = new FormBinder(draft_, this);
  binder_->addFields(form, trainFields());
  if (auto* device = qobject_cast<QComboBox*>(binder_->editor("train.device"))) {
    appendGpuRows(device);
    // A RUN.json may name a GPU this machine does not have: show it as such rather than as
    // "automatic" (the run would be refused with the reason when it starts).
    auto showDevice = [this, device] {
      const nlohmann::json v = draft_->value("train.device");
      const QString key = v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString();
      if (!key.isEmpty() && device->findData(key) < 0) device->addItem(tr("%1 (not on this machine)").arg(key), key);
      binder_->refreshEditors();  // a saved "cuda:N" finds its row now that it exists
    };
    showDevice();
    connect(draft_, &RunDraft::reset, this, showDevice);
    connect(draft_, &RunDraft::changed, this, [showDevice](const QString& key) {
      if (key == QLatin1String("train.device")) showDevice();
    });
  }
  binder_->addFields(form, outputFields());
  scroll->setWidget(formHost);
  splitter->addWidget(scroll);

  // Right: controls, progress, curves, log.
  auto* right = new QWidget(splitter);
  auto* v = new QVBoxLayout(right);
  auto* buttons = new QHBoxLayout();
  start_ = new QPushButton(right);
  pause_ = new QPushButton(right);
  resume_ = new QPushButton(right);
  stop_ = new QPushButton(right);
  stopSave_ = new QPushButton(right);
  start_->setDefault(true);
  for (QPushButton* b : {start_, pause_, resume_, stopSave_, stop_}) buttons->addWidget(b);
  buttons->addStretch(1);
  v->addLayout(buttons);
  estimate_ = new QLabel(right);
  estimate_->setObjectName(QStringLiteral("train_estimate"));
  estimate_->setWordWrap(true);
  estimate_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  v->addWidget(estimate_);
  estimateJobs_ = new BackgroundQueue(this);
  estimateTimer_ = new QTimer(this);
  estimateTimer_->setSingleShot(true);
  estimateTimer_->setInterval(400);
  connect(estimateTimer_, &QTimer::timeout, this, &TrainPage::runEstimate);
  connect(draft_, &RunDraft::changed, estimateTimer_, qOverload<>(&QTimer::start));
  connect(draft_, &RunDraft::reset, estimateTimer_, qOverload<>(&QTimer::start));
  estimateTimer_->start();
  banner_ = new QLabel(right);
  banner_->setWordWrap(true);
  banner_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  banner_->hide();
  v->addWidget(banner_);
  progress_ = new QProgressBar(right);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  v->addWidget(progress_);
  stats_ = new QLabel(right);
  stats_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  v->addWidget(stats_);
  auto* rightSplit = new QSplitter(Qt::Vertical, right);
  curves_ = new CurvesWidget(rightSplit);
  log_ = new QPlainTextEdit(rightSplit);
  log_->setReadOnly(true);
  log_->setMaximumBlockCount(kMaxLogLines);
  log_->setFont(QFont(QStringLiteral("monospace")));
  rightSplit->addWidget(curves_);
  rightSplit->addWidget(log_);
  rightSplit->setStretchFactor(0, 3);
  rightSplit->setStretchFactor(1, 1);
  v->addWidget(rightSplit, 1);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 1);
  scroll->setMinimumWidth(340);
  splitter->setSizes({400, 800});

  connect(start_, &QPushButton::clicked, this, [this] { startRun(); });
  connect(pause_, &QPushButton::clicked, this, [this] {
    controller_->pause();
    updateButtons();
  });
  connect(resume_, &QPushButton::clicked, this, [this] {
    if (controller_->isActive()) {
      controller_->resume();
      updateButtons();
    } else {
      resumeRun(lastRunDir_);
    }
  });
  connect(stop_, &QPushButton::clicked, this, [this] { controller_->stop(); });
  connect(stopSave_, &QPushButton::clicked, this, [this] { controller_->stopAndSave(); });
  connect(controller_, &TrainingController::stepDone, this, &TrainPage::onStep);
  connect(controller_, &TrainingController::evalDone, this, [this](const EvalMetrics& m) { curves_->addEval(m); });
  connect(controller_, &TrainingController::stateChanged, this, &TrainPage::onState);
  connect(controller_, &TrainingController::logLine, this, &TrainPage::appendLog);
  connect(controller_, &TrainingController::finished, this, &TrainPage::onFinished);
  setTabOrder(start_, pause_);
  setTabOrder(pause_, resume_);
  setTabOrder(resume_, stopSave_);
  setTabOrder(stopSave_, stop_);
  retranslate();
  updateButtons();
}

// The estimate of the whole draft, off the GUI thread (reading the data takes a while on a large
// set; memory_estimate_view.h caches it per data setting).
void TrainPage::runEstimate() {
  const nlohmann::json doc = draft_->document();
  estimateJobs_->post<QString>(
      [doc, shapes = shapes_] {
        std::vector<ConfigProblem> problems;
        const RunConfig config = parseRunConfig(doc, {}, &problems);
        QString note;
        const std::optional<MemoryEstimate> m = estimateForRun(config, problems, *shapes, &note);
        if (!m) return QString();
        const QString line = memoryEstimateLine(*m);
        return m->fits() ? line : QStringLiteral("<span style=\"color:#d32f2f\">%1</span>").arg(line.toHtmlEscaped());
      },
      [this](JobResult<QString> r) { estimate_->setText(r.error.isEmpty() ? r.value : QString()); });
}

QString TrainPage::estimateText() const { return estimate_->text(); }
bool TrainPage::estimating() const { return estimateTimer_->isActive() || estimateJobs_->busy(); }

void TrainPage::retranslate() {
  start_->setText(tr("&Start"));
  start_->setToolTip(tr("Check the whole configuration and start a new run in the output folder"));
  pause_->setText(tr("&Pause"));
  pause_->setToolTip(tr("Hold the run after the current step (nothing is lost)"));
  resume_->setText(tr("&Resume"));
  resume_->setToolTip(tr("Continue a paused run, or a stopped one from its newest checkpoint"));
  stop_->setText(tr("S&top"));
  stop_->setToolTip(tr("End the run now; the newest checkpoint stays"));
  stopSave_->setText(tr("Stop and sa&ve"));
  stopSave_->setToolTip(tr("Write a checkpoint at this step, then end the run (resumable)"));
  progress_->setAccessibleName(tr("Training progress"));
  log_->setAccessibleName(tr("Training log"));
  binder_->retranslate();
}

void TrainPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

bool TrainPage::startRun() {
  if (controller_->isActive()) return false;
  const std::vector<ConfigProblem> problems = draft_->problems();
  binder_->refreshProblems();
  if (!problems.empty()) {
    QStringList lines;
    for (const ConfigProblem& p : problems) lines << QStringLiteral("• %1: %2").arg(QString::fromStdString(p.field), QString::fromStdString(p.message));
    showBanner(tr("Cannot start: fix these first\n%1").arg(lines.join(QLatin1Char('\n'))), true);
    return false;
  }
  const nlohmann::json doc = draft_->document();
  curves_->clear();
  log_->clear();
  lastRunDir_ = QString::fromStdString(stringOrDefault(doc, "output_dir", ""));
  if (!controller_->start(doc, false)) return false;
  showBanner(tr("Running in %1").arg(QDir::toNativeSeparators(lastRunDir_)), false);
  // The next Start must not collide with this run: propose a fresh folder next to it.
  draft_->set("output_dir", RunDraft::suggestOutputDir(QFileInfo(lastRunDir_).absolutePath(), RunDraft::methodLabel(doc)).toStdString());
  updateButtons();
  emit runStarted(lastRunDir_);
  return true;
}

bool TrainPage::resumeRun(const QString& runDir) {
  if (controller_->isActive() || runDir.isEmpty()) return false;
  nlohmann::json doc;
  try {
    doc = readJsonFile((QDir(runDir).filePath(QStringLiteral("run.json"))).toStdString());
  } catch (const std::exception& e) {
    showBanner(tr("Cannot resume: %1").arg(QString::fromUtf8(e.what())), true);
    return false;
  }
  lastRunDir_ = runDir;
  // Curves restart from the checkpoint's step: the trainer truncates metrics.jsonl to it.
  curves_->clear();
  if (!controller_->start(doc, true)) return false;
  showBanner(tr("Resuming %1").arg(QDir::toNativeSeparators(runDir)), false);
  updateButtons();
  emit runStarted(runDir);
  return true;
}

void TrainPage::onStep(const StepMetrics& m) {
  curves_->addStep(m);
  if (progress_->maximum() != m.totalSteps) progress_->setRange(0, static_cast<int>(m.totalSteps));
  progress_->setValue(static_cast<int>(m.step));
  const QLocale locale;
  QString text = tr("Step %1 / %2 · epoch %3 · loss %4 · %5 tokens/s · elapsed %6 · ETA %7")
                     .arg(m.step)
                     .arg(m.totalSteps)
                     .arg(m.epoch, 0, 'f', 2)
                     .arg(m.loss, 0, 'f', 4)
                     .arg(locale.toString(m.tokensPerSecond, 'f', 0))
                     .arg(duration(m.elapsedSeconds), duration(m.etaSeconds));
  if (m.gpuTotalBytes > 0) {
    constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
    text += tr(" · GPU memory %1 / %2 GiB")
                .arg(static_cast<double>(m.peakGpuBytes) / kGiB, 0, 'f', 1)
                .arg(static_cast<double>(m.gpuTotalBytes) / kGiB, 0, 'f', 1);
  }
  stats_->setText(text);
}

void TrainPage::onState(RunState state, const QString& detail) {
  lastState_ = state;
  if (state == RunState::Paused) showBanner(tr("Paused. Resume continues from this step."), false);
  if (state == RunState::Running && banner_->text().startsWith(tr("Paused"))) showBanner(tr("Running in %1").arg(lastRunDir_), false);
  if (!detail.isEmpty() && state != RunState::Running) appendLog(0, QStringLiteral("[%1] %2").arg(QString::fromLatin1(runStateName(state)), detail));
  updateButtons();
}

void TrainPage::onFinished(const RunOutcome& outcome) {
  lastState_ = outcome.state;
  lastRunResumable_ = outcome.state == RunState::Stopped || outcome.state == RunState::Failed;
  switch (outcome.state) {
    case RunState::Finished:
      showBanner(tr("Finished: %1 steps, final loss %2. Result in %3")
                     .arg(outcome.steps)
                     .arg(outcome.finalLoss, 0, 'f', 4)
                     .arg(QDir::toNativeSeparators(outcome.resultFolder)),
                 false);
      break;
    case RunState::Stopped:
      showBanner(tr("Stopped at step %1. Resume continues from the newest checkpoint.").arg(outcome.steps), false);
      break;
    default:
      showBanner(tr("Failed: %1").arg(outcome.error), true);
      appendLog(2, outcome.error);
      break;
  }
  updateButtons();
  emit runFinished(lastRunDir_, outcome.state);
}

void TrainPage::appendLog(int level, const QString& line) {
  const QString prefix = level == static_cast<int>(LogLevel::Warning) ? tr("warning: ") : level == static_cast<int>(LogLevel::Error) ? tr("error: ") : QString();
  log_->appendPlainText(prefix + line);
}

void TrainPage::updateButtons() {
  const bool active = controller_->isActive();
  const bool paused = controller_->isPaused();
  start_->setEnabled(!active);
  pause_->setEnabled(active && !paused);
  resume_->setEnabled((active && paused) || (!active && lastRunResumable_ && !lastRunDir_.isEmpty()));
  stop_->setEnabled(active);
  stopSave_->setEnabled(active);
  binder_->setEnabled(!active);
}

void TrainPage::showBanner(const QString& text, bool error) {
  banner_->setText(text);
  banner_->setStyleSheet(error ? QStringLiteral("color: white; background: #b3261e; padding: 6px; border-radius: 4px;")
                               : QStringLiteral("padding: 6px; border: 1px solid palette(mid); border-radius: 4px;"));
  banner_->setVisible(!text.isEmpty());
}

QString TrainPage::bannerText() const { return banner_->isVisible() ? banner_->text() : QString(); }
QString TrainPage::logText() const { return log_->toPlainText(); }

}  // namespace peftdesk::ui
