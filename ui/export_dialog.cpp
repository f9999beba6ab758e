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

#include "background_queue.h"
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
  asAdapter_->setChecked(true);
  kind->addWidget(asAdapter_);
  kind->addWidget(asMerged_);
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
  connect(asAdapter_, &QRadioButton::toggled, this, [this] {
    updateEnabled();
    const QString base = QDir::cleanPath(runDir_ + QStringLiteral("/../") + QDir(runDir_).dirName());
    output_->setText(base + (asMerged_->isChecked() ? QStringLiteral("-merged") : QStringLiteral("-export")));
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
  check_->setText(tr("Check the merge (recommended)"));
  check_->setToolTip(tr("Compare merged logits with base + adapter and refuse a merge that changes nothing"));
  card_->setText(tr("Write a model card (README.md)"));
  output_->setToolTip(tr("A new or empty folder; an existing non-empty folder is never written into"));
  browse_->setText(tr("Browse…"));
  export_->setText(tr("&Export"));
  cancel_button_->setText(tr("Cancel"));
}

void ExportDialog::updateEnabled() {
  const bool merged = asMerged_->isChecked();
  const bool busy = running();
  dtype_->setEnabled(merged && !busy);
  shardGb_->setEnabled(merged && !busy);
  check_->setEnabled(merged && !busy);
  for (QWidget* w : std::initializer_list<QWidget*>{asAdapter_, asMerged_, card_, output_, browse_, export_}) w->setEnabled(!busy);
  progress_->setVisible(busy);
}

void ExportDialog::setMerged(bool merged) { (merged ? asMerged_ : asAdapter_)->setChecked(true); }
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
  else text = tr("Moving the files into place…");
  showMessage(text, false);
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
        if (!r.error.isEmpty() && cancel_ && cancel_->load()) {
          showMessage(tr("Export cancelled: nothing was written to %1.").arg(QDir::toNativeSeparators(out)), false);
          emit finished(false);
          return;
        }
        if (!r.error.isEmpty()) {
          showMessage(tr("Export failed: %1").arg(r.error), true);
          emit finished(false);
          return;
        }
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

}  // namespace peftdesk::ui
