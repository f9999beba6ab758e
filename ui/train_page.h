// The Train page: hyper-parameters (bound to the RunDraft, validated inline by the core's own
// parser), Start / Pause / Resume / Stop / Stop-and-save, a progress bar with step, tokens/s and
// ETA, live curves and a log console; above them the run's estimated peak memory (red when it
// does not fit the device). Training runs on the controller's worker thread; this page
// only receives queued value-type signals.
#pragma once

#include <QWidget>
#include <memory>

#include "memory_estimate_view.h"
#include "peftdesk/trainer.h"
#include "training_worker.h"

class QLabel;
class QTimer;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace peftdesk::ui {

class CurvesWidget;
class BackgroundQueue;
class FormBinder;
class RunDraft;
class TrainingController;

class TrainPage : public QWidget {
  Q_OBJECT
 public:
  TrainPage(RunDraft* draft, TrainingController* controller, QWidget* parent = nullptr);

  FormBinder* binder() const { return binder_; }
  CurvesWidget* curves() const { return curves_; }
  QProgressBar* progressBar() const { return progress_; }
  QPushButton* startButton() const { return start_; }
  QPushButton* pauseButton() const { return pause_; }
  QPushButton* resumeButton() const { return resume_; }
  QPushButton* stopButton() const { return stop_; }
  QPushButton* stopAndSaveButton() const { return stopSave_; }
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

 signals:
  void runStarted(const QString& runDir);
  void runFinished(const QString& runDir, peftdesk::RunState state);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
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
  CurvesWidget* curves_;
  QLabel* banner_;
  QLabel* estimate_;
  QTimer* estimateTimer_;
  BackgroundQueue* estimateJobs_;
  std::shared_ptr<DataShapeCache> shapes_ = std::make_shared<DataShapeCache>();
  QLabel* stats_;
  QProgressBar* progress_;
  QPlainTextEdit* log_;
  QPushButton* start_;
  QPushButton* pause_;
  QPushButton* resume_;
  QPushButton* stop_;
  QPushButton* stopSave_;
  QString lastRunDir_;
  RunState lastState_ = RunState::Finished;
  bool lastRunResumable_ = false;
};

}  // namespace peftdesk::ui
