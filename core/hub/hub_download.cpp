// See hub_download.h. The protocol is the hub's as huggingface_hub speaks it (hf_api.model_info,
// file_download.get_hf_file_metadata / hf_hub_download, _snapshot_download):
//   GET  {endpoint}/api/models/{repo}/revision/{rev}?blobs=true  -> commit ("sha"), files with sizes
//   HEAD {endpoint}/{repo}/resolve/{commit}/{file}               -> X-Repo-Commit, X-Linked-Etag or
//        ETag, X-Linked-Size or Content-Length, and for LFS files a redirect (Location) to storage
//   GET  the file (Range: bytes=N- to continue a partial one)
// Errors come back as X-Error-Code (RepoNotFound, RevisionNotFound, EntryNotFound, GatedRepo) and
// X-Error-Message headers.
#include "io/text_match.h"
#include "peftdesk/hub_download.h"

#include <sys/file.h>
#include <cerrno>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "hub/file_digest.h"
#include "hub/http_client.h"
#include "peftdesk/atomic_file.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "peftdesk/model_config.h"
#include "peftdesk/model_summary.h"

#ifndef PEFTDESK_VERSION
#define PEFTDESK_VERSION "dev"
#endif

namespace peftdesk {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kAttemptsPerFile = 5;  // transfers of one file that may drop before we give up

bool envTrue(const std::string& v) {
  std::string l;
  for (char c : v) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return l == "1" || l == "on" || l == "yes" || l == "true";
}

bool isCommitHash(const std::string& s) {
  return s.size() == 40 && std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}


// huggingface_hub's _normalize_etag: no weak prefix, no quotes.
std::string normalizeEtag(std::string etag) {
  if (etag.rfind("W/", 0) == 0) etag = etag.substr(2);
  etag.erase(std::remove(etag.begin(), etag.end(), '"'), etag.end());
  return etag;
}

// Network rate over a sliding window, and the ETA that follows from it.
class RateMeter {
 public:
  void add(uint64_t bytes) {
    const auto now = Clock::now();
    total_ += bytes;
    samples_.push_back({now, total_});
    while (samples_.size() > 2 && now - samples_.front().first > std::chrono::seconds(5)) samples_.pop_front();
  }
  double bytesPerSecond() const {
    if (samples_.size() < 2) return 0;
    const double seconds = std::chrono::duration<double>(samples_.back().first - samples_.front().first).count();
    return seconds > 0.05 ? static_cast<double>(samples_.back().second - samples_.front().second) / seconds : 0;
  }

 private:
  uint64_t total_ = 0;
  std::deque<std::pair<Clock::time_point, uint64_t>> samples_;
};

// An exclusive flock on .locks/models--ORG--NAME/<etag>.lock, the lock file huggingface_hub
// (filelock) takes for the same blob, so the two never write one blob at once.
class BlobLock {
 public:
  BlobLock(const fs::path& path, const std::atomic<bool>* cancel) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT, 0644);
    if (fd_ < 0) return;  // a read-only cache still downloads; it just cannot coordinate
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      // Held by another download of the same blob: wait. A filesystem without flock (some NFS or
      // FUSE mounts): go on without, as huggingface_hub's soft lock would not protect either.
      if (errno != EWOULDBLOCK || (cancel && cancel->load())) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  ~BlobLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock; the file stays, as filelock leaves it
  }

 private:
  int fd_ = -1;
};

struct RemoteFile {
  std::string name;
  uint64_t sizeBytes = 0;  // from the listing; 0 when it did not say
};

