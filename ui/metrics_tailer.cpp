// See metrics_tailer.h.
#include "metrics_tailer.h"

#include <QFile>

namespace peftdesk::ui {

std::vector<nlohmann::json> MetricsTailer::poll(bool* restarted) {
  *restarted = false;
  std::vector<nlohmann::json> rows;
  QFile f(file_);
  if (!f.open(QIODevice::ReadOnly)) return rows;
  if (f.size() < offset_) {
    offset_ = 0;
    partial_.clear();
    *restarted = true;
  }
  if (!f.seek(offset_)) return rows;
  const QByteArray fresh = f.readAll();
  offset_ += fresh.size();
  partial_ += fresh;
  qsizetype start = 0;
  while (true) {
    const qsizetype nl = partial_.indexOf('\n', start);
    if (nl < 0) break;
    const QByteArray line = partial_.mid(start, nl - start);
    start = nl + 1;
    nlohmann::json row = nlohmann::json::parse(line.constBegin(), line.constEnd(), nullptr, false);
    if (row.is_object()) rows.push_back(std::move(row));
  }
  partial_.remove(0, start);
  return rows;
}

}  // namespace peftdesk::ui
