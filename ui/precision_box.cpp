// See precision_box.h.
#include "precision_box.h"

#include <QEvent>

namespace peftdesk::ui {

PrecisionBox::PrecisionBox(QWidget* parent) : QComboBox(parent) {
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

QString PrecisionBox::key() const { return currentData().toString(); }

void PrecisionBox::setKey(const QString& key) {
  const int at = findData(key);
  setCurrentIndex(at < 0 ? 0 : at);
}

void PrecisionBox::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QComboBox::changeEvent(event);
}

void PrecisionBox::retranslate() {
  setItemText(0, tr("fp32 (exact, most memory)"));
  setItemText(1, tr("bf16 (half the memory)"));
  setItemText(2, tr("4-bit NF4, bf16 compute (as QLoRA trains)"));
  setToolTip(tr("How the base model's weights are held in memory while it runs"));
}

}  // namespace peftdesk::ui
