// CPU reference of bitsandbytes-compatible 4-bit quantization (spec/peft-interop.md §6), matching
// the bytes of bitsandbytes 0.48.2 on the CPU (backends/default/ops.py for the 4-bit part, the
// csrc CPU kernel for the 8-bit double quantization). Torch-free. Behaviour reproduced:
//  * absmax per block = max |x| in fp32 (NaN propagates); no clamping (an all-zero block gets
//    absmax 0, 1/0 = inf, 0*inf = NaN, and NaN codes to 0 — value -1.0 * 0 = -0.0).
//  * full blocks: s = clamp(float(x) * (1.0f / absmax), -1, 1) in fp32.
//  * the partial last block of a bf16/fp16 tensor is scaled in the input dtype (torch type
//    promotion with a 0-dim fp32 tensor keeps bf16/fp16): s = round_to_dtype(float(x) * rcp).
//  * code = first argmin |s - code[k]| in fp32 (NF4 table; FP4: the 4-digit CPU table).
//  * double quant: offset = torch fp32 mean (cascade sum), a = absmax - offset, 8-bit blockwise
//    (256) with division by the block absmax and the vendored-binary-search rounding.
#include "peftdesk/quant4bit.h"
#include "peftdesk/quant4bit_reference.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "peftdesk/error.h"
#include "peftdesk_codec/quant4bit_codec.h"

