// See chat_page.h.
#include "chat_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QKeyEvent>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "app_settings.h"
#include "chat_controller.h"
#include "chat_pane.h"
#include "device_box.h"
#include "precision_box.h"
#include "translated_label.h"
#include "peftdesk/adapter_names.h"
#include "peftdesk/chat_template.h"
#include "peftdesk/json_file.h"
#include "peftdesk/peft_folder.h"

namespace peftdesk::ui {
namespace {

const QString kBase = QStringLiteral("base");
constexpr int kKeyRole = Qt::UserRole;

// The adapter folder a run folder or adapter folder stands for; empty when neither.
QString adapterFolderOf(const QString& dir) {
  const QDir d(dir);
  if (peft_folder::isAdapterFolder(d.absolutePath().toStdString())) return d.absolutePath();
  if (peft_folder::isAdapterFolder(d.filePath(QStringLiteral("adapter")).toStdString())) return QDir(d.filePath(QStringLiteral("adapter"))).absolutePath();
  return QString();
}

}  // namespace

ChatPage::ChatPage(QWidget* parent) : QWidget(parent), settings_(new AppSettings()), controller_(new ChatController(this)) {
  auto* outer = new QHBoxLayout(this);
  auto* split = new QSplitter(Qt::Horizontal, this);
  outer->addWidget(split);
  split->addWidget(buildSettingsColumn(split));
  split->addWidget(buildConversationColumn(split));
  split->setStretchFactor(1, 1);
  split->setSizes({340, 860});

  restoreOptions();
  rebuildPanes();
  retranslate();
  connectControls();
  connectController();
}

// Left: the model, the rows to chat with, the settings.
QWidget* ChatPage::buildSettingsColumn(QWidget* parent) {
  auto* left = new QWidget(parent);
  auto* lv = new QVBoxLayout(left);
  auto* modelRow = new QHBoxLayout();
  model_ = new QLineEdit(left);
  model_->setObjectName(QStringLiteral("chat_model"));
  auto* modelLabel = new TranslatedLabel(staticMetaObject.className(), QT_TR_NOOP("&Model folder"), model_, left);
  browseModel_ = new QPushButton(left);
  modelRow->addWidget(model_, 1);
  modelRow->addWidget(browseModel_);
  rows_ = new QListWidget(left);
  rows_->setObjectName(QStringLiteral("chat_rows"));
  auto* rowsLabel = new TranslatedLabel(staticMetaObject.className(), QT_TR_NOOP("Chat &with (one pane each)"), rows_, left);
  auto* base = new QListWidgetItem(rows_);
  base->setData(kKeyRole, kBase);
  base->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
  base->setCheckState(Qt::Checked);
  auto* rowButtons = new QHBoxLayout();
  addAdapter_ = new QPushButton(left);
  removeAdapter_ = new QPushButton(left);
  removeAdapter_->setEnabled(false);  // the base row cannot be removed
  rowButtons->addWidget(addAdapter_);
  rowButtons->addWidget(removeAdapter_);

  auto* form = new QFormLayout();
  // "Load the base as [precision] on [device]": one row, the device box beside the precision box.
  auto* precisionRow = new QWidget(left);
  auto* precisionLayout = new QHBoxLayout(precisionRow);
  precisionLayout->setContentsMargins(0, 0, 0, 0);
  precision_ = new PrecisionBox(precisionRow);
  precision_->setObjectName(QStringLiteral("chat_precision"));
  device_ = new DeviceBox(precisionRow);
  device_->setObjectName(QStringLiteral("chat_device"));
  precisionLayout->addWidget(precision_, 1);
  precisionLayout->addWidget(device_, 1);
  template_ = new QComboBox(left);
  template_->setObjectName(QStringLiteral("chat_template"));
  template_->addItem(QString(), QStringLiteral("auto"));
  for (const std::string& n : chatTemplateNames()) template_->addItem(QString::fromStdString(n), QString::fromStdString(n));
  system_ = new QPlainTextEdit(left);
  system_->setObjectName(QStringLiteral("chat_system"));
  system_->setMaximumHeight(80);
  system_->setTabChangesFocus(true);
  thinking_ = new QCheckBox(left);
  thinking_->setObjectName(QStringLiteral("chat_thinking"));
  maxTokens_ = new QSpinBox(left);
  maxTokens_->setRange(1, 32768);
  temperature_ = new QDoubleSpinBox(left);
  temperature_->setRange(0, 5);
  temperature_->setSingleStep(0.05);
  temperature_->setDecimals(2);
  topK_ = new QSpinBox(left);
  topK_->setRange(0, 100000);
  topP_ = new QDoubleSpinBox(left);
  topP_->setRange(0.01, 1);
  topP_->setSingleStep(0.05);
  topP_->setDecimals(2);
  repetition_ = new QDoubleSpinBox(left);
  repetition_->setRange(0.5, 3);
  repetition_->setSingleStep(0.05);
  repetition_->setDecimals(2);
  seed_ = new QSpinBox(left);
  seed_->setRange(0, 2147483647);
  const std::pair<QWidget*, const char*> settingRows[] = {
      {precision_, QT_TR_NOOP("&Load the base as")}, {template_, QT_TR_NOOP("Chat &template")},
      {system_, QT_TR_NOOP("S&ystem prompt")},       {maxTokens_, QT_TR_NOOP("Max &new tokens")},
      {temperature_, QT_TR_NOOP("T&emperature")},    {topK_, QT_TR_NOOP("Top-&k")},
      {topP_, QT_TR_NOOP("Top-&p")},                 {repetition_, QT_TR_NOOP("&Repetition penalty")},
      {seed_, QT_TR_NOOP("&Seed")}};
  for (const auto& [field, name] : settingRows) {
    form->addRow(new TranslatedLabel(staticMetaObject.className(), name, field, left), field == precision_ ? precisionRow : field);
    if (field == system_) form->addRow(QString(), thinking_);  // belongs with the prompt it changes
  }
  status_ = new QLabel(left);
  status_->setObjectName(QStringLiteral("chat_status"));
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  lv->addWidget(modelLabel);
  lv->addLayout(modelRow);
  lv->addWidget(rowsLabel);
  lv->addWidget(rows_, 1);
  lv->addLayout(rowButtons);
  lv->addLayout(form);
  lv->addWidget(status_);
  return left;
}

// Right: the panes side by side, the message box and its buttons.
QWidget* ChatPage::buildConversationColumn(QWidget* parent) {
  auto* right = new QWidget(parent);
  auto* rv = new QVBoxLayout(right);
  panes_ = new QSplitter(Qt::Horizontal, right);
  panes_->setObjectName(QStringLiteral("chat_panes"));
  panes_->setChildrenCollapsible(false);
  input_ = new QPlainTextEdit(right);
  input_->setObjectName(QStringLiteral("chat_input"));
  input_->setMaximumHeight(110);
  input_->setTabChangesFocus(true);
  auto* inputLabel = new TranslatedLabel(staticMetaObject.className(), QT_TR_NOOP("Messa&ge (Ctrl+Enter sends)"), input_, right);
  auto* buttons = new QHBoxLayout();
  send_ = new QPushButton(right);
  send_->setObjectName(QStringLiteral("chat_send"));
  stop_ = new QPushButton(right);
  stop_->setObjectName(QStringLiteral("chat_stop"));
  stop_->setEnabled(false);
  clear_ = new QPushButton(right);
  clear_->setObjectName(QStringLiteral("chat_clear"));
  buttons->addStretch(1);
  buttons->addWidget(clear_);
  buttons->addWidget(stop_);
  buttons->addWidget(send_);
  rv->addWidget(panes_, 1);
  rv->addWidget(inputLabel);
  rv->addWidget(input_);
  rv->addLayout(buttons);
  return right;
}

// The page's own controls: settings kept as they change, model and adapter choice, send / stop / clear.
void ChatPage::connectControls() {
  // Settings are kept as they change (not only when a message is sent).
  const auto save = [this] { saveOptions(); };
  for (QComboBox* box : {static_cast<QComboBox*>(precision_), static_cast<QComboBox*>(device_), template_})
    connect(box, &QComboBox::currentIndexChanged, this, save);
  for (QSpinBox* box : {maxTokens_, topK_, seed_}) connect(box, &QSpinBox::valueChanged, this, save);
  for (QDoubleSpinBox* box : {temperature_, topP_, repetition_}) connect(box, &QDoubleSpinBox::valueChanged, this, save);
  connect(system_, &QPlainTextEdit::textChanged, this, save);
  connect(thinking_, &QCheckBox::toggled, this, save);

  connect(browseModel_, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Model folder"), model_->text());
    if (!dir.isEmpty()) setModelDir(dir);
  });
  connect(model_, &QLineEdit::editingFinished, this, [this] { setModelDir(model_->text().trimmed()); });
  connect(addAdapter_, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Adapter or run folder"));
    if (!dir.isEmpty()) addAdapter(dir);
  });
  connect(removeAdapter_, &QPushButton::clicked, this, [this] {
    QListWidgetItem* item = rows_->currentItem();
    if (!item || item->data(kKeyRole).toString() == kBase || busy()) return;
    histories_.erase(item->data(kKeyRole).toString());
    delete item;
    rebuildPanes();
  });
  connect(rows_, &QListWidget::itemChanged, this, [this] {
    if (activeRows() != paneKeys_) rebuildPanes();  // a tick changed (not just a renamed row)
  });
  connect(rows_, &QListWidget::currentItemChanged, this,
          [this](QListWidgetItem* item) { removeAdapter_->setEnabled(item && item->data(kKeyRole).toString() != kBase && !busy()); });
  connect(send_, &QPushButton::clicked, this, [this] { send(input_->toPlainText()); });
  input_->installEventFilter(this);  // Ctrl+Enter sends
  connect(stop_, &QPushButton::clicked, this, &ChatPage::stop);
  connect(clear_, &QPushButton::clicked, this, &ChatPage::clearHistory);

}

