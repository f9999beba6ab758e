// See run_folder.h.
#include "train/run_folder.h"

#include <chrono>
#include <fstream>

#include "peftdesk/atomic_file.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"

namespace peftdesk {
namespace fs = std::filesystem;

namespace {
std::FILE* openAppend(const fs::path& p) {
  std::FILE* f = std::fopen(p.c_str(), "ab");
  if (!f) throw Error(ErrorCategory::Io, "cannot open for writing", {p.string()});
  return f;
}
}  // namespace

RunFolder::RunFolder(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  fs::create_directories(dir_ / "checkpoints", ec);
  if (ec) throw Error(ErrorCategory::Io, "cannot create the run folder: " + ec.message(), {dir_.string()});
}

RunFolder::~RunFolder() {
  if (metrics_) std::fclose(metrics_);
  if (log_) std::fclose(log_);
}

bool RunFolder::holdsRun() const { return fs::exists(dir_ / "run.json"); }
nlohmann::json RunFolder::readRunJson() const { return readJsonFile(dir_ / "run.json"); }
void RunFolder::writeRunJson(const nlohmann::json& resolved) const { writeFileAtomically(dir_ / "run.json", resolved.dump(2) + "\n"); }
void RunFolder::writeStatus(const nlohmann::json& status) const { writeFileAtomically(dir_ / "status.json", status.dump(2) + "\n"); }

std::vector<nlohmann::json> readMetricsRows(const fs::path& file) {
  std::vector<nlohmann::json> rows;
  std::ifstream in(file, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (in.eof()) break;  // no newline at the end: a cut line
    try {
      rows.push_back(nlohmann::json::parse(line));
    } catch (const nlohmann::json::exception&) {
      break;  // everything after a damaged line is suspect
    }
  }
  return rows;
}

void RunFolder::truncateMetrics(int64_t lastStep) const {
  const fs::path file = dir_ / "metrics.jsonl";
  if (!fs::exists(file)) return;
  std::string kept;
  for (const auto& row : readMetricsRows(file)) {
    // A row without an integer step cannot be placed in the run (a damaged file): it goes.
    const int64_t step = integerOrDefault(row, "step", -1);
    if (step >= 0 && step <= lastStep) kept += row.dump() + "\n";
  }
  writeFileAtomically(file, kept);
}

void RunFolder::appendMetrics(const nlohmann::json& row) {
  if (!metrics_) metrics_ = openAppend(dir_ / "metrics.jsonl");
  const std::string text = row.dump() + "\n";
  if (std::fwrite(text.data(), 1, text.size(), metrics_) != text.size() || std::fflush(metrics_) != 0) {
    throw Error(ErrorCategory::Io, "cannot append to metrics.jsonl (disk full?)", {(dir_ / "metrics.jsonl").string()});
  }
}

void RunFolder::appendLog(const std::string& line) {
  if (!log_) log_ = openAppend(dir_ / "log.txt");
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", std::localtime(&now));
  std::fprintf(log_, "[%s] %s\n", stamp, line.c_str());
  std::fflush(log_);  // best effort: the log is for people, metrics are the record
}

}  // namespace peftdesk
