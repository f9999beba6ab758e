// See language.h.
#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace peftdesk::ui {

LanguageSwitcher::LanguageSwitcher(QObject* parent)
    : QObject(parent), app_(new QTranslator(this)), qt_(new QTranslator(this)) {}

QStringList LanguageSwitcher::available() { return {QStringLiteral("en"), QStringLiteral("zh_CN")}; }

QString LanguageSwitcher::displayName(const QString& code) {
  if (code == QLatin1String("zh_CN")) return QStringLiteral("简体中文");
  return QStringLiteral("English");
}

bool LanguageSwitcher::setLanguage(const QString& code) {
  if (code == current_) return true;
  if (!available().contains(code)) return false;
  // Dates and numbers follow the language too (set before the translators: installing them posts
  // the LanguageChange events on which pages re-format). English keeps the system's regional
  // formats when the system is English.
  const QLocale system = QLocale::system();
  const bool englishSystem = system.language() == QLocale::English || system.language() == QLocale::C;
  QLocale::setDefault(code == QLatin1String("en") ? (englishSystem ? system : QLocale(QLocale::English)) : QLocale(code));
  QCoreApplication::removeTranslator(app_);
  QCoreApplication::removeTranslator(qt_);
  if (code != QLatin1String("en")) {
    if (!app_->load(QStringLiteral(":/i18n/peftdesk_%1.qm").arg(code))) {
      // Back to the source language rather than a half-translated window.
      current_ = QStringLiteral("en");
      QLocale::setDefault(englishSystem ? system : QLocale(QLocale::English));
      return false;
    }
    QCoreApplication::installTranslator(app_);
    if (qt_->load(QStringLiteral("qtbase_%1").arg(code), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
      QCoreApplication::installTranslator(qt_);
    }
  }
  current_ = code;
  return true;
}

}  // namespace peftdesk::ui