// What the controller reports: loading, replies streamed into their panes, failures.
void ChatPage::connectController() {
  connect(controller_, &ChatController::loading, this, [this] { setStatus(tr("Loading the model and adapters…")); });
  connect(controller_, &ChatController::opened, this, [this](const QStringList& rows, const QString& tmpl, qint64 context) {
    setStatus(tr("Loaded the base and %n adapter(s) on it; template %1, context %2 tokens.", nullptr, static_cast<int>(rows.size()) - 1)
                         .arg(tmpl)
                         .arg(context));
  });
  connect(controller_, &ChatController::loadStopped, this, [this] { setStatus(tr("Loading stopped.")); });
  connect(controller_, &ChatController::openFailed, this, [this](const QString& message) {
    loadFailed_ = true;
    showError(tr("Cannot load: %1").arg(message));
  });
  connect(controller_, &ChatController::replyStarted, this, [this](int pane) {
    if (ChatPane* p = this->pane(pending_.value(pane))) p->beginReply();
  });
  connect(controller_, &ChatController::piece, this, [this](int pane, const QString& text) {
    if (ChatPane* p = this->pane(pending_.value(pane))) p->appendPiece(text);
  });
  connect(controller_, &ChatController::replied, this, &ChatPage::onReplied);
  connect(controller_, &ChatController::replyFailed, this, [this](int pane, const QString& message) {
    const QString key = pending_.value(pane);
    auto& h = histories_[key];
    if (!h.empty() && h.back().role == Role::User) h.pop_back();  // unanswered: not part of the conversation
    if (ChatPane* p = this->pane(key)) {
      p->showConversation(h);
      p->setStats(tr("Failed: %1").arg(message), true);
    }
    emit replied(key);
  });
  connect(controller_, &ChatController::idle, this, &ChatPage::onFinished);
}

