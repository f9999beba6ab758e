// The architecture summary of a model folder as a stable JSON object (what `peftdesk-cli info
// --json` prints and the GUI's model page shows) and its human-readable text form.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "peftdesk/model.h"

namespace peftdesk {

nlohmann::json modelSummaryJson(const ModelInfo& info);
nlohmann::json modelSummaryJson(const std::filesystem::path& modelDir);  // inspectModel + above
std::string modelSummaryText(const nlohmann::json& summary);

}  // namespace peftdesk
