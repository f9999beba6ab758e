// See lora_start_keys.h. The conversion follows PEFT 0.21.2's PeftModel.save_pretrained with
// path_initial_model_for_weight_conversion (peft/peft_model.py).
#include "peft/methods/lora_start_keys.h"

#include <cctype>
#include <cmath>

namespace peftdesk {
namespace {
const char kNiterPrefix[] = "pissa_niter_";
}  // namespace

int pissaIterations(const std::string& init) {
  const std::string prefix = kNiterPrefix;
  if (init.size() <= prefix.size() || init.compare(0, prefix.size(), prefix) != 0) return -1;
  const std::string digits = init.substr(prefix.size());
  for (char ch : digits)
    if (!std::isdigit(static_cast<unsigned char>(ch))) return -1;
  return digits.size() > 4 ? -1 : std::stoi(digits);
}

std::string canonicalInit(const std::string& init) {
  std::string lower = init;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return lower == "olora" ? lower : init;
}

bool startsFromBase(const std::string& init) { return init == "pissa" || init == "olora" || pissaIterations(init) >= 0; }

void checkBaseStartKeys(const ConfigReader& r, const LoraSettings& l) {
  if (l.init.rfind(kNiterPrefix, 0) == 0 && pissaIterations(l.init) < 0)
    r.fail("init_lora_weights", "'" + l.init + "': expected pissa_niter_ followed by a number of iterations, e.g. pissa_niter_16");
  if (!startsFromBase(l.init)) return;
  if (l.useDora) r.fail("init_lora_weights", "a PiSSA / OLoRA start together with DoRA (use_dora) is not supported", ErrorCategory::Unsupported);
  if (l.useRslora && (!l.rankPattern.empty() || !l.alphaPattern.empty()))
    r.fail("init_lora_weights",
           "a PiSSA / OLoRA start with rsLoRA and rank_pattern / alpha_pattern cannot be saved as a plain LoRA (PEFT refuses it too)",
           ErrorCategory::Unsupported);
}

nlohmann::json convertedLoraConfig(nlohmann::json j, bool useRslora) {
  // As PEFT: integers stay integers when doubled; rsLoRA's √2 makes lora_alpha a float.
  const auto scaled = [](nlohmann::json& v, double factor) {
    if (v.is_number_integer() && factor == 2.0) v = v.get<int64_t>() * 2;
    else if (v.is_number()) v = v.get<double>() * factor;
  };
  j["init_lora_weights"] = true;
  if (!j.contains("r") || j["r"].is_null()) j["r"] = 8;  // PEFT's defaults, written out before scaling them
  if (!j.contains("lora_alpha") || j["lora_alpha"].is_null()) j["lora_alpha"] = 8;
  scaled(j["r"], 2.0);
  scaled(j["lora_alpha"], useRslora ? std::sqrt(2.0) : 2.0);
  for (const char* key : {"rank_pattern", "alpha_pattern"}) {
    if (!j.contains(key) || !j[key].is_object()) continue;
    for (auto& entry : j[key].items()) scaled(entry.value(), 2.0);
  }
  return j;
}

}  // namespace peftdesk
