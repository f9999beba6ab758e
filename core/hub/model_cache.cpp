// See model_cache.h. The Hugging Face layout is huggingface_hub's (file_download.py): a repository
// folder `models--ORG--NAME` holding `snapshots/<commit>/` (links into `blobs/`) and `refs/<name>`
// files that contain a commit. ModelScope keeps plain folders `<cache>/models/ORG/NAME` (older
// releases: `<cache>/ORG/NAME`), with a dot in a name written as "___".
#include "peftdesk/model_cache.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <system_error>
#include <tuple>

#include "peftdesk/error.h"
#include "peftdesk/model.h"

namespace peftdesk {
namespace fs = std::filesystem;
namespace {

bool isDir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

std::vector<fs::path> subdirs(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] != '.' && isDir(it->path())) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Bytes of every file under `dir`, file links followed (a snapshot's files are links into blobs/);
// linked folders are not entered, so a link cycle cannot trap the scan.
uint64_t folderBytes(const fs::path& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code e2;
    if (fs::is_regular_file(it->path(), e2)) {
      const auto n = fs::file_size(it->path(), e2);
      if (!e2) total += n;
    }
  }
  return total;
}

std::string readFirstLine(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\n')) line.pop_back();
  return line;
}

// Describes one model folder; never throws (what fails becomes `reason`).
CachedModel describe(const fs::path& folder, const std::string& source, const std::string& repoId) {
  CachedModel m;
  m.source = source;
  m.repoId = repoId;
  m.folder = folder;
  m.sizeBytes = folderBytes(folder);
  try {
    const ModelInfo info = inspectModel(folder);
    m.modelType = info.config.modelType;
    m.architecture = info.config.architectureName;
    m.numParameters = info.numParameters;
    m.dtype = !info.config.torchDtype.empty() ? info.config.torchDtype : info.storedDType;
    m.loadable = true;
  } catch (const std::exception& e) {
    m.reason = e.what();
    // What can still be said without a loadable model: its declared type.
    try {
      std::ifstream in(folder / "config.json");
      const nlohmann::json j = nlohmann::json::parse(in);
      if (j.is_object() && j.contains("model_type") && j["model_type"].is_string()) m.modelType = j["model_type"].get<std::string>();
      if (j.is_object() && j.contains("architectures") && j["architectures"].is_array() && !j["architectures"].empty() &&
          j["architectures"][0].is_string())
        m.architecture = j["architectures"][0].get<std::string>();
    } catch (const std::exception&) {
    }
  }
  return m;
}

// refs/<name> (names may have folders: refs/pr/1) → commit.
std::vector<std::pair<std::string, std::string>> readRefs(const fs::path& refsDir) {
  std::vector<std::pair<std::string, std::string>> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(refsDir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code e2;
    if (!fs::is_regular_file(it->path(), e2)) continue;
    out.emplace_back(fs::relative(it->path(), refsDir, e2).generic_string(), readFirstLine(it->path()));
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool hasPartialBlobs(const fs::path& repo) {
  std::error_code ec;
  for (fs::directory_iterator it(repo / "blobs", ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".incomplete") return true;
  return false;
}

void scanHuggingFace(const fs::path& root, std::vector<CachedModel>& out) {
  for (const fs::path& repo : subdirs(root)) {
    const std::string name = repo.filename().string();
    const std::string prefix = "models--";
    if (name.rfind(prefix, 0) != 0) continue;  // datasets--, spaces--: not models
    std::string repoId = name.substr(prefix.size());
    for (size_t at; (at = repoId.find("--")) != std::string::npos;) repoId.replace(at, 2, "/");
    const auto refs = readRefs(repo / "refs");
    for (const fs::path& snapshot : subdirs(repo / "snapshots")) {
      CachedModel m = describe(snapshot, "huggingface", repoId);
      m.revision = snapshot.filename().string();
      if (!m.loadable && hasPartialBlobs(repo))  // a download that stopped part way (peftdesk-cli download, huggingface_hub)
        m.reason = "download not finished (partial files in blobs/): download it again to finish; " + m.reason;
      for (const auto& [ref, commit] : refs)
        if (commit == m.revision) m.refs.push_back(ref);
      out.push_back(std::move(m));
    }
  }
}

std::string modelScopeName(std::string s) {
  for (size_t at; (at = s.find("___")) != std::string::npos;) s.replace(at, 3, ".");
  return s;
}

void scanModelScope(const fs::path& root, std::vector<CachedModel>& out) {
  // <root>/models/ORG/NAME (current) and <root>/ORG/NAME (older releases).
  for (const fs::path& base : {root / "models", root}) {
    for (const fs::path& org : subdirs(base)) {
      if (base == root && (org.filename() == "models" || org.filename() == "datasets")) continue;
      for (const fs::path& model : subdirs(org)) {
        std::error_code ec;
        if (!fs::exists(model / "config.json", ec)) continue;
        out.push_back(describe(model, "modelscope", modelScopeName(org.filename().string() + "/" + model.filename().string())));
      }
    }
  }
}

}  // namespace

std::string environmentValue(const EnvLookup& env, const char* name) {
  const char* v = env ? env(name) : std::getenv(name);
  return v && *v ? std::string(v) : std::string();
}

fs::path expandHomePath(const std::string& p, const EnvLookup& env) {
  if (p.rfind("~", 0) != 0) return p;
  return fs::path(environmentValue(env, "HOME")) / p.substr(p.size() > 1 && p[1] == '/' ? 2 : 1);
}

fs::path huggingFaceHome(const EnvLookup& env) {
  if (std::string home = environmentValue(env, "HF_HOME"); !home.empty()) return expandHomePath(home, env);
  const std::string xdg = environmentValue(env, "XDG_CACHE_HOME");
  return (xdg.empty() ? expandHomePath("~/.cache", env) : expandHomePath(xdg, env)) / "huggingface";
}

std::vector<ModelCacheRoot> modelCacheRoots(const EnvLookup& env) {
  std::vector<ModelCacheRoot> roots;
  // huggingface_hub/constants.py: HF_HUB_CACHE, else the legacy HUGGINGFACE_HUB_CACHE, else
  // HF_HOME/hub, HF_HOME defaulting to $XDG_CACHE_HOME/huggingface (~/.cache/huggingface).
  if (std::string v = environmentValue(env, "HF_HUB_CACHE"); !v.empty()) {
    roots.push_back({expandHomePath(v, env), "huggingface", "HF_HUB_CACHE"});
  } else if (std::string legacy = environmentValue(env, "HUGGINGFACE_HUB_CACHE"); !legacy.empty()) {
    roots.push_back({expandHomePath(legacy, env), "huggingface", "HUGGINGFACE_HUB_CACHE"});
  } else {
    const char* origin = !environmentValue(env, "HF_HOME").empty()          ? "HF_HOME"
                         : !environmentValue(env, "XDG_CACHE_HOME").empty() ? "XDG_CACHE_HOME"
                                                                            : "default";
    roots.push_back({huggingFaceHome(env) / "hub", "huggingface", origin});
  }
  // modelscope/hub/constants.py: MODELSCOPE_CACHE, else ~/.cache/modelscope/hub.
  if (std::string v = environmentValue(env, "MODELSCOPE_CACHE"); !v.empty()) {
    roots.push_back({expandHomePath(v, env), "modelscope", "MODELSCOPE_CACHE"});
  } else {
    roots.push_back({expandHomePath("~/.cache/modelscope/hub", env), "modelscope", "default"});
  }
  return roots;
}

std::vector<CachedModel> scanModelCache(const ModelCacheRoot& root) {
  std::vector<CachedModel> out;
  if (!isDir(root.path)) return out;
  if (root.source == "modelscope") scanModelScope(root.path, out);
  else scanHuggingFace(root.path, out);
  std::stable_sort(out.begin(), out.end(), [](const CachedModel& a, const CachedModel& b) {
    return std::tie(a.repoId, a.revision) < std::tie(b.repoId, b.revision);
  });
  return out;
}

std::vector<CachedModel> scanModelCaches(const std::vector<ModelCacheRoot>& roots) {
  std::vector<CachedModel> out;
  std::set<fs::path> seen;
  for (const ModelCacheRoot& root : roots) {
    for (CachedModel& m : scanModelCache(root)) {
      std::error_code ec;
      const fs::path key = fs::weakly_canonical(m.folder, ec);
      if (seen.insert(ec ? m.folder : key).second) out.push_back(std::move(m));
    }
  }
  return out;
}

nlohmann::json cachedModelJson(const CachedModel& m) {
  auto orNull = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
  return {{"source", m.source},
          {"repo_id", m.repoId},
          {"revision", orNull(m.revision)},
          {"refs", m.refs},
          {"folder", m.folder.string()},
          {"model_type", orNull(m.modelType)},
          {"architecture", orNull(m.architecture)},
          {"num_parameters", m.loadable ? nlohmann::json(m.numParameters) : nlohmann::json(nullptr)},
          {"dtype", orNull(m.dtype)},
          {"size_bytes", m.sizeBytes},
          {"loadable", m.loadable},
          {"reason", orNull(m.reason)}};
}

}  // namespace peftdesk
