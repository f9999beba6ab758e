// The Model page: pick a Hugging Face model folder (recent folders remembered, the demo model
// offered, the models already in the Hugging Face / ModelScope caches listed) and see its
// architecture summary — the same data as `peftdesk-cli info` — with the memory it needs at bf16
// and as a 4-bit (NF4) QLoRA base. Problems (no config.json, an unsupported architecture, no
// tokenizer) are shown inline, never as a crash.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace peftdesk::ui {

// What to call a model folder in titles: "ORG/NAME" for a hub cache snapshot, else the folder's name.
QString modelDisplayName(const QString& dir);

class CachedModelsView;
class HubDownloadView;

class ModelPage : public QWidget {
  Q_OBJECT
 public:
  explicit ModelPage(QWidget* parent = nullptr);
  // Reads the folder's summary; returns false (and shows the reason) when it cannot.
  bool openModel(const QString& dir);
  QString modelDir() const { return modelDir_; }
  QString errorText() const;
  QString warningText() const;
  // Rows of the summary as shown ("Parameters" → "1,234,567"); for tests and accessibility.
  QString summaryValue(const QString& key) const;
  void setRecent(const QStringList& dirs);
  CachedModelsView* cachedModels() const { return cached_; }
  HubDownloadView* hubDownload() const { return download_; }

 signals:
  void modelOpened(const QString& dir);
  // The folder could not be opened; `reason` is what the page shows.
  void modelFailed(const QString& dir, const QString& reason);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void browse();
  QLabel* pathLabel_;
  QComboBox* pathEdit_;
  QPushButton* browseButton_;
  QLabel* errorLabel_;
  QLabel* warningLabel_;
  QTreeWidget* summary_;
  CachedModelsView* cached_;
  HubDownloadView* download_;
  QString modelDir_;
};

}  // namespace peftdesk::ui
