// See export_dialog.h.
#include "export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <optional>

#include "background_queue.h"
#include "peftdesk/atomic_file.h"
#include "peftdesk/error.h"
#include "peftdesk/gguf_export.h"
#include "peftdesk/json_file.h"
#include "peftdesk/model.h"
#include "peftdesk/model_card.h"
#include "peftdesk/peft_folder.h"
#include "translated_label.h"

namespace peftdesk::ui {

ExportDialog::ExportDialog(const QString& runDir, QWidget* parent)
    : QDialog(parent), runDir_(runDir), adapterDir_(QDir(runDir).filePath(QStringLiteral("adapter"))), jobs_(new BackgroundQueue(this)) {
  try {
    const nlohmann::json run = readJsonFile(QDir(runDir).filePath(QStringLiteral("run.json")).toStdString());
    baseDir_ = QString::fromStdString(stringOrDefault(fieldOrNull(run, "model"), "path", ""));
    runTemplate_ = QString::fromStdString(stringOrDefault(fieldOrNull(run, "data"), "template", "auto"));
  } catch (const std::exception&) {
  }
  auto* v = new QVBoxLayout(this);
  source_ = new QLabel(this);
  source_->setWordWrap(true);
  v->addWidget(source_);
  auto* form = new QFormLayout();
  auto* kind = new QHBoxLayout();
  asAdapter_ = new QRadioButton(this);
  asMerged_ = new QRadioButton(this);
  asGguf_ = new QRadioButton(this);
  asAdapter_->setChecked(true);
  kind->addWidget(asAdapter_);
  kind->addWidget(asMerged_);
  kind->addWidget(asGguf_);
  form->addRow(new TranslatedLabel(staticMetaObject.className(), QT_TR_NOOP("Export as:"), nullptr, this), kind);
  dtype_ = new QComboBox(this);
  for (const char* d : {"bf16", "fp16", "fp32"}) dtype_->addItem(QString::fromLatin1(d), QString::fromLatin1(d));
  form->addRow(new TranslatedLabel(staticMetaObject.className(), QT_TR_NOOP("Weights dtype:"), dtype_, this), dtype_);
  shardGb_ = new QSpinBox(this);
  shardGb_->setRange(1, 100);
  shardGb_->setValue(2);
  shardGb_->setSuffix(QStringLiteral(" GB"));
  form->addRow(new TranslatedLabel(staticMetaObject.className(), QT_TR_NOOP("Shard size:"), shardGb_, this), shardGb_);
  check_ = new QCheckBox(this);
  check_->setChecked(true);
  form->addRow(QString(), check_);
  ggufType_ = new QComboBox(this);
  for (const char* t : {"f16", "q8_0", "bf16", "f32"}) ggufType_->addItem(QString::fromLatin1(t), QString::fromLatin1(t));
  form->addRow(new TranslatedLabel(staticMetaObject.className(), QT_TR_NOOP("GGUF type:"), ggufType_, this), ggufType_);
  ggufContent_ = new QComboBox(this);
  ggufContent_->addItem(QString(), QStringLiteral("merged"));
  ggufContent_->addItem(QString(), QStringLiteral("lora"));
  form->addRow(new TranslatedLabel(staticMetaObject.className(), QT_TR_NOOP("GGUF content:"), ggufContent_, this), ggufContent_);
  modelfile_ = new QCheckBox(this);
  modelfile_->setChecked(true);
  form->addRow(QString(), modelfile_);
  card_ = new QCheckBox(this);
  card_->setChecked(true);
  form->addRow(QString(), card_);
  auto* out = new QHBoxLayout();
  output_ = new QLineEdit(this);
  browse_ = new QPushButton(this);
  out->addWidget(output_, 1);
  out->addWidget(browse_);
  form->addRow(new TranslatedLabel(staticMetaObject.className(), QT_TR_NOOP("Output folder:"), output_, this), out);
  v->addLayout(form);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 0);  // busy
  progress_->hide();
  v->addWidget(progress_);
  message_ = new QLabel(this);
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  v->addWidget(message_);
  buttons_ = new QDialogButtonBox(this);
  export_ = buttons_->addButton(QString(), QDialogButtonBox::AcceptRole);
  cancel_button_ = buttons_->addButton(QString(), QDialogButtonBox::RejectRole);
  v->addWidget(buttons_);

