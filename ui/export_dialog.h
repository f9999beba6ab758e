// Export a run's adapter (issue 7): as a standalone PEFT adapter or merged into its base
// (dtype, shard size), with the merge check on by default (merged logits against base + adapter,
// and a merge that changes nothing refused) and a model card (README.md); or as GGUF for llama.cpp
// and Ollama (issue 22): the merged model or a GGUF LoRA adapter, with an Ollama Modelfile. The export runs off the
// GUI thread with a busy indicator and can be cancelled; the core writes through a temporary
// folder, and a folder that exists and is not empty is never written into.
#pragma once

#include <QDialog>
#include <atomic>
#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace peftdesk::ui {

class BackgroundQueue;

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  // runDir: a run folder (its adapter/ and run.json); the base comes from run.json.
  explicit ExportDialog(const QString& runDir, QWidget* parent = nullptr);
  ~ExportDialog() override;

  void setMerged(bool merged);
  // GGUF for llama.cpp / Ollama: type "f32" | "f16" | "bf16" | "q8_0"; lora: the adapter alone as a
  // GGUF LoRA adapter instead of the merged model; modelfile: an Ollama Modelfile beside it.
  void setGguf(const QString& type, bool lora = false, bool modelfile = true);
  void setOutputDir(const QString& dir);
  void setMergeCheck(bool on);
  void setDtype(const QString& dtype);  // "bf16", "fp16", "fp32"
  // Starts the export; false (with the reason shown) when the form is not valid.
  bool startExport();
  void cancel();
  bool running() const;
  QString messageText() const;
  QString exportedFolder() const { return exported_; }
  // Test seam: called on the export thread as each stage begins ("merging", "writing", "checking",
  // "publishing"), before the export reads the cancel flag — a test can hold a stage and cancel.
  void setStageHookForTests(std::function<void(const QString&)> hook) { stageHook_ = std::move(hook); }

 signals:
  void finished(bool ok);

 private:
  void retranslate();
  void updateEnabled();
  void showMessage(const QString& text, bool error);
  void showStage(const QString& stage);  // on the GUI thread, while running and not cancelled

  bool startGgufExport(const QString& out);
  // A finished job's error, if any, shown as a cancel or a failure (and finished(false) emitted).
  bool endedWithError(const QString& error, const QString& out);

  QString runDir_, adapterDir_, baseDir_, exported_, runTemplate_;
  BackgroundQueue* jobs_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  std::function<void(const QString&)> stageHook_;
  QLabel* source_;
  QRadioButton* asAdapter_;
  QRadioButton* asMerged_;
  QRadioButton* asGguf_;
  QComboBox* ggufType_;
  QComboBox* ggufContent_;
  QCheckBox* modelfile_;
  QComboBox* dtype_;
  QSpinBox* shardGb_;
  QCheckBox* check_;
  QCheckBox* card_;
  QLineEdit* output_;
  QPushButton* browse_;
  QProgressBar* progress_;
  QLabel* message_;
  QPushButton* export_;
  QPushButton* cancel_button_;
  QDialogButtonBox* buttons_;
};

}  // namespace peftdesk::ui
