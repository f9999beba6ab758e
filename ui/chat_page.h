// The Chat page (issue 7): talk to the base model and any of the listed adapters, each ticked one
// in its own pane side by side, through one resident base with the ticked adapters on it
// (ChatController / core ChatEngine), loaded in fp32, bf16 or as a 4-bit NF4 base (how a QLoRA
// adapter was trained).
// The model's chat template (or a chosen one), a system prompt and the sampling settings apply to
// every pane, with the same seed, so differences between panes come from the adapters. Replies
// stream in token by token; Stop ends them (what was generated stays); Clear empties every
// conversation. A pane's conversation is its own: the same message goes to each, every model sees
// its own earlier replies. Settings persist; conversations do not.
#pragma once

#include <QWidget>
#include <map>
#include <vector>

#include "peftdesk/dataset.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QSplitter;

namespace peftdesk {
struct ChatOptions;
struct ChatReply;
struct LoadOptions;
}  // namespace peftdesk

namespace peftdesk::ui {

class AppSettings;
class ChatController;
class ChatPane;
class DeviceBox;
class PrecisionBox;

class ChatPage : public QWidget {
  Q_OBJECT
 public:
  explicit ChatPage(QWidget* parent = nullptr);
  ~ChatPage() override;

  QString modelDir() const;
  // A different model folder empties every conversation (they were with another model).
  // These three refuse (false, the reason shown) while a reply is in progress.
  bool setModelDir(const QString& dir);
  // Lists an adapter folder, or a run folder's adapter/, ticked. False (and the reason shown) when
  // the folder holds no adapter_config.json.
  bool addAdapter(const QString& dir);
  QStringList adapterFolders() const;  // as listed (absolute adapter folders)
  // Ticks exactly these rows: "base" and/or adapter folders; one pane each, base first.
  bool setActiveRows(const QStringList& keys);
  QStringList activeRows() const;
  // Sends `message` to every ticked pane; idle() follows when every reply ended.
  void send(const QString& message);
  void stop();
  void clearHistory();
  bool busy() const;
  const std::vector<Turn>& history(const QString& key) const;  // empty for an unknown key
  ChatPane* pane(const QString& key) const;
  QString errorText() const { return error_; }
  QString statusText() const;

  PrecisionBox* precision() const { return precision_; }
  QComboBox* templateBox() const { return template_; }
  QPlainTextEdit* systemPrompt() const { return system_; }
  QCheckBox* thinking() const { return thinking_; }
  QSpinBox* maxNewTokens() const { return maxTokens_; }
  QDoubleSpinBox* temperature() const { return temperature_; }
  QSpinBox* topK() const { return topK_; }
  QDoubleSpinBox* topP() const { return topP_; }
  QDoubleSpinBox* repetitionPenalty() const { return repetition_; }
  QSpinBox* seed() const { return seed_; }
  QPlainTextEdit* input() const { return input_; }
  QPushButton* sendButton() const { return send_; }
  QPushButton* stopButton() const { return stop_; }
  QPushButton* clearButton() const { return clear_; }

 signals:
  void replied(const QString& key);  // one pane's reply ended (finished, stopped or failed)
  void idle();                       // the message has been answered by every pane

 protected:
  void changeEvent(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  QWidget* buildSettingsColumn(QWidget* parent);
  QWidget* buildConversationColumn(QWidget* parent);
  void connectControls();
  void connectController();
  void retranslate();
  void rebuildPanes();
  void setBusy(bool busy);
  bool refuseWhileBusy();
  void showError(const QString& text);
  void setStatus(const QString& text);  // a normal (not error) status line
  void onReplied(int pane, const peftdesk::ChatReply& reply);
  void onFinished();
  QString rowNameOf(const QString& key) const;
  ChatOptions options() const;
  LoadOptions loadOptions() const;
  void restoreOptions();
  void saveOptions() const;

  AppSettings* settings_;
  ChatController* controller_;
  QLineEdit* model_;
  QPushButton* browseModel_;
  QListWidget* rows_;
  QPushButton* addAdapter_;
  QPushButton* removeAdapter_;
  PrecisionBox* precision_;
  DeviceBox* device_;
  QComboBox* template_;
  QPlainTextEdit* system_;
  QCheckBox* thinking_;
  QSpinBox* maxTokens_;
  QDoubleSpinBox* temperature_;
  QSpinBox* topK_;
  QDoubleSpinBox* topP_;
  QDoubleSpinBox* repetition_;
  QSpinBox* seed_;
  QSplitter* panes_;
  QPlainTextEdit* input_;
  QPushButton* send_;
  QPushButton* stop_;
  QPushButton* clear_;
  QLabel* status_;
  std::map<QString, std::vector<Turn>> histories_;  // key: "base" or an adapter folder
  std::map<QString, ChatPane*> paneOf_;
  QStringList paneKeys_;                            // the rows the panes show, in order
  QStringList pending_;                             // keys of the panes of the message in flight
  QString sentMessage_;
  QString shownModel_;                              // the model folder the conversations are with
  int answered_ = 0;                                // panes that replied to the message in flight
  bool refusedMidReply_ = false;                    // a change was refused during the reply in flight
  QString normalStatus_;                            // the last status that was not an error
  bool loadFailed_ = false;
  QString error_;
};

}  // namespace peftdesk::ui
