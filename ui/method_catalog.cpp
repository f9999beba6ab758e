// See method_catalog.h.
#include "method_catalog.h"

#include <QtGlobal>
#include <cstring>

namespace peftdesk::ui {

const std::vector<MethodRow>& methodCatalog() {
  static const std::vector<MethodRow> rows = {
      {"lora", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "LoRA"), "lora",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Low-rank update B·A beside each target layer; DoRA, rsLoRA and LoRA+ are options below.")},
      {"qlora", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "QLoRA (4-bit base)"), "lora",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "LoRA on a base quantized to 4 bits on load (NF4, as bitsandbytes): a quarter of the weight memory.")},
      {"dora", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "DoRA"), "lora",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Weight-decomposed LoRA: the low-rank update plus a learned magnitude per output row.")},
      {"ia3", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "IA³"), "ia3",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Learned per-channel scaling of keys, values and feed-forward activations: very few parameters.")},
      {"prefix", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Prefix tuning"), "prefix",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Learned key/value vectors prepended in every attention layer.")},
      {"prompt", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Prompt tuning"), "prompt",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Learned input embeddings prepended to every example.")},
      {"full", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Full fine-tuning"), "full",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Every base parameter trains (for comparison: memory grows with the whole model).")},
      {"freeze", QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Freeze (last layers)"), "freeze",
       QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", "Only the last N decoder layers train, as LLaMA-Factory's freeze tuning.")},
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

}  // namespace peftdesk::ui
