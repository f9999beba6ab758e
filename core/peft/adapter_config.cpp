// See adapter_config.h. One parse function per method in a table; keys that change the math
// and are not implemented are refused (spec §3.2), unknown keys are ignored like PEFT >= 0.14.
#include "peftdesk/adapter_config.h"

#include <cmath>

#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "peftdesk/peft_folder.h"

namespace peftdesk {
namespace {

class Reader {
 public:
  Reader(const nlohmann::json& j, const std::string& source) : j_(j), source_(source) {}
  [[noreturn]] void fail(const std::string& field, const std::string& msg, ErrorCategory c = ErrorCategory::Config) const {
    throw Error(c, msg, {source_, -1, -1, field});
  }
  bool has(const char* k) const { return j_.contains(k) && !j_.at(k).is_null(); }
  const nlohmann::json& at(const char* k) const { return j_.at(k); }
  int64_t integer(const char* k, int64_t fallback) const {
    if (!has(k)) return fallback;
    const auto& v = j_.at(k);
    if (!v.is_number_integer()) fail(k, "expected an integer, found " + v.dump());
    return v.get<int64_t>();
  }
  double number(const char* k, double fallback) const {
    if (!has(k)) return fallback;
    const auto& v = j_.at(k);
    if (!v.is_number()) fail(k, "expected a number, found " + v.dump());
    return v.get<double>();
  }
  bool boolean(const char* k, bool fallback) const {
    if (!has(k)) return fallback;
    const auto& v = j_.at(k);
    if (!v.is_boolean()) fail(k, "expected true or false, found " + v.dump());
    return v.get<bool>();
  }
  std::string string(const char* k, const std::string& fallback) const {
    if (!has(k)) return fallback;
    const auto& v = j_.at(k);
    if (!v.is_string()) fail(k, "expected a string, found " + v.dump());
    return v.get<std::string>();
  }
  std::vector<std::string> strings(const char* k) const {
    std::vector<std::string> out;
    if (!has(k)) return out;
    const auto& v = j_.at(k);
    if (v.is_string()) return {v.get<std::string>()};
    if (!v.is_array()) fail(k, "expected a list of module names");
    for (const auto& e : v) {
      if (!e.is_string()) fail(k, "expected a list of module names, found " + e.dump());
      out.push_back(e.get<std::string>());
    }
    return out;
  }
  ModuleSelector selector(const char* k, bool allowAllLinear) const {
    ModuleSelector s;
    if (!has(k)) return s;
    const auto& v = j_.at(k);
    if (v.is_string()) {
      std::string lower = v.get<std::string>();
      for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (lower == "all-linear") {
        if (!allowAllLinear) fail(k, "'all-linear' is only valid for target_modules");
        s.kind = ModuleSelector::Kind::AllLinear;
      } else {
        s.kind = ModuleSelector::Kind::Regex;
        s.regex = v.get<std::string>();
        if (s.regex.empty()) fail(k, "empty regular expression");
      }
      return s;
    }
    s.kind = ModuleSelector::Kind::List;
    s.names = strings(k);
    for (const auto& n : s.names)
      if (n.empty()) fail(k, "empty module name");
    return s;
  }
  // A key PEFT would honour but we do not implement: refuse instead of silently ignoring it.
  void refuseIfSet(const char* k, const std::string& what) const {
    if (!has(k)) return;
    const auto& v = j_.at(k);
    const bool set = v.is_boolean() ? v.get<bool>() : v.is_object() || v.is_array() ? !v.empty() : true;
    if (set) fail(k, what + " is not supported yet; refusing to load an adapter whose math would be wrong", ErrorCategory::Unsupported);
  }

