// Model::Impl, shared by the translation units that implement Model's members (model.cpp,
// export/model_export.cpp).
#pragma once

#include <ATen/ATen.h>

#include <memory>

#include "model/decoder.h"
#include "peft/adapter_set.h"
#include "peftdesk/checkpoint.h"
#include "peftdesk/model.h"

namespace peftdesk {

struct Model::Impl {
  ModelInfo info;
  ComputeDType dtype = ComputeDType::F32;
  at::ScalarType scalarType = at::kFloat;
  Checkpoint checkpoint;
  std::unique_ptr<Decoder> decoder;
  std::unique_ptr<AdapterSet> adapters;
  bool shapesOnly = false;  // loaded with WeightsMode::ShapesOnly: parameters are meta tensors
};

// Throws a clear error when the model was loaded with WeightsMode::ShapesOnly.
void requireWeights(const Model::Impl& impl);

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
