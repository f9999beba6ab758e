// See device_box.h.
#include "device_box.h"

#include <QCoreApplication>
#include <QStandardItemModel>

namespace peftdesk::ui {

void appendGpuRows(QComboBox* combo) {
  // A GPU row names the card and its memory, the disabled one says why CUDA cannot be used: long
  // texts that must not set the window's minimum width. The box stays ~30 characters wide (the
  // full text in its tooltip and in the open list).
  combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  combo->setMinimumContentsLength(30);
  const CudaStatus& cuda = cudaStatus();
  if (cuda.usable) {
    for (const GpuDevice& d : listGpus()) {
      combo->addItem(QStringLiteral("cuda:%1 — %2").arg(d.index).arg(QString::fromStdString(gpuLabel(d))),
                     QStringLiteral("cuda:%1").arg(d.index));
    }
    return;
  }
  const QString why = QCoreApplication::translate("peftdesk::ui::DeviceBox", "GPU: not usable (%1)").arg(QString::fromStdString(cuda.reason));
  combo->addItem(why, QString());
  combo->setItemData(combo->count() - 1, why, Qt::ToolTipRole);
  if (auto* model = qobject_cast<QStandardItemModel*>(combo->model())) model->item(combo->count() - 1)->setEnabled(false);
}

DeviceBox::DeviceBox(QWidget* parent) : KeyedComboBox(parent) {
  addItem(QString(), QStringLiteral("auto"));
  addItem(QString(), QStringLiteral("cpu"));
  appendGpuRows(this);
  retranslate();
}

DeviceSpec DeviceBox::spec() const {
  DeviceSpec s;
  parseDeviceSpec(key().toStdString(), &s);  // every enabled row's key parses; the disabled one cannot be chosen
  return s;
}

void DeviceBox::retranslate() {
  setItemText(0, tr("automatic (GPU when usable)"));
  setItemText(1, tr("CPU"));
  if (!cudaStatus().usable) {
    setItemText(2, tr("GPU: not usable (%1)").arg(QString::fromStdString(cudaStatus().reason)));
    setItemData(2, itemText(2), Qt::ToolTipRole);
  }
  setToolTip(tr("Where the model runs: automatic picks the first usable NVIDIA GPU, else the CPU"));
}

}  // namespace peftdesk::ui
