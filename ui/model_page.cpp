// See model_page.h.
#include "model_page.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "cached_models_view.h"
#include "error_text.h"
#include "hub_download_view.h"
#include "peftdesk/error.h"
#include "peftdesk/model_summary.h"
#include "resource_locator.h"

namespace peftdesk::ui {
namespace {

QString text(const nlohmann::json& v) {
  if (v.is_string()) return QString::fromStdString(v.get<std::string>());
  if (v.is_null()) return QStringLiteral("—");
  if (v.is_boolean()) return v.get<bool>() ? ModelPage::tr("yes") : ModelPage::tr("no");
  return QString::fromStdString(v.dump());
}

QString bytes(const nlohmann::json& v) { return QLocale().formattedDataSize(v.get<qint64>(), 1, QLocale::DataSizeTraditionalFormat); }

}  // namespace

ModelPage::ModelPage(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* row = new QHBoxLayout();
  pathLabel_ = new QLabel(this);
  pathEdit_ = new QComboBox(this);
  pathEdit_->setEditable(true);
  pathEdit_->setInsertPolicy(QComboBox::NoInsert);
  pathEdit_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  pathLabel_->setBuddy(pathEdit_);
  browseButton_ = new QPushButton(this);
  row->addWidget(pathLabel_);
  row->addWidget(pathEdit_, 1);
  row->addWidget(browseButton_);
  layout->addLayout(row);

  errorLabel_ = new QLabel(this);
  errorLabel_->setWordWrap(true);
  errorLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  errorLabel_->setStyleSheet(QStringLiteral("color: white; background: #b3261e; padding: 6px; border-radius: 4px;"));
  errorLabel_->hide();
  layout->addWidget(errorLabel_);
  warningLabel_ = new QLabel(this);
  warningLabel_->setWordWrap(true);
  warningLabel_->setStyleSheet(QStringLiteral("color: black; background: #ffe082; padding: 6px; border-radius: 4px;"));
  warningLabel_->hide();
  layout->addWidget(warningLabel_);

  summary_ = new QTreeWidget(this);
  summary_->setColumnCount(2);
  summary_->setRootIsDecorated(false);
  summary_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  layout->addWidget(summary_, 2);
  cached_ = new CachedModelsView(this);
  layout->addWidget(cached_, 1);
  connect(cached_, &CachedModelsView::modelChosen, this, [this](const QString& dir) { openModel(dir); });
  download_ = new HubDownloadView(this);
  layout->addWidget(download_);
  connect(download_, &HubDownloadView::downloaded, this, [this](const QString& dir) { openModel(dir); });
  connect(download_, &HubDownloadView::finished, cached_, &CachedModelsView::refresh);  // done, failed or cancelled

  connect(browseButton_, &QPushButton::clicked, this, &ModelPage::browse);
  connect(pathEdit_->lineEdit(), &QLineEdit::returnPressed, this, [this] { openModel(pathEdit_->currentText()); });
  connect(pathEdit_, &QComboBox::activated, this, [this](int i) { openModel(pathEdit_->itemData(i).toString()); });
  setTabOrder(pathEdit_, browseButton_);
  setTabOrder(browseButton_, summary_);
  setTabOrder(summary_, cached_);
  setTabOrder(cached_, download_);
  retranslate();
}

QString modelDisplayName(const QString& dir) {
  // A hub cache snapshot (…/models--ORG--NAME/snapshots/<commit>) is named by its repository.
  const QDir snapshot(dir);
  QDir repo(dir);
  if (repo.cdUp() && repo.dirName() == QLatin1String("snapshots") && repo.cdUp() && repo.dirName().startsWith(QLatin1String("models--")))
    return repo.dirName().mid(8).replace(QLatin1String("--"), QLatin1String("/"));
  return snapshot.dirName();
}

void ModelPage::retranslate() {
  pathLabel_->setText(tr("&Model folder:"));
  pathEdit_->lineEdit()->setPlaceholderText(tr("A Hugging Face model folder (config.json + *.safetensors)"));
  pathEdit_->setToolTip(tr("Folder with config.json, safetensors weights and tokenizer files; press Enter to open, or pick a recent one"));
  browseButton_->setText(tr("&Browse…"));
  summary_->setHeaderLabels({tr("Property"), tr("Value")});
  summary_->setAccessibleName(tr("Model architecture summary"));
  if (!modelDir_.isEmpty()) {
    const QString dir = modelDir_;
    const QSignalBlocker block(this);  // a refill, not a new model
    openModel(dir);
  }
}

void ModelPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void ModelPage::setRecent(const QStringList& dirs) {
  QStringList all = dirs;
  const QString demo = demoModelDir();
  if (!demo.isEmpty() && !all.contains(QDir(demo).absolutePath())) all << QDir(demo).absolutePath();
  const QString current = pathEdit_->currentText();
  const QSignalBlocker block(pathEdit_);
  pathEdit_->clear();
  for (const QString& d : all) pathEdit_->addItem(QDir::toNativeSeparators(d), d);
  pathEdit_->setEditText(current);
}

void ModelPage::browse() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a model folder"), modelDir_);
  if (!dir.isEmpty()) openModel(dir);
}

