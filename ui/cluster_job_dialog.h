// Runs page ▸ "Run on a cluster…" (issue 22): the selected run's settings as a LLaMA-Factory job
// folder for more GPUs than this machine has (peftdesk/cluster_job.h): GPUs per node, nodes, how
// the GPUs share the work (data parallel, DeepSpeed ZeRO-2 / ZeRO-3 / ZeRO-3 offload, FSDP), the
// model as the cluster names it, and the folder. The effective batch it keeps is shown as the
// counts change; a count that cannot keep it, and any setting LLaMA-Factory lacks, is refused with
// the RUN.json key named, and nothing is written. Planning reads the data, so it runs off the GUI thread.
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace peftdesk::ui {

class BackgroundQueue;

class ClusterJobDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ClusterJobDialog(const QString& runDir, QWidget* parent = nullptr);

  void setGpus(int perNode, int nodes);
  void setParallel(const QString& name);  // "ddp", "zero2", "zero3", "zero3-offload", "fsdp"
  void setOutputDir(const QString& dir);
  void setModelPath(const QString& path);
  bool write();  // starts writing; false (reason shown) when the form cannot be written
  QString batchText() const;
  QString messageText() const;
  QString writtenFolder() const { return written_; }
  bool busy() const { return busy_; }

 signals:
  void finished(bool ok);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void updateBatch();
  void showMessage(const QString& text, bool error);

  QString runDir_, written_;
  qint64 batch_ = 0, accumulation_ = 0;
  bool busy_ = false;
  BackgroundQueue* jobs_;
  QLabel* source_;
  QSpinBox* gpus_;
  QSpinBox* nodes_;
  QComboBox* parallel_;
  QLineEdit* model_;
  QLineEdit* output_;
  QPushButton* browse_;
  QLabel* batch_label_;
  QLabel* message_;
  QPushButton* write_;
  QPushButton* close_;
};

}  // namespace peftdesk::ui
