// The PEFT methods as rows, one file each under core/peft/methods/: the peft_type name, how the
// method's adapter_config.json keys are read, which targeting keys it uses, how it sits on a
// linear module (null for prompt learning, which adds virtual tokens instead) and why it cannot
// be merged, if it cannot. Everything that loads, creates, saves, counts or merges an adapter
// asks the row; adding a method is one file plus one line in method_registry.cpp
// (docs/adding-a-method.md). This header is torch-free.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "peftdesk/adapter_config.h"

namespace peftdesk {

class ConfigReader;
class MethodPart;
class MethodTraining;
struct Adapter;
struct AttachContext;
class SitePart;
struct SiteContext;

// Which keys choose the modules: LoRA's (target_modules, exclude_modules, layers_to_transform,
// rank/alpha patterns, modules_to_save in AdapterConfig::lora), IA³'s (feedforward_modules too),
// or none (prompt learning).
enum class TargetKeys { Rank, Ia3, None };

struct PeftMethodRow {
  PeftType type;
  const char* name;  // peft_type in adapter_config.json
  // Reads the method's keys into the config; throws Error naming the field.
  void (*parse)(const ConfigReader& reader, AdapterConfig& config);
  TargetKeys targetKeys;
  // The method's part on one target module, initialised as PEFT would when the context carries a
  // generator; null for the prompt-learning methods.
  std::shared_ptr<MethodPart> (*attach)(const AttachContext& context);
  const char* whyNotMergeable;  // null = merges into the base weights
  // The adapter_config.json an adapter of this method is saved with, from the config it was built
  // from; null = that config unchanged.
  nlohmann::json (*savedConfig)(const AdapterConfig& config) = nullptr;
  // What training adds beyond the parts' forward (a loss term, work after each optimizer step:
  // method_training.h), for a fresh adapter of this method; null = nothing.
  std::unique_ptr<MethodTraining> (*training)(Adapter& adapter) = nullptr;
  // Whether PEFT has default target modules for this model type when target_modules is unset
  // (then the shared table in targeting.cpp gives them); null = always.
  bool (*hasDefaultTargets)(const std::string& modelType) = nullptr;
  // A method that sits on the decoder's residual sites (after attention / MLP) instead of on linear
  // modules: its part at one site, or null where the config leaves that site bare; throws for a
  // model it cannot serve. Such an adapter is saved in AdapterHub's folder format
  // (core/peft/adapterhub_folder.h). `attach` is null for these rows.
  std::shared_ptr<SitePart> (*attachSite)(const SiteContext& context) = nullptr;
};

const std::vector<const PeftMethodRow*>& peftMethods();
const PeftMethodRow& peftMethod(PeftType type);
const PeftMethodRow* findPeftMethod(const std::string& name);  // null when unknown
// "LORA, IA3, ..." for messages.
std::string peftMethodNames();

}  // namespace peftdesk
