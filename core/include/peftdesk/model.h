// The public, torch-free face of the inference core: load a Hugging Face model folder, describe
// it, compute logits, generate. LibTorch stays behind the pimpl so the CLI, the GUI and most
// tests compile without its headers.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <map>
#include <optional>

#include "peftdesk/adapter_config.h"
#include "peftdesk/device.h"
#include "peftdesk/model_config.h"
#include "peftdesk/parameter_report.h"

namespace peftdesk {

enum class ComputeDType { F32, BF16, F16 };
const char* computeDTypeName(ComputeDType dtype);  // "fp32", "bf16", "fp16"
bool parseComputeDType(const std::string& text, ComputeDType* out);  // accepts fp32/float32/bf16/...

enum class WeightsMode {
  Load,        // read the weights
  ShapesOnly,  // config.json alone: parameters exist as shapes (for counting, any model size)
};

// QLoRA base: every linear layer but the output head quantized to 4 bits on load, as
// transformers + bitsandbytes do with BitsAndBytesConfig(load_in_4bit=True, ...). The compute
// dtype is LoadOptions::dtype. Pre-quantized bitsandbytes checkpoints load as 4-bit regardless.
struct Quantization4bit {
  bool enabled = false;
  std::string type = "nf4";  // nf4 | fp4
  int64_t blocksize = 64;
  bool doubleQuant = true;
};

struct LoadOptions {
  ComputeDType dtype = ComputeDType::F32;
  WeightsMode weights = WeightsMode::Load;
  Quantization4bit quantization;
  int numThreads = 0;                           // 0 = LibTorch default
  DeviceSpec device;                            // auto = the first usable GPU, else the CPU
  const std::atomic<bool>* cancel = nullptr;    // checked between tensors
};

// How a load holds the base, for people and reports: "fp32", "bf16", "nf4 (bf16 compute)".
std::string precisionName(const LoadOptions& load);

// What `info` prints and the GUI's model page shows; computed from config.json and the
// safetensors headers only (no weights read).
struct ModelInfo {
  ModelConfig config;
  std::filesystem::path dir;
  int64_t numParameters = 0;         // unique parameters (a tied head counted once)
  int64_t linearParameters = 0;      // of those, in 2-D weights a 4-bit (QLoRA) load quantizes
  std::string storedDType;           // dtype of the weights on disk ("BF16", "F32", or "mixed")
  uint64_t weightBytes = 0;          // sum of weight file sizes
  std::vector<std::filesystem::path> weightFiles;
  std::vector<std::string> ignoredTensors;  // buffers such as rotary inv_freq or GPT-2 attn.bias
};

ModelInfo inspectModel(const std::filesystem::path& modelDir);
class Checkpoint;
// Same, from an already parsed config and opened checkpoint (Model::load reuses them).
ModelInfo inspectModel(const std::filesystem::path& modelDir, ModelConfig config, const Checkpoint& checkpoint);

// Dense float32 logits, row-major [batch, seq, vocab].
struct Logits {
  std::vector<int64_t> shape;
  std::vector<float> values;
};

struct GenerationOptions {
  int maxNewTokens = 128;
  double temperature = 0.0;          // 0 = greedy
  int topK = 0;                      // 0 = off
  double topP = 1.0;                 // 1 = off
  double repetitionPenalty = 1.0;    // 1 = off
  std::vector<int32_t> stopTokenIds; // generation ends after emitting one of these
  uint64_t seed = 0;
};

enum class StopReason { MaxTokens, StopToken, Callback, ContextFull };
const char* stopReasonName(StopReason reason);  // "max_new_tokens", "stop_token", "stopped", "context_full"

struct GenerationResult {
  std::vector<int32_t> tokens;  // generated tokens only (stop token included when hit)
  StopReason reason = StopReason::MaxTokens;
  int64_t reusedPromptTokens = 0;  // prompt tokens whose keys and values came from a GenerationCache
};

// The keys and values one generation computed, kept for the next generation that starts with the
// same tokens — the next turn of a chat sends the whole conversation again, and only what follows
// the longest common prefix is processed. Valid for the model, the adapter and the adapter
// weights it was filled with (Model::generate starts afresh for another model or adapter; the
// caller drops it when weights change). Prompt-learning adapters do not use it. Holds up to
// (prompt + reply) positions of every layer's keys and values: memory, not just time.
class GenerationCache {
 public:
  GenerationCache();
  ~GenerationCache();
  GenerationCache(GenerationCache&&) noexcept;
  GenerationCache& operator=(GenerationCache&&) noexcept;
  int64_t cachedTokens() const;  // positions held (0 when empty)
  void clear();                  // frees the memory
  struct State;                  // LibTorch-side (model/generation.h)
  State* state() const { return state_.get(); }

