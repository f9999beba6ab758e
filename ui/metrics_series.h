// The numbers behind the live curves of one run: training points (loss, learning rate, grad norm)
// and evaluation points, each placeable on any x-axis (step, epoch, tokens, seconds). Fed either
// by the in-process trainer's signals or by metrics.jsonl rows of a run folder (a run started
// from the CLI), so both look the same. Plus the loss smoothing the plot offers.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "peftdesk/trainer.h"

namespace peftdesk::ui {

enum class XAxis { Step, Epoch, Tokens, Time };

struct TrainPoint {
  double step = 0, epoch = 0, tokens = 0, seconds = 0;
  double loss = 0, learningRate = 0, gradNorm = 0;
};

struct EvalPoint {
  double step = 0, epoch = 0, tokens = 0, seconds = 0;
  double loss = 0;
};

struct MetricsSeries {
  std::vector<TrainPoint> train;
  std::vector<EvalPoint> eval;

  void add(const StepMetrics& m);
  void add(const EvalMetrics& m);  // tokens and seconds taken from the training point of that step
  // A metrics.jsonl row: a training row has "loss", an evaluation row "eval_loss". Returns false
  // for a row of neither kind.
  bool addRow(const nlohmann::json& row);
  void clear();
};

double xOf(const TrainPoint& p, XAxis axis);
double xOf(const EvalPoint& p, XAxis axis);

// TensorBoard's smoothing: an exponential moving average with weight w in [0, 1), debiased so the
// first points are not pulled toward zero. smoothed[i] depends only on values[0..i].
class EmaSmoother {
 public:
  explicit EmaSmoother(double weight) : weight_(weight) {}
  double push(double value);

 private:
  double weight_, last_ = 0, debias_ = 1;
};
std::vector<double> smoothed(const std::vector<double>& values, double weight);

}  // namespace peftdesk::ui
