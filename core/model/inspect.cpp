// inspectModel: what a model folder holds, from config.json and safetensors headers only.
// Also the ComputeDType names. Torch-free so `info` and the GUI stay light.
#include <set>

#include "peftdesk/checkpoint.h"
#include "peftdesk/error.h"
#include "peftdesk/model.h"

namespace peftdesk {
namespace {

// Buffers some checkpoints carry that are not parameters (recomputed from config).
bool isBufferName(const std::string& name) {
  auto endsWith = [&](const std::string& s) {
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  return endsWith("rotary_emb.inv_freq") || endsWith("attn.bias") || endsWith("attn.masked_bias");
}

// Linear weights inside the model that bitsandbytes' 4-bit load replaces (every nn.Linear but
// the output head; embeddings are not linear layers).
bool isQuantizableWeight(const std::string& name, const std::vector<int64_t>& shape) {
  if (shape.size() != 2) return false;
  for (const char* skip : {"embed", "wte", "wpe", "lm_head"}) {
    if (name.find(skip) != std::string::npos) return false;
  }
  return true;
}

}  // namespace

const char* computeDTypeName(ComputeDType d) {
  switch (d) {
    case ComputeDType::F32: return "fp32";
    case ComputeDType::BF16: return "bf16";
    case ComputeDType::F16: return "fp16";
  }
  return "fp32";
}

std::string precisionName(const LoadOptions& load) {
  const std::string compute = computeDTypeName(load.dtype);
  return load.quantization.enabled ? load.quantization.type + " (" + compute + " compute)" : compute;
}

const char* stopReasonName(StopReason r) {
  switch (r) {
    case StopReason::MaxTokens: return "max_new_tokens";
    case StopReason::StopToken: return "stop_token";
    case StopReason::Callback: return "stopped";
    case StopReason::ContextFull: return "context_full";
  }
  return "unknown";
}

bool parseComputeDType(const std::string& t, ComputeDType* out) {
  static const std::pair<const char*, ComputeDType> kNames[] = {
      {"fp32", ComputeDType::F32},     {"float32", ComputeDType::F32}, {"f32", ComputeDType::F32},
      {"bf16", ComputeDType::BF16},    {"bfloat16", ComputeDType::BF16},
      {"fp16", ComputeDType::F16},     {"float16", ComputeDType::F16}, {"f16", ComputeDType::F16},
  };
  for (const auto& [name, d] : kNames) {
    if (t == name) {
      *out = d;
      return true;
    }
  }
  return false;
}

ModelInfo inspectModel(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) {
    throw Error(ErrorCategory::Io, std::filesystem::exists(dir) ? "not a folder" : "model folder not found", {dir.string()});
  }
  ModelConfig config = loadModelConfig(dir);
  return inspectModel(dir, std::move(config), Checkpoint::open(dir));
}

ModelInfo inspectModel(const std::filesystem::path& dir, ModelConfig config, const Checkpoint& ckpt) {
  ModelInfo info;
  info.dir = dir;
  info.config = std::move(config);
  info.weightFiles = ckpt.files();
  info.weightBytes = ckpt.totalFileBytes();
  std::set<std::string> dtypes;
  for (const auto& [name, ref] : ckpt.weights()) {
    const bool tiedCopy = info.config.tieWordEmbeddings && name == "lm_head.weight";
    if (isBufferName(name) || tiedCopy) {
      info.ignoredTensors.push_back(name);
      continue;
    }
    info.numParameters += ref.info->numel();
    if (isQuantizableWeight(name, ref.info->shape)) info.linearParameters += ref.info->numel();
    dtypes.insert(dtypeName(ref.info->dtype));
  }
  info.storedDType = dtypes.size() == 1 ? *dtypes.begin() : dtypes.empty() ? "none" : "mixed";
  return info;
}

}  // namespace peftdesk