ChatPage::~ChatPage() { delete settings_; }

QString ChatPage::modelDir() const { return model_->text().trimmed(); }

bool ChatPage::refuseWhileBusy() {
  if (!busy()) return false;
  refusedMidReply_ = true;
  showError(tr("A reply is in progress: wait for it or press Stop before changing the model or the adapters."));
  return true;
}

bool ChatPage::setModelDir(const QString& dir) {
  const bool same = !shownModel_.isEmpty() && QDir(shownModel_) == QDir(dir);
  if (!same && refuseWhileBusy()) {
    model_->setText(shownModel_);  // an edit of the field is undone
    return false;
  }
  model_->setText(dir);
  if (same) return true;
  shownModel_ = dir;
  histories_.clear();
  rebuildPanes();
  return true;
}

bool ChatPage::addAdapter(const QString& dir) {
  if (refuseWhileBusy()) return false;
  const QString folder = adapterFolderOf(dir);
  if (folder.isEmpty()) {
    showError(tr("%1 holds no adapter (adapter_config.json, or a run's adapter/ folder).").arg(QDir::toNativeSeparators(dir)));
    return false;
  }
  showError(QString());
  for (int i = 0; i < rows_->count(); ++i) {
    if (rows_->item(i)->data(kKeyRole).toString() == folder) {
      rows_->item(i)->setCheckState(Qt::Checked);
      return true;
    }
  }
  auto* item = new QListWidgetItem();
  item->setData(kKeyRole, folder);
  item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
  item->setToolTip(QDir::toNativeSeparators(folder));
  const QSignalBlocker block(rows_);
  item->setCheckState(Qt::Checked);
  rows_->addItem(item);
  for (int i = 1; i < rows_->count(); ++i) rows_->item(i)->setText(rowNameOf(rows_->item(i)->data(kKeyRole).toString()));
  rebuildPanes();
  return true;
}

