// The Data page: a dataset file or a LLaMA-Factory data folder (entries picked from its
// dataset_info.json), format auto-detected, column mapping editable, template, cutoff and the
// other data options (bound to the RunDraft). A background analysis — the same load / validate /
// encode calls the trainer makes — feeds a paged preview, a token inspector (trained tokens,
// masked tokens and the truncation point in different colours), a length histogram against the
// cutoff, and the list of malformed records with file and line.
#pragma once

#include <QWidget>
#include <memory>

#include "peftdesk/data_preview.h"

class QComboBox;
class QCustomPlot;
class QGroupBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;
class QTextBrowser;
class QTimer;

namespace peftdesk::ui {

class BackgroundQueue;
class FormBinder;
class RunDraft;

class DataPage : public QWidget {
  Q_OBJECT
 public:
  explicit DataPage(RunDraft* draft, QWidget* parent = nullptr);

  bool analysing() const;
  QString analysisError() const { return error_; }
  std::shared_ptr<const DataPreview> preview() const { return preview_; }
  FormBinder* binder() const { return binder_; }
  QTableWidget* previewTable() const { return table_; }
  QListWidget* problemList() const { return problems_; }
  QListWidget* entryList() const { return entries_; }
  QTableWidget* columnTable() const { return columns_; }
  QString summaryText() const;
  int previewPage() const { return page_; }
  int previewPageCount() const;
  void showPreviewPage(int page);
  // Shows example `index` in the token inspector; returns false when there is none.
  bool inspect(int index);
  QString inspectorHtml() const;
  int inspectedTrainedTokens() const { return trainedTokens_; }
  int inspectedTokens() const { return shownTokens_; }
  bool inspectedTruncated() const { return truncated_; }
  int histogramOverCutoff() const;

 signals:
  void analysed();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QWidget* buildSettingsColumn(QWidget* parent);
  QWidget* buildPreviewTab(QWidget* parent);
  QWidget* buildTokenTab(QWidget* parent);
  void connectControls();
  void retranslate();
  void scheduleAnalysis();
  void runAnalysis();
  void showAnalysis();
  void syncEntries();
  void syncColumns();
  void writeColumn(int row);
  void writeEntries();
  void drawHistogram();

  RunDraft* draft_;
  BackgroundQueue* jobs_;
  QTimer* analyseTimer_;
  FormBinder* binder_;
  FormBinder* pathBinder_;
  QLabel* templateLabel_;
  QComboBox* template_;
  QGroupBox* entriesBox_;
  QListWidget* entries_;
  QGroupBox* columnsBox_;
  QTableWidget* columns_;
  QLabel* summary_;
  QTabWidget* tabs_;
  QTableWidget* table_;
  QPushButton* prev_;
  QPushButton* next_;
  QLabel* pageLabel_;
  QLabel* exampleLabel_;
  QSpinBox* example_;
  QLabel* legend_;
  QTextBrowser* tokens_;
  QCustomPlot* histogram_;
  QListWidget* problems_;
  std::shared_ptr<const DataPreview> preview_;
  QString error_;
  int page_ = 0;
  int trainedTokens_ = 0;
  int shownTokens_ = 0;
  bool truncated_ = false;
  bool syncing_ = false;
};

}  // namespace peftdesk::ui
