// See cluster_job_dialog.h.
#include "cluster_job_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "background_queue.h"
#include "peftdesk/cluster_job.h"
#include "peftdesk/json_file.h"
#include "peftdesk/run_config.h"
#include "translated_label.h"

namespace peftdesk::ui {

namespace {
struct Written {
  QString folder;
  QStringList notes;
  QString templateName;
};
}  // namespace

ClusterJobDialog::ClusterJobDialog(const QString& runDir, QWidget* parent) : QDialog(parent), runDir_(runDir), jobs_(new BackgroundQueue(this)) {
  setObjectName(QStringLiteral("cluster_job_dialog"));
  setMinimumWidth(600);
  auto* v = new QVBoxLayout(this);
  source_ = new QLabel(this);
  source_->setWordWrap(true);
  v->addWidget(source_);
  auto* form = new QFormLayout();
  gpus_ = new QSpinBox(this);
  gpus_->setObjectName(QStringLiteral("cluster_gpus"));
  gpus_->setRange(1, 64);
  nodes_ = new QSpinBox(this);
  nodes_->setObjectName(QStringLiteral("cluster_nodes"));
  nodes_->setRange(1, 256);
  parallel_ = new QComboBox(this);
  parallel_->setObjectName(QStringLiteral("cluster_parallel"));
  for (int i = 0; i < 5; ++i) parallel_->addItem(QString());
  const char* const kKeys[] = {"ddp", "zero2", "zero3", "zero3-offload", "fsdp"};
  for (int i = 0; i < 5; ++i) parallel_->setItemData(i, QString::fromLatin1(kKeys[i]));
  model_ = new QLineEdit(this);
  model_->setObjectName(QStringLiteral("cluster_model"));
  auto* out = new QHBoxLayout();
  output_ = new QLineEdit(this);
  output_->setObjectName(QStringLiteral("cluster_output"));
  browse_ = new QPushButton(this);
  out->addWidget(output_, 1);
  out->addWidget(browse_);
  const char* ctx = staticMetaObject.className();
  form->addRow(new TranslatedLabel(ctx, QT_TR_NOOP("GPUs per node:"), gpus_, this), gpus_);
  form->addRow(new TranslatedLabel(ctx, QT_TR_NOOP("Nodes:"), nodes_, this), nodes_);
  form->addRow(new TranslatedLabel(ctx, QT_TR_NOOP("Sharding:"), parallel_, this), parallel_);
  form->addRow(new TranslatedLabel(ctx, QT_TR_NOOP("Model on the cluster:"), model_, this), model_);
  form->addRow(new TranslatedLabel(ctx, QT_TR_NOOP("Job folder:"), output_, this), out);
  v->addLayout(form);
  batch_label_ = new QLabel(this);
  batch_label_->setObjectName(QStringLiteral("cluster_batch"));
  batch_label_->setWordWrap(true);
  v->addWidget(batch_label_);
  message_ = new QLabel(this);
  message_->setObjectName(QStringLiteral("cluster_message"));
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  v->addWidget(message_, 1);
  auto* buttons = new QDialogButtonBox(this);
  write_ = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
  write_->setObjectName(QStringLiteral("cluster_write"));
  close_ = buttons->addButton(QString(), QDialogButtonBox::RejectRole);
  v->addWidget(buttons);

  try {
    const nlohmann::json run = readJsonFile(QDir(runDir).filePath(QStringLiteral("run.json")).toStdString());
    batch_ = run.at("train").value("per_device_train_batch_size", int64_t{0});
    accumulation_ = run.at("train").value("gradient_accumulation_steps", int64_t{0});
  } catch (const std::exception&) {
  }
  output_->setText(QDir::cleanPath(runDir + QStringLiteral("/../") + QDir(runDir).dirName() + QStringLiteral("-llamafactory-job")));
  connect(gpus_, &QSpinBox::valueChanged, this, &ClusterJobDialog::updateBatch);
  connect(nodes_, &QSpinBox::valueChanged, this, &ClusterJobDialog::updateBatch);
  connect(browse_, &QPushButton::clicked, this, [this] {
    const QString d = QFileDialog::getExistingDirectory(this, tr("Write the job into"), QFileInfo(output_->text()).absolutePath());
    if (!d.isEmpty()) output_->setText(d);
  });
  connect(write_, &QPushButton::clicked, this, &ClusterJobDialog::write);
  connect(close_, &QPushButton::clicked, this, &QDialog::reject);
  retranslate();
}

void ClusterJobDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDialog::changeEvent(event);
}

