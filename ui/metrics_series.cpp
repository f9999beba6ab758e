// See metrics_series.h.
#include "metrics_series.h"

#include <algorithm>
#include <cmath>

namespace peftdesk::ui {

void MetricsSeries::add(const StepMetrics& m) {
  train.push_back({static_cast<double>(m.step), m.epoch, static_cast<double>(m.tokens), m.elapsedSeconds, m.loss, m.learningRate,
                   m.gradNorm});
}

void MetricsSeries::add(const EvalMetrics& m) {
  EvalPoint p{static_cast<double>(m.step), m.epoch, 0, 0, m.loss};
  // The training point of the same step (or the last before it) places the eval on the
  // tokens / time axes; eval rows come right after their step's training row.
  auto it = std::upper_bound(train.begin(), train.end(), p.step, [](double s, const TrainPoint& t) { return s < t.step; });
  if (it != train.begin()) {
    --it;
    p.tokens = it->tokens;
    p.seconds = it->seconds;
  }
  eval.push_back(p);
}

bool MetricsSeries::addRow(const nlohmann::json& row) {
  if (!row.is_object()) return false;
  auto num = [&](const char* key) { return row.contains(key) && row[key].is_number() ? row[key].get<double>() : 0.0; };
  if (row.contains("loss") && row["loss"].is_number()) {
    train.push_back({num("step"), num("epoch"), num("tokens"), num("elapsed_s"), num("loss"), num("lr"), num("grad_norm")});
    return true;
  }
  if (row.contains("eval_loss") && row["eval_loss"].is_number()) {
    EvalMetrics m;
    m.step = static_cast<int64_t>(num("step"));
    m.epoch = num("epoch");
    m.loss = num("eval_loss");
    add(m);
    return true;
  }
  return false;
}

void MetricsSeries::clear() {
  train.clear();
  eval.clear();
}

double xOf(const TrainPoint& p, XAxis axis) {
  switch (axis) {
    case XAxis::Step: return p.step;
    case XAxis::Epoch: return p.epoch;
    case XAxis::Tokens: return p.tokens;
    case XAxis::Time: return p.seconds;
  }
  return p.step;
}

double xOf(const EvalPoint& p, XAxis axis) {
  switch (axis) {
    case XAxis::Step: return p.step;
    case XAxis::Epoch: return p.epoch;
    case XAxis::Tokens: return p.tokens;
    case XAxis::Time: return p.seconds;
  }
  return p.step;
}

double EmaSmoother::push(double value) {
  if (!std::isfinite(value)) return value;  // shown as a gap; does not poison later points
  last_ = last_ * weight_ + (1 - weight_) * value;
  debias_ *= weight_;
  return weight_ == 0 ? value : last_ / (1 - debias_);
}

std::vector<double> smoothed(const std::vector<double>& values, double weight) {
  EmaSmoother s(weight);
  std::vector<double> out;
  out.reserve(values.size());
  for (double v : values) out.push_back(s.push(v));
  return out;
}

}  // namespace peftdesk::ui
