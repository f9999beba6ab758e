// Whether a run may start in its output folder (see checkOutputFolder in trainer.h). Shared by
// runTraining (which throws) and the GUI (which shows the reason next to the field), so both
// refuse the same folders for the same reasons. No LibTorch.
#include <unistd.h>

#include <system_error>

#include "peftdesk/trainer.h"

namespace peftdesk {
namespace fs = std::filesystem;

namespace {

// A folder with nothing but our empty skeleton is what a run killed during its first second
// leaves behind: it counts as empty, so neither a fresh start nor a resume needs a cleanup.
bool isEmptySkeleton(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name == "checkpoints" && e.is_directory() && fs::is_empty(e.path(), ec)) continue;
    // A run killed while writing its first file, run.json, leaves only that file's temporary.
    if (name.rfind(".run.json.tmp-", 0) == 0 && e.is_regular_file(ec)) continue;
    return false;
  }
  return true;
}

// The folder itself when it exists, else its nearest existing ancestor: where the run's folders
// will be created.
fs::path nearestExisting(fs::path p) {
  std::error_code ec;
  while (!p.empty() && !fs::exists(p, ec)) {
    if (p == p.parent_path()) break;
    p = p.parent_path();
  }
  return p;
}

}  // namespace

std::string checkOutputFolder(const fs::path& outputDir, StartMode mode) {
  if (outputDir.empty()) return "no output folder given";
  std::error_code ec;
  if (fs::exists(outputDir, ec) && !fs::is_directory(outputDir, ec)) return "exists and is not a folder: " + outputDir.string();
  const bool holdsRun = fs::exists(outputDir / "run.json", ec);
  if (mode == StartMode::Fresh && holdsRun) {
    return "this folder already holds a run; continue it with --resume, or choose another output_dir";
  }
  if (!holdsRun && !isEmptySkeleton(outputDir)) {
    return std::string(mode == StartMode::Resume ? "nothing to resume (no run.json), and " : "") +
           "the output folder exists and is not empty; refusing to write a run into it";
  }
  const fs::path base = nearestExisting(outputDir);
  if (base.empty() || ::access(base.c_str(), W_OK | X_OK) != 0) {
    return "cannot write here: " + (base.empty() ? outputDir : base).string() + " is not writable";
  }
  return {};
}

}  // namespace peftdesk
