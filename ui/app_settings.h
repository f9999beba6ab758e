// The application's persistent settings: one table of QSettings keys with their defaults
// (DESIGN.md §7), so every key is spelled once and a reader sees at a glance what is stored.
#pragma once

#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace peftdesk::ui {

enum class Setting {
  RecentModels,      // QStringList, most recent first
  WorkspaceDir,      // where new runs go and the Runs page looks
  Language,          // "en" or "zh_CN"
  DraftJson,         // the form state (a RUN.json) as last edited
  CurrentPage,       // index of the page shown
  SmoothingWeight,   // exponential moving average weight of the smoothed loss curve (0..0.999)
  CurveXAxis,        // "step", "epoch", "tokens" or "time"
  CurveLogScale,     // bool
  WindowGeometry,    // QByteArray
  ExtraRunFolders,   // QStringList: run folders outside the workspace added on the Runs page
  ChatOptions,       // JSON object: the Chat page's template, system prompt and sampling settings
  GuideDismissed,    // bool: the getting-started guide was closed or finished
  ComparePrecision,  // "fp32", "bf16" or "nf4": how the Compare page holds the base
  CompareDevice,     // "auto", "cpu" or "cuda:N": where the Compare page runs the base
};

struct SettingSpec {
  Setting key;
  const char* name;  // the QSettings key
  QVariant defaultValue;
};

const SettingSpec& settingSpec(Setting key);
// Default workspace: $XDG_DATA_HOME/PeftDesk/runs (QStandardPaths::AppLocalDataLocation + /runs).
QString defaultWorkspaceDir();

class AppSettings {
 public:
  QVariant value(Setting key) const;
  void setValue(Setting key, const QVariant& value);
  QStringList recentModels() const;
  void addRecentModel(const QString& dir);  // moves it to the front; keeps 10
  QString workspaceDir() const;

 private:
  QSettings settings_;
};

}  // namespace peftdesk::ui
