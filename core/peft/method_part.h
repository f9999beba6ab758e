// What one module-attached PEFT method (LoRA, IA³, LoHa, LoKr, ...) puts on one wrapped linear
// module, behind one interface: its forward around the frozen layer, its merge into the base
// weights and its tensors with PEFT's names. ModuleAdapter holds one part plus the extras every
// method shares (a modules_to_save copy, a trainable bias); method_registry.h's rows create parts.
#pragma once

#include <ATen/ATen.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "model/decoder.h"
#include "peft/targeting.h"
#include "peftdesk/adapter_config.h"
#include "peftdesk/error.h"

namespace peftdesk {

// The frozen layer as the adapter's extras leave it (a trainable bias replaces the module's).
struct WrappedBase {
  const Linear& linear;
  const at::Tensor& weightOverride;
  const at::Tensor& biasOverride;
  bool overrideBias;
  at::Tensor operator()(const at::Tensor& x) const { return linear.baseForward(x, weightOverride, biasOverride, overrideBias); }
  const at::Tensor& bias() const { return overrideBias ? biasOverride : linear.bias; }
};

// One tensor of a part, by its names after "<module>.": in named_parameters() without the
// adapter name ("lora_A.weight") and in adapter_model.safetensors ("lora_A.weight"); `part` is
// what the parameter report calls it ("lora_A").
struct PartTensor {
  std::string memoryLeaf, savedLeaf, part;
  at::Tensor* tensor;
};

class MethodPart {
 public:
  virtual ~MethodPart() = default;
  // The wrapped module's output for x (training: dropouts act).
  virtual at::Tensor forward(const WrappedBase& base, const at::Tensor& x, bool training) const = 0;
  // The weight (in the base's layout, its dtype) and bias with this part folded in, for a merged
  // export; only called for rows without whyNotMergeable.
  virtual at::Tensor mergedWeight(const Linear& linear, const at::Tensor& weight) const = 0;
  virtual at::Tensor mergedBias(const Linear& linear, const at::Tensor& bias) const { return bias; }
  // The part's tensors in PEFT's order (pointers into the part).
  virtual std::vector<PartTensor> tensors() = 0;
  // What adapter_model.safetensors holds, by saved leaf: the tensors themselves, unless the method
  // saves a converted form (a PiSSA / OLoRA-started LoRA saves its rank-2r plain LoRA).
  virtual std::vector<std::pair<std::string, at::Tensor>> savedForm() {
    std::vector<std::pair<std::string, at::Tensor>> out;
    for (const PartTensor& t : tensors()) out.emplace_back(t.savedLeaf, t.tensor->detach());
    return out;
  }
  // Tensors PEFT registers as parameters but never trains or saves (AdaLoRA's ranknum): counted
  // in the parameter report as frozen, nothing else.
  virtual std::vector<PartTensor> frozenTensors() { return {}; }
  // Adds what this part's state means for the saved adapter_config.json (AdaLoRA: its entry of
  // rank_pattern once the allocation has pruned); `module` is the wrapped module's path.
  virtual void addToSavedConfig(const std::string& /*module*/, nlohmann::json& /*config*/) const {}
};

// What a residual-stream method (AdapterHub's bottleneck adapters) puts at one ResidualSite of the
// decoder (after a block's attention or MLP) instead of on a linear module.
class SitePart : public ResidualAdapter {
 public:
  bool training = false;  // dropout active
  // The part's tensors; savedLeaf is the key's end after "<site>.adapters.<name>." in AdapterHub's
  // file ("adapter_down.0.weight"), memoryLeaf the end after "<site>." in our names.
  virtual std::vector<PartTensor> tensors() = 0;
};

struct SiteContext {
  const ResidualSite& site;
  const ModelConfig& model;
  const AdapterConfig& config;
  at::ScalarType baseDtype;
  at::Generator* generator;  // null: zeros of the right shapes (a load overwrites them)
};

struct AttachContext {
  const Linear& linear;
  const TargetModule& target;  // r and alpha with the patterns applied; IA³'s feedforward
  const AdapterConfig& config;
  at::ScalarType baseDtype;
  at::Generator* generator;    // null: zeros of the right shapes (a load overwrites them)
};

namespace method_init {
// PEFT creates adapter tensors in fp32, moves them to the base dtype, then upcasts back to fp32:
// with a bf16/fp16 base the initial values are base-dtype-representable.
inline at::Tensor roundThrough(const at::Tensor& t, at::ScalarType dtype) { return t.to(dtype).to(at::kFloat); }
// nn.init.kaiming_uniform_(a=√5) on a 2-D tensor: U(±1/√size(1)).
inline void kaimingUniform(at::Tensor& t, at::Generator& gen) {
  const double bound = 1.0 / std::sqrt(static_cast<double>(t.size(1)));
  t.uniform_(-bound, bound, gen);
}
// transformers 5 keeps a mixture-of-experts layer's experts as fused parameters: PEFT adapts them
// with LoRA only (target_parameters), so another method on our per-expert modules would load
// nowhere. Refuses such a target, naming the method and target_modules.
inline void refuseExperts(const AttachContext& ctx, const char* method) {
  if (ctx.target.name.find(".experts.") != std::string::npos)
    throw Error(ErrorCategory::Unsupported,
                std::string(method) + " cannot wrap " + ctx.target.name +
                    ": PEFT adapts a mixture-of-experts layer's fused experts with LoRA only; leave the experts out of target_modules "
                    "(e.g. the attention modules)",
                {ctx.config.source, -1, -1, "target_modules"});
}
}  // namespace method_init

}  // namespace peftdesk