bool ModelPage::openModel(const QString& dir) {
  pathEdit_->setEditText(dir);
  summary_->clear();
  warningLabel_->hide();
  nlohmann::json j;
  try {
    j = modelSummaryJson(dir.toStdString());
  } catch (const std::exception& e) {
    errorLabel_->setText(tr("Cannot open this model: %1").arg(ui::errorText(e)));
    errorLabel_->show();
    modelDir_.clear();
    emit modelFailed(dir, ui::errorText(e));
    return false;
  }
  errorLabel_->hide();
  modelDir_ = dir;
  const QLocale locale;
  const std::pair<QString, QString> rows[] = {
      {tr("Architecture"), text(j["architecture"]) + " (" + text(j["model_type"]) + ")"},
      {tr("Parameters"), locale.toString(j["num_parameters"].get<qlonglong>())},
      {tr("Dtype"), text(j["dtype"]) + tr(" (stored %1)").arg(text(j["stored_dtype"]))},
      {tr("Vocabulary"), text(j["vocab_size"])},
      {tr("Layers"), text(j["num_hidden_layers"])},
      {tr("Hidden size"), text(j["hidden_size"])},
      {tr("Intermediate size"), text(j["intermediate_size"])},
      {tr("Attention heads"), tr("%1 (key/value %2, head dim %3)")
                                  .arg(text(j["num_attention_heads"]), text(j["num_key_value_heads"]), text(j["head_dim"]))},
      {tr("Max positions"), text(j["max_position_embeddings"])},
      {tr("RoPE"), j.contains("rope_theta") ? tr("theta %1, scaling %2").arg(text(j["rope_theta"]), j["rope_scaling"].is_null() ? tr("none") : text(j["rope_scaling"])) : tr("none (learned positions)")},
      {tr("Tied embeddings"), text(j["tie_word_embeddings"])},
      {tr("Block"), [&] {  // what sets the family apart from Llama's block (core's words)
         QStringList l;
         for (const auto& f : j.value("architecture_features", nlohmann::json::array())) l << QString::fromStdString(f.get<std::string>());
         return l.isEmpty() ? tr("standard") : l.join("; ");
       }()},
      {tr("Size on disk"), bytes(j["size_on_disk_bytes"])},
      {tr("Memory at bf16"), bytes(j["memory_bf16_bytes"])},
      {tr("Memory at NF4 (QLoRA)"), bytes(j["memory_nf4_bytes"])},
      {tr("Tokenizer files"), j["tokenizer_files"].empty() ? tr("none") : [&] {
         QStringList l;
         for (const auto& f : j["tokenizer_files"]) l << QString::fromStdString(f.get<std::string>());
         return l.join(", ");
       }()},
  };
  for (const auto& [k, v] : rows) summary_->addTopLevelItem(new QTreeWidgetItem(QStringList{k, v}));
  if (j["tokenizer_files"].empty()) {
    warningLabel_->setText(tr("This folder has no tokenizer: text datasets, chat templates and generation need one (pre-tokenized data still trains)."));
    warningLabel_->show();
  }
  emit modelOpened(dir);
  return true;
}

QString ModelPage::errorText() const { return errorLabel_->isVisibleTo(this) ? errorLabel_->text() : QString(); }
QString ModelPage::warningText() const { return warningLabel_->isVisibleTo(this) ? warningLabel_->text() : QString(); }

QString ModelPage::summaryValue(const QString& key) const {
  for (int i = 0; i < summary_->topLevelItemCount(); ++i) {
    if (summary_->topLevelItem(i)->text(0) == key) return summary_->topLevelItem(i)->text(1);
  }
  return {};
}

}  // namespace peftdesk::ui
