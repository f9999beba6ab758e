// The models already on this machine: the Hugging Face hub cache (models--ORG--NAME/snapshots/REV,
// wherever HF_HUB_CACHE / HF_HOME / XDG_CACHE_HOME put it, as huggingface_hub decides) and
// ModelScope's cache (MODELSCOPE_CACHE). Each snapshot is described from its config.json and
// weight headers only (inspectModel): family, size, dtype, and whether PeftDesk can load it — with
// the reason when it cannot. Torch-free: the Model page and `peftdesk-cli models` use it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace peftdesk {

struct ModelCacheRoot {
  std::filesystem::path path;
  std::string source;  // "huggingface" | "modelscope"
  std::string origin;  // what chose the path: "HF_HUB_CACHE", "HF_HOME", "default", "--cache-dir", ...
};

// The cache folders to look in, from the environment as huggingface_hub and modelscope read it
// (`env` returns a variable's value or null; the real environment by default).
using EnvLookup = std::function<const char*(const char*)>;
std::vector<ModelCacheRoot> modelCacheRoots(const EnvLookup& env = {});
// A variable's value ("" when unset or empty), and a path with a leading "~" expanded from HOME.
std::string environmentValue(const EnvLookup& env, const char* name);
std::filesystem::path expandHomePath(const std::string& path, const EnvLookup& env);
// huggingface_hub's HF_HOME: the variable, else $XDG_CACHE_HOME/huggingface, else ~/.cache/huggingface.
std::filesystem::path huggingFaceHome(const EnvLookup& env);

struct CachedModel {
  std::string source;               // "huggingface" | "modelscope"
  std::string repoId;               // "Qwen/Qwen3-0.6B"
  std::string revision;             // the snapshot's commit (Hugging Face); empty for ModelScope
  std::vector<std::string> refs;    // branches / tags pointing at this snapshot ("main")
  std::filesystem::path folder;     // the folder to open
  std::string modelType;            // config.json's model_type; empty when unreadable
  std::string architecture;         // "Qwen3ForCausalLM"
  int64_t numParameters = 0;        // 0 when the weights could not be described
  std::string dtype;                // config.json's dtype, else the stored one ("BF16")
  uint64_t sizeBytes = 0;           // the snapshot's files, links followed
  bool loadable = false;
  std::string reason;               // why it cannot be loaded (the error message); empty when loadable
};

// Every model snapshot under one root, sorted by repository and revision. A root that does not
// exist gives nothing; an unreadable model is listed with its reason, never skipped silently.
std::vector<CachedModel> scanModelCache(const ModelCacheRoot& root);
// All roots, in order, each folder listed once.
std::vector<CachedModel> scanModelCaches(const std::vector<ModelCacheRoot>& roots);

// The stable JSON of one entry (docs/cli.md, `models --json`).
nlohmann::json cachedModelJson(const CachedModel& model);

}  // namespace peftdesk
