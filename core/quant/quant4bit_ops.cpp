// See quant4bit_ops.h: schemas, the CPU and Meta implementations, and the typed callers (which
// check the arguments once, for every device's implementation).
#include "quant/quant4bit_ops.h"

#include <ATen/Parallel.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <torch/library.h>

#include "peftdesk/dequant4bit_fast.h"
#include "peftdesk/error.h"
#include "peftdesk_codec/quant4bit_codec.h"

namespace peftdesk::ops {

quant::ElementType elementTypeOf(at::ScalarType t) {
  if (t == at::kBFloat16) return quant::ElementType::BF16;
  if (t == at::kHalf) return quant::ElementType::F16;
  return quant::ElementType::F32;
}

namespace {

std::vector<float> floats(c10::ArrayRef<double> v) { return std::vector<float>(v.begin(), v.end()); }
std::vector<double> doubles(const std::vector<float>& v) { return std::vector<double>(v.begin(), v.end()); }

// ---- CPU ------------------------------------------------------------------------------------

at::Tensor decodeAbsmaxCpu(const at::Tensor& q, const at::Tensor& nested, c10::ArrayRef<double> code, double offset, int64_t nbs) {
  const at::Tensor qc = q.contiguous(), nc = nested.contiguous();
  const int64_t nb = qc.numel();
  const std::vector<float> table = floats(code);
  at::Tensor out = at::empty({nb}, at::TensorOptions(at::kFloat));
  const uint8_t* qp = qc.data_ptr<uint8_t>();
  const float* np = nc.data_ptr<float>();
  float* op = out.data_ptr<float>();
  const float off = static_cast<float>(offset);
  for (int64_t i = 0; i < nb; ++i) op[i] = codec::pdDqAbsmax(table[qp[i]], np[i / nbs], off);
  return out;
}

void dequantizeIntoCpu(const at::Tensor& packed, const at::Tensor& absmax, c10::ArrayRef<double> code, int64_t blocksize, const at::Tensor& out) {
  const int64_t n = out.numel();
  const std::vector<float> table = floats(code);
  const quant::ElementType et = elementTypeOf(out.scalar_type());
  const int64_t esize = out.element_size();
  char* base = static_cast<char*>(out.data_ptr());
  const uint8_t* p = packed.data_ptr<uint8_t>();
  const float* a = absmax.data_ptr<float>();
  const quant::CpuIsa isa = quant::bestCpuIsa();
  at::parallel_for(0, n, int64_t(1) << 16, [&](int64_t b, int64_t e) {
    quant::dequantize4bitRange(p, table.data(), a, blocksize, b, e, et, base + b * esize, isa);
  });
}

at::Tensor gemvCpu(const at::Tensor& x, const at::Tensor& packed, const at::Tensor& absmax, c10::ArrayRef<double> code, int64_t blocksize,
                   int64_t n, at::ScalarType weightDtype) {
  TORCH_CHECK(quant::gemv4bitRowsAvailable(), "gemv_4bit: this CPU has no AVX-512 (use dequantize + linear)");
  const at::Tensor x2 = x.to(at::kFloat).contiguous();
  const int64_t m = x2.size(0), k = x2.size(1);
  TORCH_CHECK(k % 16 == 0, "gemv_4bit: the CPU kernel needs k % 16 == 0");
  const std::vector<float> table = floats(code);
  at::Tensor y = at::empty({m, n}, at::TensorOptions(at::kFloat));
  const quant::ElementType wt = elementTypeOf(weightDtype);
  const uint8_t* p = packed.data_ptr<uint8_t>();
  const float* a = absmax.data_ptr<float>();
  at::parallel_for(0, n, 16, [&](int64_t b, int64_t e) {
    quant::gemv4bitRows(p, table.data(), a, blocksize, n, k, wt, x2.data_ptr<float>(), m, b, e, y.data_ptr<float>());
  });
  return y;
}

// ---- Meta: shapes only (and the same device checks a real device makes) ----------------------

at::Tensor decodeAbsmaxMeta(const at::Tensor& q, const at::Tensor& nested, c10::ArrayRef<double>, double, int64_t) {
  TORCH_CHECK(nested.device() == q.device(), "decode_absmax: statistics on ", nested.device(), ", codes on ", q.device());
  return at::empty({q.numel()}, q.options().dtype(at::kFloat));
}

void dequantizeIntoMeta(const at::Tensor& packed, const at::Tensor& absmax, c10::ArrayRef<double>, int64_t, const at::Tensor& out) {
  TORCH_CHECK(packed.device() == out.device() && absmax.device() == out.device(), "dequantize_4bit_into: codes on ", packed.device(),
              ", statistics on ", absmax.device(), ", output on ", out.device());
}

at::Tensor gemvMeta(const at::Tensor& x, const at::Tensor& packed, const at::Tensor& absmax, c10::ArrayRef<double>, int64_t, int64_t n,
                    at::ScalarType) {
  TORCH_CHECK(packed.device() == x.device() && absmax.device() == x.device(), "gemv_4bit: tensors on different devices");
  return at::empty({x.size(0), n}, x.options().dtype(at::kFloat));
}

}  // namespace

TORCH_LIBRARY(peftdesk, m) {
  m.def("decode_absmax(Tensor qabsmax, Tensor nested_absmax, float[] nested_code, float offset, int nested_blocksize) -> Tensor");
  m.def("dequantize_4bit_into(Tensor packed, Tensor absmax, float[] code, int blocksize, Tensor(a!) out) -> ()");
  m.def("gemv_4bit(Tensor x, Tensor packed, Tensor absmax, float[] code, int blocksize, int out_features, ScalarType weight_dtype) -> Tensor");
}

TORCH_LIBRARY_IMPL(peftdesk, CPU, m) {
  m.impl("decode_absmax", &decodeAbsmaxCpu);
  m.impl("dequantize_4bit_into", &dequantizeIntoCpu);
  m.impl("gemv_4bit", &gemvCpu);
}

TORCH_LIBRARY_IMPL(peftdesk, Meta, m) {
  m.impl("decode_absmax", &decodeAbsmaxMeta);
  m.impl("dequantize_4bit_into", &dequantizeIntoMeta);
  m.impl("gemv_4bit", &gemvMeta);
}

// The arguments are checked here, once for every device; the implementations trust them.
at::Tensor decodeAbsmax(const at::Tensor& qabsmax, const at::Tensor& nestedAbsmax, const std::vector<float>& nestedCode, float offset,
                        int64_t nestedBlocksize) {
  TORCH_CHECK(nestedCode.size() == 256, "decode_absmax: expected 256 code entries, got ", nestedCode.size());
  TORCH_CHECK(qabsmax.scalar_type() == at::kByte && nestedAbsmax.scalar_type() == at::kFloat && nestedBlocksize > 0,
              "decode_absmax: uint8 codes, fp32 statistics");
  TORCH_CHECK(nestedAbsmax.numel() == (qabsmax.numel() + nestedBlocksize - 1) / nestedBlocksize, "decode_absmax: ", nestedAbsmax.numel(),
              " nested statistics for ", qabsmax.numel(), " blocks");
  static const auto op = c10::Dispatcher::singleton()
                             .findSchemaOrThrow("peftdesk::decode_absmax", "")
                             .typed<at::Tensor(const at::Tensor&, const at::Tensor&, c10::ArrayRef<double>, double, int64_t)>();
  return op.call(qabsmax, nestedAbsmax, doubles(nestedCode), static_cast<double>(offset), nestedBlocksize);
}

void dequantize4bitInto(const at::Tensor& packed, const at::Tensor& absmax, const std::vector<float>& code, int64_t blocksize,
                        const at::Tensor& out) {
  const int64_t n = out.numel();
  TORCH_CHECK(code.size() == 16, "dequantize_4bit_into: expected 16 code entries, got ", code.size());
  TORCH_CHECK(out.is_contiguous(), "dequantize_4bit_into: the output must be contiguous");
  TORCH_CHECK(packed.scalar_type() == at::kByte && packed.is_contiguous() && packed.numel() == (n + 1) / 2,
              "dequantize_4bit_into: ", packed.numel(), " packed bytes for ", n, " elements");
  TORCH_CHECK(absmax.scalar_type() == at::kFloat && absmax.is_contiguous() && absmax.numel() == (n + blocksize - 1) / blocksize,
              "dequantize_4bit_into: ", absmax.numel(), " block statistics for ", n, " elements");
  static const auto op = c10::Dispatcher::singleton()
                             .findSchemaOrThrow("peftdesk::dequantize_4bit_into", "")
                             .typed<void(const at::Tensor&, const at::Tensor&, c10::ArrayRef<double>, int64_t, const at::Tensor&)>();
  op.call(packed, absmax, doubles(code), blocksize, out);
}

at::Tensor gemv4bit(const at::Tensor& x, const at::Tensor& packed, const at::Tensor& absmax, const std::vector<float>& code,
                    int64_t blocksize, int64_t outFeatures, at::ScalarType weightDtype) {
  TORCH_CHECK(code.size() == 16, "gemv_4bit: expected 16 code entries, got ", code.size());
  TORCH_CHECK(x.dim() == 2 && x.size(0) <= 4 && packed.numel() == (outFeatures * x.size(1) + 1) / 2,
              "gemv_4bit: at most 4 rows of the weight's input width");
  static const auto op = c10::Dispatcher::singleton()
                             .findSchemaOrThrow("peftdesk::gemv_4bit", "")
                             .typed<at::Tensor(const at::Tensor&, const at::Tensor&, const at::Tensor&, c10::ArrayRef<double>, int64_t,
                                               int64_t, at::ScalarType)>();
  return op.call(x, packed, absmax, doubles(code), blocksize, outFeatures, weightDtype);
}

bool gemv4bitAvailable(const at::Tensor& x, int64_t inFeatures) {
  if (inFeatures % 16 != 0) return false;
  if (x.is_cpu()) return quant::gemv4bitRowsAvailable();
  static const auto handle = c10::Dispatcher::singleton().findSchemaOrThrow("peftdesk::gemv_4bit", "");
  return x.is_cuda() && handle.hasKernelForDispatchKey(c10::DispatchKey::CUDA);
}

}  // namespace peftdesk::ops
