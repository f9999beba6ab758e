// Download a model by repository id ("Qwen/Qwen3-0.6B", optional revision) from the Hugging Face
// Hub, or a mirror (HF_ENDPOINT), into the hub cache exactly as huggingface_hub lays it out —
// blobs/<etag>, snapshots/<commit>/<file> as relative links, refs/<revision>, .locks/ — so that
// transformers, huggingface_hub and `peftdesk-cli models` all see the same files.
//
// Only what PeftDesk loads is fetched: top-level config, safetensors weights (only the shards the
// index names when there is one), tokenizer and generation files; never pickles. A partial file
// (blobs/<etag>.incomplete) is continued with an HTTP Range request — in the same run after a
// dropped connection, or in the next one after a cancel or a crash. Every file is checked against
// its ETag (SHA-256 for LFS files, the git blob id otherwise) and fetched again once when it does
// not match; a blob already in the cache is checked the same way before it is reused.
// Torch- and Qt-free: the CLI (`peftdesk-cli download`) and the Model page call it off the GUI thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "peftdesk/model_cache.h"

namespace peftdesk {

// Where and how to talk to the hub, from the environment as huggingface_hub reads it.
struct HubSettings {
  std::string endpoint = "https://huggingface.co";  // HF_ENDPOINT (a mirror), no trailing '/'
  std::string token;                                // HF_TOKEN (or HUGGING_FACE_HUB_TOKEN), else the token file
  std::string tokenOrigin;                          // "HF_TOKEN", the token file's path, or empty
  bool offline = false;                             // HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE
  std::filesystem::path cacheDir;                   // the hub cache (as modelCacheRoots() finds it)
  std::string cacheOrigin;                          // what chose it ("HF_HUB_CACHE", "default", ...)
};
HubSettings hubSettingsFromEnvironment(const EnvLookup& env = {});

struct DownloadRequest {
  std::string repoId;             // "ORG/NAME" (or a legacy "NAME")
  std::string revision = "main";  // a branch, tag or commit
};

struct DownloadProgress {
  std::string phase;              // "listing", "fetching", "checking", "done"
  std::string file;               // the file being fetched or checked
  int fileIndex = 0;              // 1-based
  int fileCount = 0;
  uint64_t fileDoneBytes = 0;
  uint64_t fileTotalBytes = 0;
  uint64_t doneBytes = 0;         // all files; what was already in the cache counts as done
  uint64_t totalBytes = 0;
  double bytesPerSecond = 0;      // network rate over the last few seconds
  double etaSeconds = -1;         // -1 while unknown
};

struct DownloadResult {
  std::string repoId;
  std::string commit;                 // the snapshot's commit (40 hex)
  std::filesystem::path snapshot;     // cache/models--ORG--NAME/snapshots/<commit>: the folder to open
  std::vector<std::string> files;     // the files in the snapshot, sorted
  std::vector<std::string> skipped;   // files of the repository not downloaded (pickles, other formats, subfolders)
  uint64_t fetchedBytes = 0;          // over the network in this call
  uint64_t reusedBytes = 0;           // already in the cache (checked)
  int resumedFiles = 0;               // continued from a partial file with a Range request
  int refetchedFiles = 0;             // failed their check (on disk or as received) and were fetched again
  bool fromCacheOnly = false;         // the hub was not asked (offline) or not reachable
  std::string note;                   // why the cache alone was used
};

using DownloadProgressFn = std::function<void(const DownloadProgress&)>;

// Throws peftdesk::Error with a message naming the repository, revision or file: unknown, private
// or gated repositories (what to do about HF_TOKEN), a refused token, an unknown revision, no
// safetensors weights, an architecture PeftDesk does not load (checked from config.json before any
// weights are fetched), a file that fails its check twice, an unreachable hub, offline mode without
// the snapshot in the cache; Cancelled when `cancel` is set (partial files are kept for resuming).
DownloadResult downloadModel(const DownloadRequest& request, const HubSettings& settings,
                             const DownloadProgressFn& progress = {}, const std::atomic<bool>* cancel = nullptr);

// The cache folder of a repository: "models--ORG--NAME".
std::string hubRepoFolderName(const std::string& repoId);
// Throws Error (Argument) naming what is wrong with a repository id or revision.
void validateHubRepoId(const std::string& repoId);
void validateHubRevision(const std::string& revision);
// Whether a top-level file of a repository is one a download takes (weights decided separately).
bool isHubSupportFile(const std::string& name);

}  // namespace peftdesk
