// PeftDesk's 4-bit operators, registered in LibTorch's dispatcher under the namespace "peftdesk":
// the one dispatch point between the 4-bit layer and the device it runs on. Core registers the
// schemas and the CPU (today's AVX-512 / AVX2 / portable codec) and Meta (shape-only)
// implementations; libpeftdesk_cuda.so registers the CUDA implementations when it loads. A layer
// calls these functions and never asks which device it is on.
//
//   peftdesk::decode_absmax(Tensor qabsmax, Tensor nested_absmax, float[] nested_code, float offset,
//                           int nested_blocksize) -> Tensor        fp32 [nb], double quantization
//   peftdesk::dequantize_4bit_into(Tensor packed, Tensor absmax, float[] code, int blocksize,
//                                  Tensor(a!) out) -> ()           out: contiguous fp32/bf16/fp16
//   peftdesk::gemv_4bit(Tensor x, Tensor packed, Tensor absmax, float[] code, int blocksize,
//                       int out_features, ScalarType weight_dtype) -> Tensor
//                                  x fp32 [m <= 4, k] -> y fp32 [m, n], weights rounded to weight_dtype
//   peftdesk::quantize_4bit(Tensor w, int quant_type, int blocksize) -> (Tensor, Tensor)
//                                  w fp32/bf16/fp16 -> packed uint8 [ceil(n / 2)], absmax fp32 [nb]
//   peftdesk::quantize_absmax(Tensor absmax) -> (Tensor, Tensor, float)
//                                  double quantization: qabsmax uint8 [nb], nested fp32
//                                  [ceil(nb / 256)], offset; on the host for every device
//
// Every implementation gives bitsandbytes' bits for the dequantized values (decision 9); the GEMV
// accumulates in its own order (decision 10).
#pragma once

#include <ATen/ATen.h>

#include <vector>

#include "peftdesk/quant4bit.h"

namespace peftdesk::ops {

// The codec's element type of a LibTorch dtype (fp32 for anything but bf16 / fp16).
quant::ElementType elementTypeOf(at::ScalarType t);

at::Tensor decodeAbsmax(const at::Tensor& qabsmax, const at::Tensor& nestedAbsmax, const std::vector<float>& nestedCode,
                        float offset, int64_t nestedBlocksize);
void dequantize4bitInto(const at::Tensor& packed, const at::Tensor& absmax, const std::vector<float>& code, int64_t blocksize,
                        const at::Tensor& out);
at::Tensor gemv4bit(const at::Tensor& x, const at::Tensor& packed, const at::Tensor& absmax, const std::vector<float>& code,
                    int64_t blocksize, int64_t outFeatures, at::ScalarType weightDtype);
// quantize_4bit's quant_type argument (the values of gpu::QType).
constexpr int64_t kQuantTypeNf4 = 0, kQuantTypeFp4 = 1;
// Packed codes and fp32 absmax on w's device: the codec's bytes (quant::quantize4bit without
// double quantization).
std::pair<at::Tensor, at::Tensor> quantize4bit(const at::Tensor& w, quant::QuantType type, int64_t blocksize);
struct DoubleQuantized {
  at::Tensor qabsmax, nestedAbsmax;  // on the statistics' device
  float offset = 0;
};
DoubleQuantized quantizeAbsmax(const at::Tensor& absmax);
// Whether gemv_4bit has an implementation for a tensor of this device on this machine (the CPU
// one needs AVX-512 and k % 16 == 0; CUDA: registered by the CUDA library).
bool gemv4bitAvailable(const at::Tensor& x, int64_t inFeatures);

}  // namespace peftdesk::ops
