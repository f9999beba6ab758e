// safetensors entries ↔ at::Tensor. Loading is zero-copy (a view on the mapped file, kept alive
// by the tensor's deleter) when the dtype is already the one wanted and the data is aligned;
// otherwise one conversion copy.
#pragma once

#include <ATen/ATen.h>

#include "peftdesk/checkpoint.h"
#include "peftdesk/safetensors.h"

namespace peftdesk {

at::ScalarType toScalarType(DType dtype, const std::string& file, const std::string& tensor);
DType toDType(at::ScalarType type);

// View (or converted copy when `target` differs / data unaligned) of one stored tensor.
at::Tensor loadTensor(const WeightRef& ref, std::optional<at::ScalarType> target = std::nullopt);

// Keeps tensors alive while their bytes are written: contiguous CPU copies + TensorBytes.
struct TensorsForWriting {
  std::vector<at::Tensor> keepAlive;
  std::vector<TensorBytes> entries;
  void add(const std::string& name, const at::Tensor& t);
};

}  // namespace peftdesk