QStringList ChatPage::adapterFolders() const {
  QStringList out;
  for (int i = 1; i < rows_->count(); ++i) out << rows_->item(i)->data(kKeyRole).toString();
  return out;
}

QString ChatPage::rowNameOf(const QString& key) const {
  if (key == kBase) return kBase;
  const QStringList folders = adapterFolders();
  std::vector<std::filesystem::path> paths;
  for (const QString& f : folders) paths.emplace_back(f.toStdString());
  const std::vector<std::string> names = adapterRowNames(paths);
  const auto at = folders.indexOf(key);
  return at < 0 ? QString() : QString::fromStdString(names[static_cast<size_t>(at)]);
}

bool ChatPage::setActiveRows(const QStringList& keys) {
  if (refuseWhileBusy()) return false;
  {
    const QSignalBlocker block(rows_);
    for (int i = 0; i < rows_->count(); ++i)
      rows_->item(i)->setCheckState(keys.contains(rows_->item(i)->data(kKeyRole).toString()) ? Qt::Checked : Qt::Unchecked);
  }
  rebuildPanes();
  return true;
}

QStringList ChatPage::activeRows() const {
  QStringList out;
  for (int i = 0; i < rows_->count(); ++i)
    if (rows_->item(i)->checkState() == Qt::Checked) out << rows_->item(i)->data(kKeyRole).toString();
  return out;
}

void ChatPage::rebuildPanes() {
  for (auto& [key, p] : paneOf_) delete p;
  paneOf_.clear();
  paneKeys_ = activeRows();
  for (const QString& key : paneKeys_) {
    auto* p = new ChatPane(rowNameOf(key), panes_);
    p->setTitle(key == kBase ? tr("Base model") : rowNameOf(key));
    p->setToolTip(key == kBase ? QDir::toNativeSeparators(modelDir()) : QDir::toNativeSeparators(key));
    p->showConversation(history(key));
    panes_->addWidget(p);
    paneOf_[key] = p;
  }
  send_->setEnabled(!busy() && !paneOf_.empty());
}

ChatPane* ChatPage::pane(const QString& key) const {
  const auto it = paneOf_.find(key);
  return it == paneOf_.end() ? nullptr : it->second;
}

const std::vector<Turn>& ChatPage::history(const QString& key) const {
  static const std::vector<Turn> kNone;
  const auto it = histories_.find(key);
  return it == histories_.end() ? kNone : it->second;
}

bool ChatPage::busy() const { return controller_->busy(); }
QString ChatPage::statusText() const { return status_->text(); }

void ChatPage::setStatus(const QString& text) {
  normalStatus_ = text;
  if (refusedMidReply_) return;  // the refusal stays in view until the reply ends
  status_->setText(text);
  status_->setStyleSheet(QString());
}

void ChatPage::showError(const QString& text) {
  error_ = text;
  if (!text.isEmpty()) status_->setText(text);
  status_->setStyleSheet(text.isEmpty() ? QString() : QStringLiteral("color: #d32f2f;"));
}

void ChatPage::setBusy(bool on) {
  send_->setEnabled(!on && !paneOf_.empty());
  stop_->setEnabled(on);
  clear_->setEnabled(!on);
  rows_->setEnabled(!on);
  model_->setEnabled(!on);
  browseModel_->setEnabled(!on);
  addAdapter_->setEnabled(!on);
  removeAdapter_->setEnabled(!on && rows_->currentItem() && rows_->currentRow() > 0);
}

