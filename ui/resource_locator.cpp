// See resource_locator.h.
#include "resource_locator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace peftdesk::ui {

QString resourcesDir() {
  QStringList candidates;
  const QString env = qEnvironmentVariable("PEFTDESK_RESOURCES");
  if (!env.isEmpty()) candidates << env;
  const QString exeDir = QCoreApplication::applicationDirPath();
  candidates << exeDir + "/../share/peftdesk" << QStringLiteral(PEFTDESK_SOURCE_RESOURCES);
  for (const QString& c : candidates) {
    if (QFileInfo(c + "/demo").isDir()) return QDir::cleanPath(QDir(c).absolutePath());
  }
  return {};
}

QString demoModelDir() {
  const QString r = resourcesDir();
  if (r.isEmpty()) return {};
  const QString d = r + "/demo/model";
  return QFileInfo(d + "/config.json").exists() ? d : QString();
}

QString demoDataFile() {
  const QString r = resourcesDir();
  if (r.isEmpty()) return {};
  const QString f = r + "/demo/data/demo_identity.json";
  return QFileInfo::exists(f) ? f : QString();
}

}  // namespace peftdesk::ui
