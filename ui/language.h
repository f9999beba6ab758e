// Run-time language switching: English (the source strings), Simplified Chinese (reviewed), and
// Japanese, Korean and Russian (unreviewed, said so in the menu). Installs the application's
// translator (compiled into the binary from translations/peftdesk_*.ts) and Qt's own for standard
// dialogs; every widget then receives QEvent::LanguageChange and retranslates itself.
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
  // Language codes offered: "en", "zh_CN", "ja", "ko", "ru".
  static QStringList available();
  // In its own language, with a note when unreviewed: "English", "简体中文", "Русский (перевод не проверен)".
  static QString displayName(const QString& code);
  static bool reviewed(const QString& code);
  // Returns false (and stays on the current language) when the translation cannot be loaded.
  bool setLanguage(const QString& code);
  QString language() const { return current_; }

 private:
  QTranslator* app_;
  QTranslator* qt_;
  QString current_ = QStringLiteral("en");
};

}  // namespace peftdesk::ui
