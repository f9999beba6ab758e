// See checkpoint_store.h.
#include "train/checkpoint_store.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "peftdesk/atomic_file.h"
#include "peftdesk/error.h"

namespace peftdesk {
namespace fs = std::filesystem;
namespace {

constexpr const char* kManifest = "MANIFEST";
constexpr const char* kStagingPrefix = ".staging-step-";

// Test hook for the kill-and-resume test (tests/train/test_resume.cpp): with
// PEFTDESK_TEST_CHECKPOINT_KILL=STAGE:N set, the process says so on stderr and SIGKILLs itself at
// STAGE (staging, tensors, manifest, renamed, removing) of its N-th checkpoint write, so every stage
// of a write is shown to survive a kill. Unset, it costs one getenv per process.
std::atomic<int> writesStarted{0};

void killPoint(const char* stage) {
  static const std::string spec = [] {
    const char* v = std::getenv("PEFTDESK_TEST_CHECKPOINT_KILL");
    return std::string(v ? v : "");
  }();
  if (spec.empty()) return;
  const size_t colon = spec.find(':');
  if (spec.substr(0, colon) != stage || colon == std::string::npos || std::atoi(spec.c_str() + colon + 1) != writesStarted.load()) return;
  std::fprintf(stderr, "test hook: SIGKILL at checkpoint stage %s of write %d\n", stage, writesStarted.load());
  std::fflush(stderr);
  ::kill(::getpid(), SIGKILL);
}

void fsyncPath(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// step-N → N, or -1 for any other name.
int64_t stepOf(const std::string& name) {
  if (name.rfind("step-", 0) != 0 || name.size() == 5) return -1;
  int64_t n = 0;
  for (size_t i = 5; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9' || n > (int64_t{1} << 50)) return -1;
    n = n * 10 + (name[i] - '0');
  }
  return n;
}

std::vector<std::pair<int64_t, fs::path>> stepFolders(const fs::path& dir) {
  std::vector<std::pair<int64_t, fs::path>> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const int64_t s = stepOf(e.path().filename().string());
    if (s >= 0 && e.is_directory()) out.emplace_back(s, e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// "" when the folder's MANIFEST lists files that all exist with the recorded size and hash.
std::string verify(const fs::path& folder) {
  const fs::path manifest = folder / kManifest;
  if (!fs::exists(manifest)) return "no MANIFEST (incomplete)";
  nlohmann::json m;
  try {
    std::ifstream in(manifest);
    m = nlohmann::json::parse(in);
  } catch (const std::exception&) {
    return "MANIFEST is not valid JSON";
  }
  if (!m.is_object() || !m.contains("files") || !m["files"].is_array() || m["files"].empty()) return "MANIFEST lists no files";
  for (size_t i = 0; i < m["files"].size(); ++i) {
    const auto& f = m["files"][i];
    const bool wellFormed = f.is_object() && f.contains("name") && f["name"].is_string() && f.contains("bytes") &&
                            f["bytes"].is_number_unsigned() && f.contains("fnv1a64") && f["fnv1a64"].is_number_unsigned();
    if (!wellFormed) return "MANIFEST entry " + std::to_string(i) + " lacks a file name, size (bytes) or checksum (fnv1a64)";
    const std::string name = f["name"].get<std::string>();
    std::error_code ec;
    const auto size = fs::file_size(folder / name, ec);
    if (ec) return "missing " + name;
    if (size != f["bytes"].get<uint64_t>()) return name + " has the wrong size";
    if (fileChecksum(folder / name) != f["fnv1a64"].get<uint64_t>()) return name + " fails its checksum";
  }
  return "";
}

void removeFolder(const fs::path& folder) {
  std::error_code ec;
  fs::remove(folder / kManifest, ec);  // first: the folder stops counting as a checkpoint
  killPoint("removing");
  fs::remove_all(folder, ec);
}

}  // namespace

uint64_t fnv1a64(uint64_t h, const void* data, size_t n) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < n; ++i) {
    h ^= bytes[i];
    h *= 1099511628211ull;
  }
  return h;
}

uint64_t fileChecksum(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  uint64_t h = kFnv1aOffset;
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    h = fnv1a64(h, buf.data(), static_cast<size_t>(in.gcount()));
  }
  return h;
}

CheckpointStore::CheckpointStore(fs::path dir, int64_t keepLast) : dir_(std::move(dir)), keepLast_(std::max<int64_t>(1, keepLast)) {}

fs::path CheckpointStore::write(int64_t step, const std::function<void(const fs::path&)>& writeFiles) {
  const fs::path staging = dir_ / (kStagingPrefix + std::to_string(step));
  const fs::path target = dir_ / ("step-" + std::to_string(step));
  ++writesStarted;
  std::error_code ec;
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  if (ec) throw Error(ErrorCategory::Io, "cannot create checkpoint folder: " + ec.message(), {staging.string()});
  killPoint("staging");
  try {
    writeFiles(staging);
    killPoint("tensors");
    nlohmann::json files = nlohmann::json::array();
    std::vector<fs::path> paths;
    for (const auto& e : fs::recursive_directory_iterator(staging)) {
      if (e.is_regular_file()) paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      files.push_back({{"name", fs::relative(p, staging).string()}, {"bytes", fs::file_size(p)}, {"fnv1a64", fileChecksum(p)}});
      fsyncPath(p);
    }
    for (const auto& e : fs::recursive_directory_iterator(staging))
      if (e.is_directory()) fsyncPath(e.path());
    writeFileAtomically(staging / kManifest, nlohmann::json{{"step", step}, {"files", files}}.dump(1) + "\n");
    fsyncPath(staging);
    killPoint("manifest");
    if (fs::exists(target)) removeFolder(target);  // a damaged or superseded step-N
    fs::rename(staging, target);
    killPoint("renamed");
    fsyncPath(dir_);
  } catch (...) {
    fs::remove_all(staging, ec);
    throw;
  }
  prune();
  return target;
}

std::optional<CheckpointStore::Found> CheckpointStore::latestComplete(std::vector<std::string>* ignored) const {
  auto folders = stepFolders(dir_);
  for (auto it = folders.rbegin(); it != folders.rend(); ++it) {
    const std::string why = verify(it->second);
    if (why.empty()) return Found{it->second, it->first};
    if (ignored) ignored->push_back(it->second.string() + ": " + why);
  }
  return std::nullopt;
}

void CheckpointStore::discardAfter(int64_t step) const {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(kStagingPrefix, 0) == 0) fs::remove_all(e.path(), ec);
  }
  for (const auto& [s, folder] : stepFolders(dir_))
    if (s > step) removeFolder(folder);
}

void CheckpointStore::prune() const {
  std::vector<fs::path> complete;
  std::vector<std::pair<int64_t, fs::path>> unsealed;  // a removal cut short leaves these
  for (const auto& [s, folder] : stepFolders(dir_)) {
    if (fs::exists(folder / kManifest)) complete.push_back(folder);
    else unsealed.emplace_back(s, folder);
  }
  const int64_t excess = static_cast<int64_t>(complete.size()) - keepLast_;
  for (int64_t i = 0; i < excess; ++i) removeFolder(complete[static_cast<size_t>(i)]);
  // Unsealed folders older than the newest checkpoint can never become complete: remove them.
  const int64_t newest = complete.empty() ? -1 : stepOf(complete.back().filename().string());
  for (const auto& [s, folder] : unsealed)
    if (s < newest) removeFolder(folder);
}

}  // namespace peftdesk
