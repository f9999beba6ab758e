// See train_page.h.
#include "train_page.h"

#include <QAction>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include "app_settings.h"
#include "background_queue.h"
#include "curves_widget.h"
#include "device_box.h"
#include "error_text.h"
#include "field_tables.h"
#include "form_binder.h"
#include "memory_estimate_view.h"
#include "metrics_tailer.h"
#include "model_page.h"
#include "peftdesk/json_file.h"
#include "quick_panel.h"
#include "run_dashboard.h"
#include "run_draft.h"
#include "training_controller.h"

namespace peftdesk::ui {
namespace {

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

  // Right: the run dashboard (Qt Quick), the estimate, a banner, curves and the log.
  auto* right = new QWidget(splitter);
  auto* v = new QVBoxLayout(right);
  auto action = [this](const char* shortcut) {
    auto* a = new QAction(this);
    a->setShortcut(QKeySequence(QString::fromLatin1(shortcut)));
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(a);
    return a;
  };
  start_ = action("Alt+S");
  pause_ = action("Alt+P");
  resume_ = action("Alt+R");
  stopSave_ = action("Alt+A");  // Alt+V is the View menu
  stop_ = action("Alt+T");
  dashboard_ = new RunDashboard({start_, pause_, resume_, stopSave_, stop_}, this);
  dashboardView_ = new QuickPanel(QStringLiteral("qrc:/qml/RunDashboard.qml"), {{QStringLiteral("dashboard"), dashboard_}}, right);
  dashboardView_->setObjectName(QStringLiteral("train_dashboard"));
  v->addWidget(dashboardView_);
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
  connect(draft_, &RunDraft::changed, this, [this] {
    showPlan();
    if (validationBanner_) refreshValidationBanner();
  });
  connect(draft_, &RunDraft::reset, this, [this] {
    showPlan();
    if (validationBanner_) refreshValidationBanner();
  });
  connect(draft_, &RunDraft::reset, estimateTimer_, qOverload<>(&QTimer::start));
  estimateTimer_->start();
  banner_ = new QLabel(right);
  banner_->setWordWrap(true);
  banner_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  banner_->hide();
  v->addWidget(banner_);
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
  formScroll_ = scroll;
  fitFormWidth();
  splitter->setSizes({400, 800});

  connect(start_, &QAction::triggered, this, [this] { startRun(); });
  connect(pause_, &QAction::triggered, this, [this] {
    controller_->pause();
    updateButtons();
  });
  connect(resume_, &QAction::triggered, this, [this] {
    if (controller_->isActive()) {
      controller_->resume();
      updateButtons();
    } else {
      resumeRun(lastRunDir_);
    }
  });
  connect(stop_, &QAction::triggered, this, &TrainPage::confirmStop);
  connect(stopSave_, &QAction::triggered, this, [this] { controller_->stopAndSave(); });
  connect(controller_, &TrainingController::stepDone, this, &TrainPage::onStep);
  connect(controller_, &TrainingController::evalDone, this, [this](const EvalMetrics& m) {
    curves_->addEval(m);
    dashboard_->onEval(m);
  });
  connect(controller_, &TrainingController::trainingBegan, dashboard_, &RunDashboard::onTrainingBegan);
  connect(controller_, &TrainingController::trainingBegan, this, &TrainPage::showHistory);
  connect(controller_, &TrainingController::checkpointSaved, dashboard_, [this](qint64 step) { dashboard_->onCheckpoint(step); });
  connect(controller_, &TrainingController::stateChanged, this, &TrainPage::onState);
  connect(controller_, &TrainingController::logLine, this, &TrainPage::appendLog);
  connect(controller_, &TrainingController::finished, this, &TrainPage::onFinished);
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
  stop_->setToolTip(tr("End the run without saving the steps since the newest checkpoint (asks first)"));
  stopSave_->setText(tr("Stop &and save"));
  stopSave_->setToolTip(tr("Write a checkpoint and the adapter at this step, then end the run (resumable)"));
  for (QAction* a : {start_, pause_, resume_, stop_, stopSave_}) a->setIconText(withoutMnemonic(a->text()));  // the dashboard's labels
  log_->setAccessibleName(tr("Training log"));
  binder_->retranslate();
  showPlan();
  if (validationBanner_) refreshValidationBanner();
}

// Wide enough for the form's labels and fields side by side: it scrolls down, never sideways.
void TrainPage::fitFormWidth() {
  const QWidget* form = formScroll_->widget();
  formScroll_->setMinimumWidth(form->minimumSizeHint().width() + formScroll_->verticalScrollBar()->sizeHint().width() + 2 * formScroll_->frameWidth());
}

void TrainPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    // Once the form's own labels have their new texts (their LanguageChange events are queued too).
    QTimer::singleShot(0, this, &TrainPage::fitFormWidth);
  }
  QWidget::changeEvent(event);
}

// The model and data the next run uses, from the form (and the Model page's verdict on the folder).
void TrainPage::showPlan() {
  const nlohmann::json model = draft_->value("model.path");
  const nlohmann::json data = draft_->value("data.path");
  const nlohmann::json dataset = draft_->value("data.dataset");
  const QString modelName = model.is_string() && !model.get<std::string>().empty() ? modelDisplayName(QString::fromStdString(model.get<std::string>())) : QString();
  QString dataName = data.is_string() ? QFileInfo(QString::fromStdString(data.get<std::string>())).fileName() : QString();
  if (!dataName.isEmpty() && dataset.is_string()) dataName += QStringLiteral(" ▸ ") + QString::fromStdString(dataset.get<std::string>());
  dashboard_->setPlan(modelName, dataName, !modelProblem_.isEmpty());
}

