// One run folder at a glance (DESIGN.md §3): state, progress, method, losses, checkpoints —
// read from run.json, status.json and metrics.jsonl (and the user's notes.json) only, so the GUI's run list, resume and
// comparison see runs started from the CLI exactly like their own. A run whose status says
// running but whose process is gone is reported as interrupted (resumable). No LibTorch.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace peftdesk {

struct RunSummary {
  std::filesystem::path dir;
  std::string name;          // folder name
  std::string title;         // the user's name for the run (notes.json), empty when none
  std::string notes;         // the user's notes (notes.json)
  std::string state;         // status.json state ("running", "finished", ...), "interrupted", or "unknown"
  std::string detail;        // status.json detail / error
  int64_t step = 0, totalSteps = 0;
  int64_t pid = 0;
  std::string startedAt, updatedAt;  // ISO 8601 UTC
  std::string method;        // "LORA", "IA3", ..., "full", "freeze"
  std::string modelPath;
  nlohmann::json config;     // run.json (resolved)
  std::optional<double> lastLoss, bestEvalLoss;
  double tokens = 0, elapsedSeconds = 0;
  std::vector<int64_t> checkpointSteps;  // sealed checkpoints (MANIFEST present), ascending
  bool hasResult = false;    // adapter/ or model/ written
  bool resumable() const;    // stopped / failed / interrupted with a checkpoint, or running-less with one
  bool training() const;     // a live process trains it: preparing, running or paused
  const std::string& shownName() const { return title.empty() ? name : title; }  // the user's title, else the folder's name
};

// Throws peftdesk::Error when `dir` holds no run.json or it is not JSON.
RunSummary readRunSummary(const std::filesystem::path& dir);
// Every direct subfolder of `workspace` holding a run, newest first (by updated_at); unreadable
// ones are skipped.
std::vector<RunSummary> listRuns(const std::filesystem::path& workspace);
// The user's title and notes for the run in `dir`, kept in its notes.json (replaced atomically;
// the trainer never writes it, so a running run can be renamed too). Empty strings remove them.
// Throws peftdesk::Error when `dir` holds no run or the file cannot be written.
void writeRunNotes(const std::filesystem::path& dir, const std::string& title, const std::string& notes);
// Whether process `pid` exists on this machine.
bool processAlive(int64_t pid);

}  // namespace peftdesk
