// See memory_estimate.h. What the trainer keeps alive at its peak (decision 31): the peak of a
// step is reached in backward, right after the loss, when every layer's saved tensors, the output
// head's log-probabilities and their gradient, and the first layer gradients are alive at once.
#include "peftdesk/memory_estimate.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "model/head_chunking.h"
#include "peft/methods/lora_start_keys.h"
#include "peftdesk/optimizer_kinds.h"
#include "peftdesk/parameter_plan.h"

namespace peftdesk {
namespace {

uint64_t toBytes(double v) { return v <= 0 ? 0 : static_cast<uint64_t>(v + 0.5); }

double elementBytes(ComputeDType d) { return d == ComputeDType::F32 ? 4.0 : 2.0; }

// Bytes one layer keeps for backward per token. RMSNorm keeps its fp32 input and its output; the
// frozen projections keep nothing of their own but LoRA's A keeps its input (shared with the
// base); rotary q and k, the repeated keys and values, the attention output and its re-shaped copy
// are kept by attention and o_proj; the MLP keeps gate, silu(gate), up and their product.
// kUnnamedPerHidden is what LibTorch keeps per layer beyond the tensors named here (autograd's own
// saved copies, kernel outputs): about 15 x hidden x the compute dtype per token, measured on CPU
// runs of two Llama shapes in fp32 and bf16 (decision 31).
constexpr double kUnnamedPerHidden = 12.0;

double layerBytesPerToken(const ModelConfig& c, double e, double keysPerQuery) {
  const double H = static_cast<double>(c.hiddenSize);
  // A mixture-of-experts layer runs each token through expertsPerToken experts (plus its router's
  // fp32 softmax); counted for every layer, the estimate's upper side when some layers are dense.
  const bool moe = c.numExperts > 0;
  const double I = moe ? static_cast<double>(c.expertsPerToken * c.moeIntermediateSize) : static_cast<double>(c.intermediateSize);
  const double router = moe ? static_cast<double>(c.numExperts) * (e + 8.0) : 0.0;
  const double Q = static_cast<double>(c.numHeads * c.headDim), K = static_cast<double>(c.numKvHeads * c.headDim);
  // q / k norms (Qwen3, Gemma 3, OLMo 2) keep an fp32 copy of q and k, as the two hidden-size norms do (8 H).
  const double qkNorms = c.qkNorm != QkNorm::None ? 4.0 * (Q + K) : 0.0;
  // Gemma's sandwich adds two hidden-size norms (fp32 input and output each) to the two counted.
  const double extraNorms = c.normPlacement == NormPlacement::Sandwich ? 8.0 * H + 2.0 * e * H : 0.0;
  // Soft-capped attention runs eagerly: per head and key the scores, their three capping steps,
  // the fp32 softmax and its cast back (SDPA keeps none of these).
  const double eagerScores =
      c.attentionSoftcap > 0 ? static_cast<double>(c.numHeads) * keysPerQuery * (5.0 * e + 4.0) : 0.0;
  return 8.0 * H + 2.0 * e * H + e * (5.0 * Q + K) + 4.0 * e * I + kUnnamedPerHidden * e * H + qkNorms + extraNorms + eagerScores + router;
}

uint64_t statusKiB(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(key) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return std::stoull(line.substr(prefix.size()));
  }
  return 0;
}

uint64_t meminfoBytes(const std::string& key) {
  std::ifstream in("/proc/meminfo");
  std::string line;
  const std::string prefix = key + ":";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return std::stoull(line.substr(prefix.size())) * 1024;
  }
  return 0;
}

uint64_t memAvailableBytes() { return meminfoBytes("MemAvailable"); }

// What a CPU training process holds beyond a process that only read the data: autograd's engine,
// OpenMP / oneDNN thread pools and their scratch (measured: decision 31).
constexpr double kCpuTrainingRuntimeBytes = 64.0 * 1024 * 1024;
// The CUDA context, cuBLAS workspaces and LibTorch's kernels loaded on the card (typical for
// CUDA 13 on a Hopper card; the GPU check script compares it with what it measures).
constexpr double kCudaRuntimeBytes = 600.0 * 1024 * 1024;
// The caching allocator rounds blocks and keeps freed ones for reuse.
constexpr double kCudaAllocatorSlack = 0.08;

}  // namespace

uint64_t processResidentBytes() { return statusKiB("VmRSS") * 1024; }
uint64_t processPeakResidentBytes() { return statusKiB("VmHWM") * 1024; }
uint64_t machineMemoryBytes() { return meminfoBytes("MemTotal"); }

