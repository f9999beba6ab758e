// Helpers shared by the GUI tests: settings isolated from the user's, waiting for the Runs page's
// background refresh, and reading / clicking what a Qt Quick panel shows.
#pragma once

#include <QString>

namespace peftdesk::ui {
class QuickPanel;
class RunsPage;
}

namespace peftdesk::test {

// QStandardPaths test mode (its own config and data folders), settings cleared, the workspace
// set to `workspaceDir`.
void useScratchSettings(const QString& workspaceDir);
// Re-reads the run folders and waits until the table shows them (records a failure on timeout).
void refreshAndWait(ui::RunsPage* runs);

// The `text` a QML item of a Qt Quick panel shows (found by objectName; records a failure and
// returns "" when there is none).
QString quickText(ui::QuickPanel* panel, const QString& objectName);
// The QML item's `value` (a ProgressBar's), NaN when there is none.
double quickItemValue(ui::QuickPanel* panel, const QString& objectName);
// Whether the QML item is visible and enabled, as a user sees it.
bool quickEnabled(ui::QuickPanel* panel, const QString& objectName);
// Clicks the middle of the QML item with the mouse, as a user would (records a failure when the
// item is missing or not visible).
void quickClick(ui::QuickPanel* panel, const QString& objectName);

}  // namespace peftdesk::test