 private:
  const nlohmann::json& j_;
  std::string source_;
};

void parseLora(const Reader& r, AdapterConfig& c) {
  LoraSettings& l = c.lora;
  l.r = r.integer("r", 8);
  if (l.r <= 0) r.fail("r", "must be a positive integer, found " + std::to_string(l.r));
  l.alpha = r.number("lora_alpha", 8);
  l.dropout = r.number("lora_dropout", 0.0);
  if (l.dropout < 0 || l.dropout >= 1) r.fail("lora_dropout", "must be in [0, 1)");
  l.targets = r.selector("target_modules", true);
  l.exclude = r.selector("exclude_modules", false);
  l.fanInFanOut = r.boolean("fan_in_fan_out", false);
  l.bias = r.string("bias", "none");
  if (l.bias != "none" && l.bias != "all" && l.bias != "lora_only") r.fail("bias", "must be none, all or lora_only, found '" + l.bias + "'");
  l.useRslora = r.boolean("use_rslora", false);
  l.useDora = r.boolean("use_dora", false);
  if (r.has("init_lora_weights")) {
    const auto& v = r.at("init_lora_weights");
    l.init = v.is_boolean() ? (v.get<bool>() ? "true" : "false") : v.is_string() ? v.get<std::string>() : "";
    if (l.init.empty()) r.fail("init_lora_weights", "expected true, false or a method name");
  }
  l.modulesToSave = r.strings("modules_to_save");
  if (r.has("layers_to_transform")) {
    const auto& v = r.at("layers_to_transform");
    if (v.is_number_integer()) {
      l.layersToTransform = {v.get<int64_t>()};
    } else if (v.is_array()) {
      for (const auto& e : v) {
        if (!e.is_number_integer()) r.fail("layers_to_transform", "expected layer indices");
        l.layersToTransform.push_back(e.get<int64_t>());
      }
    } else {
      r.fail("layers_to_transform", "expected an integer or a list of integers");
    }
    if (l.targets.kind == ModuleSelector::Kind::Regex) {
      r.fail("layers_to_transform", "cannot be combined with a regular-expression target_modules (PEFT ignores it there)");
    }
  }
  if (r.has("layers_pattern")) {
    const auto& v = r.at("layers_pattern");
    if (v.is_string()) l.layersPattern = v.get<std::string>();
    else if (v.is_array() && v.size() == 1 && v[0].is_string()) l.layersPattern = v[0].get<std::string>();
    else r.fail("layers_pattern", "expected a module list name such as \"layers\"");
  }
  if (r.has("rank_pattern")) {
    if (!r.at("rank_pattern").is_object()) r.fail("rank_pattern", "expected an object {pattern: rank}");
    for (auto it = r.at("rank_pattern").begin(); it != r.at("rank_pattern").end(); ++it) {
      if (!it.value().is_number_integer() || it.value().get<int64_t>() <= 0) r.fail("rank_pattern." + it.key(), "rank must be a positive integer");
      l.rankPattern.emplace_back(it.key(), it.value().get<int64_t>());
    }
  }
  if (r.has("alpha_pattern")) {
    if (!r.at("alpha_pattern").is_object()) r.fail("alpha_pattern", "expected an object {pattern: alpha}");
    for (auto it = r.at("alpha_pattern").begin(); it != r.at("alpha_pattern").end(); ++it) {
      if (!it.value().is_number()) r.fail("alpha_pattern." + it.key(), "alpha must be a number");
      l.alphaPattern.emplace_back(it.key(), it.value().get<double>());
    }
  }
  r.refuseIfSet("lora_bias", "lora_bias (a bias on lora_B)");
  r.refuseIfSet("layer_replication", "layer_replication");
  if (r.has("target_parameters")) {
    const auto& tp = r.at("target_parameters");
    if (!tp.is_array()) r.fail("target_parameters", "expected a list of parameter names");
    for (const auto& v : tp) {
      const std::string name = v.is_string() ? v.get<std::string>() : v.dump();
      if (name != "gate_up_proj" && name != "down_proj" && name != "gate.weight")
        r.fail("target_parameters", "'" + name + "' is not supported (only a mixture-of-experts layer's gate_up_proj, down_proj and gate.weight)",
               ErrorCategory::Unsupported);
      l.targetParameters.push_back(name);
    }
  }
  r.refuseIfSet("alora_invocation_tokens", "aLoRA (alora_invocation_tokens)");
  r.refuseIfSet("use_qalora", "QA-LoRA (use_qalora)");
  r.refuseIfSet("trainable_token_indices", "trainable_token_indices");
  r.refuseIfSet("megatron_config", "megatron_config");
  r.refuseIfSet("use_bdlora", "BD-LoRA");
}

void parseIa3(const Reader& r, AdapterConfig& c) {
  Ia3Settings& s = c.ia3;
  s.targets = r.selector("target_modules", true);
  s.feedforward = r.selector("feedforward_modules", false);
  s.exclude = r.selector("exclude_modules", false);
  s.fanInFanOut = r.boolean("fan_in_fan_out", false);
  s.initOnes = r.boolean("init_ia3_weights", true);
  s.modulesToSave = r.strings("modules_to_save");
  if (s.targets.kind == ModuleSelector::Kind::List && s.feedforward.kind == ModuleSelector::Kind::List) {
    for (const auto& f : s.feedforward.names) {
      bool found = false;
      for (const auto& t : s.targets.names) found = found || t == f;
      if (!found) r.fail("feedforward_modules", "'" + f + "' is not in target_modules (feedforward_modules must be a subset)");
    }
  }
}

void parsePromptLearning(const Reader& r, AdapterConfig& c) {
  PromptLearningSettings& p = c.prompt;
  p.numVirtualTokens = r.integer("num_virtual_tokens", 0);
  if (p.numVirtualTokens <= 0) r.fail("num_virtual_tokens", "must be a positive integer");
  auto opt = [&](const char* k, std::optional<int64_t>& out) {
    if (r.has(k)) {
      out = r.integer(k, 0);
      if (*out <= 0) r.fail(k, "must be positive");
    }
  };
  opt("token_dim", p.tokenDim);
  opt("num_layers", p.numLayers);
  opt("num_attention_heads", p.numAttentionHeads);
  opt("encoder_hidden_size", p.encoderHiddenSize);
  p.numTransformerSubmodules = r.integer("num_transformer_submodules", 1);
  if (p.numTransformerSubmodules != 1) {
    r.fail("num_transformer_submodules", "only 1 (decoder-only models) is supported", ErrorCategory::Unsupported);
  }
  p.prefixProjection = r.boolean("prefix_projection", false);
  p.promptInit = r.string("prompt_tuning_init", "RANDOM");
  if (p.promptInit != "RANDOM" && p.promptInit != "TEXT" && p.promptInit != "SAMPLE_VOCAB") {
    r.fail("prompt_tuning_init", "must be RANDOM, TEXT or SAMPLE_VOCAB");
  }
  p.promptInitText = r.string("prompt_tuning_init_text", "");
  if (c.type == PeftType::PromptTuning && p.promptInit == "TEXT" && p.promptInitText.empty()) {
    r.fail("prompt_tuning_init_text", "required when prompt_tuning_init is TEXT");
  }
}

struct MethodRow {
  PeftType type;
  const char* name;
  void (*parse)(const Reader&, AdapterConfig&);
};

const MethodRow kMethods[] = {
    {PeftType::Lora, "LORA", &parseLora},
    {PeftType::Ia3, "IA3", &parseIa3},
    {PeftType::PrefixTuning, "PREFIX_TUNING", &parsePromptLearning},
    {PeftType::PromptTuning, "PROMPT_TUNING", &parsePromptLearning},
};

}  // namespace

const char* peftTypeName(PeftType type) {
  for (const auto& m : kMethods)
    if (m.type == type) return m.name;
  return "?";
}

AdapterConfig parseAdapterConfig(const nlohmann::json& j, const std::string& source) {
  if (!j.is_object()) throw Error(ErrorCategory::Config, "adapter config is not a JSON object", {source});
  Reader r(j, source);
  const std::string type = r.string("peft_type", "");
  if (type.empty()) r.fail("peft_type", "missing required key (LORA, IA3, PREFIX_TUNING or PROMPT_TUNING)");
  const std::string task = r.string("task_type", "CAUSAL_LM");
  if (task != "CAUSAL_LM") r.fail("task_type", "only CAUSAL_LM adapters are supported, found '" + task + "'", ErrorCategory::Unsupported);
  for (const auto& m : kMethods) {
    if (type != m.name) continue;
    AdapterConfig c;
    c.type = m.type;
    c.json = j;
    c.source = source;
    m.parse(r, c);
    return c;
  }
  r.fail("peft_type", "unsupported peft_type '" + type + "' (supported: LORA, IA3, PREFIX_TUNING, PROMPT_TUNING)",
         ErrorCategory::Unsupported);
}

AdapterConfig loadAdapterConfig(const std::filesystem::path& dirOrFile) {
  const auto file = std::filesystem::is_directory(dirOrFile) ? peft_folder::configFile(dirOrFile) : dirOrFile;
  if (!std::filesystem::exists(file)) {
    throw Error(ErrorCategory::Io, "adapter_config.json not found; is this a PEFT adapter folder?", {file.string()});
  }
  return parseAdapterConfig(readJsonFile(file), file.string());
}

}  // namespace peftdesk
