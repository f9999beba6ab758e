// JSON form of a ParameterReport: the stable `peftdesk-cli params --json` contract.
#pragma once

#include <nlohmann/json.hpp>

#include "peftdesk/parameter_report.h"

namespace peftdesk {

nlohmann::json parameterReportJson(const ParameterReport& report);

}  // namespace peftdesk