  output_->setText(QDir::cleanPath(runDir + QStringLiteral("/../") + QDir(runDir).dirName() + QStringLiteral("-export")));
  // The suggested folder follows the kind: RUN-export, RUN-merged, RUN-gguf.
  for (QRadioButton* kindButton : {asAdapter_, asMerged_, asGguf_})
    connect(kindButton, &QRadioButton::toggled, this, [this](bool checked) {
      if (!checked) return;
      updateEnabled();
      const QString base = QDir::cleanPath(runDir_ + QStringLiteral("/../") + QDir(runDir_).dirName());
      output_->setText(base + (asMerged_->isChecked() ? QStringLiteral("-merged") : asGguf_->isChecked() ? QStringLiteral("-gguf") : QStringLiteral("-export")));
    });
  connect(browse_, &QPushButton::clicked, this, [this] {
    const QString d = QFileDialog::getExistingDirectory(this, tr("Export into"), QFileInfo(output_->text()).absolutePath());
    if (!d.isEmpty()) output_->setText(d);
  });
  connect(export_, &QPushButton::clicked, this, &ExportDialog::startExport);
  connect(cancel_button_, &QPushButton::clicked, this, [this] {
    if (running()) cancel();
    else reject();
  });
  retranslate();
  updateEnabled();
}

ExportDialog::~ExportDialog() {
  if (cancel_) cancel_->store(true);
}

void ExportDialog::retranslate() {
  setWindowTitle(tr("Export %1").arg(QDir(runDir_).dirName()));
  source_->setText(tr("Adapter: %1\nBase model: %2").arg(QDir::toNativeSeparators(adapterDir_), QDir::toNativeSeparators(baseDir_)));
  asAdapter_->setText(tr("Adapter (PEFT format; AdapterHub's for bottleneck adapters)"));
  asAdapter_->setToolTip(tr("adapter_config.json + adapter_model.safetensors; loads with PeftModel.from_pretrained (a bottleneck adapter: adapter.safetensors, loads with the adapters library)"));
  asMerged_->setText(tr("Merged model"));
  asMerged_->setToolTip(tr("The adapter merged into the base weights: a plain transformers model folder"));
  shardGb_->setToolTip(tr("Split the merged weights into files of at most this size"));
  asGguf_->setText(tr("GGUF (llama.cpp / Ollama)"));
  asGguf_->setToolTip(tr("One .gguf file that llama.cpp and Ollama run, written as llama.cpp's own converter writes it"));
  ggufContent_->setItemText(0, tr("Merged model (runs on its own)"));
  ggufContent_->setItemText(1, tr("LoRA adapter (llama.cpp --lora, on the base model's GGUF)"));
  modelfile_->setText(tr("Write an Ollama Modelfile"));
  modelfile_->setToolTip(tr("The chat template the run trained with and its stop tokens, so that the model answers in its format and stops"));
  check_->setText(tr("Check the merge (recommended)"));
  check_->setToolTip(tr("Compare merged logits with base + adapter and refuse a merge that changes nothing"));
  card_->setText(tr("Write a model card (README.md)"));
  output_->setToolTip(tr("A new or empty folder; an existing non-empty folder is never written into"));
  browse_->setText(tr("Browse…"));
  export_->setText(tr("&Export"));
  cancel_button_->setText(tr("Cancel"));
}

void ExportDialog::updateEnabled() {
  const bool merged = asMerged_->isChecked(), gguf = asGguf_->isChecked();
  const bool busy = running();
  dtype_->setEnabled(merged && !busy);
  shardGb_->setEnabled(merged && !busy);
  check_->setEnabled(merged && !busy);
  card_->setEnabled(!gguf && !busy);
  for (QWidget* w : std::initializer_list<QWidget*>{ggufType_, ggufContent_, modelfile_}) w->setEnabled(gguf && !busy);
  for (QWidget* w : std::initializer_list<QWidget*>{asAdapter_, asMerged_, asGguf_, output_, browse_, export_}) w->setEnabled(!busy);
  progress_->setVisible(busy);
}

