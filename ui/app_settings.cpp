// See app_settings.h.
#include "app_settings.h"

#include <QDir>
#include <QStandardPaths>

namespace peftdesk::ui {

namespace {
const SettingSpec kSettings[] = {
    {Setting::RecentModels, "model/recent", QStringList()},
    {Setting::WorkspaceDir, "workspace/dir", QString()},
    {Setting::Language, "ui/language", QStringLiteral("en")},
    {Setting::DraftJson, "form/draft", QString()},
    {Setting::CurrentPage, "ui/page", 0},
    {Setting::SmoothingWeight, "curves/smoothing", 0.6},
    {Setting::CurveXAxis, "curves/x_axis", QStringLiteral("step")},
    {Setting::CurveLogScale, "curves/log_scale", false},
    {Setting::WindowGeometry, "ui/geometry", QByteArray()},
    {Setting::ExtraRunFolders, "runs/extra_folders", QStringList()},
    {Setting::ChatOptions, "chat/options", QString()},
    {Setting::GuideDismissed, "ui/guide_dismissed", false},
    {Setting::ComparePrecision, "compare/precision", QStringLiteral("fp32")},
    {Setting::CompareDevice, "compare/device", QStringLiteral("auto")},
};
constexpr int kMaxRecent = 10;
}  // namespace

const SettingSpec& settingSpec(Setting key) {
  for (const SettingSpec& s : kSettings) {
    if (s.key == key) return s;
  }
  return kSettings[0];  // unreachable: every enumerator has a row
}

// ~/.local/share/PeftDesk/runs ($XDG_DATA_HOME), as README says. Versions before 2026-12 used Qt's
// per-application folder (organisation and application name: PeftDesk/PeftDesk/runs); a user who
// has runs there and none in the new place keeps finding them.
QString defaultWorkspaceDir() {
  const QString dataHome = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
  const QString current = dataHome + QStringLiteral("/PeftDesk/runs");
  const QString earlier = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/runs");
  if (earlier != current && !QDir(current).exists() && QDir(earlier).exists() && !QDir(earlier).isEmpty()) return earlier;
  return current;
}

QVariant AppSettings::value(Setting key) const {
  const SettingSpec& s = settingSpec(key);
  return settings_.value(QLatin1String(s.name), s.defaultValue);
}

void AppSettings::setValue(Setting key, const QVariant& value) { settings_.setValue(QLatin1String(settingSpec(key).name), value); }

QStringList AppSettings::recentModels() const { return value(Setting::RecentModels).toStringList(); }

void AppSettings::addRecentModel(const QString& dir) {
  QStringList list = recentModels();
  list.removeAll(dir);
  list.prepend(dir);
  while (list.size() > kMaxRecent) list.removeLast();
  setValue(Setting::RecentModels, list);
}

QString AppSettings::workspaceDir() const {
  const QString dir = value(Setting::WorkspaceDir).toString();
  return dir.isEmpty() ? defaultWorkspaceDir() : dir;
}

}  // namespace peftdesk::ui
