// Model::Impl, shared by the translation units that implement Model's members (model.cpp,
// export/model_export.cpp).
#pragma once

#include <ATen/ATen.h>

#include <memory>

#include "model/decoder.h"
#include "model/torch_device.h"
#include "peft/adapter_set.h"
#include "peftdesk/checkpoint.h"
#include "peftdesk/model.h"

namespace peftdesk {

struct Model::Impl {
  ModelInfo info;
  ComputeDType dtype = ComputeDType::F32;
  at::ScalarType scalarType = at::kFloat;
  ResolvedDevice device;                 // resolved once at load
  c10::Device torchDevice = c10::kCPU;   // the same, for tensor options
  Checkpoint checkpoint;
  std::unique_ptr<Decoder> decoder;
  std::unique_ptr<AdapterSet> adapters;
  bool shapesOnly = false;  // loaded with WeightsMode::ShapesOnly: parameters are meta tensors
  uint64_t id = nextId();   // process-unique: tells a GenerationCache which model filled it

  static uint64_t nextId();
};

// Throws a clear error when the model was loaded with WeightsMode::ShapesOnly.
void requireWeights(const Model::Impl& impl);

Model::Impl& modelInternals(Model& model);

// A transformers model folder from named parameters (state-dict order): sharded safetensors in
// `dtype`, config.json with the dtype (quantization_config dropped, tie flag cleared when the head
// was untied), generation config and tokenizer files copied. Returns the file names written.
std::vector<std::string> writeModelFolder(const Model::Impl& impl, const std::vector<NamedParameter>& parameters,
                                          const std::filesystem::path& folder, at::ScalarType dtype, bool untiedHead,
                                          uint64_t maxShardBytes);

// The training forward: summed next-token cross-entropy (fp32) over labels != -100 of right-padded
// rows with the active adapter, as transformers' ForCausalLMLoss with reduction "sum". Builds the
// autograd graph when grad mode is on. The caller divides by the label count of its whole
// accumulation window (transformers' num_items_in_batch).
struct TokenLossSum {
  at::Tensor sum;            // scalar, fp32
  int64_t labelTokens = 0;   // positions that contribute (after the shift)
  int64_t inputTokens = 0;   // real (unpadded) input tokens
};
TokenLossSum tokenLossSum(Model::Impl& impl, const std::vector<std::vector<int32_t>>& rows,
                          const std::vector<std::vector<int32_t>>& labels, bool checkpointLayers = false);

inline at::ScalarType scalarTypeOf(ComputeDType d) {
  switch (d) {
    case ComputeDType::F32: return at::kFloat;
    case ComputeDType::BF16: return at::kBFloat16;
    case ComputeDType::F16: return at::kHalf;
  }
  return at::kFloat;
}

// transformers' config.json name of a dtype ("float32", "bfloat16", "float16").
inline const char* torchDtypeName(at::ScalarType t) {
  return t == at::kBFloat16 ? "bfloat16" : t == at::kHalf ? "float16" : "float32";
}

}  // namespace peftdesk
