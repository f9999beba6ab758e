// See parameter_plan.h. Built from the public Model API with weights left unread (ShapesOnly).
#include "peftdesk/parameter_plan.h"

#include <set>

#include "peftdesk/model.h"

namespace peftdesk {
namespace {

std::unique_ptr<Model> shapesOnly(const std::filesystem::path& dir, const Quantization4bit& quantization) {
  LoadOptions lo;
  lo.weights = WeightsMode::ShapesOnly;
  lo.quantization = quantization;
  return Model::load(dir, lo);
}

// A throw-away LoRA over every linear layer: its report lists the base parameters (with layer
// indices) and, through its lora_A entries, the linear modules.
ParameterReport probeReport(Model& model) {
  const AdapterConfig probe = parseAdapterConfig(
      {{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 1}, {"lora_alpha", 1}, {"target_modules", "all-linear"}}, "probe");
  model.addAdapter("probe", probe, 0);
  return model.parameterReport("probe");
}

}  // namespace

ParameterReport planParameters(const RunConfig& config) {
  auto model = shapesOnly(config.modelPath, config.quantization);
  if (config.mode == TrainingMode::Peft) {
    model->addAdapter("default", parseAdapterConfig(config.method, "method"), 0);
    return model->parameterReport("default");
  }
  const ParameterReport probe = probeReport(*model);
  const int64_t layers = model->info().config.numLayers;
  const int64_t n = config.freezeTrainableLayers;
  ParameterReport r;
  r.countingConvention = "trainer (full / freeze)";
  for (ParameterEntry e : probe.parameters) {
    if (e.method != "base") continue;
    e.trainable = config.mode == TrainingMode::Full || (e.layer >= 0 && (n > 0 ? e.layer >= layers - n : e.layer < -n));
    r.allParams += e.numel();
    if (e.trainable) {
      r.trainableParams += e.numel();
      r.adapterFileBytes += static_cast<uint64_t>(e.numel()) * (e.dtype == "F32" ? 4 : 2);
    }
    r.parameters.push_back(std::move(e));
  }
  r.trainablePercent = r.allParams > 0 ? 100.0 * static_cast<double>(r.trainableParams) / static_cast<double>(r.allParams) : 0.0;
  return r;
}

std::vector<std::string> linearModuleNames(const std::filesystem::path& modelDir) {
  auto model = shapesOnly(modelDir, {});
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const ParameterEntry& e : probeReport(*model).parameters) {
    if (e.part == "lora_A" && seen.insert(e.module).second) out.push_back(e.module);
  }
  return out;
}

}  // namespace peftdesk
