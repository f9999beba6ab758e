// See method_catalog.h.
#include "method_catalog.h"

#include <QtGlobal>
#include <cstring>

namespace peftdesk::ui {
namespace {

using json = nlohmann::json;

json loraDefaults(const QStringList&) {
  return {{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 16}, {"lora_alpha", 32}, {"lora_dropout", 0.0}, {"target_modules", "all-linear"}};
}

// LoHa's rank-r pair multiplies elementwise (rank up to r²): PEFT's examples use r 8 with alpha 8.
json lohaDefaults(const QStringList&) {
  return {{"peft_type", "LOHA"}, {"task_type", "CAUSAL_LM"}, {"r", 8}, {"alpha", 8}, {"target_modules", "all-linear"}};
}

json lokrDefaults(const QStringList&) {
  return {{"peft_type", "LOKR"}, {"task_type", "CAUSAL_LM"}, {"r", 8}, {"alpha", 8}, {"target_modules", "all-linear"}};
}

// AdaLoRA: PEFT's schedule defaults (pruning from the first step, no fixed final phase) and its
// paper's ranks; total_step is left out: the run's length.
json adaloraDefaults(const QStringList&) {
  return {{"peft_type", "ADALORA"}, {"task_type", "CAUSAL_LM"}, {"init_r", 12},   {"target_r", 8},  {"lora_alpha", 32},
          {"lora_dropout", 0.0},    {"tinit", 0},                {"tfinal", 0},    {"deltaT", 1},    {"orth_reg_weight", 0.5},
          {"target_modules", "all-linear"}};
}

// Keys, values and the feed-forward down projection, as IA³'s paper; only those the model has.
json ia3Defaults(const QStringList& suffixes) {
  json targets = json::array();
  for (const char* s : {"k_proj", "v_proj", "down_proj"})
    if (suffixes.contains(QLatin1String(s))) targets.push_back(s);
  if (targets.empty())
    for (const QString& s : suffixes) targets.push_back(s.toStdString());
  const json feedforward = targets.empty() ? json::array() : json::array({targets.back()});
  return {{"peft_type", "IA3"}, {"task_type", "CAUSAL_LM"}, {"target_modules", targets}, {"feedforward_modules", feedforward}};
}

// AdapterHub's Pfeiffer configuration (its default) at a reduction factor of 16.
json bottleneckDefaults(const QStringList&) {
  return {{"peft_type", "BOTTLENECK"}, {"config", "seq_bn"}, {"reduction_factor", 16}, {"scaling", 1.0}, {"dropout", 0.0}, {"init_weights", "bert"}};
}

json prefixDefaults(const QStringList&) { return {{"peft_type", "PREFIX_TUNING"}, {"task_type", "CAUSAL_LM"}, {"num_virtual_tokens", 16}}; }
json promptDefaults(const QStringList&) {
  return {{"peft_type", "PROMPT_TUNING"}, {"task_type", "CAUSAL_LM"}, {"num_virtual_tokens", 16}, {"prompt_tuning_init", "RANDOM"}};
}
json fullDefaults(const QStringList&) { return {{"finetuning_type", "full"}}; }
json freezeDefaults(const QStringList&) { return {{"finetuning_type", "freeze"}, {"freeze_trainable_layers", 2}}; }

}  // namespace

const std::vector<MethodRow>& methodCatalog() {
  static const std::vector<MethodRow> rows = {
      {"lora", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "LoRA"), "lora",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Low-rank update B·A beside each target layer; DoRA, rsLoRA and LoRA+ are options below."),
       TargetLists::Modules, &loraDefaults, nullptr},
      {"qlora", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "QLoRA (4-bit base)"), "lora",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "LoRA on a base quantized to 4 bits on load (NF4, as bitsandbytes): a quarter of the weight memory."),
       TargetLists::Modules, &loraDefaults, nullptr},
      {"dora", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "DoRA"), "lora",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Weight-decomposed LoRA: the low-rank update plus a learned magnitude per output row."),
       TargetLists::Modules, &loraDefaults, nullptr},
      {"loha", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "LoHa"), "loha",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Elementwise product of two low-rank updates: rank up to r² for twice LoRA's parameters."),
       TargetLists::Modules, &lohaDefaults, "LOHA"},
      {"lokr", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "LoKr"), "lokr",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Kronecker product of a small factor and a low-rank one: high-rank updates from very few parameters."),
       TargetLists::Modules, &lokrDefaults, "LOKR"},
      {"adalora", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "AdaLoRA"), "adalora",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "SVD-shaped LoRA whose rank per layer is pruned during training, by importance, down to a budget."),
       TargetLists::Modules, &adaloraDefaults, "ADALORA"},
      {"ia3", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "IA³"), "ia3",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Learned per-channel scaling of keys, values and feed-forward activations: very few parameters."),
       TargetLists::ModulesAndFeedforward, &ia3Defaults, "IA3"},
      {"prefix", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Prefix tuning"), "prefix",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Learned key/value vectors prepended in every attention layer."), TargetLists::None,
       &prefixDefaults, "PREFIX_TUNING"},
      {"prompt", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Prompt tuning"), "prompt",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Learned input embeddings prepended to every example."), TargetLists::None, &promptDefaults,
       "PROMPT_TUNING"},
      {"bottleneck", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Bottleneck adapter"), "bottleneck",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage",
                         "A small down-and-up network after each block's MLP (Pfeiffer) or after its attention too (Houlsby); saved in AdapterHub's format."),
       TargetLists::None, &bottleneckDefaults, "BOTTLENECK"},
      {"full", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Full fine-tuning"), "full",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Every base parameter trains (for comparison: memory grows with the whole model)."),
       TargetLists::None, &fullDefaults, nullptr},
      {"freeze", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Freeze (last layers)"), "freeze",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Only the last N decoder layers train, as LLaMA-Factory's freeze tuning."), TargetLists::None,
       &freezeDefaults, nullptr},
  };
  return rows;
}

const MethodRow& methodRow(const QString& id) {
  for (const MethodRow& r : methodCatalog()) {
    if (id == QLatin1String(r.id)) return r;
  }
  return methodCatalog().front();
}

bool isLoraFamily(const QString& id) { return !std::strcmp(methodRow(id).family, "lora") && methodRow(id).id == id; }

const std::vector<const char*>& methodFamilies() {
  static const std::vector<const char*> families = [] {
    std::vector<const char*> out;
    for (const MethodRow& r : methodCatalog()) {
      bool seen = false;
      for (const char* f : out) seen = seen || !std::strcmp(f, r.family);
      if (!seen) out.push_back(r.family);
    }
    return out;
  }();
  return families;
}

}  // namespace peftdesk::ui
