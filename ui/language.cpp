// See language.h.
#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace peftdesk::ui {

namespace {

// One row per language. Unreviewed translations were made without a native speaker's review: the
// .ts marks every message unfinished (Qt Linguist's "not yet accepted"; lrelease still compiles
// them) and the Language menu says so in that language.
struct LanguageRow {
  const char* code;
  const char* nativeName;
  const char* unreviewedNote;  // nullptr once reviewed
};
constexpr LanguageRow kLanguages[] = {
    {"en", "English", nullptr},
    {"zh_CN", "简体中文", nullptr},
    {"ja", "日本語", "（未レビューの翻訳）"},
    {"ko", "한국어", " (검토되지 않은 번역)"},
    {"ru", "Русский", " (перевод не проверен)"},
};

const LanguageRow* rowOf(const QString& code) {
  for (const auto& row : kLanguages)
    if (code == QLatin1String(row.code)) return &row;
  return nullptr;
}

}  // namespace

LanguageSwitcher::LanguageSwitcher(QObject* parent)
    : QObject(parent), app_(new QTranslator(this)), qt_(new QTranslator(this)) {}

QStringList LanguageSwitcher::available() {
  QStringList codes;
  for (const auto& row : kLanguages) codes << QString::fromLatin1(row.code);
  return codes;
}

bool LanguageSwitcher::reviewed(const QString& code) {
  const LanguageRow* row = rowOf(code);
  return row && !row->unreviewedNote;
}

QString LanguageSwitcher::displayName(const QString& code) {
  const LanguageRow* row = rowOf(code);
  if (!row) return code;
  return QString::fromUtf8(row->nativeName) + (row->unreviewedNote ? QString::fromUtf8(row->unreviewedNote) : QString());
}

bool LanguageSwitcher::setLanguage(const QString& code) {
  if (code == current_) return true;
  if (!available().contains(code)) return false;
  // Dates and numbers follow the language too (set before the translators: installing them posts
  // the LanguageChange events on which pages re-format). English keeps the system's regional
  // formats when the system is English.
  const QLocale system = QLocale::system();
  const QLocale english = system.language() == QLocale::English || system.language() == QLocale::C ? system : QLocale(QLocale::English);
  QLocale::setDefault(code == QLatin1String("en") ? english : QLocale(code));
  QCoreApplication::removeTranslator(app_);
  QCoreApplication::removeTranslator(qt_);
  if (code != QLatin1String("en")) {
    if (!app_->load(QStringLiteral(":/i18n/peftdesk_%1.qm").arg(code))) {
      // Back to the source language rather than a half-translated window.
      current_ = QStringLiteral("en");
      QLocale::setDefault(english);
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
