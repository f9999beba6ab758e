// Owns the training thread (DESIGN.md §4): starts one run at a time on a fresh QThread with a
// TrainingWorker, flips the core's TrainControl atomics for pause / resume / stop /
// stop-and-save, relays the worker's queued signals, and shuts down by request-stop, quit, wait.
#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <nlohmann/json.hpp>

#include "training_worker.h"

class QThread;

namespace peftdesk::ui {

class TrainingController : public QObject {
  Q_OBJECT
 public:
  explicit TrainingController(QObject* parent = nullptr);
  ~TrainingController() override;

  bool isActive() const { return thread_ != nullptr; }
  bool isPaused() const;
  QString outputDir() const { return outputDir_; }

  // Starts a run of `document` (a RUN.json). Returns false when one is already running.
  bool start(const nlohmann::json& document, bool resume, const QString& sourceFile = {});
  void pause();
  void resume();
  void stop();
  void stopAndSave();
  // Stop-and-save, then wait until the worker returned (window close). Returns false on timeout.
  bool shutdown(int timeoutMs);

 signals:
  void started(const QString& outputDir);
  void stateChanged(peftdesk::RunState state, const QString& detail);
  void logLine(int level, const QString& line);
  void trainingBegan(const peftdesk::RunStart& start);  // the model is loaded: the device and the first step
  void stepDone(const peftdesk::StepMetrics& metrics);
  void evalDone(const peftdesk::EvalMetrics& metrics);
  void checkpointSaved(qint64 step, const QString& folder);
  void finished(const peftdesk::ui::RunOutcome& outcome);

 private:
  void cleanup();

  QThread* thread_ = nullptr;
  std::shared_ptr<TrainControl> control_;
  QString outputDir_;
};

}  // namespace peftdesk::ui
