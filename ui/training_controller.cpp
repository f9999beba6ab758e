// See training_controller.h.
#include "training_controller.h"
#include "peftdesk/json_file.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

namespace peftdesk::ui {

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
  qRegisterMetaType<peftdesk::StepMetrics>();
  qRegisterMetaType<peftdesk::EvalMetrics>();
  qRegisterMetaType<peftdesk::RunState>();
  qRegisterMetaType<peftdesk::RunStart>();
  qRegisterMetaType<peftdesk::ui::RunOutcome>();
}

TrainingController::~TrainingController() {
  if (thread_) {
    control_->requestStop(StopRequest::StopAndSave);
    control_->pause.store(false);
    thread_->quit();
    thread_->wait();
  }
}

bool TrainingController::isPaused() const { return control_ && control_->pause.load(); }

bool TrainingController::start(const nlohmann::json& document, bool resume, const QString& sourceFile) {
  if (thread_) return false;
  control_ = std::make_shared<TrainControl>();
  outputDir_ = QString::fromStdString(stringOrDefault(document, "output_dir", ""));
  thread_ = new QThread(this);
  thread_->setObjectName(QStringLiteral("training"));
  auto* worker = new TrainingWorker(control_);
  worker->moveToThread(thread_);
  connect(thread_, &QThread::finished, worker, &QObject::deleteLater);
  connect(worker, &TrainingWorker::stateChanged, this, &TrainingController::stateChanged);
  connect(worker, &TrainingWorker::logLine, this, &TrainingController::logLine);
  connect(worker, &TrainingWorker::trainingBegan, this, &TrainingController::trainingBegan);
  connect(worker, &TrainingWorker::stepDone, this, &TrainingController::stepDone);
  connect(worker, &TrainingWorker::evalDone, this, &TrainingController::evalDone);
  connect(worker, &TrainingWorker::checkpointSaved, this, &TrainingController::checkpointSaved);
  connect(worker, &TrainingWorker::finished, this, [this](const RunOutcome& outcome) {
    cleanup();
    emit finished(outcome);
  });
  thread_->start();
  QMetaObject::invokeMethod(worker, "run", Qt::QueuedConnection, Q_ARG(QString, QString::fromStdString(document.dump())),
                            Q_ARG(QString, sourceFile), Q_ARG(bool, resume));
  emit started(outputDir_);
  return true;
}

void TrainingController::pause() {
  if (control_) control_->pause.store(true);
}

void TrainingController::resume() {
  if (control_) control_->pause.store(false);
}

void TrainingController::stop() {
  if (!control_) return;
  control_->requestStop(StopRequest::Stop);
  control_->pause.store(false);
}

void TrainingController::stopAndSave() {
  if (!control_) return;
  control_->requestStop(StopRequest::StopAndSave);
  control_->pause.store(false);
}

bool TrainingController::shutdown(int timeoutMs) {
  if (!thread_) return true;
  stopAndSave();
  // The worker's finished signal is queued to this thread: spin a local loop until it arrives.
  QEventLoop loop;
  connect(this, &TrainingController::finished, &loop, &QEventLoop::quit);
  QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
  if (thread_) loop.exec();
  return thread_ == nullptr;
}

void TrainingController::cleanup() {
  if (!thread_) return;
  thread_->quit();
  thread_->wait();
  thread_->deleteLater();
  thread_ = nullptr;
  control_.reset();
}

}  // namespace peftdesk::ui