 private:
  std::unique_ptr<State> state_;
};

// Called for every generated token; return false to stop.
using TokenCallback = std::function<bool(int32_t token)>;

// Loss of one batch and the gradients of an adapter's trainable tensors (what a training step
// computes before the optimizer), keyed by PEFT's parameter name without the adapter name.
struct LossAndGradients {
  double loss = 0;
  std::map<std::string, std::vector<int64_t>> shapes;
  std::map<std::string, std::vector<float>> gradients;
};

struct ExportOptions {
  bool merge = false;                        // merged model folder instead of a standalone adapter
  std::optional<ComputeDType> dtype;         // merged weights' dtype; default: the model's compute dtype
  uint64_t maxShardBytes = 2'000'000'000;    // merged: shard above this size
  bool verify = false;                       // merged: compare logits and refuse a no-op merge
  const std::atomic<bool>* cancel = nullptr; // checked after each stage below; a cancel leaves nothing at `out`
  std::string readme;                        // written as README.md (the model card) when not empty
  // Called on the exporting thread as each stage begins: "merging", "writing", "checking",
  // "publishing" (a merged export); "writing", "publishing" (an adapter).
  std::function<void(const char* stage)> onStage;
};

struct ExportReport {
  std::filesystem::path folder;
  std::vector<std::string> files;
  bool verified = false;
  double maxLogitDiff = 0;       // merged vs base+adapter on the probe rows (when verified)
  double maxWeightChange = 0;    // largest |merged - base| weight entry (when verified)
};

class Model {
 public:
  static std::unique_ptr<Model> load(const std::filesystem::path& modelDir, const LoadOptions& options = {});
  ~Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  const ModelInfo& info() const;
  ComputeDType dtype() const;
  const ResolvedDevice& device() const;  // where the weights live and every step runs

  // Rows of different lengths are right-padded and masked; positions start at 0 in every row.
  Logits forward(const std::vector<std::vector<int32_t>>& batch) const;
  GenerationResult generate(const std::vector<int32_t>& prompt, const GenerationOptions& options,
                            const TokenCallback& onToken = {}) const;
  // The same, reusing `cache` where the prompt starts like the tokens it holds, and leaving this
  // generation's keys and values in it.
  GenerationResult generate(const std::vector<int32_t>& prompt, const GenerationOptions& options, const TokenCallback& onToken,
                            GenerationCache& cache) const;

  // Adapters (PEFT methods). Several can be attached to one base; one, or none, is active.
  void addAdapter(const std::string& name, const AdapterConfig& config, uint64_t seed = 0);
  void loadAdapter(const std::filesystem::path& peftFolder, const std::string& name = "default");
  void setActiveAdapter(const std::string& name);  // "" = the base model alone
  std::string activeAdapter() const;
  std::vector<std::string> adapterNames() const;
  void saveAdapter(const std::string& name, const std::filesystem::path& folder) const;
  ParameterReport parameterReport(const std::string& name) const;
  // Mean next-token cross-entropy over labels != -100 (transformers' causal-LM loss) with the
  // named adapter active; rows right-padded like forward(); labels[i] has rows[i]'s length.
  // Writes the adapter (PEFT layout) or, with options.merge, a merged transformers model folder
  // (config, generation config and tokenizer files copied). The folder must not exist or be
  // empty; everything is written to a temporary folder first, so a failure leaves nothing.
  ExportReport exportAdapter(const std::string& adapter, const std::filesystem::path& folder,
                             const ExportOptions& options) const;
  // A bitsandbytes 4-bit checkpoint of this (4-bit loaded) model that transformers loads.
  void saveQuantized(const std::filesystem::path& folder) const;
  // Overwrites one adapter parameter (PEFT name without the adapter name), e.g. from a checkpoint.
  void setAdapterParameter(const std::string& adapter, const std::string& parameterName,
                           const std::vector<int64_t>& shape, const std::vector<float>& values);
  // Summed next-token cross-entropy over labels != -100 with the active adapter (or the base), no
  // gradients: evaluation. loss = sum / labelTokens.
  struct LossSum {
    double sum = 0;
    int64_t labelTokens = 0;
  };
  LossSum lossSum(const std::vector<std::vector<int32_t>>& rows, const std::vector<std::vector<int32_t>>& labels) const;
  LossAndGradients lossAndGradients(const std::vector<std::vector<int32_t>>& rows,
                                    const std::vector<std::vector<int32_t>>& labels, const std::string& adapter);

  struct Impl;
  // Core-internal access for the trainer (core/train); Impl is opaque outside core.
  friend Impl& modelInternals(Model& model);

 private:
  explicit Model(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace peftdesk