void ChatPage::send(const QString& message) {
  if (busy()) return;
  const QString text = message.trimmed();
  if (text.isEmpty()) return;
  if (modelDir().isEmpty()) {
    showError(tr("Choose the model folder to chat with."));
    emit idle();
    return;
  }
  if (paneOf_.empty()) {
    showError(tr("Tick the base model or an adapter to chat with."));
    emit idle();
    return;
  }
  showError(QString());
  sentMessage_ = text;
  loadFailed_ = false;
  answered_ = 0;
  // Only the ticked adapters are loaded (an unticked one that no longer loads does not matter);
  // their names on the engine are the names among themselves.
  const QStringList keys = activeRows();
  QStringList ticked;
  std::vector<std::filesystem::path> tickedPaths;
  for (const QString& key : keys)
    if (key != kBase) {
      ticked << key;
      tickedPaths.emplace_back(key.toStdString());
    }
  const std::vector<std::string> engineNames = adapterRowNames(tickedPaths);
  std::vector<ChatPaneRequest> requests;
  pending_.clear();
  for (const QString& key : keys) {
    auto& h = histories_[key];
    h.push_back({Role::User, text.toStdString()});
    pane(key)->showConversation(h);
    const auto at = ticked.indexOf(key);
    requests.push_back({at < 0 ? kBase : QString::fromStdString(engineNames[static_cast<size_t>(at)]), h});
    pending_ << key;
  }
  input_->clear();
  setBusy(true);
  controller_->send(modelDir(), ticked, loadOptions(), requests, options());
}

void ChatPage::stop() { controller_->stop(); }

void ChatPage::onReplied(int paneIndex, const ChatReply& reply) {
  ++answered_;
  const QString key = pending_.value(paneIndex);
  auto& h = histories_[key];
  h.push_back({Role::Assistant, reply.text});
  ChatPane* p = pane(key);
  if (p) {
    p->showConversation(h);
    const size_t n = reply.tokens.size();
    QString stats = tr("%n token(s)", nullptr, static_cast<int>(n));
    if (reply.seconds > 0) stats += QStringLiteral(" · ") + tr("%1 tokens/s").arg(static_cast<double>(n) / reply.seconds, 0, 'f', 1);
    stats += QStringLiteral(" · ");
    switch (reply.reason) {
      case StopReason::StopToken: stats += tr("finished"); break;
      case StopReason::MaxTokens: stats += tr("reached the maximum new tokens"); break;
      case StopReason::Callback: stats += tr("stopped"); break;
      case StopReason::ContextFull: stats += tr("the context is full"); break;
    }
    if (reply.reusedPromptTokens > 0)
      stats += QStringLiteral(" · ") + tr("%1 of %2 prompt tokens kept from the last turn").arg(reply.reusedPromptTokens).arg(reply.promptTokens);
    if (reply.droppedTurns > 0)
      stats += QStringLiteral(" · ") + tr("the oldest %n message(s) were left out to fit the context", nullptr, static_cast<int>(reply.droppedTurns));
    p->setStats(stats);
  }
  emit replied(key);
}

void ChatPage::onFinished() {
  // Panes that never replied (Stop came first, or the model did not load): their message is not
  // part of their conversation.
  for (const QString& key : pending_) {
    auto& h = histories_[key];
    if (h.empty() || h.back().role != Role::User) continue;
    h.pop_back();
    if (ChatPane* p = pane(key)) {
      p->showConversation(h);
      p->setStats(loadFailed_ ? tr("Not sent: the model could not be loaded.") : tr("Stopped before this model replied."), loadFailed_);
    }
  }
  if (refusedMidReply_ && !loadFailed_) {  // the refusal was about the reply that has now ended
    showError(QString());
    status_->setText(normalStatus_);
  }
  refusedMidReply_ = false;
  if (answered_ == 0 && input_->toPlainText().isEmpty()) input_->setPlainText(sentMessage_);  // nothing was answered: not lost
  pending_.clear();
  setBusy(false);
  emit idle();
}

void ChatPage::clearHistory() {
  if (busy()) return;
  histories_.clear();
  controller_->forget();  // the kept keys and values belong to the conversations just cleared
  for (auto& [key, p] : paneOf_) p->showConversation({});
}

ChatOptions ChatPage::options() const {
  ChatOptions o;
  o.templateName = template_->currentData().toString().toStdString();
  o.system = system_->toPlainText().toStdString();
  o.thinking = thinking_->isChecked();
  o.generation.maxNewTokens = maxTokens_->value();
  o.generation.temperature = temperature_->value();
  o.generation.topK = topK_->value();
  o.generation.topP = topP_->value();
  o.generation.repetitionPenalty = repetition_->value();
  o.generation.seed = static_cast<uint64_t>(seed_->value());
  return o;
}