MemoryEstimate estimateTrainingMemory(const RunConfig& config, const ModelInfo& model, const ParameterReport& trainable,
                                      const BatchShape& batch, bool gpu, uint64_t runtimeBytes) {
  const ModelConfig& c = model.config;
  const double e = elementBytes(config.precision);
  const double params = static_cast<double>(model.numParameters);
  const double linear = static_cast<double>(model.linearParameters);
  const double trainableCount = static_cast<double>(trainable.trainableParams);
  const double stored = model.storedDType == "F32" ? 4.0 : 2.0;
  const double tokens = static_cast<double>(std::max<int64_t>(1, batch.rows) * std::max<int64_t>(1, batch.tokensPerRow));
  const double labelled = tokens * std::clamp(batch.labelFraction, 0.0, 1.0);
  const double V = static_cast<double>(c.vocabSize), H = static_cast<double>(c.hiddenSize);
  const double layers = static_cast<double>(c.numLayers);

  MemoryEstimate m;
  m.gpu = gpu;
  auto add = [&](const char* key, const std::string& label, double bytes) { m.parts.push_back({key, label, toBytes(bytes)}); };

  add("runtime", gpu ? "CUDA context and LibTorch's kernels" : "this process now (libraries, data) and the compute pools training adds",
      gpu ? kCudaRuntimeBytes : static_cast<double>(runtimeBytes) + kCpuTrainingRuntimeBytes);

  // Weights. A 4-bit base keeps packed codes, one absmax byte per block and the double-quantized
  // scales; the rest (embeddings, norms, head) at the compute dtype. On the CPU a dense base stays
  // a view of the mapped file when its dtype is the compute dtype; otherwise it is converted and
  // the file's pages, read once, stay resident beside the copy.
  double weights = 0;
  std::string weightsLabel;
  if (config.quantization.enabled) {
    const double blocks = linear / static_cast<double>(std::max<int64_t>(1, config.quantization.blocksize));
    weights = linear / 2.0 + blocks * (config.quantization.doubleQuant ? 1.0 : 4.0) + (params - linear) * e;
    weightsLabel = "base weights (4-bit " + config.quantization.type + ")";
  } else {
    weights = params * e;
    if (!gpu && stored != e) weights += static_cast<double>(model.weightBytes);
    weightsLabel = std::string("base weights (") + computeDTypeName(config.precision) + ")";
  }
  // A view of the mapped file is resident only where it is read: of the input embedding, the rows
  // of the token ids the data uses (a page each at least). Tied to the output head it is read whole.
  if (!gpu && stored == e && !c.tieWordEmbeddings && batch.distinctTokenIds > 0) {
    const double rowBytes = H * e;
    const double read = std::min(V * rowBytes, static_cast<double>(batch.distinctTokenIds) * std::max(rowBytes, 4096.0));
    weights -= V * rowBytes - read;
  }
  add("weights", weightsLabel, weights);
  // Trainable tensors: fp32 adapters (full / freeze train the base's own tensors, counted above),
  // their gradients, and AdamW's two moments.
  // A PiSSA / OLoRA start keeps a frozen copy of its starting A and B beside them (lora_start.h).
  const nlohmann::json& init = config.method.is_object() ? config.method.value("init_lora_weights", nlohmann::json(true)) : nlohmann::json(true);
  const bool keepsStart = init.is_string() && startsFromBase(canonicalInit(init.get<std::string>()));
  if (config.mode == TrainingMode::Peft)
    add("adapters", keepsStart ? "trainable adapter tensors and their frozen start (fp32)" : "trainable adapter tensors (fp32)",
        trainableCount * (keepsStart ? 8.0 : 4.0));
  add("gradients", "gradients (fp32)", trainableCount * 4.0);
  // The optimizer's moments: per tensor, as the chosen optimizer keeps them on this device (8-bit
  // blockwise states for tensors of 4096 elements and more; paged ones in host memory on a GPU).
  const OptimizerKind* optimizer = findOptimizerKind(config.optim);
  if (!optimizer || optimizer->family == OptimizerFamily::TorchAdamW) {
    add("optimizer", "AdamW moments (2 x fp32)", trainableCount * 8.0);
  } else {
    double stateBytes = 0, listed = 0;
    for (const auto& p : trainable.parameters) {
      if (!p.trainable) continue;
      stateBytes += static_cast<double>(optimizerStateBytes(*optimizer, p.numel(), gpu));
      listed += static_cast<double>(p.numel());
    }
    // Trainable elements the report does not list one by one count as one large tensor.
    if (trainableCount > listed) stateBytes += static_cast<double>(optimizerStateBytes(*optimizer, static_cast<int64_t>(trainableCount - listed), gpu));
    add("optimizer", std::string("optimizer state (") + optimizer->name + ")", stateBytes);
  }

  // AdaLoRA's rank allocation keeps an importance and an uncertainty estimate (fp32) per adapter element.
  bool rankAllocation = false;
  for (const ParameterEntry& p : trainable.parameters) rankAllocation = rankAllocation || p.part == "ranknum";
  if (rankAllocation) add("method_state", "AdaLoRA importance and uncertainty estimates (2 x fp32)", trainableCount * 8.0);

  // Activations kept for backward: every layer's, or with gradient checkpointing each layer's input
  // plus one layer recomputed at a time. Each LoRA A keeps its fp32 input (the adapter computes in
  // fp32, as PEFT's does): below fp32 a copy of the module's input. Dropout adds its output and
  // mask: on the CPU about 5 bytes per input value more (measured, decision 31); CUDA's fused
  // dropout keeps a byte mask and the fp32 output in place of the copy (5 bytes in all).
  const nlohmann::json& dropoutValue = config.method.is_object() ? config.method.value("lora_dropout", nlohmann::json(0.0)) : nlohmann::json(0.0);
  const bool dropout = dropoutValue.is_number() && dropoutValue.get<double>() > 0;
  const double castBytes = e != 4.0 ? 4.0 : 0.0;
  const double loraBytesPerInput = !dropout ? castBytes : gpu ? 5.0 : castBytes + 5.0;
  double loraInputsPerToken = 0;
  for (const ParameterEntry& p : trainable.parameters) {
    const bool loraA = p.name.find(".lora_A.") != std::string::npos || p.part == "lora_A";  // LoRA's lora_A.weight, AdaLoRA's lora_A
    if (p.trainable && p.layer >= 0 && p.shape.size() == 2 && loraA)
      loraInputsPerToken += loraBytesPerInput * static_cast<double>(p.shape[1]);
  }
  // A bottleneck adapter (AdapterHub's) at a site keeps, per token, its input (the sub-block's output
  // plus the residual, and its fp32 copy below fp32) and the fp32 down projection before and after
  // the non-linearity: about (e + cast)·H + 8·m bytes.
  for (const ParameterEntry& p : trainable.parameters)
    if (p.trainable && p.layer >= 0 && p.part == "adapter_down" && p.shape.size() == 2)
      loraInputsPerToken += (e + castBytes) * static_cast<double>(p.shape[1]) + 8.0 * static_cast<double>(p.shape[0]);
  // LoHa and LoKr build each module's full fp32 ΔW on every forward, as PEFT does, and autograd
  // keeps out × in matrices until backward: LoHa the two products of its Hadamard product and ΔW
  // (3), LoKr ΔW (1); both keep the module's input cast to fp32 as LoRA does.
  std::map<std::string, std::vector<int64_t>> moduleWeights;
  for (const ParameterEntry& p : trainable.parameters)
    if (!p.trainable && p.part == "weight" && p.shape.size() == 2) moduleWeights[p.module] = p.shape;
  std::set<std::string> fullDeltaModules;
  double fullDeltaBytes = 0;
  for (const ParameterEntry& p : trainable.parameters) {
    const bool loha = p.part.rfind("hada_", 0) == 0, lokr = p.part.rfind("lokr_", 0) == 0;
    if (!p.trainable || p.layer < 0 || !(loha || lokr) || !fullDeltaModules.insert(p.module).second) continue;
    const auto w = moduleWeights.find(p.module);
    if (w == moduleWeights.end()) continue;
    fullDeltaBytes += (loha ? 3.0 : 1.0) * 4.0 * static_cast<double>(w->second[0]) * static_cast<double>(w->second[1]);
    loraInputsPerToken += castBytes * static_cast<double>(w->second[1]);
  }
  const double perLayer = (layerBytesPerToken(c, e, static_cast<double>(batch.tokensPerRow)) + loraInputsPerToken / std::max(1.0, layers)) * tokens +
                          fullDeltaBytes / std::max(1.0, layers);
  const double activations = config.gradientCheckpointing ? layers * H * e * tokens + perLayer : layers * perLayer;
  add("activations",
      "activations for " + std::to_string(batch.rows) + " x " + std::to_string(batch.tokensPerRow) + " tokens" +
          (config.gradientCheckpointing ? " (gradient checkpointing)" : ""),
      activations);
  // Output head on the positions that predict a label: logits at the compute dtype, their fp32 copy
  // and the log-probabilities cross-entropy keeps; a large head goes a chunk of positions at a time
  // (head_chunking.h, as the trainer does) and keeps only its input.
  const int64_t labelledRows = static_cast<int64_t>(labelled + 0.5);
  const int64_t chunkRows = headChunkRows(labelledRows, c.vocabSize);
  const double headRows = chunkRows > 0 ? static_cast<double>(std::min(chunkRows, labelledRows)) : labelled;
  // Soft-capping (Gemma 2) keeps three more logits-sized steps, logits_scaling (Granite) one.
  const double transformSteps = (c.finalLogitSoftcap > 0 ? 3.0 : 0.0) + (c.logitsDivisor != 1.0 ? 1.0 : 0.0);
  const double headPerRow = V * (e + (e == 4.0 ? 0.0 : 4.0) + 4.0 + transformSteps * e);
  add("head",
      "output head and loss (" + std::to_string(labelledRows) + " labelled positions x " + std::to_string(c.vocabSize) + " vocabulary" +
          (chunkRows > 0 ? ", " + std::to_string(chunkRows) + " at a time)" : ")"),
      (chunkRows > 0 ? labelled * H * e : 0.0) + headRows * headPerRow);
  // Backward's first moments: the gradient of the log-probabilities and of the logits, and the
  // gradients flowing through the last layer (with checkpointing, the recomputed layer's
  // activations' gradients beside them, which autograd frees as it walks the layer back: one and a
  // half layers, measured, decision 31); a 4-bit base also dequantizes its largest weight.
  double backward = headRows * V * 4.0 * 2.0 + perLayer * (config.gradientCheckpointing ? 1.5 : 1.0);
  if (config.quantization.enabled) backward += 2.0 * H * static_cast<double>(c.intermediateSize) * e;
  add("backward", "working memory of backward", backward);

  double sum = 0;
  for (const MemoryPart& p : m.parts) sum += static_cast<double>(p.bytes);
  if (gpu) {
    const double slack = (sum - kCudaRuntimeBytes) * kCudaAllocatorSlack;
    m.parts.push_back({"allocator", "caching allocator slack", toBytes(slack)});
    sum += slack;
  }
  m.peakBytes = toBytes(sum);
  return m;
}

