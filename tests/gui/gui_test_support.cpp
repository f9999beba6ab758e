// See gui_test_support.h.
#include "gui_test_support.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include "app_settings.h"
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

}  // namespace peftdesk::test
