// The Model page: pick a Hugging Face model folder and see its architecture summary (the same
// data as `peftdesk-cli info`). Problems are shown inline, never as a crash.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace peftdesk::ui {

class ModelPage : public QWidget {
  Q_OBJECT
 public:
  explicit ModelPage(QWidget* parent = nullptr);
  // Reads the folder's summary; returns false (and shows the reason) when it cannot.
  bool openModel(const QString& dir);
  QString modelDir() const { return modelDir_; }
  QString errorText() const;
  // Rows of the summary as shown ("parameters" → "1.2M (1234567)"); for tests and accessibility.
  QString summaryValue(const QString& key) const;

 signals:
  void modelOpened(const QString& dir);

 private:
  void browse();
  QLineEdit* pathEdit_;
  QPushButton* browseButton_;
  QLabel* errorLabel_;
  QTreeWidget* summary_;
  QString modelDir_;
};

}  // namespace peftdesk::ui