BatchShape batchShapeOf(const RunConfig& config, const TrainPlan& plan) {
  BatchShape b;
  b.rows = std::max<int64_t>(1, std::min(config.batchSize, std::max<int64_t>(1, plan.trainRows)));
  b.tokensPerRow = std::max<int64_t>(1, plan.longestTrainRow);
  b.labelFraction = plan.trainTokens > 0 ? static_cast<double>(plan.labelPositions) / static_cast<double>(plan.trainTokens) : 1.0;
  b.distinctTokenIds = plan.distinctTokenIds;
  return b;
}

nlohmann::json memoryEstimateJson(const MemoryEstimate& m) {
  nlohmann::json parts = nlohmann::json::object(), lines = nlohmann::json::array();
  for (const MemoryPart& p : m.parts) {
    parts[p.key] = p.bytes;
    lines.push_back({p.label, p.bytes});
  }
  return {{"device", m.device},
          {"peak_bytes", m.peakBytes},
          {"available_bytes", m.availableBytes == 0 ? nlohmann::json(nullptr) : nlohmann::json(m.availableBytes)},
          {"fits", m.fits()},
          {"parts", parts},
          {"lines", lines}};
}

MemoryEstimate estimateTrainingMemory(const RunConfig& config, const BatchShape& batch) {
  const ModelInfo info = inspectModel(config.modelPath);
  const ParameterReport report = planParameters(config);
  const ResolvedDevice device = resolveDevice(config.device);
  const uint64_t resident = processResidentBytes();
  MemoryEstimate m = estimateTrainingMemory(config, info, report, batch, device.isCuda(), resident);
  m.device = device.label;
  if (device.isCuda()) {
    m.availableBytes = gpuMemory(device.index).freeBytes;
  } else {
    const uint64_t available = memAvailableBytes();
    m.availableBytes = available == 0 ? 0 : available + resident;
  }
  return m;
}

}  // namespace peftdesk
