// The adapters attached to one loaded model (PEFT's PeftModel, for several named adapters):
// create with PEFT's initialisation, load PEFT folders, switch the active one (or none = base
// model) without reloading, save in PEFT's layout, report parameters with PEFT's counting.
#pragma once

#include <ATen/ATen.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "model/decoder.h"
#include "peft/module_adapter.h"
#include "peft/prompt_learning.h"
#include "peft/targeting.h"
#include "peftdesk/adapter_config.h"
#include "peftdesk/parameter_report.h"

namespace peftdesk {

class MethodTraining;

// One adapter tensor with both of PEFT's names.
struct AdapterTensor {
  std::string memoryName;  // named_parameters() name without the adapter: "...q_proj.lora_A.weight"
  std::string savedName;   // key in adapter_model.safetensors: "base_model.model....q_proj.lora_A.weight"
  std::string module;
  std::string part;
  at::Tensor* tensor;      // points into the ModuleAdapter / PromptEncoder
  bool countsAsExtra;      // false for base biases made trainable (already counted as base)
};

struct Adapter {
  std::string name;
  AdapterConfig config;
  TargetResolution resolution;
  std::vector<std::pair<Linear*, std::shared_ptr<ModuleAdapter>>> modules;
  std::vector<std::string> moduleNames;  // parallel to modules
  std::unique_ptr<PromptEncoder> prompt;
  std::vector<AdapterTensor> tensors;
  // PEFT 0.21's LoRA on fused expert parameters (target_parameters), when the adapter is one: it
  // lives in per-expert modules (`config` is the expanded form) with each expert's gate_proj and
  // up_proj sharing one A tensor, and is saved, counted and reported in this config's fused layout.
  std::unique_ptr<AdapterConfig> fusedExperts;
  // A residual-stream method's parts (bottleneck adapters) with the decoder slot each fills.
  std::vector<std::pair<std::shared_ptr<const ResidualAdapter>*, std::shared_ptr<SitePart>>> sites;
};

// The adapter's tensors with each tensor once: a fused expert's A, which gate_proj and up_proj hold
// together, is one parameter (for the optimizer, clipping and gradients).
std::vector<const AdapterTensor*> distinctTensors(const Adapter& a);

class AdapterSet {
 public:
  // Adapter tensors are initialised on the host (the same values on every device, from a CPU
  // generator) and then placed on the decoder's device.
  AdapterSet(Decoder& decoder, const ModelConfig& config, at::ScalarType dtype, std::filesystem::path modelDir);

  // Fresh adapter as PEFT's get_peft_model would create it (seeded); on a model with experts, LoRA
  // module targets convert to PEFT 0.21's fused-expert targets as it does (fused_experts.h).
  void create(const std::string& name, const AdapterConfig& config, uint64_t seed);
  // A PEFT adapter folder; refuses configs/tensors that do not fit this base.
  void load(const std::string& name, const std::filesystem::path& dir);
  void activate(const std::string& name);  // "" = base model
  const std::string& active() const { return active_; }
  std::vector<std::string> names() const;
  const Adapter& get(const std::string& name) const;
  void setTraining(bool training);

  void save(const std::string& name, const std::filesystem::path& dir) const;
  ParameterReport report(const std::string& name) const;

  // Prefix KV / prompt embeddings of the active adapter into `in` (which holds inputIds and
  // keyMask); returns the number of virtual positions prepended to the logits (prompt tuning).
  int64_t prepare(DecoderInput& in) const;
  const PromptEncoder* activePrompt() const;
  std::vector<at::Tensor*> trainableTensors(const std::string& name) const;
  // What training the adapter adds beyond its forward (method_training.h); null when nothing.
  std::unique_ptr<MethodTraining> methodTraining(const std::string& name);
  // Overwrites one parameter (by PEFT name without the adapter) — checkpoint restore, tests.
  void setTensor(const std::string& name, const std::string& parameterName, const at::Tensor& values);
  // Per-tensor values keyed by our names (memory names) in PEFT's names and layout: unchanged,
  // except that a fused-expert adapter's per-expert tensors become its fused ones (gradients).
  std::map<std::string, at::Tensor> inPeftLayout(const std::string& name, std::map<std::string, at::Tensor> tensors) const;

 private:
  Adapter& build(const std::string& name, const AdapterConfig& config, uint64_t seed, bool initialize);
  // A residual-stream method's parts on the decoder's sites (method_registry.h: attachSite).
  void buildSites(Adapter& a, at::Generator& gen, bool initialize);
  // The model's linear module names and an expert's sizes (hidden, expert intermediate), for the
  // fused-expert layout; zeros without experts.
  struct ExpertShape {
    std::vector<std::string> linearNames;
    int64_t hidden = 0, intermediate = 0;
  };
  ExpertShape expertShape() const;
  ModelModules modelModules() const;
  // Makes `a` the fused-expert adapter of `original`: every expert's up_proj takes gate_proj's A.
  void adoptFusedExperts(Adapter& a, const AdapterConfig& original) const;
  std::map<std::string, at::Tensor> savedTensors(const Adapter& a) const;
  Decoder& decoder_;
  ModelConfig config_;
  at::ScalarType dtype_;
  std::filesystem::path modelDir_;
  void placeOnDevice(Adapter& adapter) const;
  std::map<std::string, std::unique_ptr<Adapter>> adapters_;
  std::string active_;
};

}  // namespace peftdesk
