// See gguf_tensors.h. Citations are to llama.cpp 0c1e57098's converter (conversion/base.py
// prepare_tensors, llama.py, gpt2.py) and gguf-py (quants.py, utility.py).
#include "io/text_match.h"
#include "export/gguf/gguf_tensors.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <tuple>

#include "export/gguf/gguf_encode.h"
#include "peftdesk_codec/quant4bit_codec.h"
#include "peftdesk/error.h"

namespace peftdesk::gguf {

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
        out[static_cast<size_t>(i)] = codec::f16ToFloat(h);
      }
      break;
    case DType::BF16:
      for (int64_t i = 0; i < n; ++i) {
        uint16_t b;
        std::memcpy(&b, p + 2 * i, 2);
        out[static_cast<size_t>(i)] = codec::bf16ToFloat(b);
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

// Gemma's norm weights + 1, computed in the checkpoint's dtype as torch does (F16 stays F16, so
// the sum is rounded to F16; BF16 was widened to F32 first).
void addOne(std::vector<float>& v, DType dtype) {
  for (float& x : v) x = dtype == DType::F16 ? codec::f16ToFloat(codec::floatToF16(x + 1.0f)) : x + 1.0f;
}

// The vocabulary Gemma 3's embedding keeps: config.json's vocab_size with tokenizer.model (the
// SentencePiece token list is that long), else tokenizer.json's vocabulary plus its added tokens.
int64_t realVocabularySize(const ModelSource& s) {
  if (std::filesystem::is_regular_file(s.dir / "tokenizer.model")) return s.model.vocabSize;
  const auto tj = readJson(s.dir / "tokenizer.json");
  if (!tj || !tj->is_object()) return 0;
  const auto model = tj->find("model");
  if (model == tj->end() || !model->is_object()) return 0;
  const auto vocab = model->find("vocab");
  int64_t n = vocab != model->end() && vocab->is_object() ? static_cast<int64_t>(vocab->size()) : 0;
  if (const auto added = tj->find("added_tokens"); added != tj->end() && added->is_array()) n += static_cast<int64_t>(added->size());
  return n;
}

}  // namespace

std::vector<float> transposed(const std::vector<float>& v, int64_t rows, int64_t cols) {
  std::vector<float> out(v.size());
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) out[static_cast<size_t>(c * rows + r)] = v[static_cast<size_t>(r * cols + c)];
  return out;
}

