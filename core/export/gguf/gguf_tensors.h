// The tensors of a GGUF model file, planned from a safetensors checkpoint the way llama.cpp's
// converter emits them: shards in file-name order and names sorted within each, HF names mapped to
// GGUF ones, the family's transforms (Q/K rotary permutation, GPT-2 Conv1D transposition), and each
// tensor's type (norms, vectors and position embeddings F32; the rest the file type, Q8_0 falling
// back to F16 for rows that are not whole blocks). Bytes are produced lazily, one tensor at a time,
// straight from the mapped checkpoint. Rules: docs/notes/gguf-implementation-plan.md §3. Torch-free.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "export/gguf/gguf_families.h"
#include "peftdesk/checkpoint.h"

namespace peftdesk::gguf {

struct TensorPlan {
  std::vector<TensorInfo> tensors;  // in file order
  int64_t parameterCount = 0;       // Σ numel
  int64_t expertParameters = 0;     // Σ numel / E over stacked expert tensors (gguf_writer.get_total_parameter_count)
  int64_t experts = 0;              // E, when there are expert tensors
  std::string sizeLabel() const;    // general.size_label: "4.2M", or "4x10M" for a mixture of experts
};

TensorPlan planTensors(const Family& family, const ModelSource& source, const Checkpoint& checkpoint, FileType type);

// The type a tensor named `ggufName` of `shape` gets in a file of `fileType` (base.py:1082-1167):
// vectors, norms and position embeddings F32; Q8_0 rows that are not whole blocks F16.
TensorType tensorTypeFor(const std::string& ggufName, const std::vector<int64_t>& shape, FileType fileType);

// The checkpoint tensor's values as fp32 (F32 as is; F16 / BF16 widened exactly). Throws for other dtypes.
std::vector<float> readFloats(const WeightRef& ref);

// A row-major [rows, cols] matrix as [cols, rows].
std::vector<float> transposed(const std::vector<float>& values, int64_t rows, int64_t cols);

// gguf-py's model_weight_count_rounded_notation(n, 2): "4.2M", "10M", "1.5B".
std::string sizeLabel(int64_t parameterCount);

// HF's q_proj / k_proj rows (or bias elements) of `heads` heads back to llama.cpp's interleaved
// rotary order: out[h·d + 2i + s] = in[h·d + s·d/2 + i] (llama.py LlamaModel.permute).
std::vector<float> permuteRotaryRows(const std::vector<float>& values, int64_t rows, int64_t cols, int64_t heads);

}  // namespace peftdesk::gguf
