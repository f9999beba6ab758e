// The files of one run folder (DESIGN.md §3) other than checkpoints: run.json, status.json,
// metrics.jsonl and log.txt. status.json and run.json are replaced atomically; metrics.jsonl and
// log.txt are appended and flushed per line (a crash can cut the last line, which readers skip
// and a resume rewrites). No LibTorch.
#pragma once

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace peftdesk {

class RunFolder {
 public:
  explicit RunFolder(std::filesystem::path dir);
  ~RunFolder();
  RunFolder(const RunFolder&) = delete;
  RunFolder& operator=(const RunFolder&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path checkpointsDir() const { return dir_ / "checkpoints"; }
  std::filesystem::path adapterDir() const { return dir_ / "adapter"; }

  bool holdsRun() const;                        // run.json exists
  nlohmann::json readRunJson() const;
  void writeRunJson(const nlohmann::json& resolved) const;
  void writeStatus(const nlohmann::json& status) const;

  // Keeps only the complete metrics rows whose step is <= lastStep (resume), atomically.
  void truncateMetrics(int64_t lastStep) const;
  void appendMetrics(const nlohmann::json& row);
  void appendLog(const std::string& line);

 private:
  std::filesystem::path dir_;
  std::FILE* metrics_ = nullptr;
  std::FILE* log_ = nullptr;
};

// Complete rows of a metrics.jsonl (a cut last line is skipped).
std::vector<nlohmann::json> readMetricsRows(const std::filesystem::path& metricsFile);

}  // namespace peftdesk