// A snapshot a download finished: config.json and the weights (every shard its index names, or a
// safetensors file when there is no index), each link resolving.
bool snapshotComplete(const fs::path& snapshot) {
  std::error_code ec;
  if (!fs::exists(snapshot / "config.json", ec)) return false;
  const fs::path index = snapshot / "model.safetensors.index.json";
  if (fs::exists(index, ec)) {
    try {
      const nlohmann::json j = readJsonFile(index);
      for (const auto& [tensor, shard] : j.at("weight_map").items())
        if (!shard.is_string() || !fs::exists(snapshot / shard.get<std::string>(), ec)) return false;
      return true;
    } catch (const std::exception&) {
      return false;
    }
  }
  for (fs::directory_iterator it(snapshot, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".safetensors" && fs::exists(it->path(), ec)) return true;  // (exists follows the link)
  return false;
}

class Download {
 public:
  Download(const DownloadRequest& request, const HubSettings& settings, const DownloadProgressFn& progress,
           const std::atomic<bool>* cancel)
      : request_(request), settings_(settings), progressFn_(progress), cancel_(cancel),
        repoDir_(settings.cacheDir / hubRepoFolderName(request.repoId)) {}

  DownloadResult run();

 private:
  [[noreturn]] void hubError(const hub::HttpResponse& r, const std::string& file = {}) const;
  std::string apiUrl() const;
  std::string resolveUrl(const std::string& file) const;
  bool useCachedSnapshot(const std::string& why);
  void listFiles(hub::HttpClient& client, std::vector<RemoteFile>& remote);
  std::vector<RemoteFile> chooseFiles(const std::vector<RemoteFile>& remote);
  std::vector<RemoteFile> indexedShards(const std::vector<RemoteFile>& weights);
  void checkArchitecture() const;
  void fetch(hub::HttpClient& client, const RemoteFile& file);
  uint64_t transfer(hub::HttpClient& client, std::string url, const std::function<std::string()>& freshUrl, const fs::path& incomplete,
                    uint64_t expectedBytes,
                    const std::string& name);
  bool blobMatches(const fs::path& blob, const std::string& etag, uint64_t expectedBytes);
  void link(const std::string& name, const std::string& etag);
  void report(bool force);
  void checkCancel() const;

  DownloadRequest request_;
  HubSettings settings_;
  const DownloadProgressFn& progressFn_;
  const std::atomic<bool>* cancel_;
  fs::path repoDir_;
  DownloadResult result_;
  DownloadProgress progress_;
  RateMeter rate_;
  Clock::time_point lastReport_{};
  std::string fetchPhase_ = "listing";  // "fetching" once the totals are known
};

std::string Download::apiUrl() const {
  return settings_.endpoint + "/api/models/" + request_.repoId + "/revision/" + hub::urlEscape(request_.revision) + "?blobs=true";
}

std::string Download::resolveUrl(const std::string& file) const {
  return settings_.endpoint + "/" + request_.repoId + "/resolve/" + result_.commit + "/" + hub::urlEscape(file);
}

void Download::checkCancel() const {
  if (cancel_ && cancel_->load())
    throw Error(ErrorCategory::Cancelled,
                "download of " + request_.repoId + " cancelled; the " + humanBytes(static_cast<double>(result_.fetchedBytes)) +
                    " fetched stay in the cache and the next download continues from there");
}

void Download::report(bool force) {
  if (!progressFn_) return;
  const auto now = Clock::now();
  if (!force && now - lastReport_ < std::chrono::milliseconds(150)) return;
  lastReport_ = now;
  progress_.bytesPerSecond = rate_.bytesPerSecond();
  const uint64_t left = progress_.totalBytes > progress_.doneBytes ? progress_.totalBytes - progress_.doneBytes : 0;
  progress_.etaSeconds = progress_.bytesPerSecond > 0 ? static_cast<double>(left) / progress_.bytesPerSecond : -1;
  progressFn_(progress_);
}

[[noreturn]] void Download::hubError(const hub::HttpResponse& r, const std::string& file) const {
  const std::string code = r.header("x-error-code");
  const std::string hubMessage = r.header("x-error-message");
  const std::string& repo = request_.repoId;
  const std::string page = settings_.endpoint + "/" + repo;
  const std::string status = "HTTP " + std::to_string(r.status);
  const std::string said = hubMessage.empty() ? status : status + ": " + hubMessage;
  const std::string tokenFrom = settings_.tokenOrigin.empty() ? "HF_TOKEN" : settings_.tokenOrigin;
  if (code == "GatedRepo") {
    if (settings_.token.empty())
      throw Error(ErrorCategory::Io, repo + " is a gated model: accept its conditions on " + page +
                                         " while signed in, then give an access token of that account (HF_TOKEN, or the Model page's Access token field; no token is set; " +
                                         said + ")");
    throw Error(ErrorCategory::Io, repo + " is a gated model and the token from " + tokenFrom +
                                       " has no access to it yet: request access on " + page + " (" + said + ")");
  }
  if (r.status == 401 && hubMessage == "Invalid credentials in Authorization header")
    throw Error(ErrorCategory::Io, "the Hugging Face Hub refused the token from " + tokenFrom +
                                       " (invalid credentials): create a new one at " + settings_.endpoint + "/settings/tokens");
  if (code == "RevisionNotFound")
    throw Error(ErrorCategory::Argument, repo + " has no revision '" + request_.revision + "' (a branch, tag or commit; " + said + ")");
  if (code == "EntryNotFound")
    throw Error(ErrorCategory::Io, repo + "@" + result_.commit + " has no file '" + file + "' although the listing named it (" + said + ")");
  if (code == "RepoNotFound" || (r.status == 401 && file.empty()) || (r.status == 404 && file.empty()))
    throw Error(ErrorCategory::Argument,
                "no model '" + repo + "' on " + settings_.endpoint + ", or it is private" +
                    (settings_.token.empty() ? " (no HF_TOKEN is set: private models need one)" : " and the token from " + tokenFrom + " cannot see it") +
                    " (" + said + ")");
  if (r.status == 403)
    throw Error(ErrorCategory::Io, "the hub denied access to " + (file.empty() ? repo : repo + "/" + file) + " (" + said + ")");
  if (r.status == 429)
    throw Error(ErrorCategory::Io, "the hub is limiting requests (" + said + "): wait a minute and try again (a token in HF_TOKEN raises the limit)");
  if (r.status >= 500)
    throw Error(ErrorCategory::Io, "the hub failed to answer for " + (file.empty() ? repo : repo + "/" + file) + " (" + said + "): try again later");
  throw Error(ErrorCategory::Io, "unexpected answer from " + hub::urlWithoutQuery(r.url) + " (" + said + ")");
}

// The snapshot the cache already has for the revision (a commit, or what refs/<revision> names).
bool Download::useCachedSnapshot(const std::string& why) {
  std::string commit = request_.revision;
  if (!isCommitHash(commit)) {
    std::ifstream in(repoDir_ / "refs" / request_.revision);
    std::getline(in, commit);
  }
  std::error_code ec;
  if (!isCommitHash(commit) || !fs::is_directory(repoDir_ / "snapshots" / commit, ec)) return false;
  if (!snapshotComplete(repoDir_ / "snapshots" / commit)) return false;  // an earlier download stopped part way
  result_.commit = commit;
  result_.snapshot = repoDir_ / "snapshots" / commit;
  for (fs::directory_iterator it(result_.snapshot, ec), end; !ec && it != end; it.increment(ec)) result_.files.push_back(it->path().filename().string());
  std::sort(result_.files.begin(), result_.files.end());
  result_.fromCacheOnly = true;
  result_.note = why;
  return true;
}

void Download::listFiles(hub::HttpClient& client, std::vector<RemoteFile>& remote) {
  hub::HttpResponse r;
  try {
    r = client.getText(apiUrl());
  } catch (const Error& e) {
    const std::string detail = "the Hugging Face Hub at " + settings_.endpoint + " could not be reached (" + e.message() + ")";
    if (useCachedSnapshot(detail + ": the cached snapshot is used")) return;
    throw Error(ErrorCategory::Io, detail + " and " + request_.repoId + "@" + request_.revision +
                                       " is not in the cache: check the network or proxy, set HF_ENDPOINT to a mirror, "
                                       "or HF_HUB_OFFLINE=1 to work from the cache only");
  }
  if (r.status != 200) hubError(r);
  const nlohmann::json info = parseJsonText(r.body, apiUrl());
  const auto bad = [&](const std::string& field, const std::string& what) {
    return Error(ErrorCategory::Format, "the hub's description of " + request_.repoId + " " + what, {.file = apiUrl(), .field = field});
  };
  if (!info.is_object() || !info.contains("sha") || !info["sha"].is_string() || !isCommitHash(info["sha"].get<std::string>()))
    throw bad("sha", "has no commit hash");
  result_.commit = info["sha"].get<std::string>();
  if (!info.contains("siblings") || !info["siblings"].is_array()) throw bad("siblings", "has no file list");
  for (const auto& s : info["siblings"]) {
    if (!s.is_object() || !s.contains("rfilename") || !s["rfilename"].is_string()) throw bad("siblings", "has a file without a name");
    RemoteFile f{s["rfilename"].get<std::string>(), 0};
    if (s.contains("size") && s["size"].is_number_unsigned()) f.sizeBytes = s["size"].get<uint64_t>();
    remote.push_back(f);
  }
}

std::vector<RemoteFile> Download::chooseFiles(const std::vector<RemoteFile>& remote) {
  std::vector<RemoteFile> chosen;
  std::vector<std::string> pickles;
  bool anyWeights = false;
  for (const RemoteFile& f : remote) {
    const bool topLevel = f.name.find('/') == std::string::npos && f.name.find('\\') == std::string::npos && f.name != ".." && f.name != ".";
    const bool weights = endsWith(f.name, ".safetensors");
    if (topLevel && (weights || isHubSupportFile(f.name))) {
      chosen.push_back(f);
      anyWeights = anyWeights || weights;
      continue;
    }
    result_.skipped.push_back(f.name);
    for (const char* ext : {".bin", ".pt", ".pth", ".ckpt", ".pkl", ".h5", ".msgpack", ".gguf"})
      if (topLevel && endsWith(f.name, ext)) pickles.push_back(f.name);
  }
  if (!anyWeights) {
    std::string found;
    for (const auto& p : pickles) found += (found.empty() ? "" : ", ") + p;
    throw Error(ErrorCategory::Unsupported,
                request_.repoId + "@" + request_.revision + " has no safetensors weights" +
                    (found.empty() ? "" : " (only " + found + ")") +
                    ": PeftDesk downloads safetensors only, never pickled weights, which can run code when loaded");
  }
  return chosen;
}

// With an index (model.safetensors.index.json) only the shards it names are weights; a repository
// may also hold other safetensors files (Mistral's consolidated.safetensors) that would double the
// download.
std::vector<RemoteFile> Download::indexedShards(const std::vector<RemoteFile>& weights) {
  const fs::path index = result_.snapshot / "model.safetensors.index.json";
  std::error_code ec;
  if (!fs::exists(index, ec)) return weights;
  const nlohmann::json j = readJsonFile(index);
  if (!j.is_object() || !j.contains("weight_map") || !j["weight_map"].is_object())
    throw Error(ErrorCategory::Format, "the index has no weight_map object", {.file = index.string(), .field = "weight_map"});
  std::set<std::string> named;
  for (const auto& [tensor, shard] : j["weight_map"].items()) {
    if (!shard.is_string()) throw Error(ErrorCategory::Format, "a shard name is not a string", {.file = index.string(), .field = "weight_map." + tensor});
    named.insert(shard.get<std::string>());
  }
  std::vector<RemoteFile> out;
  for (const RemoteFile& w : weights) {
    if (named.count(w.name)) {
      out.push_back(w);
      named.erase(w.name);
    } else {
      result_.skipped.push_back(w.name);
    }
  }
  if (!named.empty())
    throw Error(ErrorCategory::Format, "the index names shard '" + *named.begin() + "', which the repository does not have",
                {.file = index.string(), .field = "weight_map"});
  return out;
}

// Refuse before the weights: a folder PeftDesk cannot open is not worth gigabytes.
void Download::checkArchitecture() const {
  std::error_code ec;
  if (!fs::exists(result_.snapshot / "config.json", ec))
    throw Error(ErrorCategory::Unsupported, request_.repoId + " has no config.json: it is not a transformers model folder");
  try {
    (void)loadModelConfig(result_.snapshot / "config.json");
  } catch (const Error& e) {
    throw Error(e.category(), request_.repoId + ": PeftDesk cannot load this model, so its weights were not downloaded: " + e.what());
  }
}

bool Download::blobMatches(const fs::path& blob, const std::string& etag, uint64_t expectedBytes) {
  std::error_code ec;
  if (fs::file_size(blob, ec) != expectedBytes || ec) return false;
  progress_.phase = "checking";
  report(true);
  const hub::EtagKind kind = hub::etagKind(etag);
  if (kind == hub::EtagKind::Other) return true;  // nothing to compare with but the size
  const std::string digest = hub::fileDigest(blob, kind, cancel_);
  checkCancel();
  return digest == etag;
}

// `url` is the storage URL the HEAD gave; after a dropped connection `freshUrl()` asks again (a
// signed storage URL may have expired meanwhile).
uint64_t Download::transfer(hub::HttpClient& client, std::string url, const std::function<std::string()>& freshUrl,
                            const fs::path& incomplete, uint64_t expectedBytes, const std::string& name) {
  std::error_code ec;
  const uint64_t doneAtFileStart = progress_.doneBytes - progress_.fileDoneBytes;
  bool resumed = false;  // continued from a partial file (counted once per file)
  for (int attempt = 1;; ++attempt) {
    uint64_t have = fs::exists(incomplete, ec) ? fs::file_size(incomplete, ec) : 0;
    if (have > expectedBytes) {  // longer than the file: not a prefix of it
      fs::remove(incomplete, ec);
      have = 0;
    }
    progress_.phase = fetchPhase_;
    progress_.fileDoneBytes = have;
    progress_.doneBytes = doneAtFileStart + have;
    if (have >= expectedBytes && expectedBytes > 0) return have;
    resumed = resumed || have > 0;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::fopen(incomplete.c_str(), "ab"), &std::fclose);
    if (!out) throw Error(ErrorCategory::Io, "cannot write into the hub cache", {.file = incomplete.string()});
    std::setvbuf(out.get(), nullptr, _IONBF, 0);  // what arrived is on disk: a crash or a kill loses nothing received
    const auto onBytes = [&](uint64_t n) {
      if (cancel_ && cancel_->load()) throw hub::TransferCancelled{};
      rate_.add(n);
      if (n == 0) {  // idle: a stalled line still updates the rate and the ETA
        report(false);
        return;
      }
      const long position = std::ftell(out.get());  // the file's length, also after a restart from 0
      progress_.fileDoneBytes = position >= 0 ? static_cast<uint64_t>(position) : progress_.fileDoneBytes + n;
      progress_.doneBytes = doneAtFileStart + progress_.fileDoneBytes;
      result_.fetchedBytes += n;
      report(false);
    };
    hub::HttpResponse r;
    try {
      r = client.getToFile(url, have, out.get(), onBytes);
      if (std::fflush(out.get()) != 0) throw Error(ErrorCategory::Io, "cannot write into the hub cache (disk full?)", {.file = incomplete.string()});
    } catch (const hub::TransferCancelled&) {
      out.reset();
      checkCancel();
      throw;
    } catch (const Error& e) {
      out.reset();
      const uint64_t kept = fs::exists(incomplete, ec) ? fs::file_size(incomplete, ec) : 0;
      if (e.category() != ErrorCategory::Io || attempt >= kAttemptsPerFile)
        throw Error(e.category(), "downloading " + request_.repoId + "/" + name + " failed after " + std::to_string(attempt) +
                                      " attempt(s): " + e.message() + "; the " + humanBytes(static_cast<double>(kept)) +
                                      " received are kept and the next download continues from there");
      for (int i = 0; i < attempt * 5; ++i) {  // a dropped connection: pause, then continue from what arrived
        checkCancel();
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
      url = freshUrl();
      continue;
    }
    out.reset();
    if (r.status != 200 && r.status != 206 && r.status != 416) hubError(r, name);  // an answer, not a dropped line: no retry
    if (resumed && !r.restarted) ++result_.resumedFiles;  // (restarted: the server ignored the range)
    return fs::file_size(incomplete, ec);                                         // 416: asked past the end; the check decides
  }
}

void Download::fetch(hub::HttpClient& client, const RemoteFile& file) {
  checkCancel();
  progress_.file = file.name;
  progress_.fileDoneBytes = 0;
  progress_.fileTotalBytes = file.sizeBytes;
  progress_.phase = fetchPhase_;
  report(true);
  const std::string url = resolveUrl(file.name);
  std::string etag;
  uint64_t expected = 0;
  // HEAD: the blob's ETag and size, and where its bytes are (the hub itself, or a redirect to storage).
  const auto locate = [&]() -> std::string {
    const hub::HttpResponse head = client.head(url);
    const bool redirected = head.status >= 300 && head.status < 400;
    if (head.status != 200 && !redirected) hubError(head, file.name);
    etag = normalizeEtag(!head.header("x-linked-etag").empty() ? head.header("x-linked-etag") : head.header("etag"));
    const std::string sizeText = !head.header("x-linked-size").empty() ? head.header("x-linked-size") : head.header("content-length");
    static const std::regex safeEtag("[A-Za-z0-9_.-]{8,128}");
    if (!std::regex_match(etag, safeEtag) || etag.find("..") != std::string::npos)
      throw Error(ErrorCategory::Format, "the hub sent no usable ETag for " + request_.repoId + "/" + file.name + " ('" + etag + "')", {.file = url});
    try {
      expected = std::stoull(sizeText);
    } catch (...) {
      throw Error(ErrorCategory::Format, "the hub sent no file size for " + request_.repoId + "/" + file.name, {.file = url});
    }
    const std::string location = head.header("location");
    if (!redirected || location.empty()) return url;
    if (location.rfind("https://", 0) != 0 && location.rfind("http://", 0) != 0)
      throw Error(ErrorCategory::Format, "the hub sent " + request_.repoId + "/" + file.name + " to a location that is not http(s)", {.file = url});
    return location;
  };
  const std::string downloadUrl = locate();
  const std::string firstEtag = etag;
  const auto freshUrl = [&]() {
    const std::string again = locate();
    if (etag != firstEtag) throw Error(ErrorCategory::Format, request_.repoId + "/" + file.name + " changed during the download", {.file = url});
    return again;
  };
  if (expected != file.sizeBytes) {  // trust the file's own metadata over the listing
    progress_.totalBytes = progress_.totalBytes >= file.sizeBytes ? progress_.totalBytes - file.sizeBytes + expected : expected;
    progress_.fileTotalBytes = expected;
  }

  const fs::path blob = repoDir_ / "blobs" / etag;
  std::error_code ec;
  fs::create_directories(blob.parent_path(), ec);
  if (ec) throw Error(ErrorCategory::Io, "cannot create the hub cache folder: " + ec.message(), {.file = blob.parent_path().string()});
  BlobLock lock(settings_.cacheDir / ".locks" / hubRepoFolderName(request_.repoId) / (etag + ".lock"), cancel_);
  checkCancel();
  const uint64_t doneAtStart = progress_.doneBytes;
  if (fs::exists(blob, ec)) {
    if (blobMatches(blob, etag, expected)) {
      result_.reusedBytes += expected;
      progress_.doneBytes = doneAtStart + expected;
      link(file.name, etag);
      return;
    }
    fs::remove(blob, ec);  // damaged in the cache: fetch it again
    ++result_.refetchedFiles;
  }
  const fs::path incomplete = blob.string() + ".incomplete";
  for (int round = 1;; ++round) {
    progress_.fileDoneBytes = 0;
    progress_.doneBytes = doneAtStart;
    const uint64_t got = transfer(client, round == 1 ? downloadUrl : freshUrl(), freshUrl, incomplete, expected, file.name);
    std::string digest;
    const hub::EtagKind kind = hub::etagKind(etag);
    if (got == expected) {
      progress_.phase = "checking";
      report(true);
      digest = hub::fileDigest(incomplete, kind, cancel_);
      checkCancel();
    }
    if (got == expected && (kind == hub::EtagKind::Other || digest == etag)) break;
    fs::remove(incomplete, ec);
    const std::string what = got != expected ? std::to_string(got) + " bytes arrived where the hub said " + std::to_string(expected)
                                             : std::string(kind == hub::EtagKind::Sha256 ? "SHA-256 " : "git blob id ") + digest +
                                                   " where the hub's ETag says " + etag;
    if (round >= 2)
      throw Error(ErrorCategory::Format, request_.repoId + "/" + file.name + " failed its check twice (" + what + "); the damaged copy was removed",
                  {.file = url});
    ++result_.refetchedFiles;  // fetch it once more from the start
  }
  fs::rename(incomplete, blob, ec);
  if (ec) throw Error(ErrorCategory::Io, "cannot move the downloaded file into place: " + ec.message(), {.file = blob.string()});
  progress_.doneBytes = doneAtStart + expected;
  link(file.name, etag);
}

// snapshots/<commit>/<name> -> ../../blobs/<etag>, the relative link huggingface_hub makes.
void Download::link(const std::string& name, const std::string& etag) {
  const fs::path target = fs::path("..") / ".." / "blobs" / etag;
  const fs::path linkPath = result_.snapshot / name;
  std::error_code ec;
  fs::create_directories(result_.snapshot, ec);
  fs::remove(linkPath, ec);
  fs::create_symlink(target, linkPath, ec);
  if (ec) throw Error(ErrorCategory::Io, "cannot link the snapshot file to its blob: " + ec.message(), {.file = linkPath.string()});
}

DownloadResult Download::run() {
  validateHubRepoId(request_.repoId);
  validateHubRevision(request_.revision);
  if (settings_.cacheDir.empty()) throw Error(ErrorCategory::Argument, "no Hugging Face cache folder is set (HF_HUB_CACHE / HF_HOME / HOME)");
  result_.repoId = request_.repoId;
  progress_.phase = "listing";
  report(true);
  if (settings_.offline) {
    if (useCachedSnapshot("offline mode (HF_HUB_OFFLINE): the hub was not asked")) return result_;
    throw Error(ErrorCategory::Io, "offline mode (HF_HUB_OFFLINE is set) and " + request_.repoId + "@" + request_.revision +
                                       " is not in the cache " + settings_.cacheDir.string() +
                                       " (or only part of it): unset HF_HUB_OFFLINE to download it");
  }
  hub::HttpClient client(settings_.token, hub::urlOrigin(settings_.endpoint), std::string("peftdesk/") + PEFTDESK_VERSION + "; hf_hub-compatible",
                         cancel_);
  std::vector<RemoteFile> remote;
  listFiles(client, remote);
  if (result_.fromCacheOnly) return result_;
  result_.snapshot = repoDir_ / "snapshots" / result_.commit;

  std::vector<RemoteFile> files = chooseFiles(remote);
  std::vector<RemoteFile> support, weights;
  for (const auto& f : files) (endsWith(f.name, ".safetensors") ? weights : support).push_back(f);
  const auto sumBytes = [](const std::vector<RemoteFile>& v) {
    uint64_t n = 0;
    for (const auto& f : v) n += f.sizeBytes;
    return n;
  };
  progress_.totalBytes = 0;  // unknown until the index has been read

  std::error_code ec;
  const bool snapshotExisted = fs::exists(result_.snapshot, ec);
  const fs::path ref = repoDir_ / "refs" / request_.revision;  // "refs/pr/1" nests
  const bool refExisted = fs::exists(ref, ec);
  fs::create_directories(result_.snapshot, ec);
  if (ec) throw Error(ErrorCategory::Io, "cannot create the hub cache folder: " + ec.message(), {.file = result_.snapshot.string()});
  if (request_.revision != result_.commit) {
    fs::create_directories(ref.parent_path(), ec);
    writeFileAtomically(ref, result_.commit);
  }

  // config.json and the index first ("listing"): they decide whether and which weights to fetch,
  // so the totals shown while fetching are exact from the first byte.
  std::vector<RemoteFile> first, rest;
  for (const auto& f : support) (f.name == "config.json" || f.name == "model.safetensors.index.json" ? first : rest).push_back(f);
  for (const auto& f : first) fetch(client, f);
  try {
    checkArchitecture();
  } catch (const Error&) {  // leave no model-looking snapshot behind (its blobs may stay)
    if (!snapshotExisted) fs::remove_all(result_.snapshot, ec);
    if (!refExisted) fs::remove(ref, ec);
    throw;
  }
  const std::vector<RemoteFile> shards = indexedShards(weights);
  rest.insert(rest.end(), shards.begin(), shards.end());
  progress_.totalBytes = sumBytes(support) + sumBytes(shards);
  progress_.fileCount = static_cast<int>(support.size() + shards.size());
  progress_.fileIndex = static_cast<int>(first.size());
  fetchPhase_ = "fetching";
  for (const auto& f : rest) {
    ++progress_.fileIndex;
    fetch(client, f);
  }
  for (const auto& f : support) result_.files.push_back(f.name);
  for (const auto& f : shards) result_.files.push_back(f.name);
  std::sort(result_.files.begin(), result_.files.end());
  std::sort(result_.skipped.begin(), result_.skipped.end());
  progress_.phase = "done";
  progress_.file.clear();
  report(true);
  return result_;
}

}  // namespace