LoadOptions ChatPage::loadOptions() const {
  LoadOptions load = precision_->loadOptions();
  load.device = device_->spec();
  return load;
}

void ChatPage::restoreOptions() {
  const nlohmann::json saved = nlohmann::json::parse(settings_->value(Setting::ChatOptions).toString().toStdString(), nullptr, false);
  const nlohmann::json j = saved.is_object() ? saved : nlohmann::json::object();
  // Kept in the settings file, which a person or an older version may have written: a missing or
  // mistyped field takes its default and leaves the others.
  precision_->setKey(QString::fromStdString(stringOrDefault(j, "precision", "fp32")));
  device_->setKey(QString::fromStdString(stringOrDefault(j, "device", "auto")));
  const int t = template_->findData(QString::fromStdString(stringOrDefault(j, "template", "auto")));
  template_->setCurrentIndex(t < 0 ? 0 : t);
  system_->setPlainText(QString::fromStdString(stringOrDefault(j, "system", "")));
  thinking_->setChecked(booleanOrDefault(j, "thinking", false));
  maxTokens_->setValue(static_cast<int>(integerOrDefault(j, "max_new_tokens", 256)));
  temperature_->setValue(numberOrDefault(j, "temperature", 0.7));
  topK_->setValue(static_cast<int>(integerOrDefault(j, "top_k", 0)));
  topP_->setValue(numberOrDefault(j, "top_p", 0.9));
  repetition_->setValue(numberOrDefault(j, "repetition_penalty", 1.0));
  seed_->setValue(static_cast<int>(integerOrDefault(j, "seed", 0)));
}

void ChatPage::saveOptions() const {
  const ChatOptions o = options();
  const nlohmann::json j = {{"precision", precision_->key().toStdString()},
                            {"device", device_->key().toStdString()},
                            {"template", o.templateName},
                            {"system", o.system},
                            {"thinking", o.thinking},
                            {"max_new_tokens", o.generation.maxNewTokens},
                            {"temperature", o.generation.temperature},
                            {"top_k", o.generation.topK},
                            {"top_p", o.generation.topP},
                            {"repetition_penalty", o.generation.repetitionPenalty},
                            {"seed", static_cast<int64_t>(o.generation.seed)}};
  settings_->setValue(Setting::ChatOptions, QString::fromStdString(j.dump()));
}

bool ChatPage::eventFilter(QObject* watched, QEvent* event) {
  if (watched == input_ && event->type() == QEvent::KeyPress) {
    const auto* key = static_cast<QKeyEvent*>(event);
    if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && (key->modifiers() & Qt::ControlModifier)) {
      send(input_->toPlainText());
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

void ChatPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void ChatPage::retranslate() {
  browseModel_->setText(tr("Browse…"));
  rows_->item(0)->setText(tr("Base model"));
  rows_->item(0)->setToolTip(tr("The model without any adapter"));
  addAdapter_->setText(tr("Add adapter…"));
  addAdapter_->setToolTip(tr("An adapter folder (PEFT layout) or a run folder; every listed adapter shares one loaded base"));
  removeAdapter_->setText(tr("Remove"));
  template_->setItemText(0, tr("auto (the model's own)"));
  system_->setPlaceholderText(tr("Empty: the template's default"));
  thinking_->setText(tr("Let a reasoning model think &first (Qwen3, SmolLM3)"));
  thinking_->setToolTip(tr("Off: the prompt ends with an empty think block and the model answers directly (enable_thinking=False)"));
  temperature_->setToolTip(tr("0 = greedy (always the most likely token); higher = more varied"));
  topK_->setToolTip(tr("Sample only among the k most likely tokens (0 = off)"));
  topP_->setToolTip(tr("Sample only among the most likely tokens whose probabilities add up to p (1 = off)"));
  repetition_->setToolTip(tr("Above 1 discourages tokens already in the conversation (1 = off)"));
  seed_->setToolTip(tr("The same seed for every pane, so differences between panes come from the adapters"));
  send_->setText(tr("Send"));
  stop_->setText(tr("Stop"));
  clear_->setText(tr("Clear history"));
  clear_->setToolTip(tr("Empty the conversation of every pane"));
  for (int i = 1; i < rows_->count(); ++i) rows_->item(i)->setText(rowNameOf(rows_->item(i)->data(kKeyRole).toString()));
  for (auto& [key, p] : paneOf_) p->setTitle(key == kBase ? tr("Base model") : rowNameOf(key));
}

}  // namespace peftdesk::ui
