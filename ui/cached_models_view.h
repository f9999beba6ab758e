// "On this machine": the models in the Hugging Face and ModelScope caches (core's model_cache.h),
// listed under the Model page with family, size, dtype and whether PeftDesk loads each (and why
// not). Scanned off the GUI thread when first shown and on Refresh; activating a row asks the
// page to open that folder.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace peftdesk::ui {

class BackgroundQueue;

class CachedModelsView : public QWidget {
  Q_OBJECT
 public:
  explicit CachedModelsView(QWidget* parent = nullptr);
  void refresh();
  bool scanning() const;
  int rowCount() const;
  QString rowText(int row, int column) const;
  QString rowFolder(int row) const;
  void activateRow(int row);

 signals:
  void modelChosen(const QString& folder);
  void scanned();

 protected:
  void showEvent(QShowEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  QLabel* title_;
  QLabel* roots_;
  QPushButton* refreshButton_;
  QTreeWidget* list_;
  BackgroundQueue* jobs_;
  bool scannedOnce_ = false;
  QString rootsText_;
};

}  // namespace peftdesk::ui
