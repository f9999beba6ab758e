// See gui_test_support.h.
#include "gui_test_support.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include <QQuickItem>
#include <cmath>

#include "app_settings.h"
#include "quick_panel.h"
#include "runs_page.h"

namespace peftdesk::test {

void useScratchSettings(const QString& workspaceDir) {
  QStandardPaths::setTestModeEnabled(true);
  QSettings().clear();
  ui::AppSettings().setValue(ui::Setting::WorkspaceDir, workspaceDir);
}

void refreshAndWait(ui::RunsPage* runs) {
  QSignalSpy done(runs, &ui::RunsPage::refreshed);
  runs->refresh();
  QVERIFY(done.wait(10000));
}

QString quickText(ui::QuickPanel* panel, const QString& objectName) {
  QObject* item = panel->findItem(objectName);
  if (!item) {
    QTest::qFail(qPrintable(QStringLiteral("no QML item named %1 (%2)").arg(objectName, panel->errorText())), __FILE__, __LINE__);
    return {};
  }
  return item->property("text").toString();
}

double quickItemValue(ui::QuickPanel* panel, const QString& objectName) {
  QObject* item = panel->findItem(objectName);
  bool ok = false;
  const double v = item ? item->property("value").toDouble(&ok) : 0.0;
  return ok ? v : std::nan("");
}

bool quickEnabled(ui::QuickPanel* panel, const QString& objectName) {
  auto* item = qobject_cast<QQuickItem*>(panel->findItem(objectName));
  return item && item->isVisible() && item->isEnabled();
}

void quickClick(ui::QuickPanel* panel, const QString& objectName) {
  auto* item = qobject_cast<QQuickItem*>(panel->findItem(objectName));
  if (!item || !item->isVisible()) {
    QTest::qFail(qPrintable(QStringLiteral("no visible QML item named %1").arg(objectName)), __FILE__, __LINE__);
    return;
  }
  const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
  QTest::mouseClick(panel, Qt::LeftButton, Qt::NoModifier, centre.toPoint());
}

}  // namespace peftdesk::test
