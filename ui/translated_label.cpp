// See translated_label.h.
#include "translated_label.h"

#include <QCoreApplication>
#include <QEvent>

namespace peftdesk::ui {

TranslatedLabel::TranslatedLabel(const char* context, const char* source, QWidget* buddy, QWidget* parent)
    : QLabel(parent), context_(context), source_(source) {
  if (buddy) setBuddy(buddy);
  retranslate();
}

void TranslatedLabel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QLabel::changeEvent(event);
}

void TranslatedLabel::retranslate() { setText(QCoreApplication::translate(context_, source_)); }

}  // namespace peftdesk::ui
