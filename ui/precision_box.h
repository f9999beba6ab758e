// "Load the base as": the one choice of how a page holds the base model in memory — fp32
// (exact), bf16 (half the memory) or a 4-bit NF4 base with bf16 compute (how QLoRA trains, so a
// QLoRA adapter is judged on the base it learned on). Shared by the Chat and Compare pages so
// both offer the same three rows with the same words. Keys: "fp32", "bf16", "nf4".
#pragma once

#include "keyed_combo_box.h"
#include "peftdesk/model.h"

namespace peftdesk::ui {

class PrecisionBox : public KeyedComboBox {
  Q_OBJECT
 public:
  explicit PrecisionBox(QWidget* parent = nullptr);

  LoadOptions loadOptions() const;  // dtype and quantization of the current row

 protected:
  void retranslate() override;
};

}  // namespace peftdesk::ui
