// The memory estimate as the Method and Train pages show it (core/train/memory_estimate.cpp does
// the arithmetic). The widest micro-batch comes from reading the data once per data setting: a
// large dataset takes seconds to tokenize, and the Method page re-estimates on every edit.
#pragma once

#include <QString>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "peftdesk/memory_estimate.h"

namespace peftdesk::ui {

// Thread-safe: jobs on background threads share one per page.
class DataShapeCache {
 public:
  // The data's widest micro-batch, or (when the data cannot be read yet) micro-batch x cutoff with
  // every position labelled; `note` then says why.
  BatchShape shapeFor(const RunConfig& config, QString* note);

 private:
  std::mutex mutex_;
  std::string key_;
  BatchShape shape_;
  QString note_;
};

// Runs on a worker thread. The estimate of a parsed draft, or none while a setting other than the
// output folder (not needed to estimate) has a problem or the model cannot be read; `note` then
// says why, else why the cutoff was assumed (or stays empty).
std::optional<MemoryEstimate> estimateForRun(const RunConfig& config, const std::vector<ConfigProblem>& problems, DataShapeCache& cache,
                                             QString* note);

// "1.1 GB": the byte counts every page shows.
QString bytesText(double bytes);

// "Peak memory on cpu: 1.1 GB of 23.0 GB available" plus one line per part (rich text), and a
// warning when it does not fit.
QString memoryEstimateText(const MemoryEstimate& estimate, const QString& note);
// The first line only.
QString memoryEstimateLine(const MemoryEstimate& estimate);

}  // namespace peftdesk::ui
