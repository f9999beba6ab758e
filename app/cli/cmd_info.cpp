// `peftdesk-cli info MODEL_DIR [--json]`: architecture summary from config.json and weight headers.
// The JSON keys are a stable contract (docs/cli.md); the GUI shows the same summary.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "peftdesk/model_summary.h"
#include "peftdesk/error.h"

namespace peftdesk::cli {

int runInfo(const Args& args) {
  if (args.positional().size() != 1) throw Error(ErrorCategory::Argument, "expected exactly one MODEL_DIR");
  const nlohmann::json j = modelSummaryJson(args.positional()[0]);
  if (args.flag("json")) {
    std::printf("%s\n", j.dump(2).c_str());
  } else {
    std::printf("%s", modelSummaryText(j).c_str());
  }
  return 0;
}

}  // namespace peftdesk::cli
