// See fused_experts.h.
#include "peft/fused_experts.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <regex>
#include <set>

#include "model/tensor_bridge.h"
#include "peftdesk/error.h"
#include "peftdesk/peft_folder.h"

namespace peftdesk {
namespace {

const char* kPrefix = peft_folder::kKeyPrefix;

// "model.layers.3.mlp" for every layer whose experts the model has, in order.
std::vector<std::string> moeLayers(const std::vector<std::string>& linearNames) {
  static const std::regex expert(R"((.*\.mlp)\.experts\.0\.gate_proj)");
  std::vector<std::string> out;
  std::smatch m;
  for (const auto& n : linearNames)
    if (std::regex_match(n, m, expert)) out.push_back(m[1]);
  return out;
}

int64_t expertCount(const std::vector<std::string>& linearNames, const std::string& layer) {
  int64_t e = 0;
  std::set<std::string> names(linearNames.begin(), linearNames.end());
  while (names.count(layer + ".experts." + std::to_string(e) + ".gate_proj")) ++e;
  return e;
}

// PEFT's rank / alpha for one fused parameter ("model.layers.0.mlp.experts.gate_up_proj"): the
// first pattern that matches its name, else the config's value.
template <class V>
V patternValue(const std::vector<std::pair<std::string, V>>& patterns, const std::string& name, V fallback, const AdapterConfig& c,
               const char* field) {
  for (const auto& [p, v] : patterns) {
    std::regex re;
    try {
      re = std::regex("(.*\\.)?(" + p + ")");
    } catch (const std::regex_error&) {
      throw Error(ErrorCategory::Config, "'" + p + "' is not a valid regular expression", {c.source, -1, -1, std::string(field) + "." + p});
    }
    if (std::regex_match(name, re)) return v;
  }
  return fallback;
}

std::string escapeDots(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '.' ? std::string("\\.") : std::string(1, c);
  return out;
}

bool targets(const AdapterConfig& c, const char* param) {
  return std::find(c.lora.targetParameters.begin(), c.lora.targetParameters.end(), param) != c.lora.targetParameters.end();
}

}  // namespace

bool hasFusedExpertTargets(const AdapterConfig& config) { return !config.lora.targetParameters.empty(); }

AdapterConfig convertToFusedExpertTargets(const AdapterConfig& config, const std::vector<std::string>& resolvedModules,
                                          const std::vector<std::string>& linearNames) {
  if (config.type != PeftType::Lora || hasFusedExpertTargets(config) || moeLayers(linearNames).empty()) return config;
  nlohmann::json j = config.json;
  const nlohmann::json given = j.contains("target_modules") ? j["target_modules"] : nlohmann::json();
  std::vector<std::string> targets;
  if (given.is_string()) {
    std::set<std::string> leaves;
    for (const auto& m : resolvedModules) leaves.insert(m.substr(m.rfind('.') + 1));
    targets.assign(leaves.begin(), leaves.end());
  } else if (given.is_array()) {
    for (const auto& t : given)
      if (t.is_string()) targets.push_back(t.get<std::string>());
  } else {
    return config;  // the model type's default targets (attention) involve no experts
  }
  // transformers 4 names → transformers 5's fused parameters, in PEFT's order of matching.
  static const std::vector<std::pair<std::string, std::string>> kRenamed = {
      {"gate", "gate.weight"}, {"gate_proj", "gate_up_proj"}, {"up_proj", "gate_up_proj"}, {"down_proj", "down_proj"}};
  std::set<std::string> parameters, remaining, gateUp;
  for (const std::string& t : targets) {
    const auto hit = std::find_if(kRenamed.begin(), kRenamed.end(), [&](const auto& r) {
      return t == r.first || (t.size() > r.first.size() && t.compare(t.size() - r.first.size() - 1, std::string::npos, "." + r.first) == 0);
    });
    if (hit == kRenamed.end()) {
      remaining.insert(t);
      continue;
    }
    parameters.insert(hit->second);
    if (hit->second == "gate_up_proj") gateUp.insert(hit->first);
  }
  if (parameters.empty()) return config;
  if (gateUp.size() == 1) {
    const std::string present = *gateUp.begin(), missing = present == "gate_proj" ? "up_proj" : "gate_proj";
    throw Error(ErrorCategory::Unsupported,
                "cannot target " + present + " without also targeting " + missing +
                    ": this model's experts keep both in one fused gate_up_proj (PEFT 0.21 refuses the same)",
                {config.source, -1, -1, "target_modules"});
  }
  if (gateUp.size() == 2) {  // one A for both halves: twice the rank, twice alpha (the same scaling)
    if (!j["rank_pattern"].is_object()) j["rank_pattern"] = nlohmann::json::object();
    if (!j["alpha_pattern"].is_object()) j["alpha_pattern"] = nlohmann::json::object();
    j["rank_pattern"][R"(.*\.gate_up_proj)"] = config.lora.r * 2;
    // An integer alpha stays one, as PEFT writes lora_alpha * 2.
    const bool integerAlpha = !j.contains("lora_alpha") || j["lora_alpha"].is_number_integer();
    j["alpha_pattern"][R"(.*\.gate_up_proj)"] =
        integerAlpha ? nlohmann::json(static_cast<int64_t>(config.lora.alpha) * 2) : nlohmann::json(config.lora.alpha * 2);
  }
  j["target_modules"] = std::vector<std::string>(remaining.begin(), remaining.end());
  j["target_parameters"] = std::vector<std::string>(parameters.begin(), parameters.end());
  return parseAdapterConfig(j, config.source);
}

std::vector<std::string> fusedExpertModules(const AdapterConfig& original, const std::vector<std::string>& linearNames) {
  std::vector<std::string> out;
  for (const std::string& layer : moeLayers(linearNames)) {
    const int64_t experts = expertCount(linearNames, layer);
    for (int64_t e = 0; e < experts; ++e) {
      const std::string expert = layer + ".experts." + std::to_string(e) + ".";
      if (targets(original, "gate_up_proj")) {
        out.push_back(expert + "gate_proj");
        out.push_back(expert + "up_proj");
      }
      if (targets(original, "down_proj")) out.push_back(expert + "down_proj");
    }
  }
  return out;
}

AdapterConfig expandFusedExpertTargets(const AdapterConfig& config, const std::vector<std::string>& linearNames) {
  const std::vector<std::string> layers = moeLayers(linearNames);
  if (layers.empty())
    throw Error(ErrorCategory::Unsupported, "target_parameters (LoRA on fused mixture-of-experts parameters) but this model has no experts",
                {config.source, -1, -1, "target_parameters"});
  nlohmann::json j = config.json;
  j.erase("target_parameters");
  nlohmann::json targetList = nlohmann::json::array();
  const nlohmann::json& given = j.contains("target_modules") ? j["target_modules"] : nlohmann::json();
  if (given.is_array()) {
    targetList = given;
  } else if (!given.is_null()) {
    throw Error(ErrorCategory::Unsupported, "target_parameters together with a target_modules pattern: expected a list of modules",
                {config.source, -1, -1, "target_modules"});
  }
  nlohmann::json rankPattern = j.contains("rank_pattern") && j["rank_pattern"].is_object() ? j["rank_pattern"] : nlohmann::json::object();
  nlohmann::json alphaPattern = j.contains("alpha_pattern") && j["alpha_pattern"].is_object() ? j["alpha_pattern"] : nlohmann::json::object();
  for (const std::string& layer : layers) {
    const int64_t experts = expertCount(linearNames, layer);
    const auto add = [&](const std::string& param, const std::vector<std::string>& projections) {
      const std::string fused = layer + ".experts." + param;
      const int64_t r = patternValue(config.lora.rankPattern, fused, config.lora.r, config, "rank_pattern");
      const double alpha = patternValue(config.lora.alphaPattern, fused, config.lora.alpha, config, "alpha_pattern");
      std::string alternatives;
      for (const auto& p : projections) {
        alternatives += (alternatives.empty() ? "" : "|") + p;
        for (int64_t e = 0; e < experts; ++e) targetList.push_back(layer + ".experts." + std::to_string(e) + "." + p);
      }
      const std::string key = escapeDots(layer) + "\\.experts\\.\\d+\\.(" + alternatives + ")";
      rankPattern[key] = r;
      alphaPattern[key] = alpha;
    };
    if (targets(config, "gate_up_proj")) add("gate_up_proj", {"gate_proj", "up_proj"});
    if (targets(config, "down_proj")) add("down_proj", {"down_proj"});
    if (targets(config, "gate.weight")) targetList.push_back(layer + ".gate");
  }
  // The user's own pattern keys were read for the fused names above; one that would also match a
  // per-expert module name ("gate_proj", ".*experts.*") must not override the expanded keys (the
  // first matching key wins, and object keys sort), or gate and up would get different ranks.
  std::vector<std::string> expertModules, otherModules;
  for (const auto& t : targetList)
    if (t.is_string() && t.get<std::string>().find(".experts.") != std::string::npos) expertModules.push_back(t.get<std::string>());
  // The other modules this config adapts (a list entry names a module or a name suffix, as in PEFT).
  for (const auto& n : linearNames) {
    if (n.find(".experts.") != std::string::npos) continue;
    for (const auto& t : targetList) {
      if (!t.is_string() || t.get<std::string>().find(".experts.") != std::string::npos) continue;
      const std::string entry = t.get<std::string>();
      if (n == entry || (n.size() > entry.size() && n.compare(n.size() - entry.size() - 1, std::string::npos, "." + entry) == 0)) {
        otherModules.push_back(n);
        break;
      }
    }
  }
  for (const char* field : {"rank_pattern", "alpha_pattern"}) {
    nlohmann::json& patterns = std::string(field) == "rank_pattern" ? rankPattern : alphaPattern;
    const nlohmann::json userKeys = config.json.contains(field) && config.json.at(field).is_object() ? config.json.at(field) : nlohmann::json::object();
    for (const auto& item : userKeys.items()) {
      std::regex re;
      try {
        re = std::regex("(.*\\.)?(" + item.key() + ")");
      } catch (const std::regex_error&) {
        continue;  // reported where the pattern is used
      }
      const auto matches = [&](const std::vector<std::string>& names) {
        return std::any_of(names.begin(), names.end(), [&](const std::string& m) { return std::regex_match(m, re); });
      };
      if (!matches(expertModules)) continue;
      if (matches(otherModules))
        throw Error(ErrorCategory::Unsupported,
                    "'" + item.key() + "' matches both the experts' modules and others: with target_parameters, name the fused "
                    "parameters (e.g. '.*\\.gate_up_proj') and the other modules in separate keys",
                    {config.source, -1, -1, std::string(field) + "." + item.key()});
      patterns.erase(item.key());
    }
  }
  j["target_modules"] = targetList;
  j["rank_pattern"] = rankPattern;
  j["alpha_pattern"] = alphaPattern;
  return parseAdapterConfig(j, config.source);
}

namespace {

// The file stem PEFT gives a fused parameter's LoRA in one layer: the experts module wraps
// gate_up_proj first (its parameter order), so with both targeted gate_up_proj's LoRA sits one
// level down ("experts.base_layer"); alone, either is "experts".
std::string fusedStem(const AdapterConfig& original, const std::string& layer, bool gateUp) {
  const bool both = targets(original, "gate_up_proj") && targets(original, "down_proj");
  return layer + (both && gateUp ? ".experts.base_layer" : ".experts");
}

}  // namespace

std::map<std::string, at::Tensor> splitFusedExpertTensor(const AdapterConfig& original, const std::string& name, const at::Tensor& values,
                                                         const std::vector<std::string>& linearNames, int64_t hiddenSize,
                                                         int64_t intermediateSize) {
  std::map<std::string, at::Tensor> out;
  const std::string& fileName = original.source;
  for (const std::string& layer : moeLayers(linearNames)) {
    std::string part;
    for (const std::string& stem : {layer + ".experts.base_layer", layer + ".experts"})
      for (const char* p : {"lora_A", "lora_B"})
        if (name == kPrefix + stem + "." + p + ".weight") part = p;
    if (part.empty()) continue;
    const int64_t experts = expertCount(linearNames, layer);
    const bool isA = part == "lora_A";
    if (values.dim() != 2 || (isA ? values.size(0) : values.size(1)) % experts != 0)
      throw Error(ErrorCategory::Format, "fused expert LoRA shapes do not fit " + std::to_string(experts) + " experts", {fileName, -1, -1, {}, name});
    // gate_up_proj: [2·I, H]; down_proj: [H, I]. Told apart by shape; by the file stem only when
    // the sizes cannot tell (hidden == expert size).
    const int64_t lengthH = isA ? values.size(1) : values.size(0);
    const bool gateUpShape = isA ? lengthH == hiddenSize : lengthH == 2 * intermediateSize;
    const bool downShape = isA ? lengthH == intermediateSize : lengthH == hiddenSize;
    if (!gateUpShape && !downShape)
      throw Error(ErrorCategory::Format,
                  "fused expert LoRA of shape [" + std::to_string(values.size(0)) + " x " + std::to_string(values.size(1)) +
                      "] is neither gate_up_proj's nor down_proj's for this model (hidden " + std::to_string(hiddenSize) + ", expert size " +
                      std::to_string(intermediateSize) + ")",
                  {fileName, -1, -1, {}, name});
    // Both shapes fit: the one parameter the config targets, or with both, the file stem.
    const bool onlyGateUp = targets(original, "gate_up_proj") && !targets(original, "down_proj");
    const bool onlyDown = targets(original, "down_proj") && !targets(original, "gate_up_proj");
    const bool isGateUp = !(gateUpShape && downShape) ? gateUpShape
                          : onlyGateUp || onlyDown   ? onlyGateUp
                                                     : name == kPrefix + fusedStem(original, layer, true) + "." + part + ".weight";
    const int64_t r = (isA ? values.size(0) : values.size(1)) / experts;
    for (int64_t e = 0; e < experts; ++e) {
      const std::string expert = std::string(kPrefix) + layer + ".experts." + std::to_string(e) + ".";
      // A is expert-major (rows e·r … e·r+r-1); B's columns expert-minor (column k·E + e).
      const at::Tensor piece = isA ? values.narrow(0, e * r, r).contiguous() : values.reshape({values.size(0), r, experts}).select(2, e).contiguous();
      const std::string suffix = "." + part + ".weight";
      if (!isGateUp) {
        out.emplace(expert + "down_proj" + suffix, piece);
      } else if (isA) {  // gate and up share A
        out.emplace(expert + "gate_proj" + suffix, piece);
        out.emplace(expert + "up_proj" + suffix, piece.clone());
      } else {
        const int64_t half = piece.size(0) / 2;
        out.emplace(expert + "gate_proj" + suffix, piece.narrow(0, 0, half).contiguous());
        out.emplace(expert + "up_proj" + suffix, piece.narrow(0, half, half).contiguous());
      }
    }
  }
  return out;
}

std::map<std::string, at::Tensor> splitFusedExpertTensors(const AdapterConfig& original, const std::shared_ptr<SafetensorsFile>& file,
                                                          const std::vector<std::string>& linearNames, int64_t hiddenSize,
                                                          int64_t intermediateSize, std::vector<std::string>& consumed) {
  std::map<std::string, at::Tensor> out;
  for (const std::string& layer : moeLayers(linearNames)) {
    for (const std::string& stem : {layer + ".experts.base_layer", layer + ".experts"}) {
      const std::string a = kPrefix + stem + ".lora_A.weight", b = kPrefix + stem + ".lora_B.weight";
      const TensorInfo* ia = file->find(a);
      const TensorInfo* ib = file->find(b);
      if (!ia && !ib) continue;
      if (!ia || !ib) throw Error(ErrorCategory::Format, "lora_A and lora_B must come in pairs", {original.source, -1, -1, {}, ia ? b : a});
      const at::Tensor A = loadTensor(WeightRef{file, ia}, at::kFloat), B = loadTensor(WeightRef{file, ib}, at::kFloat);
      if (A.dim() != 2 || B.dim() != 2 || B.size(1) != A.size(0))
        throw Error(ErrorCategory::Format, "lora_B's columns must match lora_A's rows", {original.source, -1, -1, {}, b});
      for (const auto& [name, values] : {std::pair<std::string, at::Tensor>{a, A}, {b, B}}) {
        consumed.push_back(name);
        for (auto& [n, t] : splitFusedExpertTensor(original, name, values, linearNames, hiddenSize, intermediateSize)) out.emplace(n, t);
      }
    }
  }
  return out;
}

std::map<std::string, at::Tensor> fuseExpertTensors(const AdapterConfig& original, std::map<std::string, at::Tensor>& perExpert,
                                                    const std::vector<std::string>& linearNames) {
  std::map<std::string, at::Tensor> out;
  for (const std::string& layer : moeLayers(linearNames)) {
    const int64_t experts = expertCount(linearNames, layer);
    for (const bool gateUp : {true, false}) {
      if (!targets(original, gateUp ? "gate_up_proj" : "down_proj")) continue;
      const std::string stem = std::string(kPrefix) + fusedStem(original, layer, gateUp);
      std::vector<at::Tensor> As, Bs;
      for (int64_t e = 0; e < experts; ++e) {
        const std::string expert = std::string(kPrefix) + layer + ".experts." + std::to_string(e) + ".";
        auto take = [&](const std::string& n) {
          auto it = perExpert.find(n);
          if (it == perExpert.end()) throw Error(ErrorCategory::Argument, "per-expert LoRA tensor missing: " + n);
          at::Tensor t = it->second;
          perExpert.erase(it);
          return t;
        };
        if (gateUp) {
          As.push_back(take(expert + "gate_proj.lora_A.weight"));
          take(expert + "up_proj.lora_A.weight");  // the same A (tied)
          Bs.push_back(at::cat({take(expert + "gate_proj.lora_B.weight"), take(expert + "up_proj.lora_B.weight")}, 0));
        } else {
          As.push_back(take(expert + "down_proj.lora_A.weight"));
          Bs.push_back(take(expert + "down_proj.lora_B.weight"));
        }
      }
      const at::Tensor B = at::stack(Bs, 2);  // [rows, r, E]: column k·E + e once flattened
      out.emplace(stem + ".lora_A.weight", at::cat(As, 0));
      out.emplace(stem + ".lora_B.weight", B.reshape({B.size(0), B.size(1) * experts}));
    }
  }
  return out;
}

}  // namespace peftdesk
