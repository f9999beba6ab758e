// The 4-bit base weight of a linear layer (bitsandbytes Linear4bit semantics, spec §6.6): only
// the packed codes and block statistics stay resident; the layer dequantizes to the compute
// dtype when it runs, one layer at a time, never the whole model, and training does not keep the
// dequantized weight for the backward pass (linear4bit below).
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

  at::Tensor dequantize(at::ScalarType dtype) const;  // [out, in], a new tensor
  // Into a contiguous tensor of numel() elements (fp32 / bf16 / fp16): bitsandbytes' dequantize_4bit
  // bits, vectorised (dequant4bit_fast.h) and split over the intra-op threads.
  void dequantizeInto(const at::Tensor& out) const;
  // fp32 absmax per block: the stored values, or decoded into `storage` (double quantization).
  const float* absmaxData(std::vector<float>& storage) const;
  int64_t outFeatures() const { return state_.shape.at(0); }
  int64_t inFeatures() const { return state_.shape.at(1); }
  const quant::QuantState4bit& state() const { return state_; }
  const std::vector<uint8_t>& packed() const { return packed_; }
  uint64_t residentBytes() const;  // packed codes + statistics actually kept

 private:
  std::vector<uint8_t> packed_;
  quant::QuantState4bit state_;  // with double quantization, absmax is empty (decoded per use)
};

// y = x · dequant(W)ᵀ (+ bias), in x's dtype (the compute dtype), exactly bitsandbytes' default
// gemv/matmul_4bit (dequantize, then linear). The dense weight lives in a per-thread scratch buffer
// reused by every layer. Under autograd the backward pass dequantizes W again instead of keeping
// it (bitsandbytes MatMul4Bit), so a training step holds one layer's dense weight at a time.
at::Tensor linear4bit(const at::Tensor& x, const std::shared_ptr<const Quant4bitWeight>& weight, const at::Tensor& bias);

}  // namespace peftdesk
