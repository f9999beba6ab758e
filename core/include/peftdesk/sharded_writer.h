// A transformers weights folder: model.safetensors, or model-0000i-of-0000K.safetensors shards
// plus model.safetensors.index.json when the tensors exceed the shard size (spec §1.4). Shards
// are filled greedily in the given order; a tensor is never split.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "peftdesk/safetensors.h"

namespace peftdesk {

// Returns the file names written (index last when sharded).
std::vector<std::string> writeShardedSafetensors(const std::filesystem::path& dir, const std::vector<TensorBytes>& tensors,
                                                 uint64_t maxShardBytes);

}  // namespace peftdesk
