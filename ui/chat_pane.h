// One column of the Chat page's split view: the name of the model it talks to (the base or an
// adapter), its transcript, and a line with the last reply's numbers (tokens, tokens/s, why it
// ended). The page owns the conversation; the pane only shows it — the whole conversation when a
// reply ends, and the reply's pieces appended as they stream in.
#pragma once

#include <QWidget>
#include <vector>

#include "peftdesk/dataset.h"

class QLabel;
class QTextBrowser;

namespace peftdesk::ui {

class ChatPane : public QWidget {
  Q_OBJECT
 public:
  ChatPane(const QString& row, QWidget* parent = nullptr);

  QString row() const { return row_; }
  void setTitle(const QString& title);
  // Shows `conversation` (user and assistant turns) and clears the stats line.
  void showConversation(const std::vector<Turn>& conversation);
  // A reply starts streaming below the conversation shown; it ends with the next showConversation.
  void beginReply();
  void appendPiece(const QString& text);
  void setStats(const QString& text, bool error = false);

  QString transcriptText() const;  // what the transcript shows, as plain text
  QString statsText() const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QString transcriptHtml(const std::vector<Turn>& conversation) const;
  void drawStreaming();  // shown_, the "Assistant" heading and streamed_
  void insertAtEnd(const QString& text);

  QString row_;
  QLabel* title_;
  QTextBrowser* transcript_;
  QLabel* stats_;
  std::vector<Turn> shown_;
  bool streaming_ = false;  // a reply is streaming below shown_
  QString streamed_;        // its text so far (kept so a language switch can redraw it)
};

}  // namespace peftdesk::ui
