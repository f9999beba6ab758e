// `peftdesk-cli download REPO_ID [--revision R] [--cache-dir D] [--json] [--quiet]`: a model from
// the Hugging Face Hub (or HF_ENDPOINT's mirror) into the hub cache (core's hub_download.h).
// stdout gets the snapshot folder to open (or the JSON of the result); progress goes to stderr —
// one self-rewriting line on a terminal, a line per file otherwise. Ctrl-C cancels and keeps the
// partial file, which the next download continues with a Range request.
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/progress_bar.h"
#include "peftdesk/error.h"
#include "peftdesk/hub_download.h"
#include "peftdesk/model_summary.h"

namespace peftdesk::cli {
namespace {

std::atomic<bool> gCancel{false};

extern "C" void onDownloadInterrupt(int sig) {
  if (gCancel.load()) {  // a second Ctrl-C: stop at once
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  gCancel.store(true);
}

class DownloadView {
 public:
  explicit DownloadView(bool quiet) : quiet_(quiet), interactive_(!quiet && ::isatty(STDERR_FILENO)) {}

  void update(const DownloadProgress& p) {
    if (quiet_) return;
    if (p.fileCount == 0) {  // config and index, before the totals are known
      if (interactive_) {
        std::fprintf(stderr, "\r\033[K%s %s", p.phase.c_str(), p.file.c_str());
        std::fflush(stderr);
        lineShown_ = true;
      } else if (!p.file.empty() && p.file != lastFile_) {
        lastFile_ = p.file;
        std::fprintf(stderr, "[listing] %s\n", p.file.c_str());
      }
      return;
    }
    if (interactive_) {
      const std::string rate = p.bytesPerSecond > 0 ? humanBytes(p.bytesPerSecond) + "/s" : "";
      const std::string eta = p.etaSeconds >= 0 ? "ETA " + formatDuration(p.etaSeconds) : "";
      std::fprintf(stderr, "\r\033[K[%d/%d] %s %s  %s / %s  %s  %s", p.fileIndex, p.fileCount, p.phase.c_str(), p.file.c_str(),
                   humanBytes(static_cast<double>(p.doneBytes)).c_str(), humanBytes(static_cast<double>(p.totalBytes)).c_str(),
                   rate.c_str(), eta.c_str());
      std::fflush(stderr);
      lineShown_ = true;
    } else if (!p.file.empty() && p.file != lastFile_) {
      lastFile_ = p.file;
      std::fprintf(stderr, "[%d/%d] %s (%s)\n", p.fileIndex, p.fileCount, p.file.c_str(),
                   humanBytes(static_cast<double>(p.fileTotalBytes)).c_str());
    }
  }
  void finish() {
    if (lineShown_) std::fprintf(stderr, "\n");
    lineShown_ = false;
  }

 private:
  bool quiet_;
  bool interactive_;
  bool lineShown_ = false;
  std::string lastFile_;
};

nlohmann::json resultJson(const DownloadResult& r, const HubSettings& s) {
  return {{"repo_id", r.repoId},
          {"commit", r.commit},
          {"snapshot", r.snapshot.string()},
          {"cache_dir", s.cacheDir.string()},
          {"endpoint", s.endpoint},
          {"files", r.files},
          {"skipped", r.skipped},
          {"fetched_bytes", r.fetchedBytes},
          {"reused_bytes", r.reusedBytes},
          {"resumed_files", r.resumedFiles},
          {"refetched_files", r.refetchedFiles},
          {"from_cache_only", r.fromCacheOnly},
          {"note", r.note}};
}

}  // namespace

int runDownload(const Args& args) {
  if (args.positional().size() != 1) throw Error(ErrorCategory::Argument, "download takes one repository id, e.g. Qwen/Qwen3-0.6B");
  HubSettings settings = hubSettingsFromEnvironment();
  if (const auto dir = args.value("cache-dir")) {
    settings.cacheDir = *dir;
    settings.cacheOrigin = "--cache-dir";
  }
  DownloadRequest request;
  request.repoId = args.positional()[0];
  if (const auto rev = args.value("revision")) request.revision = *rev;
  DownloadView view(args.flag("quiet"));
  gCancel.store(false);
  std::signal(SIGINT, onDownloadInterrupt);
  std::signal(SIGTERM, onDownloadInterrupt);
  DownloadResult result;
  try {
    result = downloadModel(request, settings, [&](const DownloadProgress& p) { view.update(p); }, &gCancel);
  } catch (...) {
    view.finish();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    throw;
  }
  view.finish();
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (args.flag("json")) {
    std::printf("%s\n", resultJson(result, settings).dump(2).c_str());
    return 0;
  }
  if (!args.flag("quiet")) {
    if (!result.note.empty()) std::fprintf(stderr, "%s\n", result.note.c_str());
    std::fprintf(stderr, "%s@%s: %zu files, %s fetched, %s already in the cache%s\n", result.repoId.c_str(), result.commit.substr(0, 10).c_str(),
                 result.files.size(), humanBytes(static_cast<double>(result.fetchedBytes)).c_str(),
                 humanBytes(static_cast<double>(result.reusedBytes)).c_str(),
                 result.skipped.empty() ? "" : (", " + std::to_string(result.skipped.size()) + " not needed skipped").c_str());
  }
  std::printf("%s\n", result.snapshot.string().c_str());
  return 0;
}

}  // namespace peftdesk::cli
