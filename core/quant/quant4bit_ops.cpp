// See quant4bit_ops.h: schemas, the CPU and Meta implementations, and the typed callers (which
// check the arguments once, for every device's implementation).
#include "quant/quant4bit_ops.h"

#include <ATen/Parallel.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <torch/library.h>

#include "peftdesk/dequant4bit_fast.h"
#include "peftdesk/error.h"
#include "peftdesk/quant4bit_reference.h"
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

// Blocks spread over the intra-op threads: each block owns its bytes, so the result does not
// depend on how they are split.
std::tuple<at::Tensor, at::Tensor> quantizeCpu(const at::Tensor& w, int64_t type, int64_t blocksize) {
  const at::Tensor c = w.contiguous();
  const int64_t n = c.numel(), nb = (n + blocksize - 1) / blocksize;
  at::Tensor packed = at::empty({(n + 1) / 2}, at::TensorOptions(at::kByte));
  at::Tensor absmax = at::empty({nb}, at::TensorOptions(at::kFloat));
  const quant::ElementType et = elementTypeOf(c.scalar_type());
  const quant::QuantType qt = type == kQuantTypeFp4 ? quant::QuantType::FP4 : quant::QuantType::NF4;
  uint8_t* p = packed.data_ptr<uint8_t>();
  float* a = absmax.data_ptr<float>();
  at::parallel_for(0, nb, std::max<int64_t>(1, (int64_t(1) << 16) / blocksize), [&](int64_t b, int64_t e) {
    quant::quantize4bitBlocks(c.data_ptr(), et, n, qt, blocksize, b, e, p, a);
  });
  return {packed, absmax};
}

// Double quantization stays on the host on every device (decision 12: its offset is the reference
// torch's thread-dependent fp32 mean): statistics in, codes out, on the statistics' device.
std::tuple<at::Tensor, at::Tensor, double> quantizeAbsmaxHost(const at::Tensor& absmax) {
  const at::Tensor host = absmax.to(at::kCPU).contiguous();
  quant::QuantState4bit st;
  st.absmax.assign(host.data_ptr<float>(), host.data_ptr<float>() + host.numel());
  quant::doubleQuantizeAbsmax(st);
  at::Tensor q = at::empty({static_cast<int64_t>(st.qabsmax.size())}, at::TensorOptions(at::kByte));
  at::Tensor nested = at::empty({static_cast<int64_t>(st.nestedAbsmax.size())}, at::TensorOptions(at::kFloat));
  std::copy(st.qabsmax.begin(), st.qabsmax.end(), q.data_ptr<uint8_t>());
  std::copy(st.nestedAbsmax.begin(), st.nestedAbsmax.end(), nested.data_ptr<float>());
  return {q.to(absmax.device()), nested.to(absmax.device()), static_cast<double>(st.offset)};
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

std::tuple<at::Tensor, at::Tensor> quantizeMeta(const at::Tensor& w, int64_t, int64_t blocksize) {
  const int64_t n = w.numel();
  return {at::empty({(n + 1) / 2}, w.options().dtype(at::kByte)), at::empty({(n + blocksize - 1) / blocksize}, w.options().dtype(at::kFloat))};
}

std::tuple<at::Tensor, at::Tensor, double> quantizeAbsmaxMeta(const at::Tensor& absmax) {
  return {at::empty({absmax.numel()}, absmax.options().dtype(at::kByte)), at::empty({(absmax.numel() + 255) / 256}, absmax.options()), 0.0};
}

}  // namespace

TORCH_LIBRARY(peftdesk, m) {
  m.def("decode_absmax(Tensor qabsmax, Tensor nested_absmax, float[] nested_code, float offset, int nested_blocksize) -> Tensor");
  m.def("dequantize_4bit_into(Tensor packed, Tensor absmax, float[] code, int blocksize, Tensor(a!) out) -> ()");
  m.def("gemv_4bit(Tensor x, Tensor packed, Tensor absmax, float[] code, int blocksize, int out_features, ScalarType weight_dtype) -> Tensor");
  m.def("quantize_4bit(Tensor w, int quant_type, int blocksize) -> (Tensor, Tensor)");
  m.def("quantize_absmax(Tensor absmax) -> (Tensor, Tensor, float)");
}

// One host implementation for every device that has no kernel of its own (CPU, CUDA, ...).
TORCH_LIBRARY_IMPL(peftdesk, CompositeExplicitAutograd, m) { m.impl("quantize_absmax", &quantizeAbsmaxHost); }

TORCH_LIBRARY_IMPL(peftdesk, CPU, m) {
  m.impl("decode_absmax", &decodeAbsmaxCpu);
  m.impl("dequantize_4bit_into", &dequantizeIntoCpu);
  m.impl("gemv_4bit", &gemvCpu);
  m.impl("quantize_4bit", &quantizeCpu);
}

TORCH_LIBRARY_IMPL(peftdesk, Meta, m) {
  m.impl("decode_absmax", &decodeAbsmaxMeta);
  m.impl("dequantize_4bit_into", &dequantizeIntoMeta);
  m.impl("gemv_4bit", &gemvMeta);
  m.impl("quantize_4bit", &quantizeMeta);
  m.impl("quantize_absmax", &quantizeAbsmaxMeta);
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

std::pair<at::Tensor, at::Tensor> quantize4bit(const at::Tensor& w, quant::QuantType type, int64_t blocksize) {
  TORCH_CHECK(quant::isValidBlocksize(blocksize), "quantize_4bit: blocksize ", blocksize, " is not one of 32, 64, ..., 4096");
  TORCH_CHECK(w.scalar_type() == at::kFloat || w.scalar_type() == at::kBFloat16 || w.scalar_type() == at::kHalf,
              "quantize_4bit: a float32, bfloat16 or float16 tensor, not ", w.scalar_type());
  static const auto op = c10::Dispatcher::singleton()
                             .findSchemaOrThrow("peftdesk::quantize_4bit", "")
                             .typed<std::tuple<at::Tensor, at::Tensor>(const at::Tensor&, int64_t, int64_t)>();
  auto [packed, absmax] = op.call(w, type == quant::QuantType::FP4 ? kQuantTypeFp4 : kQuantTypeNf4, blocksize);
  return {packed, absmax};
}

DoubleQuantized quantizeAbsmax(const at::Tensor& absmax) {
  TORCH_CHECK(absmax.scalar_type() == at::kFloat && absmax.dim() == 1, "quantize_absmax: fp32 statistics [blocks]");
  static const auto op = c10::Dispatcher::singleton()
                             .findSchemaOrThrow("peftdesk::quantize_absmax", "")
                             .typed<std::tuple<at::Tensor, at::Tensor, double>(const at::Tensor&)>();
  auto [q, nested, offset] = op.call(absmax);
  return {q, nested, static_cast<float>(offset)};
}

bool gemv4bitAvailable(const at::Tensor& x, int64_t inFeatures) {
  if (inFeatures % 16 != 0) return false;
  if (x.is_cpu()) return quant::gemv4bitRowsAvailable();
  static const auto handle = c10::Dispatcher::singleton().findSchemaOrThrow("peftdesk::gemv_4bit", "");
  return x.is_cuda() && handle.hasKernelForDispatchKey(c10::DispatchKey::CUDA);
}

}  // namespace peftdesk::ops
