// Live training curves (QCustomPlot): loss raw and smoothed, eval loss (top), learning rate and
// grad norm (bottom, two y-axes); x by step, epoch, tokens or time; linear or log loss axis; drag
// to pan, wheel to zoom, Fit to follow the data again. New points are appended as they come and
// the plot is redrawn by a 10 Hz timer only when something changed, so a fast run never floods
// the event loop.
#pragma once

#include <QWidget>

#include "metrics_series.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QLabel;
class QPushButton;
class QSlider;
class QTimer;

namespace peftdesk::ui {

class CurvesWidget : public QWidget {
  Q_OBJECT
 public:
  explicit CurvesWidget(QWidget* parent = nullptr);

  void clear();
  void addStep(const StepMetrics& m);
  void addEval(const EvalMetrics& m);
  // A metrics.jsonl row (training or evaluation) of a run folder.
  void addRow(const nlohmann::json& row);
  // Replaces everything with a run folder's metrics rows.
  void setSeries(const MetricsSeries& series);

  const MetricsSeries& series() const { return series_; }
  // Points currently in the plot's graphs (tests and accessibility).
  // Whether the legend lies over either panel's plotting area (it must not hide a curve).
  bool legendCoversCurves() const;
  int plottedPoints(const QString& curve) const;  // "loss", "smoothed", "eval", "lr", "grad_norm"
  QCustomPlot* plot() const { return plot_; }
  int replotCount() const { return replots_; }
  void setXAxis(XAxis axis);
  void setLogScale(bool on);
  void setSmoothing(double weight);
  void retranslate();

 protected:
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void rebuild();
  void appendTrain(const TrainPoint& p);
  void appendEval(const EvalPoint& p);
  void fit();
  void wrapLegend();
  void flush();

  MetricsSeries series_;
  XAxis xAxis_ = XAxis::Step;
  double smoothing_ = 0.6;
  EmaSmoother ema_{0.6};
  bool follow_ = true;
  bool dirty_ = false;
  int replots_ = 0;

  QCustomPlot* plot_;
  QCPAxisRect* lossRect_;
  QCPAxisRect* rateRect_;
  QCPGraph* loss_;
  QCPGraph* smooth_;
  QCPGraph* eval_;
  QCPGraph* lr_;
  QCPGraph* grad_;
  QTimer* replotTimer_;
  QCheckBox* showLoss_;
  QCheckBox* showSmooth_;
  QCheckBox* showEval_;
  QCheckBox* showLr_;
  QCheckBox* showGrad_;
  QCheckBox* logScale_;
  QComboBox* xCombo_;
  QLabel* xLabel_;
  QLabel* smoothLabel_;
  QSlider* smoothSlider_;
  QPushButton* fitButton_;
};

}  // namespace peftdesk::ui