TensorType tensorTypeFor(const std::string& ggufName, const std::vector<int64_t>& shape, FileType fileType) {
  if (shape.size() <= 1 || endsWith(ggufName, "_norm.weight")) return TensorType::F32;
  // Always F32 (base.py:1091-1117): position embeddings, MoE routers.
  if (ggufName == "position_embd.weight" || endsWith(ggufName, ".ffn_gate_inp.weight")) return TensorType::F32;
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

std::string TensorPlan::sizeLabel() const {
  if (experts == 0) return gguf::sizeLabel(parameterCount);
  const int64_t shared = parameterCount - expertParameters * experts;
  return std::to_string(experts) + "x" + gguf::sizeLabel(shared + expertParameters);  // utility.py size_label
}

namespace {

// "model.layers.N.mlp.experts.E.KIND_proj.weight" → N, E, KIND (down | gate | up).
bool parseExpert(const std::string& name, int64_t& layer, int64_t& expert, std::string& kind) {
  const std::string head = "model.layers.";
  if (name.rfind(head, 0) != 0) return false;
  size_t at = head.size();
  const auto number = [&](int64_t& out) {
    const size_t start = at;
    while (at < name.size() && name[at] >= '0' && name[at] <= '9') ++at;
    if (at == start || at - start > 9) return false;
    out = std::stoll(name.substr(start, at - start));
    return true;
  };
  if (!number(layer) || name.compare(at, 13, ".mlp.experts.") != 0) return false;
  at += 13;
  if (!number(expert)) return false;
  for (const char* k : {"down", "gate", "up"}) {
    const std::string tail = std::string(".") + k + "_proj.weight";
    if (name.compare(at, std::string::npos, tail) == 0) {
      kind = k;
      return true;
    }
  }
  return false;
}

}  // namespace

TensorPlan planTensors(const Family& family, const ModelSource& source, const Checkpoint& checkpoint, FileType type) {
  // base.py:219-308: shard files in name order, tensor names sorted within each.
  std::vector<std::tuple<std::string, std::string, const WeightRef*>> order;
  for (const auto& [name, ref] : checkpoint.weights()) order.emplace_back(ref.file->path().filename().string(), name, &ref);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
  });

  TensorPlan plan;
  const int64_t heads = source.model.numHeads, kvHeads = source.model.numKvHeads;
  const int64_t embeddingRows = family.tensors.trimEmbeddings ? realVocabularySize(source) : 0;
  // Qwen3-MoE: experts of a layer gathered until all E × 3 have arrived, then written stacked
  // [E, out, in] in the order down, gate, up (qwen.py Qwen2MoeModel.modify_tensors).
  const int64_t nExperts = source.model.numExperts;
  std::map<int64_t, std::map<std::string, std::vector<const WeightRef*>>> pending;
  std::map<int64_t, int64_t> arrived;
  for (const auto& [fileName, hfName, ref] : order) {
    int64_t layer = 0, expert = 0;
    std::string kind;
    if (family.tensors.stackExperts && parseExpert(hfName, layer, expert, kind)) {
      if (expert < 0 || expert >= nExperts) throw Error(ErrorCategory::Format, "GGUF export: expert " + std::to_string(expert) + " beyond num_experts", {source.dir.string()});
      auto& slots = pending[layer][kind];
      slots.resize(static_cast<size_t>(nExperts), nullptr);
      slots[static_cast<size_t>(expert)] = ref;
      if (++arrived[layer] < 3 * nExperts) continue;
      for (const char* k : {"down", "gate", "up"}) {
        const std::vector<const WeightRef*> parts = pending[layer][k];
        for (const auto* p : parts)
          if (!p) throw Error(ErrorCategory::Format, "GGUF export: layer " + std::to_string(layer) + " lacks an expert's " + k + "_proj", {source.dir.string()});
        std::vector<int64_t> shape = {nExperts};
        shape.insert(shape.end(), parts[0]->info->shape.begin(), parts[0]->info->shape.end());
        const std::string ggufName = "blk." + std::to_string(layer) + ".ffn_" + k + "_exps.weight";
        const TensorType tensorType = tensorTypeFor(ggufName, shape, type);
        int64_t numel = 1;
        for (int64_t d : shape) numel *= d;
        plan.parameterCount += numel;
        plan.expertParameters += numel / nExperts;
        plan.experts = nExperts;
        std::vector<WeightRef> refs;
        for (const auto* p : parts) refs.push_back(*p);
        plan.tensors.push_back(TensorInfo{ggufName, shape, tensorType, [refs, tensorType, numel]() {
                                            std::vector<float> all;
                                            all.reserve(static_cast<size_t>(numel));
                                            for (const auto& r : refs) {
                                              const std::vector<float> v = readFloats(r);
                                              all.insert(all.end(), v.begin(), v.end());
                                            }
                                            if (static_cast<int64_t>(all.size()) != numel)
                                              throw Error(ErrorCategory::Format, "GGUF export: experts of different shapes in " + refs[0].info->name);
                                            return encode(all.data(), numel, tensorType);
                                          }});
      }
      continue;
    }
    if (family.tensors.dropLmHead && hfName == "lm_head.weight") {  // gemma.py Gemma2Model.filter_tensors
      if (!source.model.tieWordEmbeddings) {
        ErrorContext where{(source.dir / "config.json").string()};
        where.field = "tie_word_embeddings";
        throw Error(ErrorCategory::Unsupported,
                    "GGUF export: a Gemma 2 GGUF uses the embeddings as its output head, and this model's head is its own "
                    "(e.g. an adapter changed it); llama.cpp would ignore it", where);
      }
      continue;
    }
    const std::string ggufName = family.tensorName(hfName);
    if (ggufName.empty()) continue;
    std::vector<int64_t> shape = ref->info->shape;
    // Gemma 3 drops embedding rows beyond the tokenizer's vocabulary (gemma.py modify_tensors).
    int64_t keepRows = 0;
    if (embeddingRows > 0 && hfName.find("embed_tokens.weight") != std::string::npos && shape.size() == 2 && embeddingRows < shape[0])
      keepRows = shape[0] = embeddingRows;
    const bool plusOne = family.tensors.normPlusOne && endsWith(hfName, "norm.weight");
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
    plan.tensors.push_back(TensorInfo{ggufName, shape, tensorType,
                                      [source_, sourceShape, permuteHeads, transpose, tensorType, numel, keepRows, plusOne]() {
                                        std::vector<float> v = readFloats(source_);
                                        const int64_t rows = sourceShape.empty() ? 1 : sourceShape[0];
                                        const int64_t cols = rows == 0 ? 0 : static_cast<int64_t>(v.size()) / rows;
                                        if (keepRows > 0) v.resize(static_cast<size_t>(keepRows * cols));
                                        if (plusOne) addOne(v, source_.info->dtype);
                                        if (permuteHeads > 0) v = permuteRotaryRows(v, rows, cols, permuteHeads);
                                        if (transpose) v = transposed(v, rows, cols);
                                        return encode(v.data(), numel, tensorType);
                                      }});
  }
  for (const auto& [layer, count] : arrived)
    if (count < 3 * nExperts)
      throw Error(ErrorCategory::Format, "GGUF export: layer " + std::to_string(layer) + " has " + std::to_string(count) + " of its " +
                                             std::to_string(3 * nExperts) + " expert weights", {source.dir.string()});
  if (plan.tensors.empty()) throw Error(ErrorCategory::Format, "GGUF export: the checkpoint has no weights", {source.dir.string()});
  return plan;
}

}  // namespace peftdesk::gguf
