// See generation_config.h. Sampling parameters from generation_config.json are not applied by
// default: PeftDesk generates greedily unless the user asks for sampling, so results are
// reproducible; the file's EOS list is what matters.
#include "peftdesk/generation_config.h"

#include <nlohmann/json.hpp>

#include "peftdesk/json_file.h"

namespace peftdesk {
namespace {
void addIds(const nlohmann::json& j, std::vector<int32_t>& out) {
  auto add = [&](const nlohmann::json& v) {
    if (v.is_number_integer() && std::find(out.begin(), out.end(), v.get<int32_t>()) == out.end()) out.push_back(v.get<int32_t>());
  };
  if (!j.contains("eos_token_id")) return;
  const auto& e = j["eos_token_id"];
  if (e.is_array()) {
    for (const auto& v : e) add(v);
  } else {
    add(e);
  }
}
}  // namespace

GenerationOptions loadGenerationDefaults(const std::filesystem::path& dir) {
  GenerationOptions o;
  const auto gen = dir / "generation_config.json";
  if (std::filesystem::exists(gen)) addIds(readJsonFile(gen), o.stopTokenIds);
  if (o.stopTokenIds.empty() && std::filesystem::exists(dir / "config.json")) addIds(readJsonFile(dir / "config.json"), o.stopTokenIds);
  return o;
}

}  // namespace peftdesk
