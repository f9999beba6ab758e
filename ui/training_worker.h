// Training off the GUI thread (DESIGN.md §4). A TrainingWorker lives on a QThread owned by the
// TrainingController and runs core's runTraining; the core's plain C++ observer is turned into
// queued signals carrying value types. The worker's run() is the one catch boundary: nothing
// thrown by the core escapes into Qt's event loop.
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <memory>
#include <nlohmann/json.hpp>

#include "peftdesk/trainer.h"

Q_DECLARE_METATYPE(peftdesk::StepMetrics)
Q_DECLARE_METATYPE(peftdesk::EvalMetrics)
Q_DECLARE_METATYPE(peftdesk::RunState)
Q_DECLARE_METATYPE(peftdesk::RunStart)

namespace peftdesk::ui {

struct RunOutcome {
  RunState state = RunState::Failed;
  qint64 steps = 0;
  double finalLoss = 0;
  QString resultFolder;
  QString error;  // the reason when state == Failed (also when the run could not start)
};

class TrainingWorker : public QObject {
  Q_OBJECT
 public:
  explicit TrainingWorker(std::shared_ptr<TrainControl> control);

 public slots:
  // `document` is a RUN.json; `sourceFile` the file it came from (relative paths), may be empty.
  void run(const QString& documentJson, const QString& sourceFile, bool resume);

 signals:
  void stateChanged(peftdesk::RunState state, const QString& detail);
  void logLine(int level, const QString& line);  // level: LogLevel as int
  void trainingBegan(const peftdesk::RunStart& start);
  void stepDone(const peftdesk::StepMetrics& metrics);
  void evalDone(const peftdesk::EvalMetrics& metrics);
  void checkpointSaved(qint64 step, const QString& folder);
  void finished(const peftdesk::ui::RunOutcome& outcome);

 private:
  std::shared_ptr<TrainControl> control_;
};

}  // namespace peftdesk::ui

Q_DECLARE_METATYPE(peftdesk::ui::RunOutcome)
