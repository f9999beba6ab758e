// See sharded_writer.h.
#include "peftdesk/sharded_writer.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "peftdesk/atomic_file.h"

namespace peftdesk {

std::vector<std::string> writeShardedSafetensors(const std::filesystem::path& dir, const std::vector<TensorBytes>& tensors,
                                                 uint64_t maxShardBytes) {
  std::vector<std::vector<TensorBytes>> shards(1);
  uint64_t current = 0, total = 0;
  for (const auto& t : tensors) {
    if (current > 0 && current + t.byteSize > maxShardBytes) {
      shards.emplace_back();
      current = 0;
    }
    shards.back().push_back(t);
    current += t.byteSize;
    total += t.byteSize;
  }
  std::vector<std::string> files;
  if (shards.size() == 1) {
    writeSafetensors(dir / "model.safetensors", shards[0]);
    return {"model.safetensors"};
  }
  nlohmann::json index;
  index["metadata"] = {{"total_size", total}};
  index["weight_map"] = nlohmann::json::object();
  for (size_t i = 0; i < shards.size(); ++i) {
    char name[64];
    std::snprintf(name, sizeof name, "model-%05zu-of-%05zu.safetensors", i + 1, shards.size());
    writeSafetensors(dir / name, shards[i]);
    files.push_back(name);
    for (const auto& t : shards[i]) index["weight_map"][t.name] = name;
  }
  writeFileAtomically(dir / "model.safetensors.index.json", index.dump(2) + "\n");
  files.push_back("model.safetensors.index.json");
  return files;
}

}  // namespace peftdesk
