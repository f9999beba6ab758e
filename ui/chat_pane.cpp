// See chat_pane.h.
#include "chat_pane.h"

#include <QEvent>
#include <QLabel>
#include <QScrollBar>
#include <QTextBrowser>
#include <QTextCursor>
#include <QVBoxLayout>

namespace peftdesk::ui {

ChatPane::ChatPane(const QString& row, QWidget* parent) : QWidget(parent), row_(row) {
  setObjectName(QStringLiteral("chat_pane_") + row);
  auto* v = new QVBoxLayout(this);
  v->setContentsMargins(2, 2, 2, 2);
  title_ = new QLabel(this);
  title_->setStyleSheet(QStringLiteral("font-weight: bold;"));
  title_->setText(row);
  transcript_ = new QTextBrowser(this);
  transcript_->setObjectName(QStringLiteral("chat_transcript"));
  transcript_->setOpenLinks(false);
  stats_ = new QLabel(this);
  stats_->setObjectName(QStringLiteral("chat_stats"));
  stats_->setWordWrap(true);
  stats_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  v->addWidget(title_);
  v->addWidget(transcript_, 1);
  v->addWidget(stats_);
}

void ChatPane::setTitle(const QString& title) { title_->setText(title); }

QString ChatPane::transcriptHtml(const std::vector<Turn>& conversation) const {
  QString html;
  for (const Turn& t : conversation) {
    const bool user = t.role == Role::User;
    const QString who = user ? tr("You") : tr("Assistant");
    const QString colour = user ? QStringLiteral("#1565c0") : QStringLiteral("#2e7d32");
    QString text = QString::fromStdString(t.content).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    html += QStringLiteral("<p><b style='color:%1'>%2</b><br>%3</p>").arg(colour, who, text);
  }
  return html;
}

void ChatPane::showConversation(const std::vector<Turn>& conversation) {
  shown_ = conversation;
  streaming_ = false;
  streamed_.clear();
  transcript_->setHtml(transcriptHtml(conversation));
  transcript_->verticalScrollBar()->setValue(transcript_->verticalScrollBar()->maximum());
  stats_->clear();
  stats_->setStyleSheet(QString());
}

void ChatPane::beginReply() {
  streaming_ = true;
  streamed_.clear();
  drawStreaming();
  stats_->setText(tr("Generating…"));
  stats_->setStyleSheet(QString());
}

void ChatPane::drawStreaming() {
  transcript_->setHtml(transcriptHtml(shown_) + QStringLiteral("<p><b style='color:#2e7d32'>%1</b><br></p>").arg(tr("Assistant")));
  if (!streamed_.isEmpty()) insertAtEnd(streamed_);
  transcript_->moveCursor(QTextCursor::End);
}

void ChatPane::insertAtEnd(const QString& text) {
  QTextCursor c(transcript_->document());
  c.movePosition(QTextCursor::End);
  c.insertText(text);
  transcript_->verticalScrollBar()->setValue(transcript_->verticalScrollBar()->maximum());
}

void ChatPane::appendPiece(const QString& text) {
  streamed_ += text;
  insertAtEnd(text);
}

void ChatPane::setStats(const QString& text, bool error) {
  stats_->setText(text);
  stats_->setStyleSheet(error ? QStringLiteral("color: #d32f2f;") : QString());
}

QString ChatPane::transcriptText() const { return transcript_->toPlainText(); }
QString ChatPane::statsText() const { return stats_->text(); }

void ChatPane::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    if (streaming_)
      drawStreaming();  // the reply streaming in is redrawn too, not lost
    else
      transcript_->setHtml(transcriptHtml(shown_));
  }
  QWidget::changeEvent(event);
}

}  // namespace peftdesk::ui