namespace peftdesk::quant {

namespace cd = peftdesk::codec;

const char* quantTypeName(QuantType type) { return type == QuantType::NF4 ? "nf4" : "fp4"; }

bool parseQuantType(const std::string& text, QuantType* out) {
  if (text == "nf4") *out = QuantType::NF4;
  else if (text == "fp4") *out = QuantType::FP4;
  else return false;
  return true;
}

const char* elementTypeName(ElementType type) {
  switch (type) {
    case ElementType::F32: return "float32";
    case ElementType::BF16: return "bfloat16";
    case ElementType::F16: return "float16";
  }
  return "float32";
}

bool parseElementType(const std::string& text, ElementType* out) {
  if (text == "float32") *out = ElementType::F32;
  else if (text == "bfloat16") *out = ElementType::BF16;
  else if (text == "float16") *out = ElementType::F16;
  else return false;
  return true;
}

bool isValidBlocksize(int64_t blocksize) {
  return blocksize >= 32 && blocksize <= 4096 && (blocksize & (blocksize - 1)) == 0;
}

int64_t QuantState4bit::numel() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

int64_t QuantState4bit::numBlocks() const { return blocksize > 0 ? (numel() + blocksize - 1) / blocksize : 0; }

const std::vector<float>& dynamicMapCpuBackend() {
  static const std::vector<float> table = [] {
    std::vector<float> t = dynamicMap();
    t[0] = -1.0f;
    return t;
  }();
  return table;
}

namespace {

inline float loadElement(const void* data, ElementType dtype, int64_t i) {
  switch (dtype) {
    case ElementType::F32: return static_cast<const float*>(data)[i];
    case ElementType::BF16: return cd::bf16ToFloat(static_cast<const uint16_t*>(data)[i]);
    case ElementType::F16: return cd::f16ToFloat(static_cast<const uint16_t*>(data)[i]);
  }
  return 0;
}

inline float roundToDtype(float v, ElementType dtype) {
  switch (dtype) {
    case ElementType::F32: return v;
    case ElementType::BF16: return cd::bf16ToFloat(cd::floatToBf16(v));
    case ElementType::F16: return cd::f16ToFloat(cd::floatToF16(v));
  }
  return v;
}

// SumKernel.cpp multi_row_sum / row_sum over `lanes`-wide accumulators (lanes = 8 for the
// vectorized path, 1 for the scalar one). load(i, lane) gives element lane of row i.
template <typename Load>
void multiRowSum(Load load, int64_t nrowsIlp, int64_t size, int lanes, float (*out)[8]) {
  constexpr int kLevels = 4;
  int64_t ceilLog2 = 0;
  while ((int64_t(1) << ceilLog2) < size) ++ceilLog2;
  const int64_t levelPower = std::max<int64_t>(4, ceilLog2 / kLevels);
  const int64_t levelStep = int64_t(1) << levelPower;
  const int64_t levelMask = levelStep - 1;
  float acc[kLevels][4][8] = {};
  int64_t i = 0;
  for (; i + levelStep <= size;) {
    for (int64_t j = 0; j < levelStep; ++j, ++i)
      for (int64_t k = 0; k < nrowsIlp; ++k)
        for (int l = 0; l < lanes; ++l) acc[0][k][l] += load(i * nrowsIlp + k, l);
    for (int j = 1; j < kLevels; ++j) {
      for (int64_t k = 0; k < nrowsIlp; ++k)
        for (int l = 0; l < lanes; ++l) {
          acc[j][k][l] += acc[j - 1][k][l];
          acc[j - 1][k][l] = 0;
        }
      if ((i & (levelMask << (j * levelPower))) != 0) break;
    }
  }
  for (; i < size; ++i)
    for (int64_t k = 0; k < nrowsIlp; ++k)
      for (int l = 0; l < lanes; ++l) acc[0][k][l] += load(i * nrowsIlp + k, l);
  for (int j = 1; j < kLevels; ++j)
    for (int64_t k = 0; k < nrowsIlp; ++k)
      for (int l = 0; l < lanes; ++l) acc[0][k][l] += acc[j][k][l];
  for (int64_t k = 0; k < nrowsIlp; ++k)
    for (int l = 0; l < lanes; ++l) out[k][l] = acc[0][k][l];
}

// row_sum: rows of `lanes` values, ILP factor 4.
template <typename Load>
void rowSum(Load load, int64_t size, int lanes, float* out) {
  float partial[4][8];
  const int64_t sizeIlp = size / 4;
  multiRowSum(load, 4, sizeIlp, lanes, partial);
  for (int64_t i = sizeIlp * 4; i < size; ++i)
    for (int l = 0; l < lanes; ++l) partial[0][l] += load(i, l);
  for (int k = 1; k < 4; ++k)
    for (int l = 0; l < lanes; ++l) partial[0][l] += partial[k][l];
  for (int l = 0; l < lanes; ++l) out[l] = partial[0][l];
}

}  // namespace

namespace {

// One serial cascade_sum call over a contiguous run (vectorized_inner_sum / scalar_inner_sum).
float cascadeSumSerial(const float* x, int64_t n) {
  constexpr int kLanes = 8;  // SumKernel is dispatched at AVX2 width even on AVX512 machines
  if (n >= kLanes) {
    const int64_t vecs = n / kLanes;
    float lanes[8];
    rowSum([x](int64_t row, int l) { return x[row * kLanes + l]; }, vecs, kLanes, lanes);
    float acc = 0;
    for (int64_t k = vecs * kLanes; k < n; ++k) acc += x[k];
    for (int l = 0; l < kLanes; ++l) acc += lanes[l];
    return 0.0f + acc;
  }
  float one[8];
  rowSum([x](int64_t row, int) { return x[row]; }, n, 1, one);
  return 0.0f + one[0];
}

}  // namespace

float torchSumF32(const float* x, int64_t n, int torchThreads) {
  constexpr int64_t kGrain = 32768;  // at::internal::GRAIN_SIZE
  if (n < kGrain || torchThreads <= 1) return cascadeSumSerial(x, n);
  // TensorIteratorBase::parallel_reduce -> two_pass_reduction: at::parallel_for chunks (OpenMP
  // split: min(threads, ceil(n / grain)) equal chunks), one partial per thread, then a cascade
  // sum of the per-thread partials.
  const int64_t threads = std::min<int64_t>(torchThreads, (n + kGrain - 1) / kGrain);
  const int64_t chunk = (n + threads - 1) / threads;
  std::vector<float> partial(static_cast<size_t>(torchThreads), 0.0f);
  for (int64_t t = 0; t < threads; ++t) {
    const int64_t begin = t * chunk;
    if (begin < n) partial[t] = 0.0f + cascadeSumSerial(x + begin, std::min(n, begin + chunk) - begin);
  }
  return cascadeSumSerial(partial.data(), torchThreads);
}

float torchMeanF32(const float* x, int64_t n, int torchThreads) {
  if (n <= 0) return std::nanf("");
  return torchSumF32(x, n, torchThreads) / static_cast<float>(n);
}

void quantizeBlockwise8(const float* a, int64_t n, int64_t blocksize, const float* code256, uint8_t* out,
                        float* absmax) {
  const int64_t nb = (n + blocksize - 1) / blocksize;
  for (int64_t b = 0; b < nb; ++b) {
    const int64_t begin = b * blocksize, end = std::min(n, begin + blocksize);
    float m = -3.40282347e+38f;
    for (int64_t i = begin; i < end; ++i) m = std::fmax(m, std::fabs(a[i]));
    absmax[b] = m;
    for (int64_t i = begin; i < end; ++i) out[i] = cd::pdDynamicCode(a[i] / m, code256);
  }
}

std::vector<float> dequantizeAbsmax(const QuantState4bit& state) {
  if (!state.doubleQuant) return state.absmax;
  const int64_t nb = static_cast<int64_t>(state.qabsmax.size());
  std::vector<float> out(static_cast<size_t>(nb));
  const int64_t nbs = state.nestedBlocksize > 0 ? state.nestedBlocksize : 256;
  for (int64_t i = 0; i < nb; ++i)
    out[i] = cd::pdDqAbsmax(state.nestedCode[state.qabsmax[i]], state.nestedAbsmax[i / nbs], state.offset);
  return out;
}

QuantState4bit stateFor4bit(const std::vector<int64_t>& shape, ElementType dtype, QuantType type, int64_t blocksize) {
  if (!isValidBlocksize(blocksize))
    throw Error(ErrorCategory::Argument,
                "4-bit quantization: blocksize " + std::to_string(blocksize) +
                    " is not one of 32, 64, 128, 256, 512, 1024, 2048, 4096");
  for (int64_t d : shape)
    if (d < 0) throw Error(ErrorCategory::Argument, "4-bit quantization: negative dimension in shape");
  QuantState4bit st;
  st.type = type;
  st.blocksize = blocksize;
  st.shape = shape;
  st.dtype = dtype;
  const float* table = type == QuantType::NF4 ? cd::kNf4Code : cd::kFp4Code;
  st.code.assign(table, table + 16);
  return st;
}

void quantize4bitBlocks(const void* data, ElementType dtype, int64_t n, QuantType type, int64_t blocksize, int64_t blockBegin,
                        int64_t blockEnd, uint8_t* packed, float* absmax) {
  const int qtype = type == QuantType::NF4 ? cd::kNF4 : cd::kFP4;
  const int64_t fullBlocks = n / blocksize;
  for (int64_t b = blockBegin; b < blockEnd; ++b) {
    const int64_t begin = b * blocksize, end = std::min(n, begin + blocksize);
    float m = 0.0f;
    bool nan = false;
    for (int64_t i = begin; i < end; ++i) {
      float v = std::fabs(loadElement(data, dtype, i));
      if (v != v) nan = true;
      else if (v > m) m = v;
    }
    if (nan) m = std::nanf("");
    absmax[b] = m;
    const float rcp = 1.0f / m;
    const bool partialLowPrecision = b >= fullBlocks && dtype != ElementType::F32;
    for (int64_t i = begin; i < end; ++i) {
      float s = loadElement(data, dtype, i) * rcp;
      if (partialLowPrecision) s = roundToDtype(s, dtype);
      const uint8_t c = cd::pdCode4(cd::pdClampUnit(s), qtype);
      if (i & 1) packed[i >> 1] = uint8_t(packed[i >> 1] | c);
      else packed[i >> 1] = uint8_t(c << 4);
    }
  }
}

void doubleQuantizeAbsmax(QuantState4bit& st) {
  const int64_t nb = static_cast<int64_t>(st.absmax.size());
  if (nb == 0) return;
  st.doubleQuant = true;
  st.nestedBlocksize = 256;
  st.nestedCode = dynamicMapCpuBackend();
  st.offset = torchMeanF32(st.absmax.data(), nb, kReferenceTorchThreads);
  std::vector<float> centered(static_cast<size_t>(nb));
  for (int64_t i = 0; i < nb; ++i) centered[i] = st.absmax[i] - st.offset;
  st.qabsmax.assign(static_cast<size_t>(nb), 0);
  st.nestedAbsmax.assign(static_cast<size_t>((nb + 255) / 256), 0.0f);
  quantizeBlockwise8(centered.data(), nb, 256, st.nestedCode.data(), st.qabsmax.data(), st.nestedAbsmax.data());
  st.absmax = dequantizeAbsmax(st);
}

Quantized4bit quantize4bit(const void* data, ElementType dtype, const std::vector<int64_t>& shape, QuantType type,
                           int64_t blocksize, bool doubleQuant) {
  Quantized4bit result;
  result.state = stateFor4bit(shape, dtype, type, blocksize);
  const int64_t n = result.state.numel();
  if (n > 0 && data == nullptr) throw Error(ErrorCategory::Argument, "4-bit quantization: null data");
  const int64_t nb = result.state.numBlocks();
  result.state.absmax.assign(static_cast<size_t>(nb), 0.0f);
  result.packed.assign(static_cast<size_t>((n + 1) / 2), 0);
  quantize4bitBlocks(data, dtype, n, type, blocksize, 0, nb, result.packed.data(), result.state.absmax.data());
  if (doubleQuant) doubleQuantizeAbsmax(result.state);
  return result;
}

void dequantize4bit(const uint8_t* packed, const QuantState4bit& state, float* out) {
  const int64_t n = state.numel();
  if (n == 0) return;
  if (state.code.size() != 16)
    throw Error(ErrorCategory::Argument, "4-bit dequantization: the code table must have 16 entries");
  if (!isValidBlocksize(state.blocksize))
    throw Error(ErrorCategory::Argument, "4-bit dequantization: invalid blocksize " + std::to_string(state.blocksize));
  if (static_cast<int64_t>(state.absmax.size()) < state.numBlocks())
    throw Error(ErrorCategory::Argument, "4-bit dequantization: absmax has fewer entries than blocks");
  const float* code = state.code.data();
  const float* absmax = state.absmax.data();
  const int64_t bs = state.blocksize;
  for (int64_t i = 0; i < n; ++i) out[i] = code[cd::pdNibble(packed, i)] * absmax[i / bs];
}

void dequantize4bitAs(const uint8_t* packed, const QuantState4bit& state, ElementType outType, void* out) {
  const int64_t n = state.numel();
  if (outType == ElementType::F32) {
    dequantize4bit(packed, state, static_cast<float*>(out));
    return;
  }
  std::vector<float> tmp(static_cast<size_t>(n));
  QuantState4bit cast = state;
  for (float& c : cast.code) c = roundToDtype(c, outType);
  dequantize4bit(packed, cast, tmp.data());
  uint16_t* o = static_cast<uint16_t*>(out);
  for (int64_t i = 0; i < n; ++i)
    o[i] = outType == ElementType::BF16 ? cd::floatToBf16(tmp[i]) : cd::floatToF16(tmp[i]);
}

}  // namespace peftdesk::quant
