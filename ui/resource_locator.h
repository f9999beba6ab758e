// Where the bundled resources (demo model, demo dataset) are: $PEFTDESK_RESOURCES, the install
// location next to the binary (../share/peftdesk), or the source tree of a developer build.
#pragma once

#include <QString>

namespace peftdesk::ui {

QString resourcesDir();          // empty when none found
QString demoModelDir();          // resources/demo/model, empty when absent
QString demoDataFile();          // resources/demo/data/demo_identity.json (the first-start data), empty when absent

}  // namespace peftdesk::ui
