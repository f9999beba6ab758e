// checkpoints/step-N/ folders that are either complete or absent. A checkpoint is written into a
// hidden staging folder, its MANIFEST (every file with size and FNV-1a hash) written last, then
// the folder is renamed into place and the parent fsynced. A folder without a valid MANIFEST, a
// file of the wrong size or hash, or a leftover staging folder is ignored (and cleaned up later),
// never fatal: resume takes the newest complete checkpoint. No LibTorch.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace peftdesk {

class CheckpointStore {
 public:
  CheckpointStore(std::filesystem::path checkpointsDir, int64_t keepLast);

  // Calls writeFiles(stagingFolder), then seals and publishes step-N. Returns step-N's path.
  // Removes older checkpoints beyond keepLast afterwards (MANIFEST first, so a removal cut short
  // leaves an ignored folder, not a damaged checkpoint).
  std::filesystem::path write(int64_t step, const std::function<void(const std::filesystem::path&)>& writeFiles);

  struct Found {
    std::filesystem::path folder;
    int64_t step = 0;
  };
  // Newest checkpoint whose MANIFEST and files all check out. `ignored` (optional) receives one
  // line per folder passed over and why.
  std::optional<Found> latestComplete(std::vector<std::string>* ignored = nullptr) const;

  // Removes staging leftovers and checkpoints newer than `step` (they belong to a run that was
  // rolled back or overtaken), so the next writes cannot collide with them.
  void discardAfter(int64_t step) const;

 private:
  void prune() const;
  std::filesystem::path dir_;
  int64_t keepLast_;
};

// FNV-1a 64: continue hash `h` over `n` bytes (start from kFnv1aOffset). The offset is one digit
// short of FNV's published basis (14695981039346656037); every MANIFEST written holds hashes from
// it, so it stays: the hash only has to tell a damaged file from the one that was sealed.
constexpr uint64_t kFnv1aOffset = 1469598103934665603ull;
uint64_t fnv1a64(uint64_t h, const void* data, size_t n);
// FNV-1a 64 of a file's bytes (MANIFEST checksum).
uint64_t fileChecksum(const std::filesystem::path& file);

}  // namespace peftdesk
