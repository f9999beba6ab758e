// Helpers shared by the GUI tests: settings isolated from the user's, and waiting for the Runs
// page's background refresh.
#pragma once

#include <QString>

namespace peftdesk::ui {
class RunsPage;
}

namespace peftdesk::test {

// QStandardPaths test mode (its own config and data folders), settings cleared, the workspace
// set to `workspaceDir`.
void useScratchSettings(const QString& workspaceDir);
// Re-reads the run folders and waits until the table shows them (records a failure on timeout).
void refreshAndWait(ui::RunsPage* runs);

}  // namespace peftdesk::test
