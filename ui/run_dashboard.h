// The run dashboard's data (issue 20): what the Train page's QML dashboard (ui/qml/RunDashboard.qml)
// shows, as properties of one QObject fed by the training controller's signals. Every figure is
// formatted here, in C++ and with tr(), so the QML file only lays them out (no logic in QML) and a
// test can compare each text with the run's own metrics. The actions are the Train page's
// QActions, handed to QML as objects: their enabled state and their handlers stay in one place.
#pragma once

#include <QObject>
#include <QString>
#include <deque>

#include "peftdesk/trainer.h"

class QAction;
class QTimer;

namespace peftdesk::ui {

class RunDashboard : public QObject {
  Q_OBJECT
  Q_PROPERTY(QString stateKey READ stateKey NOTIFY changed)  // idle, preparing, running, paused, finished, stopped, failed
  Q_PROPERTY(QString stateText READ stateText NOTIFY changed)
  Q_PROPERTY(QString planText READ planText NOTIFY changed)  // the model and data the next (or this) run uses
  Q_PROPERTY(QString deviceText READ deviceText NOTIFY changed)
  Q_PROPERTY(qint64 step READ step NOTIFY changed)
  Q_PROPERTY(qint64 totalSteps READ totalSteps NOTIFY changed)
  Q_PROPERTY(double progress READ progress NOTIFY changed)  // 0..1
  Q_PROPERTY(QString stepText READ stepText NOTIFY changed)
  Q_PROPERTY(QString epochText READ epochText NOTIFY changed)
  Q_PROPERTY(QString lossText READ lossText NOTIFY changed)
  Q_PROPERTY(int trend READ trend NOTIFY changed)  // -1 falling, 0 flat or unknown, +1 rising
  Q_PROPERTY(QString trendText READ trendText NOTIFY changed)
  Q_PROPERTY(QString speedText READ speedText NOTIFY changed)
  Q_PROPERTY(QString elapsedText READ elapsedText NOTIFY changed)
  Q_PROPERTY(QString etaText READ etaText NOTIFY changed)
  Q_PROPERTY(double ramFraction READ ramFraction NOTIFY changed)
  Q_PROPERTY(QString ramText READ ramText NOTIFY changed)
  Q_PROPERTY(bool hasGpu READ hasGpu NOTIFY changed)
  Q_PROPERTY(double gpuFraction READ gpuFraction NOTIFY changed)
  Q_PROPERTY(QString gpuText READ gpuText NOTIFY changed)
  Q_PROPERTY(QString evalText READ evalText NOTIFY changed)
  Q_PROPERTY(QString checkpointText READ checkpointText NOTIFY changed)
  Q_PROPERTY(QObject* startAction READ startAction CONSTANT)
  Q_PROPERTY(QObject* pauseAction READ pauseAction CONSTANT)
  Q_PROPERTY(QObject* resumeAction READ resumeAction CONSTANT)
  Q_PROPERTY(QObject* stopAndSaveAction READ stopAndSaveAction CONSTANT)
  Q_PROPERTY(QObject* stopAction READ stopAction CONSTANT)

 public:
  struct Actions {
    QAction* start = nullptr;
    QAction* pause = nullptr;
    QAction* resume = nullptr;
    QAction* stopAndSave = nullptr;
    QAction* stop = nullptr;
  };
  // How many logged steps each side of the loss trend's comparison holds (at most).
  static constexpr int kTrendWindowSteps = 25;
  // A smaller change of the mean loss between the two windows reads as flat.
  static constexpr double kFlatPercent = 5.0;

  RunDashboard(Actions actions, QObject* parent);

  // The model and data the form names (display names); `modelRefused`: the Model page could not
  // open the folder last chosen, so the form's model is not the user's choice.
  void setPlan(const QString& model, const QString& data, bool modelRefused);
  // A run is about to start (fresh or resumed): every figure of the previous one goes.
  void beginRun(bool resumed);
  void onTrainingBegan(const RunStart& start);
  void onStep(const StepMetrics& m);
  void onEval(const EvalMetrics& m);
  void onCheckpoint(qint64 step);
  void onState(RunState state);
  // Reads this process's resident memory now (also every second while a run is active).
  void sampleMemory();
  void retranslate();

  QString stateKey() const { return stateKey_; }
  QString stateText() const;
  QString planText() const { return planText_; }
  QString deviceText() const { return device_; }
  qint64 step() const { return step_; }
  qint64 totalSteps() const { return totalSteps_; }
  double progress() const { return totalSteps_ > 0 ? static_cast<double>(step_) / static_cast<double>(totalSteps_) : 0.0; }
  QString stepText() const;
  QString epochText() const;
  QString lossText() const;
  int trend() const { return trend_; }
  QString trendText() const { return trendText_; }
  QString speedText() const;
  QString elapsedText() const;
  QString etaText() const;
  double ramFraction() const;
  QString ramText() const;
  bool hasGpu() const { return gpuTotalBytes_ > 0; }
  double gpuFraction() const;
  QString gpuText() const;
  QString evalText() const;
  QString checkpointText() const;
  QObject* startAction() const;
  QObject* pauseAction() const;
  QObject* resumeAction() const;
  QObject* stopAndSaveAction() const;
  QObject* stopAction() const;

 signals:
  void changed();

 private:
  void resetFigures(const QString& stateKey, bool resumed);
  void updateTrend();

  Actions actions_;
  QTimer* memoryTimer_;
  QString stateKey_ = QStringLiteral("idle");
  QString planModel_, planData_, planText_;
  bool modelRefused_ = false;
  QString device_;
  qint64 step_ = 0, totalSteps_ = 0, resumedFrom_ = -1;
  bool haveStep_ = false;
  StepMetrics last_;
  std::deque<double> recentLosses_;  // the last 2 x kTrendWindowSteps logged losses
  int trend_ = 0;
  QString trendText_;
  quint64 ramBytes_ = 0, machineBytes_ = 0;
  quint64 gpuPeakBytes_ = 0, gpuTotalBytes_ = 0;
  bool haveEval_ = false;
  EvalMetrics lastEval_;
  int checkpoints_ = 0;
  qint64 lastCheckpointStep_ = 0;
};

// An action's text as a button label without its mnemonic: "&Start" → "Start", "开始(&S)" → "开始".
QString withoutMnemonic(QString text);

// "1:05" or "2:03:09": the dashboard's and the log's durations.
QString durationText(double seconds);

}  // namespace peftdesk::ui
