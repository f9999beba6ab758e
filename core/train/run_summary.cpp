// See run_summary.h.
#include "peftdesk/run_summary.h"

#include <signal.h>

#include <algorithm>
#include <cerrno>

#include "peftdesk/atomic_file.h"
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

bool RunSummary::training() const { return state == "running" || state == "preparing" || state == "paused"; }

// status.json and notes.json are replaced atomically, so one that does not parse is damaged by
// someone else: read as absent (state unknown, no notes), never as an error.
namespace {
json readIfSound(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return nullptr;
  try {
    return readJsonFile(file);
  } catch (const std::exception&) {
    return nullptr;
  }
}
}  // namespace

RunSummary readRunSummary(const fs::path& dir) {
  RunSummary s;
  s.dir = dir;
  s.name = dir.filename().string();
  s.config = readJsonFile(dir / "run.json");
  // Shown, not acted on: a missing or mistyped field reads as unknown and hides nothing else.
  const json& method = fieldOrNull(s.config, "method");
  s.method = stringOrDefault(method, "finetuning_type", stringOrDefault(method, "peft_type", ""));
  s.modelPath = stringOrDefault(fieldOrNull(s.config, "model"), "path", "");
  const json notes = readIfSound(dir / "notes.json");
  s.title = stringOrDefault(notes, "title", "");
  s.notes = stringOrDefault(notes, "notes", "");
  const json st = readIfSound(dir / "status.json");
  s.state = stringOrDefault(st, "state", "unknown");
  s.detail = stringOrDefault(st, "error", stringOrDefault(st, "detail", ""));
  s.step = integerOrDefault(st, "step", 0);
  s.totalSteps = integerOrDefault(st, "total_steps", 0);
  s.pid = integerOrDefault(st, "pid", 0);
  s.startedAt = stringOrDefault(st, "started_at", "");
  s.updatedAt = stringOrDefault(st, "updated_at", "");
  if (s.training() && !processAlive(s.pid)) s.state = "interrupted";

  for (const json& row : readMetricsRows(dir / "metrics.jsonl")) {
    if (row.contains("loss") && row["loss"].is_number()) {
      s.lastLoss = row["loss"].get<double>();
      s.tokens = numberOrDefault(row, "tokens", 0.0);
      s.elapsedSeconds = numberOrDefault(row, "elapsed_s", 0.0);
    }
    if (row.contains("eval_loss") && row["eval_loss"].is_number()) {
      const double e = row["eval_loss"].get<double>();
      if (!s.bestEvalLoss || e < *s.bestEvalLoss) s.bestEvalLoss = e;
    }
  }
  std::error_code ec;
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

void writeRunNotes(const fs::path& dir, const std::string& title, const std::string& notes) {
  std::error_code ec;
  if (!fs::is_regular_file(dir / "run.json", ec))
    throw Error(ErrorCategory::Io, "not a run folder (no run.json): " + dir.string(), {dir.string()});
  json doc = json::object();
  if (!title.empty()) doc["title"] = title;
  if (!notes.empty()) doc["notes"] = notes;
  writeFileAtomically(dir / "notes.json", doc.dump(2) + "\n");
}

}  // namespace peftdesk
