// Follows a run folder's metrics.jsonl as it grows (a run started from the CLI, or by another
// window): each poll() reads only the bytes appended since the last one and returns the complete
// new rows; a line still being written is kept for the next poll. A file that shrank (a resume
// truncates it to the checkpoint's step) restarts from the beginning and says so.
#pragma once

#include <QString>
#include <nlohmann/json.hpp>
#include <vector>

namespace peftdesk::ui {

class MetricsTailer {
 public:
  explicit MetricsTailer(QString file = {}) : file_(std::move(file)) {}
  const QString& file() const { return file_; }
  // New complete rows; *restarted = true when the file was replaced or truncated (the caller
  // clears what it had before adding these).
  std::vector<nlohmann::json> poll(bool* restarted);

 private:
  QString file_;
  qint64 offset_ = 0;
  QByteArray partial_;
};

}  // namespace peftdesk::ui
