// See checkpoint.h. Index format: spec/peft-interop.md §1.4.
#include "peftdesk/checkpoint.h"

#include <nlohmann/json.hpp>
#include <set>

#include "peftdesk/error.h"
#include "peftdesk/json_file.h"

namespace peftdesk {

Checkpoint Checkpoint::open(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  Checkpoint c;
  const fs::path single = dir / "model.safetensors";
  const fs::path index = dir / "model.safetensors.index.json";
  if (fs::exists(single)) {
    auto f = SafetensorsFile::open(single);
    c.shards_.push_back(f);
    c.files_.push_back(single);
    for (const auto& t : f->tensors()) c.weights_[t.name] = WeightRef{f, &t};
    return c;
  }
  if (!fs::exists(index)) {
    std::string hint;
    if (fs::exists(dir / "pytorch_model.bin") || fs::exists(dir / "pytorch_model.bin.index.json")) {
      hint = " (only pytorch_model.bin found: pickle checkpoints are refused because loading them can run code; "
             "convert with transformers' save_pretrained(safe_serialization=True))";
    }
    throw Error(ErrorCategory::Io, "no model.safetensors or model.safetensors.index.json" + hint, {dir.string()});
  }
  const auto j = readJsonFile(index);
  if (!j.is_object() || !j.contains("weight_map") || !j["weight_map"].is_object()) {
    throw Error(ErrorCategory::Format, "missing object 'weight_map'", {index.string(), -1, -1, "weight_map"});
  }
  std::map<std::string, std::shared_ptr<SafetensorsFile>> opened;
  for (auto it = j["weight_map"].begin(); it != j["weight_map"].end(); ++it) {
    if (!it.value().is_string()) {
      throw Error(ErrorCategory::Format, "shard file name must be a string", {index.string(), -1, -1, "weight_map." + it.key()});
    }
    const std::string shardName = it.value().get<std::string>();
    if (shardName.find('/') != std::string::npos || shardName.find("..") != std::string::npos) {
      throw Error(ErrorCategory::Format, "shard name must be a plain file name, found '" + shardName + "'",
                  {index.string(), -1, -1, "weight_map." + it.key()});
    }
    auto& f = opened[shardName];
    if (!f) {
      const fs::path p = dir / shardName;
      if (!fs::exists(p)) {
        throw Error(ErrorCategory::Io, "shard '" + shardName + "' listed in the index is missing", {index.string(), -1, -1, "weight_map." + it.key()});
      }
      f = SafetensorsFile::open(p);
      c.shards_.push_back(f);
      c.files_.push_back(p);
    }
    const TensorInfo* info = f->find(it.key());
    if (!info) {
      throw Error(ErrorCategory::Format, "index says this tensor is in '" + shardName + "' but it is not there",
                  {index.string(), -1, -1, {}, it.key()});
    }
    c.weights_[it.key()] = WeightRef{f, info};
  }
  // Every tensor in the shards must be in the index, and only once across shards.
  std::set<std::string> seen;
  for (const auto& f : c.shards_) {
    for (const auto& t : f->tensors()) {
      if (!seen.insert(t.name).second) {
        throw Error(ErrorCategory::Format, "tensor appears in more than one shard", {f->path().string(), -1, -1, {}, t.name});
      }
      auto w = c.weights_.find(t.name);
      if (w == c.weights_.end() || w->second.file != f) {
        throw Error(ErrorCategory::Format, "tensor is not listed for this shard in model.safetensors.index.json",
                    {f->path().string(), -1, -1, {}, t.name});
      }
    }
  }
  return c;
}

const WeightRef* Checkpoint::find(const std::string& name) const {
  auto it = weights_.find(name);
  return it == weights_.end() ? nullptr : &it->second;
}

uint64_t Checkpoint::totalFileBytes() const {
  uint64_t n = 0;
  for (const auto& s : shards_) n += s->fileSize();
  return n;
}

}  // namespace peftdesk
