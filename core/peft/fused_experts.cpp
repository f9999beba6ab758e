// See fused_experts.h.
#include "peft/fused_experts.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <regex>
#include <set>

#include "model/tensor_bridge.h"
#include "peftdesk/error.h"

namespace peftdesk {
namespace {

const char* kPrefix = "base_model.model.";

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
  j["target_modules"] = targetList;
  j["rank_pattern"] = rankPattern;
  j["alpha_pattern"] = alphaPattern;
  return parseAdapterConfig(j, config.source);
}

std::map<std::string, at::Tensor> splitFusedExpertTensors(const AdapterConfig& original, const std::shared_ptr<SafetensorsFile>& file,
                                                          const std::vector<std::string>& linearNames, int64_t hiddenSize,
                                                          int64_t intermediateSize, std::vector<std::string>& consumed) {
  std::map<std::string, at::Tensor> out;
  const std::string fileName = original.source;
  for (const std::string& layer : moeLayers(linearNames)) {
    const int64_t experts = expertCount(linearNames, layer);
    // The two wrapped parameters nest (experts.base_layer.* and experts.*) in an order that follows
    // the config; tell them apart by shape: gate_up's B has 2·I rows, down's A has I columns.
    struct Pair {
      std::string a, b;
      at::Tensor A, B;
    };
    std::vector<Pair> pairs;
    for (const std::string& stem : {layer + ".experts.base_layer", layer + ".experts"}) {
      const std::string a = kPrefix + stem + ".lora_A.weight", b = kPrefix + stem + ".lora_B.weight";
      const TensorInfo* ia = file->find(a);
      const TensorInfo* ib = file->find(b);
      if (!ia && !ib) continue;
      if (!ia || !ib) throw Error(ErrorCategory::Format, "lora_A and lora_B must come in pairs", {fileName, -1, -1, {}, ia ? b : a});
      pairs.push_back({a, b, loadTensor(WeightRef{file, ia}, at::kFloat), loadTensor(WeightRef{file, ib}, at::kFloat)});
    }
    for (Pair& p : pairs) {
      consumed.push_back(p.a);
      consumed.push_back(p.b);
      if (p.A.dim() != 2 || p.B.dim() != 2 || p.A.size(0) % experts != 0 || p.B.size(1) != p.A.size(0))
        throw Error(ErrorCategory::Format, "fused expert LoRA shapes do not fit " + std::to_string(experts) + " experts", {fileName, -1, -1, {}, p.a});
      const int64_t r = p.A.size(0) / experts;
      const int64_t rows = p.B.size(0), cols = p.A.size(1);
      // gate_up_proj: [2·I, H]; down_proj: [H, I].
      const bool isGateUp = rows == 2 * intermediateSize && cols == hiddenSize;
      if (!isGateUp && !(rows == hiddenSize && cols == intermediateSize))
        throw Error(ErrorCategory::Format,
                    "fused expert LoRA of shape [" + std::to_string(rows) + " x " + std::to_string(cols) +
                        "] is neither gate_up_proj nor down_proj of this model (hidden " + std::to_string(hiddenSize) + ", expert size " +
                        std::to_string(intermediateSize) + ")",
                    {fileName, -1, -1, {}, p.b});
      const at::Tensor B = p.B.reshape({rows, r, experts});
      for (int64_t e = 0; e < experts; ++e) {
        const at::Tensor Ae = p.A.narrow(0, e * r, r).contiguous();
        const at::Tensor Be = B.select(2, e).contiguous();
        const std::string expert = std::string(kPrefix) + layer + ".experts." + std::to_string(e) + ".";
        if (isGateUp) {
          const int64_t half = rows / 2;
          out.emplace(expert + "gate_proj.lora_A.weight", Ae);
          out.emplace(expert + "gate_proj.lora_B.weight", Be.narrow(0, 0, half).contiguous());
          out.emplace(expert + "up_proj.lora_A.weight", Ae.clone());
          out.emplace(expert + "up_proj.lora_B.weight", Be.narrow(0, half, half).contiguous());
        } else {
          out.emplace(expert + "down_proj.lora_A.weight", Ae);
          out.emplace(expert + "down_proj.lora_B.weight", Be);
        }
      }
    }
  }
  return out;
}

}  // namespace peftdesk
