// See training_worker.h.
#include "training_worker.h"

#include <exception>

#include "peftdesk/allocator_tuning.h"
#include "peftdesk/error.h"
#include "error_text.h"

namespace peftdesk::ui {
namespace {

// Runs on the worker thread; every signal it emits is queued to the GUI thread.
class SignalObserver : public TrainObserver {
 public:
  explicit SignalObserver(TrainingWorker* worker) : worker_(worker) {}
  void onState(RunState state, const std::string& detail) override {
    emit worker_->stateChanged(state, QString::fromStdString(detail));
  }
  void onLog(LogLevel level, const std::string& line) override {
    emit worker_->logLine(static_cast<int>(level), QString::fromStdString(line));
  }
  void onStart(const RunStart& start) override { emit worker_->trainingBegan(start); }
  void onStep(const StepMetrics& m) override { emit worker_->stepDone(m); }
  void onEval(const EvalMetrics& m) override { emit worker_->evalDone(m); }
  void onCheckpoint(int64_t step, const std::filesystem::path& folder) override {
    emit worker_->checkpointSaved(step, QString::fromStdString(folder.string()));
  }

 private:
  TrainingWorker* worker_;
};

}  // namespace

TrainingWorker::TrainingWorker(std::shared_ptr<TrainControl> control) : control_(std::move(control)) {}

void TrainingWorker::run(const QString& documentJson, const QString& sourceFile, bool resume) {
  RunOutcome out;
  try {
    const nlohmann::json doc = nlohmann::json::parse(documentJson.toStdString());
    std::vector<ConfigProblem> problems;
    const RunConfig config = parseRunConfig(doc, sourceFile.toStdString(), &problems);
    if (!problems.empty()) {
      QStringList lines;
      for (const auto& p : problems) lines << QString::fromStdString(p.field + ": " + p.message);
      throw Error(ErrorCategory::Config, lines.join(QLatin1Char('\n')).toStdString());
    }
    SignalObserver observer(this);
    const TrainResult r = runTraining(config, resume ? StartMode::Resume : StartMode::Fresh, observer, *control_);
    out.state = r.state;
    out.steps = r.steps;
    out.finalLoss = r.finalLoss;
    out.resultFolder = QString::fromStdString(r.resultFolder.string());
    out.error = QString::fromStdString(r.error);
  } catch (const std::exception& e) {
    out.state = RunState::Failed;
    out.error = errorText(e);
  }
  releaseFreedMemory();  // the run's tensors are gone: give their memory back (allocator_tuning.h)
  emit finished(out);
}

}  // namespace peftdesk::ui