void ClusterJobDialog::retranslate() {
  setWindowTitle(tr("Run %1 on a cluster").arg(QDir(runDir_).dirName()));
  source_->setText(tr("The run's settings as a LLaMA-Factory %1 job: training YAML, data folder, sharding configuration, launch "
                      "script and a README for the cluster side. Settings LLaMA-Factory lacks are refused by name.")
                       .arg(QString::fromLatin1(kLlamaFactoryVersion)));
  const char* const kNames[] = {QT_TR_NOOP("Data parallel (every GPU holds the model)"), QT_TR_NOOP("DeepSpeed ZeRO-2"),
                                QT_TR_NOOP("DeepSpeed ZeRO-3"), QT_TR_NOOP("DeepSpeed ZeRO-3, offloaded to CPU memory"),
                                QT_TR_NOOP("FSDP (through accelerate)")};
  for (int i = 0; i < 5; ++i) parallel_->setItemText(i, tr(kNames[i]));
  model_->setPlaceholderText(tr("this machine's path (a path on the cluster or a Hub id)"));
  output_->setToolTip(tr("A new or empty folder; an existing non-empty folder is never written into"));
  browse_->setText(tr("Browse…"));
  write_->setText(tr("&Write job"));
  close_->setText(tr("Close"));
  updateBatch();
}

void ClusterJobDialog::updateBatch() {
  const qint64 world = static_cast<qint64>(gpus_->value()) * nodes_->value();
  if (batch_ <= 0 || accumulation_ <= 0) {
    batch_label_->setText(tr("The run's batch could not be read from its run.json."));
    return;
  }
  if (accumulation_ % world != 0) {
    batch_label_->setText(tr("%1 GPUs cannot keep the effective batch of %2 × %3 = %4: the accumulation (%3) must be a multiple of the GPU count.")
                              .arg(world)
                              .arg(batch_)
                              .arg(accumulation_)
                              .arg(batch_ * accumulation_));
    batch_label_->setStyleSheet(QStringLiteral("color: #b00020;"));
    write_->setEnabled(false);
    return;
  }
  batch_label_->setStyleSheet(QString());
  batch_label_->setText(tr("Effective batch kept: %1 per GPU × accumulation %2 × %3 GPU(s) = %4, as %1 × %5 on one device.")
                            .arg(batch_)
                            .arg(accumulation_ / world)
                            .arg(world)
                            .arg(batch_ * accumulation_)
                            .arg(accumulation_));
  write_->setEnabled(!busy_);
}

void ClusterJobDialog::setGpus(int perNode, int nodes) {
  gpus_->setValue(perNode);
  nodes_->setValue(nodes);
}
void ClusterJobDialog::setParallel(const QString& name) { parallel_->setCurrentIndex(parallel_->findData(name)); }
void ClusterJobDialog::setOutputDir(const QString& dir) { output_->setText(dir); }
void ClusterJobDialog::setModelPath(const QString& path) { model_->setText(path); }
QString ClusterJobDialog::batchText() const { return batch_label_->text(); }
QString ClusterJobDialog::messageText() const { return message_->text(); }

void ClusterJobDialog::showMessage(const QString& text, bool error) {
  message_->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
  message_->setText(text);
  adjustSize();  // the notes run to several lines
}

bool ClusterJobDialog::write() {
  if (busy_) return false;
  if (output_->text().trimmed().isEmpty()) {
    showMessage(tr("Choose the job folder."), true);
    return false;
  }
  ClusterJobOptions options;
  options.gpusPerNode = gpus_->value();
  options.nodes = nodes_->value();
  parseClusterParallel(parallel_->currentData().toString().toStdString(), &options.parallel);
  options.modelPath = model_->text().trimmed().toStdString();
  const std::string runJson = QDir(runDir_).filePath(QStringLiteral("run.json")).toStdString();
  const std::string out = output_->text().trimmed().toStdString();
  busy_ = true;
  write_->setEnabled(false);
  showMessage(tr("Reading the data and writing the job…"), false);
  jobs_->post<Written>(
      [runJson, out, options] {
        const RunConfig config = loadRunConfig(runJson);
        const ClusterJob job = planLlamaFactoryJob(config, options);
        writeClusterJob(job, out);
        Written w;
        w.folder = QString::fromStdString(out);
        for (const auto& n : job.notes) w.notes << QString::fromStdString(n);
        w.templateName = QString::fromStdString(job.templateName);
        return w;
      },
      [this](JobResult<Written> r) {
        busy_ = false;
        updateBatch();
        if (!r.error.isEmpty()) {
          showMessage(r.error, true);
          emit finished(false);
          return;
        }
        written_ = r.value.folder;
        QString text = tr("Wrote %1 (template %2). Copy it to the cluster and run launch.sh there; its README says what differs:")
                           .arg(QDir::toNativeSeparators(written_), r.value.templateName);
        for (const auto& n : r.value.notes) text += QStringLiteral("\n• ") + n;
        showMessage(text, false);
        emit finished(true);
      });
  return true;
}

}  // namespace peftdesk::ui