void ExportDialog::setMerged(bool merged) { (merged ? asMerged_ : asAdapter_)->setChecked(true); }
void ExportDialog::setGguf(const QString& type, bool lora, bool modelfile) {
  asGguf_->setChecked(true);
  ggufType_->setCurrentIndex(std::max(0, ggufType_->findData(type)));
  ggufContent_->setCurrentIndex(lora ? 1 : 0);
  modelfile_->setChecked(modelfile);
}
void ExportDialog::setOutputDir(const QString& dir) { output_->setText(dir); }
void ExportDialog::setMergeCheck(bool on) { check_->setChecked(on); }
void ExportDialog::setDtype(const QString& dtype) { dtype_->setCurrentIndex(std::max(0, dtype_->findData(dtype))); }
bool ExportDialog::running() const { return jobs_->busy(); }
QString ExportDialog::messageText() const { return message_->text(); }

void ExportDialog::showMessage(const QString& text, bool error) {
  message_->setText(text);
  message_->setStyleSheet(error ? QStringLiteral("color: #d32f2f;") : QString());
}

void ExportDialog::showStage(const QString& stage) {
  if (!running() || (cancel_ && cancel_->load())) return;
  QString text;
  if (stage == QLatin1String("merging")) text = tr("Merging the adapter into the weights…");
  else if (stage == QLatin1String("writing")) text = tr("Writing the files…");
  else if (stage == QLatin1String("checking")) text = tr("Checking the merged model against base + adapter…");
  else if (stage == QLatin1String("gguf")) text = tr("Writing the GGUF file…");
  else text = tr("Moving the files into place…");
  showMessage(text, false);
}

bool ExportDialog::endedWithError(const QString& error, const QString& out) {
  if (error.isEmpty()) return false;
  if (cancel_ && cancel_->load()) showMessage(tr("Export cancelled: nothing was written to %1.").arg(QDir::toNativeSeparators(out)), false);
  else showMessage(tr("Export failed: %1").arg(error), true);
  emit finished(false);
  return true;
}

void ExportDialog::cancel() {
  if (cancel_) cancel_->store(true);
  showMessage(tr("Cancelling…"), false);
}

bool ExportDialog::startExport() {
  if (running()) return false;
  const QString out = output_->text().trimmed();
  if (out.isEmpty()) {
    showMessage(tr("Choose an output folder."), true);
    return false;
  }
  const QFileInfo outInfo(out);
  if (outInfo.exists() && !(outInfo.isDir() && QDir(out).isEmpty())) {
    showMessage(tr("%1 exists and is not empty: choose a new or empty folder (nothing was changed).").arg(QDir::toNativeSeparators(out)), true);
    return false;
  }
  if (!peft_folder::isAdapterFolder(adapterDir_.toStdString())) {
    showMessage(tr("This run has no adapter to export yet."), true);
    return false;
  }
  if (asGguf_->isChecked()) return startGgufExport(out);
  ExportOptions o;
  o.merge = asMerged_->isChecked();
  ComputeDType dt = ComputeDType::BF16;
  parseComputeDType(dtype_->currentData().toString().toStdString(), &dt);
  if (o.merge) o.dtype = dt;
  o.maxShardBytes = static_cast<uint64_t>(shardGb_->value()) * 1'000'000'000ull;
  o.verify = o.merge && check_->isChecked();
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  if (card_->isChecked()) {
    ModelCardInput card;
    card.baseDir = baseDir_.toStdString();
    card.adapterDir = adapterDir_.toStdString();
    card.merged = o.merge;
    card.mergedDtype = computeDTypeName(dt);
    card.mergeChecked = o.verify;
    o.readme = modelCard(card);
  }
  const std::string base = baseDir_.toStdString(), adapter = adapterDir_.toStdString();
  auto cancelFlag = cancel_;
  // Stages reach the dialog through the queue's thread affinity: the queue (a child) outlives every
  // job, and its posted events die with it.
  o.onStage = [hook = stageHook_, queue = jobs_, dialog = this](const char* stage) {
    const QString name = QString::fromLatin1(stage);
    if (hook) hook(name);
    QMetaObject::invokeMethod(queue, [dialog, name] { dialog->showStage(name); }, Qt::QueuedConnection);
  };
  showMessage(tr("Exporting…"), false);
  jobs_->post<ExportReport>(
      [base, adapter, out, o, cancelFlag]() mutable {
        LoadOptions lo;
        lo.cancel = cancelFlag.get();
        lo.device.kind = DeviceKind::Cpu;  // as `peftdesk-cli export`: weights stay mapped, merges need no GPU memory
        auto model = Model::load(base, lo);
        model->loadAdapter(adapter, "adapter");  // a cancel from here on is read at the export's first stage
        o.cancel = cancelFlag.get();
        return model->exportAdapter("adapter", out.toStdString(), o);
      },
      [this, out](JobResult<ExportReport> r) {
        updateEnabled();
        if (endedWithError(r.error, out)) return;
        exported_ = out;
        QString text = tr("Exported %n file(s) to %1.", nullptr, static_cast<int>(r.value.files.size())).arg(QDir::toNativeSeparators(out));
        if (r.value.verified) {
          text += QStringLiteral(" ") + tr("Merge checked: max |logit difference| %1, largest weight change %2.")
                                           .arg(r.value.maxLogitDiff, 0, 'g', 3)
                                           .arg(r.value.maxWeightChange, 0, 'g', 3);
        }
        showMessage(text, false);
        emit finished(true);
      });
  updateEnabled();
  return true;
}

