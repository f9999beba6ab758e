// A combo box whose rows carry stable keys (what settings and RUN.json store) and whose texts are
// translated: the common part of the precision and device boxes. Subclasses add rows with their
// keys as item data and set the texts in retranslate(), which runs again on a language change.
#pragma once

#include <QComboBox>
#include <QEvent>

namespace peftdesk::ui {

class KeyedComboBox : public QComboBox {
  Q_OBJECT
 public:
  explicit KeyedComboBox(QWidget* parent = nullptr) : QComboBox(parent) {}

  QString key() const { return currentData().toString(); }
  // An unknown or empty key selects the first row.
  void setKey(const QString& key) {
    const int at = key.isEmpty() ? -1 : findData(key);
    setCurrentIndex(at < 0 ? 0 : at);
  }

 protected:
  virtual void retranslate() = 0;
  void changeEvent(QEvent* event) override {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QComboBox::changeEvent(event);
  }
};

}  // namespace peftdesk::ui
