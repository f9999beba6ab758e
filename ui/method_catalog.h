// The methods the Method page offers, as rows: id (what RunDraft::methodLabel calls a draft),
// name, the form family that edits it (field_tables.h), one line on what it trains, which
// target-module lists it uses, and the method document a first choice starts from. The method
// cards (method_cards.h), the page's forms and its defaults are built from these rows, so a method
// is offered everywhere by adding one row here (and its form in field_tables.cpp).
#pragma once

#include <QString>
#include <QStringList>
#include <nlohmann/json.hpp>
#include <vector>

namespace peftdesk::ui {

// Which target lists the Method page shows for a method: none, the modules (with "all linear"),
// or the modules and IA³'s feed-forward subset (no "all linear": IA³ picks per module).
enum class TargetLists { None, Modules, ModulesAndFeedforward };

struct MethodRow {
  const char* id;      // "lora", "qlora", "dora", "loha", "lokr", "adalora", "ia3", "prefix", "prompt", "full", "freeze"
  const char* label;   // QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", ...)
  const char* family;  // the form shown and the settings remembered across methods of one family
  const char* help;    // QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", ...): what it trains, one line
  TargetLists targets;
  // The method document of a first choice of this family; the model's linear module name
  // suffixes let a method start from targets the model has (IA³).
  nlohmann::json (*defaults)(const QStringList& moduleSuffixes);
  const char* peftType;  // the adapter_config peft_type that names a draft; null where more decides (LoRA family, full, freeze)
};

const std::vector<MethodRow>& methodCatalog();
// The row of `id`; the first (LoRA) for an unknown id.
const MethodRow& methodRow(const QString& id);
// Whether `id` belongs to the LoRA family (LoRA, QLoRA, DoRA: they share the method keys).
bool isLoraFamily(const QString& id);
// The form families in catalog order, each once.
const std::vector<const char*>& methodFamilies();

}  // namespace peftdesk::ui
