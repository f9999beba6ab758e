// See run_summary.h.
#include "peftdesk/run_summary.h"

#include <signal.h>

#include <algorithm>
#include <cerrno>

#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "train/run_folder.h"

namespace peftdesk {
namespace fs = std::filesystem;
using json = nlohmann::json;

bool processAlive(int64_t pid) {
  if (pid <= 0) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

bool RunSummary::resumable() const {
  const bool ended = state == "stopped" || state == "failed" || state == "interrupted";
  return ended && !checkpointSteps.empty();
}

RunSummary readRunSummary(const fs::path& dir) {
  RunSummary s;
  s.dir = dir;
  s.name = dir.filename().string();
  s.config = readJsonFile(dir / "run.json");
  if (s.config.is_object()) {
    const json& m = s.config.contains("method") ? s.config["method"] : json();
    if (m.is_object()) s.method = m.contains("finetuning_type") ? m.value("finetuning_type", std::string()) : m.value("peft_type", std::string());
    if (s.config.contains("model") && s.config["model"].is_object()) s.modelPath = s.config["model"].value("path", std::string());
  }
  s.state = "unknown";
  std::error_code ec;
  if (fs::exists(dir / "status.json", ec)) {
    try {
      const json st = readJsonFile(dir / "status.json");
      s.state = st.value("state", std::string("unknown"));
      s.detail = st.value("error", st.value("detail", std::string()));
      s.step = st.value("step", int64_t{0});
      s.totalSteps = st.value("total_steps", int64_t{0});
      s.pid = st.value("pid", int64_t{0});
      s.startedAt = st.value("started_at", std::string());
      s.updatedAt = st.value("updated_at", std::string());
    } catch (const std::exception&) {
      // status.json is replaced atomically, so this is a damaged file: report unknown.
    }
  }
  const bool live = s.state == "running" || s.state == "preparing" || s.state == "paused";
  if (live && !processAlive(s.pid)) s.state = "interrupted";

  for (const json& row : readMetricsRows(dir / "metrics.jsonl")) {
    if (row.contains("loss") && row["loss"].is_number()) {
      s.lastLoss = row["loss"].get<double>();
      s.tokens = row.value("tokens", 0.0);
      s.elapsedSeconds = row.value("elapsed_s", 0.0);
    }
    if (row.contains("eval_loss") && row["eval_loss"].is_number()) {
      const double e = row["eval_loss"].get<double>();
      if (!s.bestEvalLoss || e < *s.bestEvalLoss) s.bestEvalLoss = e;
    }
  }
  for (const auto& e : fs::directory_iterator(dir / "checkpoints", ec)) {
    const std::string n = e.path().filename().string();
    if (n.rfind("step-", 0) != 0 || !fs::exists(e.path() / "MANIFEST", ec)) continue;
    try {
      s.checkpointSteps.push_back(std::stoll(n.substr(5)));
    } catch (const std::exception&) {
    }
  }
  std::sort(s.checkpointSteps.begin(), s.checkpointSteps.end());
  s.hasResult = fs::exists(dir / "adapter", ec) || fs::exists(dir / "model", ec);
  return s;
}

std::vector<RunSummary> listRuns(const fs::path& workspace) {
  std::vector<RunSummary> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(workspace, ec)) {
    if (!e.is_directory(ec) || !fs::exists(e.path() / "run.json", ec)) continue;
    try {
      out.push_back(readRunSummary(e.path()));
    } catch (const std::exception&) {
      // A run.json being written or damaged: not listed until readable.
    }
  }
  std::sort(out.begin(), out.end(), [](const RunSummary& a, const RunSummary& b) {
    return a.updatedAt != b.updatedAt ? a.updatedAt > b.updatedAt : a.name < b.name;
  });
  return out;
}

}  // namespace peftdesk
