// ParameterEntry helpers and the stable JSON form of a ParameterReport (docs/cli.md, `params`).
#include "peftdesk/parameter_report.h"

#include <map>
#include <nlohmann/json.hpp>

#include "peftdesk/parameter_report_json.h"

namespace peftdesk {

int64_t ParameterEntry::numel() const {
  int64_t n = 1;
  for (auto d : shape) n *= d;
  return n;
}

nlohmann::json parameterReportJson(const ParameterReport& r) {
  nlohmann::json j;
  j["trainable_params"] = r.trainableParams;
  j["all_params"] = r.allParams;
  j["trainable_percent"] = r.trainablePercent;
  j["counting"] = r.countingConvention;
  j["adapter_file_bytes"] = r.adapterFileBytes;
  j["unmatched_targets"] = r.unmatchedTargets;
  // modules: one entry per module in first-seen order, each with its parameters.
  nlohmann::json modules = nlohmann::json::array();
  std::map<std::string, size_t> index;
  for (const auto& p : r.parameters) {
    auto it = index.find(p.module);
    if (it == index.end()) {
      it = index.emplace(p.module, modules.size()).first;
      modules.push_back({{"module", p.module}, {"layer", p.layer >= 0 ? nlohmann::json(p.layer) : nlohmann::json(nullptr)},
                         {"trainable_params", 0}, {"params", nlohmann::json::array()}});
    }
    auto& m = modules[it->second];
    m["params"].push_back({{"name", p.name}, {"shape", p.shape}, {"dtype", p.dtype}, {"trainable", p.trainable},
                           {"method", p.method}, {"part", p.part}, {"numel", p.numel()}});
    if (p.trainable) m["trainable_params"] = m["trainable_params"].get<int64_t>() + p.numel();
  }
  j["modules"] = modules;
  return j;
}

}  // namespace peftdesk
