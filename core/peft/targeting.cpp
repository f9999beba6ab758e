// See targeting.h. Regular expressions use std::regex (ECMAScript), which agrees with Python's
// re for the patterns adapter configs use; inline flags such as (?i) are rejected clearly.
#include "peft/targeting.h"

#include <map>
#include <regex>
#include <set>

#include "peft/method_registry.h"
#include "peftdesk/error.h"

namespace peftdesk {
namespace {

struct DefaultTargets {
  const char* modelType;
  std::vector<std::string> lora;
  std::vector<std::string> ia3;
  std::vector<std::string> ia3Feedforward;
};

// PEFT's TRANSFORMERS_MODELS_TO_*_TARGET_MODULES_MAPPING rows for the architectures we load.
const std::vector<DefaultTargets> kDefaults = {
    {"llama", {"q_proj", "v_proj"}, {"k_proj", "v_proj", "down_proj"}, {"down_proj"}},
    {"mistral", {"q_proj", "v_proj"}, {"k_proj", "v_proj", "down_proj"}, {"down_proj"}},
    {"qwen2", {"q_proj", "v_proj"}, {"q_proj", "v_proj", "down_proj"}, {"down_proj"}},
    {"qwen3", {"q_proj", "v_proj"}, {"q_proj", "v_proj", "down_proj"}, {"down_proj"}},
    {"gemma2", {"q_proj", "v_proj"}, {"q_proj", "v_proj", "down_proj"}, {"down_proj"}},
    {"gemma3_text", {"q_proj", "v_proj"}, {"q_proj", "v_proj", "down_proj"}, {"down_proj"}},
    {"gpt2", {"c_attn"}, {"c_attn", "mlp.c_proj"}, {"mlp.c_proj"}},
};

std::regex compile(const std::string& pattern, const AdapterConfig& c, const std::string& field) {
  if (pattern.find("(?") != std::string::npos && pattern.find("(?:") == std::string::npos && pattern.find("(?=") == std::string::npos &&
      pattern.find("(?!") == std::string::npos) {
    throw Error(ErrorCategory::Unsupported, "inline regex flags such as (?i) are not supported in '" + pattern + "'", {c.source, -1, -1, field});
  }
  try {
    return std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    throw Error(ErrorCategory::Config, "invalid regular expression '" + pattern + "': " + e.what(), {c.source, -1, -1, field});
  }
}

bool endsWithDot(const std::string& name, const std::string& entry) {
  return name == entry ||
         (name.size() > entry.size() && name.compare(name.size() - entry.size(), entry.size(), entry) == 0 &&
          name[name.size() - entry.size() - 1] == '.');
}

// Returns the entry of `sel` matching `name` ("" for regex / all-linear matches), or nullptr.
bool selects(const ModuleSelector& sel, const std::regex* re, const std::string& name, std::string* entry) {
  switch (sel.kind) {
    case ModuleSelector::Kind::None: return false;
    case ModuleSelector::Kind::AllLinear: return true;
    case ModuleSelector::Kind::Regex: return std::regex_match(name, *re);
    case ModuleSelector::Kind::List:
      for (const auto& e : sel.names) {
        if (endsWithDot(name, e)) {
          if (entry) *entry = e;
          return true;
        }
      }
      return false;
  }
  return false;
}

}  // namespace

int64_t layerIndexOf(const std::string& name, const std::string& layersPattern) {
  static const std::regex kAny(R"(.*\.[^.]*\.(\d+)\..*)");
  std::smatch m;
  if (layersPattern.empty()) {
    if (std::regex_match(name, m, kAny)) return std::stoll(m[1].str());
    return -1;
  }
  const std::regex re(".*\\." + layersPattern + "\\.(\\d+)\\..*");
  if (std::regex_match(name, m, re)) return std::stoll(m[1].str());
  return -1;
}

TargetResolution resolveTargets(const AdapterConfig& c, const ModelModules& mm) {
  if (!c.lora.targetParameters.empty())  // expanded into per-expert modules by AdapterSet::load
    throw Error(ErrorCategory::Unsupported,
                "target_parameters (LoRA on transformers 5's fused expert parameters) must be expanded into the model's "
                "per-expert modules before its targets are resolved",
                {c.source, -1, -1, "target_parameters"});
  TargetResolution out;
  // LoRA, LoHa and LoKr: LoRA's keys, ranks and default targets; IA³: its own.
  const bool isLora = peftMethod(c.type).targetKeys == TargetKeys::Rank;
  ModuleSelector targets = isLora ? c.lora.targets : c.ia3.targets;
  const ModuleSelector& exclude = isLora ? c.lora.exclude : c.ia3.exclude;
  ModuleSelector feedforward = c.ia3.feedforward;
  const auto& modulesToSave = isLora ? c.lora.modulesToSave : c.ia3.modulesToSave;

  if (targets.kind == ModuleSelector::Kind::None) {
    const auto hasDefault = peftMethod(c.type).hasDefaultTargets;  // a method's table may lack a model type
    for (const auto& d : kDefaults) {
      if (mm.modelType != d.modelType || (hasDefault && !hasDefault(mm.modelType))) continue;
      targets.kind = ModuleSelector::Kind::List;
      targets.names = isLora ? d.lora : d.ia3;
      if (!isLora && feedforward.kind == ModuleSelector::Kind::None) {
        feedforward.kind = ModuleSelector::Kind::List;
        feedforward.names = d.ia3Feedforward;
      }
    }
    if (targets.kind == ModuleSelector::Kind::None) {
      throw Error(ErrorCategory::Config, "target_modules is not set and PEFT has no default for model type '" + mm.modelType + "' (" +
                      peftTypeName(c.type) + ")",
                  {c.source, -1, -1, "target_modules"});
    }
  }
  std::regex targetRe, excludeRe, ffRe;
  if (targets.kind == ModuleSelector::Kind::Regex) targetRe = compile(targets.regex, c, "target_modules");
  if (exclude.kind == ModuleSelector::Kind::Regex) excludeRe = compile(exclude.regex, c, "exclude_modules");
  if (feedforward.kind == ModuleSelector::Kind::Regex) ffRe = compile(feedforward.regex, c, "feedforward_modules");
  std::vector<std::pair<std::regex, int64_t>> rankRes;
  std::vector<std::pair<std::regex, double>> alphaRes;
  for (const auto& [p, r] : c.lora.rankPattern) rankRes.emplace_back(compile("(.*\\.)?(" + p + ")", c, "rank_pattern." + p), r);
  for (const auto& [p, a] : c.lora.alphaPattern) alphaRes.emplace_back(compile("(.*\\.)?(" + p + ")", c, "alpha_pattern." + p), a);

  std::set<std::string> matchedEntries;
  for (const auto& name : mm.linearNames) {
    bool saved = false;
    for (const auto& m : modulesToSave) {
      if (endsWithDot(name, m)) {
        saved = true;
        out.modulesToSave.push_back(name);
      }
    }
    if (selects(exclude, &excludeRe, name, nullptr) || saved) continue;
    if (targets.kind == ModuleSelector::Kind::AllLinear && name == mm.outputEmbedding) continue;
    std::string entry;
    if (!selects(targets, &targetRe, name, &entry)) continue;
    matchedEntries.insert(targets.kind == ModuleSelector::Kind::List ? entry : std::string("*"));
    // PEFT applies layers_to_transform to suffix matches only, not to exact module names.
    if (isLora && !c.lora.layersToTransform.empty() && entry != name) {
      const int64_t layer = layerIndexOf(name, c.lora.layersPattern);
      bool keep = false;
      for (int64_t l : c.lora.layersToTransform) keep = keep || l == layer;
      if (!keep) continue;
    }
    TargetModule t;
    t.name = name;
    if (isLora) {
      t.r = c.lora.r;
      t.alpha = c.lora.alpha;
      for (const auto& [re, r] : rankRes) {
        if (std::regex_match(name, re)) {
          t.r = r;
          break;
        }
      }
      for (const auto& [re, a] : alphaRes) {
        if (std::regex_match(name, re)) {
          t.alpha = a;
          break;
        }
      }
    } else {
      if (feedforward.kind == ModuleSelector::Kind::Regex) {
        t.feedforward = std::regex_match(name, ffRe);
      } else {
        for (const auto& f : feedforward.names)
          t.feedforward = t.feedforward || (name.size() >= f.size() && name.compare(name.size() - f.size(), f.size(), f) == 0);
      }
    }
    out.targets.push_back(t);
  }
  if (targets.kind == ModuleSelector::Kind::List) {
    for (const auto& e : targets.names)
      if (!matchedEntries.count(e)) out.unmatchedEntries.push_back(e);
  } else if (targets.kind == ModuleSelector::Kind::Regex && matchedEntries.empty()) {
    out.unmatchedEntries.push_back(targets.regex);
  }
  for (const auto& m : modulesToSave) {
    bool found = false;
    for (const auto& n : out.modulesToSave) found = found || endsWithDot(n, m);
    if (!found) {
      throw Error(ErrorCategory::Config, "modules_to_save entry '" + m + "' is not a linear module of this model (only linear modules such as lm_head are supported)",
                  {c.source, -1, -1, "modules_to_save"});
    }
  }
  if (out.targets.empty()) {
    std::set<std::string> suffixes;
    for (const auto& n : mm.linearNames) suffixes.insert(n.substr(n.rfind('.') + 1));
    std::string have;
    for (const auto& s : suffixes) have += (have.empty() ? "" : ", ") + s;
    std::string wanted = targets.kind == ModuleSelector::Kind::Regex ? targets.regex : "";
    for (const auto& e : targets.names) wanted += (wanted.empty() ? "" : ", ") + e;
    throw Error(ErrorCategory::Config, "target modules [" + wanted + "] matched no module of the model (its linear modules are: " + have + ")",
                {c.source, -1, -1, "target_modules"});
  }
  return out;
}

}  // namespace peftdesk
