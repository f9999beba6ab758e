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
// "1.9 MiB" (binary units, one decimal) and "1.50B" / "3.2M" / "12.5K": how sizes and counts read
// in text output.
std::string humanBytes(double bytes);
std::string humanCount(int64_t count);

}  // namespace peftdesk
