// See gguf_tensors.h. Citations are to llama.cpp 0c1e57098's converter (conversion/base.py
// prepare_tensors, llama.py, gpt2.py) and gguf-py (quants.py, utility.py).
#include "export/gguf/gguf_tensors.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <tuple>

#include "export/gguf/gguf_encode.h"
#include "peftdesk/error.h"

namespace peftdesk::gguf {
namespace {

bool endsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

float halfToFloat(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  uint32_t exponent = (h >> 10) & 0x1Fu;
  uint32_t mantissa = h & 0x3FFu;
  uint32_t bits;
  if (exponent == 0x1F) {
    bits = sign | 0x7F800000u | (mantissa << 13);
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    bits = sign;
  } else {  // subnormal: normalise
    exponent = 113;
    while (!(mantissa & 0x400u)) {
      mantissa <<= 1;
      --exponent;
    }
    bits = sign | (exponent << 23) | ((mantissa & 0x3FFu) << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

}  // namespace

// The converter keeps F16 and widens everything else to F32 before its encoders widen again, so
// widening first gives the same values.
std::vector<float> readFloats(const WeightRef& ref) {
  const auto& info = *ref.info;
  const int64_t n = info.numel();
  std::vector<float> out(static_cast<size_t>(n));
  const uint8_t* p = ref.file->data(info);
  switch (info.dtype) {
    case DType::F32: std::memcpy(out.data(), p, static_cast<size_t>(n) * 4); break;
    case DType::F16:
      for (int64_t i = 0; i < n; ++i) {
        uint16_t h;
        std::memcpy(&h, p + 2 * i, 2);
        out[static_cast<size_t>(i)] = halfToFloat(h);
      }
      break;
    case DType::BF16:
      for (int64_t i = 0; i < n; ++i) {
        uint16_t b;
        std::memcpy(&b, p + 2 * i, 2);
        const uint32_t bits = static_cast<uint32_t>(b) << 16;
        std::memcpy(&out[static_cast<size_t>(i)], &bits, 4);
      }
      break;
    default: {
      ErrorContext where{ref.file->path().string()};
      where.tensor = info.name;
      throw Error(ErrorCategory::Unsupported,
                  std::string("GGUF export reads F32, F16 and BF16 weights; this tensor is ") + dtypeName(info.dtype), where);
    }
  }
  return out;
}

namespace {

std::vector<float> transposed(const std::vector<float>& v, int64_t rows, int64_t cols) {
  std::vector<float> out(v.size());
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) out[static_cast<size_t>(c * rows + r)] = v[static_cast<size_t>(r * cols + c)];
  return out;
}

}  // namespace

TensorType tensorTypeFor(const std::string& ggufName, const std::vector<int64_t>& shape, FileType fileType) {
  if (shape.size() <= 1 || endsWith(ggufName, "_norm.weight")) return TensorType::F32;
  if (ggufName == "position_embd.weight") return TensorType::F32;  // POS_EMBD is always F32
  const std::string tail = ggufName.size() >= 7 ? ggufName.substr(ggufName.size() - 7) : ggufName;
  if (tail != ".weight" && tail != ".lora_a" && tail != ".lora_b") return TensorType::F32;
  const TensorType t = tensorTypeOf(fileType);
  if (t == TensorType::Q8_0 && shape.back() % 32 != 0) return TensorType::F16;  // quants.py QuantError → F16
  return t;
}

std::vector<float> permuteRotaryRows(const std::vector<float>& values, int64_t rows, int64_t cols, int64_t heads) {
  if (heads <= 0 || rows % heads != 0 || (rows / heads) % 2 != 0)
    throw Error(ErrorCategory::Unsupported, "GGUF export: " + std::to_string(rows) + " rotary rows do not split into " + std::to_string(heads) + " heads of even size");
  const int64_t d = rows / heads;
  std::vector<float> out(values.size());
  for (int64_t h = 0; h < heads; ++h)
    for (int64_t i = 0; i < d / 2; ++i)
      for (int64_t s = 0; s < 2; ++s) {
        const int64_t to = h * d + 2 * i + s, from = h * d + s * (d / 2) + i;
        std::copy_n(values.begin() + from * cols, cols, out.begin() + to * cols);
      }
  return out;
}

std::string sizeLabel(int64_t n) {
  double scaled;
  const char* suffix;
  const double count = static_cast<double>(n);
  if (count > 1e12) {
    scaled = count * 1e-12;
    suffix = "T";
  } else if (count > 1e9) {
    scaled = count * 1e-9;
    suffix = "B";
  } else if (count > 1e6) {
    scaled = count * 1e-6;
    suffix = "M";
  } else {
    scaled = count * 1e-3;
    suffix = "K";
  }
  // len(str(round(scaled)).lstrip('0')), Python's round being half to even.
  const double rounded = std::nearbyint(scaled);
  int digits = 0;
  for (auto r = static_cast<long long>(rounded); r > 0; r /= 10) ++digits;
  const int fix = std::max(2 - digits, 0);
  char text[64];
  std::snprintf(text, sizeof text, "%.*f%s", fix, scaled, suffix);
  return text;
}

TensorPlan planTensors(const Family& family, const ModelSource& source, const Checkpoint& checkpoint, FileType type) {
  // base.py:219-308: shard files in name order, tensor names sorted within each.
  std::vector<std::tuple<std::string, std::string, const WeightRef*>> order;
  for (const auto& [name, ref] : checkpoint.weights()) order.emplace_back(ref.file->path().filename().string(), name, &ref);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
  });

  TensorPlan plan;
  const int64_t heads = source.model.numHeads, kvHeads = source.model.numKvHeads;
  for (const auto& [fileName, hfName, ref] : order) {
    const std::string ggufName = family.tensorName(hfName);
    if (ggufName.empty()) continue;
    std::vector<int64_t> shape = ref->info->shape;
    int64_t permuteHeads = 0;
    if (family.permuteQk) {
      if (endsWith(hfName, "q_proj.weight") || endsWith(hfName, "q_proj.bias")) permuteHeads = heads;
      if (endsWith(hfName, "k_proj.weight") || endsWith(hfName, "k_proj.bias")) permuteHeads = kvHeads;
    }
    const bool transpose = family.conv1dWeights && shape.size() == 2 &&
                           (endsWith(hfName, ".c_attn.weight") || endsWith(hfName, ".c_proj.weight") || endsWith(hfName, ".c_fc.weight"));
    if (transpose) std::swap(shape[0], shape[1]);
    const TensorType tensorType = tensorTypeFor(ggufName, shape, type);
    int64_t numel = 1;
    for (int64_t d : shape) numel *= d;
    plan.parameterCount += numel;
    const WeightRef source_ = *ref;
    const std::vector<int64_t> sourceShape = ref->info->shape;
    plan.tensors.push_back(TensorInfo{ggufName, shape, tensorType, [source_, sourceShape, permuteHeads, transpose, tensorType, numel]() {
                                        std::vector<float> v = readFloats(source_);
                                        const int64_t rows = sourceShape.empty() ? 1 : sourceShape[0];
                                        const int64_t cols = rows == 0 ? 0 : numel / rows;
                                        if (permuteHeads > 0) v = permuteRotaryRows(v, rows, cols, permuteHeads);
                                        if (transpose) v = transposed(v, rows, cols);
                                        return encode(v.data(), numel, tensorType);
                                      }});
  }
  if (plan.tensors.empty()) throw Error(ErrorCategory::Format, "GGUF export: the checkpoint has no weights", {source.dir.string()});
  return plan;
}

}  // namespace peftdesk::gguf
