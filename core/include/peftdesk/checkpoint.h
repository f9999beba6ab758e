// The weights of a Hugging Face model folder: model.safetensors, or shards listed in
// model.safetensors.index.json. Gives one name → (file, tensor) map across all shards.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "peftdesk/safetensors.h"

namespace peftdesk {

struct WeightRef {
  std::shared_ptr<SafetensorsFile> file;
  const TensorInfo* info = nullptr;
};

class Checkpoint {
 public:
  // Throws peftdesk::Error: no weights (with a note when only pytorch_model.bin exists, which we
  // refuse to unpickle), bad index JSON, shard missing, tensor listed twice or not where the
  // index says.
  static Checkpoint open(const std::filesystem::path& modelDir);

  const std::map<std::string, WeightRef>& weights() const { return weights_; }
  const WeightRef* find(const std::string& name) const;
  const std::vector<std::filesystem::path>& files() const { return files_; }
  uint64_t totalFileBytes() const;

 private:
  std::map<std::string, WeightRef> weights_;
  std::vector<std::filesystem::path> files_;
  std::vector<std::shared_ptr<SafetensorsFile>> shards_;
};

}  // namespace peftdesk
