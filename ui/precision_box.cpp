// See precision_box.h.
#include "precision_box.h"

namespace peftdesk::ui {

PrecisionBox::PrecisionBox(QWidget* parent) : KeyedComboBox(parent) {
  for (const char* key : {"fp32", "bf16", "nf4"}) addItem(QString(), QString::fromLatin1(key));
  retranslate();
}

LoadOptions PrecisionBox::loadOptions() const {
  LoadOptions load;
  const QString k = key();
  load.dtype = k == QLatin1String("fp32") ? ComputeDType::F32 : ComputeDType::BF16;
  load.quantization.enabled = k == QLatin1String("nf4");
  return load;
}

void PrecisionBox::retranslate() {
  setItemText(0, tr("fp32 (exact, most memory)"));
  setItemText(1, tr("bf16 (half the memory)"));
  setItemText(2, tr("4-bit NF4, bf16 compute (as QLoRA trains)"));
  setToolTip(tr("How the base model's weights are held in memory while it runs"));
}

}  // namespace peftdesk::ui