// GGUF: the file (and the Modelfile) go into the new or empty folder `out`; on failure or cancel
// whatever this export wrote there is removed again.
bool ExportDialog::startGgufExport(const QString& out) {
  GgufExportOptions o;
  parseGgufType(ggufType_->currentData().toString().toStdString(), &o.type);
  const bool lora = ggufContent_->currentData().toString() == QLatin1String("lora");
  const bool modelfile = modelfile_->isChecked();
  const QString run = QDir(runDir_).dirName();
  o.name = run.toStdString();
  const QString type = ggufType_->currentData().toString();
  const std::string file = (run + (lora ? QStringLiteral("-lora-") : QStringLiteral("-")) + type + QStringLiteral(".gguf")).toStdString();
  const std::string base = baseDir_.toStdString(), adapter = adapterDir_.toStdString(), folder = out.toStdString(),
                    tmpl = runTemplate_.toStdString();
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  auto cancelFlag = cancel_;
  auto onStage = [hook = stageHook_, queue = jobs_, dialog = this](const char* stage) {
    const QString name = QString::fromLatin1(stage);
    if (hook) hook(name);
    QMetaObject::invokeMethod(queue, [dialog, name] { dialog->showStage(name); }, Qt::QueuedConnection);
  };
  showMessage(tr("Exporting…"), false);
  jobs_->post<std::vector<std::string>>(
      [base, adapter, folder, file, o, lora, modelfile, tmpl, cancelFlag, onStage]() mutable {
        namespace fs = std::filesystem;
        o.cancel = cancelFlag.get();
        const fs::path target = fs::path(folder) / file, modelfilePath = fs::path(folder) / "Modelfile";
        // The Modelfile first (an unknown template is refused before any export), written last.
        std::optional<OllamaModelfile> m;
        if (modelfile) m = ollamaModelfile(base, tmpl, lora ? std::string("BASE_MODEL.gguf") : file, lora ? file : std::string());
        const bool created = !fs::exists(folder);
        fs::create_directories(folder);
        try {
          std::vector<std::string> files{file};
          if (lora) {
            onStage("gguf");
            exportLoraGguf(base, adapter, target, o);
          } else {
            exportMergedGguf(base, adapter, target, o, onStage);
          }
          if (cancelFlag->load()) throw Error(ErrorCategory::Cancelled, "export cancelled");
          if (m) {
            writeFileAtomically(modelfilePath, m->text);
            files.push_back("Modelfile (template " + m->templateName + ")");
          }
          return files;
        } catch (...) {
          // Only what this export wrote goes (the files are written atomically, so nothing else of ours is there).
          std::error_code ec;
          fs::remove(target, ec);
          if (created) fs::remove(folder, ec);  // only when empty again
          throw;
        }
      },
      [this, out](JobResult<std::vector<std::string>> r) {
        updateEnabled();
        if (endedWithError(r.error, out)) return;
        exported_ = out;
        QStringList names;
        for (const auto& f : r.value) names << QString::fromStdString(f);
        showMessage(tr("Wrote %1 into %2.").arg(names.join(QStringLiteral(", ")), QDir::toNativeSeparators(out)), false);
        emit finished(true);
      });
  updateEnabled();
  return true;
}

}  // namespace peftdesk::ui