void TrainPage::setModelProblem(const QString& problem) {
  modelProblem_ = problem;
  showPlan();
  if (validationBanner_) refreshValidationBanner();
}

// Why Start is refused, one line per reason (the form labels and the Model page's error); empty
// when it may start.
QStringList TrainPage::startProblems() const {
  QStringList lines;
  if (!modelProblem_.isEmpty()) lines << tr("• Model page: %1").arg(modelProblem_);
  for (const ConfigProblem& p : draft_->problems()) lines << QStringLiteral("• %1: %2").arg(formLabel(p.field), QString::fromStdString(p.message));
  return lines;
}

// A "cannot start" banner follows the form: it lists what is still wrong and goes once nothing is.
void TrainPage::refreshValidationBanner() {
  const QStringList lines = startProblems();
  if (lines.isEmpty()) {
    validationBanner_ = false;
    showBanner(QString(), false);
    return;
  }
  showBanner(tr("Cannot start: fix these first\n%1").arg(lines.join(QLatin1Char('\n'))), true);
  validationBanner_ = true;
}

bool TrainPage::startRun() {
  if (controller_->isActive()) return false;
  binder_->refreshProblems();
  if (!startProblems().isEmpty()) {
    refreshValidationBanner();
    return false;
  }
  const nlohmann::json doc = draft_->document();
  curves_->clear();
  log_->clear();
  lastRunDir_ = QString::fromStdString(stringOrDefault(doc, "output_dir", ""));
  lastRunResumable_ = false;
  dashboard_->beginRun(false);
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
    showBanner(tr("Cannot resume: %1").arg(errorText(e)), true);
    return false;
  }
  lastRunDir_ = runDir;
  lastRunResumable_ = false;
  // The curves show the run's history up to the checkpoint once the trainer reports the start.
  curves_->clear();
  dashboard_->beginRun(true);
  if (!controller_->start(doc, true)) return false;
  showBanner(tr("Resuming %1").arg(QDir::toNativeSeparators(runDir)), false);
  updateButtons();
  emit runStarted(runDir);
  return true;
}

// A resumed run's curves start with its history: the trainer has cut metrics.jsonl back to the
// checkpoint's step when it reports the start, so the file holds exactly the steps before the
// live ones.
void TrainPage::showHistory(const RunStart& start) {
  if (!start.resumed) return;
  curves_->clear();
  MetricsTailer history(QDir(lastRunDir_).filePath(QStringLiteral("metrics.jsonl")));
  bool restarted = false;
  for (const nlohmann::json& row : history.poll(&restarted)) {
    if (integerOrDefault(row, "step", start.step + 1) <= start.step) curves_->addRow(row);
  }
}

void TrainPage::onStep(const StepMetrics& m) {
  curves_->addStep(m);
  dashboard_->onStep(m);
}

// Stop without saving loses the steps since the newest checkpoint and writes no adapter: it asks,
// offering Stop-and-save as the default (decision 40).
void TrainPage::confirmStop() {
  if (!controller_->isActive()) return;
  QMessageBox box(QMessageBox::Question, tr("Stop without saving?"),
                  tr("Stop now and lose the steps since the newest checkpoint? No adapter is written; Resume continues from that "
                     "checkpoint.\n\nStop and save writes a checkpoint and the adapter at this step instead."),
                  QMessageBox::NoButton, this);
  box.setObjectName(QStringLiteral("confirm_stop"));
  QPushButton* save = box.addButton(tr("Stop and save"), QMessageBox::AcceptRole);
  QPushButton* discard = box.addButton(tr("Stop without saving"), QMessageBox::DestructiveRole);
  box.addButton(tr("Keep training"), QMessageBox::RejectRole);
  box.setDefaultButton(save);
  box.exec();
  if (!controller_->isActive()) return;  // the run ended while the question was open
  if (box.clickedButton() == save) controller_->stopAndSave();
  if (box.clickedButton() == discard) controller_->stop();
}

void TrainPage::onState(RunState state, const QString& detail) {
  lastState_ = state;
  dashboard_->onState(state);
  if (state == RunState::Paused) showBanner(tr("Paused. Resume continues from this step."), false);
  if (state == RunState::Running && banner_->text().startsWith(tr("Paused"))) showBanner(tr("Running in %1").arg(lastRunDir_), false);
  if (!detail.isEmpty() && state != RunState::Running) appendLog(0, QStringLiteral("[%1] %2").arg(QString::fromLatin1(runStateName(state)), detail));
  updateButtons();
}

void TrainPage::onFinished(const RunOutcome& outcome) {
  lastState_ = outcome.state;
  // A run that failed before its folder became a run (the data or the model refused at the start)
  // has nothing to resume; the dashboard shows the failure, not figures of an earlier run.
  const bool isRun = QFileInfo::exists(QDir(lastRunDir_).filePath(QStringLiteral("run.json")));
  lastRunResumable_ = isRun && (outcome.state == RunState::Stopped || outcome.state == RunState::Failed);
  dashboard_->onState(outcome.state);
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
  validationBanner_ = false;
  banner_->setText(text);
  banner_->setStyleSheet(error ? QStringLiteral("color: white; background: #b3261e; padding: 6px; border-radius: 4px;")
                               : QStringLiteral("padding: 6px; border: 1px solid palette(mid); border-radius: 4px;"));
  banner_->setVisible(!text.isEmpty());
}

QString TrainPage::bannerText() const { return banner_->isVisible() ? banner_->text() : QString(); }
QString TrainPage::logText() const { return log_->toPlainText(); }

}  // namespace peftdesk::ui
