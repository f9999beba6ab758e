// The Train page: hyper-parameters (bound to the RunDraft, validated inline by the core's own
// parser), the run dashboard (a Qt Quick view: state, model and data, Start / Pause / Resume /
// Stop-and-save / Stop, progress, loss and its trend, speed, time, memory, evaluation,
// checkpoints), the run's estimated peak memory (red when it does not fit the device), live
// curves and a log console. Start / Pause / ... are this page's QActions (keyboard shortcuts,
// enabled states); the dashboard's buttons trigger them. Training runs on the controller's worker
// thread; this page only receives queued value-type signals.
#pragma once

#include <QWidget>
#include <memory>

#include "memory_estimate_view.h"
#include "peftdesk/trainer.h"
#include "training_worker.h"

class QAction;
class QLabel;
class QPlainTextEdit;
class QScrollArea;
class QTimer;

namespace peftdesk::ui {

class CurvesWidget;
class BackgroundQueue;
class FormBinder;
class QuickPanel;
class RunDashboard;
class RunDraft;
class TrainingController;

class TrainPage : public QWidget {
  Q_OBJECT
 public:
  TrainPage(RunDraft* draft, TrainingController* controller, QWidget* parent = nullptr);

  FormBinder* binder() const { return binder_; }
  CurvesWidget* curves() const { return curves_; }
  RunDashboard* dashboard() const { return dashboard_; }
  QuickPanel* dashboardView() const { return dashboardView_; }
  QAction* startAction() const { return start_; }
  QAction* pauseAction() const { return pause_; }
  QAction* resumeAction() const { return resume_; }
  QAction* stopAction() const { return stop_; }
  QAction* stopAndSaveAction() const { return stopSave_; }
  QString bannerText() const;
  // One line: the run's estimated peak memory against what its device has (red when it does not fit).
  QString estimateText() const;
  bool estimating() const;
  QString logText() const;
  QString lastRunDir() const { return lastRunDir_; }

  // Starts a run of the draft; false (with the reasons in the banner) when the form has problems.
  bool startRun();
  // Continues the run in `runDir` from its newest checkpoint.
  bool resumeRun(const QString& runDir);
  // The Model page's error for the folder it was asked to open ("" when it opened): Start is
  // refused while there is one, since the form still names the previous model.
  void setModelProblem(const QString& problem);

 signals:
  void runStarted(const QString& runDir);
  void runFinished(const QString& runDir, peftdesk::RunState state);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void fitFormWidth();
  void showPlan();
  QStringList startProblems() const;
  void refreshValidationBanner();
  void confirmStop();
  void showHistory(const RunStart& start);
  void onStep(const StepMetrics& m);
  void onState(RunState state, const QString& detail);
  void onFinished(const RunOutcome& outcome);
  void appendLog(int level, const QString& line);
  void updateButtons();
  void showBanner(const QString& text, bool error);
  void runEstimate();

  RunDraft* draft_;
  TrainingController* controller_;
  FormBinder* binder_;
  QScrollArea* formScroll_ = nullptr;
  CurvesWidget* curves_;
  QLabel* banner_;
  QLabel* estimate_;
  QTimer* estimateTimer_;
  BackgroundQueue* estimateJobs_;
  std::shared_ptr<DataShapeCache> shapes_ = std::make_shared<DataShapeCache>();
  QPlainTextEdit* log_;
  QAction* start_;
  QAction* pause_;
  QAction* resume_;
  QAction* stop_;
  QAction* stopSave_;
  RunDashboard* dashboard_;
  QuickPanel* dashboardView_;
  QString lastRunDir_;
  QString modelProblem_;
  bool validationBanner_ = false;  // the banner lists why Start was refused: it follows the form
  RunState lastState_ = RunState::Finished;
  bool lastRunResumable_ = false;
};

}  // namespace peftdesk::ui
