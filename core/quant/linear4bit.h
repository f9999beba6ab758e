// The 4-bit base weight of a linear layer (bitsandbytes Linear4bit semantics, spec §6.6): only
// the packed codes and block statistics stay resident; the layer dequantizes to the compute
// dtype when it runs, one layer at a time, never the whole model.
#pragma once

#include <ATen/ATen.h>

#include <memory>

#include "peftdesk/quant4bit.h"

namespace peftdesk {

struct QuantizationOptions {
  bool enabled = false;
  quant::QuantType type = quant::QuantType::NF4;
  int64_t blocksize = 64;
  bool doubleQuant = true;
};

class Quant4bitWeight {
 public:
  // Quantizes a dense [out, in] weight (its dtype is the "load dtype" recorded in the state).
  static std::shared_ptr<Quant4bitWeight> quantize(const at::Tensor& weight, const QuantizationOptions& options);
  // From a stored bitsandbytes state (packed bytes + state).
  static std::shared_ptr<Quant4bitWeight> fromState(std::vector<uint8_t> packed, quant::QuantState4bit state);

  at::Tensor dequantize(at::ScalarType dtype) const;  // [out, in]
  int64_t outFeatures() const { return state_.shape.at(0); }
  int64_t inFeatures() const { return state_.shape.at(1); }
  const quant::QuantState4bit& state() const { return state_; }
  const std::vector<uint8_t>& packed() const { return packed_; }
  uint64_t residentBytes() const;  // packed codes + statistics actually kept

 private:
  std::vector<uint8_t> packed_;
  quant::QuantState4bit state_;
  at::Tensor packedTensor_, absmax_, code_;  // views used by dequantize
  at::Tensor qabsmax_, nestedAbsmax_, nestedCode_;  // double quantization
};

}  // namespace peftdesk
