// Runs the Chat page's model off the GUI thread (DESIGN.md §4): one resident ChatEngine (the base
// plus the adapters of the ticked panes), used only by the jobs of a BackgroundQueue kept on one thread; a
// send() is one job that (re)opens the engine when the model folder, the adapter list, an
// adapter's files or the load options (precision, 4-bit base) changed, then continues each pane's
// conversation in turn, streaming text back as queued calls. stop() flips an atomic the load and
// the token callback read, so a load or the reply in progress ends at once and the remaining panes
// are skipped. The job is the one catch boundary: an exception becomes replyFailed / openFailed.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>
#include <vector>

#include "peftdesk/chat_engine.h"

namespace peftdesk::ui {

class BackgroundQueue;

struct ChatPaneRequest {
  QString row;                     // "base" or an adapter's row name
  std::vector<Turn> conversation;  // ends with the user's new message
};

class ChatController : public QObject {
  Q_OBJECT
 public:
  explicit ChatController(QObject* parent = nullptr);
  ~ChatController() override;  // stops and waits for the job in progress

  // Replies of every pane to its conversation, one pane after another.
  void send(const QString& modelDir, const QStringList& adapters, const LoadOptions& load, const std::vector<ChatPaneRequest>& panes,
            const ChatOptions& options);
  void stop();
  // Frees the engine's kept keys and values (a job after any in progress).
  void forget();
  bool busy() const { return busy_; }

 signals:
  void loading();                                          // the model is being (re)loaded
  void opened(const QStringList& rows, const QString& templateName, qint64 contextTokens);
  void openFailed(const QString& message);
  void loadStopped();                                      // stop() ended the load
  void replyStarted(int pane);
  void piece(int pane, const QString& text);
  void replied(int pane, const peftdesk::ChatReply& reply);
  void replyFailed(int pane, const QString& message);
  void idle();                                             // the send() has finished

 private:
  BackgroundQueue* jobs_;
  struct Resident {
    std::unique_ptr<ChatEngine> engine;
    std::string loadKey;  // the folders (and their files' times) and load options it was opened with
  };
  std::shared_ptr<Resident> resident_;  // touched only by the pool's jobs
  std::shared_ptr<std::atomic<bool>> stop_;
  bool busy_ = false;
};

}  // namespace peftdesk::ui

Q_DECLARE_METATYPE(peftdesk::ChatReply)
