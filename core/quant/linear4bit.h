// The 4-bit base weight of a linear layer (bitsandbytes Linear4bit semantics, spec §6.6): only
// the packed codes and block statistics stay resident, as tensors on the model's device; the layer
// dequantizes to the compute dtype when it runs, one layer at a time, never the whole model, and
// training does not keep the dequantized weight for the backward pass (linear4bit below). Every
// computation goes through the peftdesk:: operators (quant4bit_ops.h), so the same code runs on
// the CPU, on a GPU and on the meta device.
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
  // Quantizes a dense [out, in] weight (fp32 / bf16 / fp16: the "load dtype" recorded in the state)
  // on `device` through the quantize_4bit operator (the CPU codec or the CUDA kernel, the same
  // bytes); double quantization of the statistics stays on the host (decision 12).
  static std::shared_ptr<Quant4bitWeight> quantize(const at::Tensor& weight, const QuantizationOptions& options,
                                                   c10::Device device = c10::kCPU);
  // From a stored bitsandbytes state (packed bytes + state), placed on `device`.
  static std::shared_ptr<Quant4bitWeight> fromState(std::vector<uint8_t> packed, quant::QuantState4bit state,
                                                    c10::Device device = c10::kCPU);

  at::Tensor dequantize(at::ScalarType dtype) const;  // [out, in] on the weight's device, a new tensor
  // Into a contiguous tensor of numel() elements (fp32 / bf16 / fp16) on the weight's device:
  // bitsandbytes' dequantize_4bit bits.
  void dequantizeInto(const at::Tensor& out) const;
  at::Tensor absmax() const;  // fp32 per block on the device (decoded when double-quantized)
  const at::Tensor& packed() const { return packed_; }  // uint8 [ceil(n / 2)] on the device
  c10::Device device() const { return packed_.device(); }
  int64_t outFeatures() const { return state_.shape.at(0); }
  int64_t inFeatures() const { return state_.shape.at(1); }
  // Type, blocksize, shape, dtype, code tables and offset; the per-block statistics are in tensors.
  const quant::QuantState4bit& state() const { return state_; }
  // The whole state with its statistics and the packed codes read back to the host (export).
  quant::QuantState4bit hostState() const;
  std::vector<uint8_t> hostPacked() const;
  uint64_t residentBytes() const;  // packed codes + statistics actually kept

 private:
  at::Tensor packed_;        // uint8 [ceil(n / 2)]
  at::Tensor absmax_;        // fp32 [nb] (without double quantization)
  at::Tensor qabsmax_;       // uint8 [nb] (double quantization)
  at::Tensor nestedAbsmax_;  // fp32 [ceil(nb / nested blocksize)] (double quantization)
  quant::QuantState4bit state_;
};

// y = x · dequant(W)ᵀ (+ bias), in x's dtype (the compute dtype), exactly bitsandbytes' default
// gemv/matmul_4bit (dequantize, then linear). The dense weight lives in a per-thread scratch buffer
// per device and dtype, reused by every layer. Under autograd the backward pass dequantizes W again
// instead of keeping it (bitsandbytes MatMul4Bit), so a training step holds one layer's dense
// weight at a time.
at::Tensor linear4bit(const at::Tensor& x, const std::shared_ptr<const Quant4bitWeight>& weight, const at::Tensor& bias);

}  // namespace peftdesk
