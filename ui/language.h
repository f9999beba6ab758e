// Run-time language switching: English (the source strings) or Simplified Chinese. Installs the
// application's translator (compiled into the binary from translations/peftdesk_zh_CN.ts) and
// Qt's own for standard dialogs; every widget then receives QEvent::LanguageChange and
// retranslates itself.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QTranslator;

namespace peftdesk::ui {

class LanguageSwitcher : public QObject {
  Q_OBJECT
 public:
  explicit LanguageSwitcher(QObject* parent = nullptr);
  // Language codes offered: "en", "zh_CN".
  static QStringList available();
  static QString displayName(const QString& code);  // in its own language: "English", "简体中文"
  // Returns false (and stays on the current language) when the translation cannot be loaded.
  bool setLanguage(const QString& code);
  QString language() const { return current_; }

 private:
  QTranslator* app_;
  QTranslator* qt_;
  QString current_ = QStringLiteral("en");
};

}  // namespace peftdesk::ui
