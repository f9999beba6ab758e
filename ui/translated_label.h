// A form label that keeps its source text and translates itself when the language changes: pages
// hold named labels (or none at all) instead of numbered arrays retranslated line by line.
// The source is marked for lupdate where it is written, with QT_TR_NOOP inside the page's member
// function so it keeps the page's translation context, e.g.
//   new TranslatedLabel(staticMetaObject.className(), QT_TR_NOOP("&Seed"), seed_, parent);
#pragma once

#include <QLabel>

namespace peftdesk::ui {

class TranslatedLabel : public QLabel {
 public:
  TranslatedLabel(const char* context, const char* source, QWidget* buddy, QWidget* parent);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  const char* context_;
  const char* source_;
};

}  // namespace peftdesk::ui
