// The methods the Method page offers, as rows: id (what RunDraft::methodLabel calls a draft),
// name, the form family that edits it (field_tables.h) and one line on what it trains. The method
// cards (method_cards.h) and the page's forms are built from these rows, so a method is offered
// everywhere by adding one row here and its defaults in MethodPage::choiceFor.
#pragma once

#include <QString>
#include <vector>

namespace peftdesk::ui {

struct MethodRow {
  const char* id;      // "lora", "qlora", "dora", "ia3", "prefix", "prompt", "full", "freeze"
  const char* label;   // QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", ...)
  const char* family;  // the form shown: "lora" (LoRA, QLoRA, DoRA), "ia3", "prefix", "prompt", "full", "freeze"
  const char* help;    // QT_TRANSLATE_NOOP("peftdesk::ui::MethodPage", ...): what it trains, one line
};

const std::vector<MethodRow>& methodCatalog();
// The row of `id`; the first (LoRA) for an unknown id.
const MethodRow& methodRow(const QString& id);
// Whether `id` belongs to the LoRA family (LoRA, QLoRA, DoRA: they share the method keys).
bool isLoraFamily(const QString& id);

}  // namespace peftdesk::ui
