// Where a model runs, as the GUI offers it: "automatic" (the first usable GPU, else the CPU),
// "CPU", and one row per GPU with its name and free / total memory. When CUDA cannot be used the
// GPU row is shown disabled with the reason, so a user sees why training will be on the CPU.
// Shared by the Train page (its train.device row) and the Chat and Compare pages (beside the
// precision box), so every page offers the same rows with the same words. Keys: "auto", "cpu",
// "cuda:N".
#pragma once

#include "keyed_combo_box.h"
#include "peftdesk/device.h"

namespace peftdesk::ui {

// Appends the GPU rows (item data "cuda:N") or one disabled row with the reason CUDA is not
// usable to a combo whose first rows are "auto" and "cpu".
void appendGpuRows(QComboBox* combo);

class DeviceBox : public KeyedComboBox {
  Q_OBJECT
 public:
  explicit DeviceBox(QWidget* parent = nullptr);

  DeviceSpec spec() const;  // of the current row

 protected:
  void retranslate() override;
};

}  // namespace peftdesk::ui