HubSettings hubSettingsFromEnvironment(const EnvLookup& env) {
  HubSettings s;
  if (std::string e = environmentValue(env, "HF_ENDPOINT"); !e.empty()) {
    while (!e.empty() && e.back() == '/') e.pop_back();
    s.endpoint = e;
  }
  s.offline = envTrue(environmentValue(env, "HF_HUB_OFFLINE")) || envTrue(environmentValue(env, "TRANSFORMERS_OFFLINE"));
  for (const char* name : {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"}) {
    if (std::string t = environmentValue(env, name); !t.empty()) {
      s.token = t;
      s.tokenOrigin = name;
      break;
    }
  }
  if (s.token.empty()) {  // huggingface_hub's token file: HF_TOKEN_PATH, else $HF_HOME/token
    const std::string given = environmentValue(env, "HF_TOKEN_PATH");
    const fs::path file = given.empty() ? huggingFaceHome(env) / "token" : expandHomePath(given, env);
    std::ifstream in(file);
    std::string t;
    if (in && std::getline(in, t)) {
      while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
      if (!t.empty()) {
        s.token = t;
        s.tokenOrigin = file.string();
      }
    }
  }
  for (const ModelCacheRoot& root : modelCacheRoots(env)) {
    if (root.source != "huggingface") continue;
    s.cacheDir = root.path;
    s.cacheOrigin = root.origin;
    break;
  }
  return s;
}

std::string hubRepoFolderName(const std::string& repoId) {
  std::string out = "models--";
  for (char c : repoId) out += c == '/' ? std::string("--") : std::string(1, c);
  return out;
}

// huggingface_hub's validate_repo_id: one optional namespace, letters, digits, '-', '_', '.',
// no "--" or "..", at most 96 characters.
void validateHubRepoId(const std::string& repoId) {
  static const std::regex pattern("^(?:[A-Za-z0-9_.-]+/)?[A-Za-z0-9_.-]+$");
  const auto fail = [&](const std::string& why) {
    throw Error(ErrorCategory::Argument, "'" + repoId + "' is not a Hugging Face repository id (" + why + "; e.g. Qwen/Qwen3-0.6B)");
  };
  if (repoId.empty()) fail("it is empty");
  if (repoId.size() > 96) fail("longer than 96 characters");
  if (!std::regex_match(repoId, pattern)) fail("only letters, digits, '-', '_', '.' and one '/' between owner and name");
  if (repoId.find("--") != std::string::npos || repoId.find("..") != std::string::npos) fail("'--' and '..' are not allowed");
  for (const std::string& part : {repoId.substr(0, repoId.find('/')), repoId.substr(repoId.find('/') + 1)})
    if (part.front() == '-' || part.front() == '.' || part.back() == '-' || part.back() == '.') fail("a part starts or ends with '-' or '.'");
}

void validateHubRevision(const std::string& revision) {
  const auto fail = [&](const std::string& why) { throw Error(ErrorCategory::Argument, "revision '" + revision + "': " + why); };
  if (revision.empty()) fail("empty (use a branch, tag or commit, e.g. main)");
  if (revision.size() > 255) fail("longer than 255 characters");
  if (revision.find("..") != std::string::npos || revision.front() == '/' || revision.back() == '/') fail("not a branch, tag or commit name");
  for (unsigned char c : revision)
    if (c < 0x21 || c == 0x7f || c == '\\' || c == '~' || c == '^' || c == ':' || c == '?' || c == '*' || c == '[')
      fail("contains a character git does not allow in a name");
}

bool isHubSupportFile(const std::string& name) {
  static const std::set<std::string> names = {
      "config.json",          "generation_config.json", "model.safetensors.index.json", "tokenizer.json",
      "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json",           "tokenizer.model",
      "vocab.json",           "merges.txt",              "chat_template.jinja",          "chat_template.json"};
  return names.count(name) > 0;
}

DownloadResult downloadModel(const DownloadRequest& request, const HubSettings& settings, const DownloadProgressFn& progress,
                             const std::atomic<bool>* cancel) {
  Download download(request, settings, progress, cancel);
  try {
    return download.run();
  } catch (const hub::TransferCancelled&) {  // a request stopped by `cancel` outside a file transfer
    throw Error(ErrorCategory::Cancelled, "download of " + request.repoId + " cancelled; what was fetched stays in the cache");
  }
}

}  // namespace peftdesk
