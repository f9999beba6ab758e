// See bottleneck_keys.h. BnConfig's fields, defaults and presets as the `adapters` 1.3.0 release
// defines them (adapters/configuration/adapter_config.py); which settings are refused and why is
// in decisions.md #48.
#include "peft/methods/bottleneck_keys.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "peft/adapterhub_folder.h"

namespace peftdesk {
namespace {

using nlohmann::json;

// SeqBnConfig().to_dict() (Pfeiffer): every key save_adapter writes.
json seqBnDict() {
  return json::parse(R"({"adapter_residual_before_ln": false, "cross_adapter": false, "dropout": 0.0, "factorized_phm_W": true,
    "factorized_phm_rule": false, "hypercomplex_nonlinearity": "glorot-uniform", "init_weights": "bert", "init_weights_seed": null,
    "inv_adapter": null, "inv_adapter_reduction_factor": null, "is_parallel": false, "learn_phm": true, "leave_out": [],
    "ln_after": false, "ln_before": false, "mh_adapter": false, "non_linearity": "relu", "original_ln_after": true,
    "original_ln_before": true, "output_adapter": true, "phm_bias": true, "phm_c_init": "normal", "phm_dim": 4,
    "phm_init_range": 0.0001, "phm_layer": false, "phm_rank": 1, "reduction_factor": 16, "residual_before_ln": true,
    "scaling": 1.0, "shared_W_phm": false, "shared_phm_rule": true, "stochastic_depth": 0.0, "use_gating": false})");
}

// A preset's dict, or null when the name is not one.
json presetDict(const std::string& name) {
  json d = seqBnDict();
  if (name == "seq_bn" || name == "pfeiffer") return d;
  if (name == "double_seq_bn" || name == "houlsby") {
    d["mh_adapter"] = true;
    d["non_linearity"] = "swish";
    d["original_ln_before"] = false;
    return d;
  }
  return nullptr;
}

// BnConfig's own defaults, which a file's dict falls back to (its four required keys have none).
json baseDict() {
  json d = seqBnDict();
  for (const char* k : {"mh_adapter", "output_adapter", "reduction_factor", "non_linearity"}) d.erase(k);
  d["original_ln_before"] = false;
  return d;
}

bool fileForm(const json& j) { return adapterhub_folder::isAdapterHubConfig(j); }

// The preset a run's method (or a file's config string) names; seq_bn when none.
std::string presetName(const json& j) { return j.contains("config") && j.at("config").is_string() ? j.at("config").get<std::string>() : "seq_bn"; }

// A run's method as a BnConfig dict: the preset's, with every BnConfig key the method sets, as written.
json overlaid(const json& preset, const json& method) {
  json d = preset;
  for (const auto& [k, v] : preset.items())
    if (method.contains(k)) d[k] = method.at(k);
  return d;
}

// Activations the adapter's non-linearity may name (transformers' get_activation, lower case, plus
// the library's "leakyrelu"); decided where the part is built (methods/bottleneck.cpp).
const char* const kActivations[] = {"relu", "swish", "silu", "gelu", "gelu_new", "gelu_pytorch_tanh", "tanh", "sigmoid", "leakyrelu", "leaky_relu", "linear"};

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

void readReduction(const ConfigReader& r, const json& v, BottleneckSettings& s) {
  auto positive = [&](const json& x, const std::string& what) {
    if (!x.is_number()) r.fail("reduction_factor", what + " must be a number, found " + x.dump());
    const double f = x.get<double>();
    if (!(f > 0) || !std::isfinite(f)) r.fail("reduction_factor", what + " must be positive, found " + x.dump());
    return f;
  };
  if (!v.is_object()) {
    s.reductionFactor = positive(v, "reduction_factor");
    return;
  }
  s.reductionFactor = 0;  // a mapping without "default" must name every layer (checked per layer)
  for (const auto& [k, x] : v.items()) {
    if (k == "default") {
      s.reductionFactor = positive(x, "its \"default\"");
      continue;
    }
    // The library looks a layer up as str(layer): "01" or "+1" would never match.
    int64_t layer = -1;
    if (!k.empty() && k.size() < 10 && std::all_of(k.begin(), k.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) layer = std::stoll(k);
    if (layer < 0 || std::to_string(layer) != k)
      r.fail("reduction_factor", "a mapping's keys are layer indices as written by str() (\"0\", \"12\") or \"default\", found \"" + k + "\"");
    s.reductionByLayer.emplace_back(layer, positive(x, "the entry for layer " + k));
  }
}

void readSettings(const ConfigReader& r, const json& dict, BottleneckSettings& s, bool renameActivations) {
  for (const char* k : {"mh_adapter", "output_adapter", "reduction_factor", "non_linearity"})
    if (!dict.contains(k)) r.fail(k, "missing (BnConfig has no default for it)");
  // null is a value to the library (None), not "the default": it fails on most keys and means
  // false on the flags. Only the keys whose None is their default take it.
  for (const auto& [k, v] : dict.items())
    if (v.is_null() && k != "init_weights_seed" && k != "inv_adapter" && k != "inv_adapter_reduction_factor" && k != "architecture")
      r.fail(k, "null is not a value for this key here (give true / false or a number, or leave the key out)");
  s.mhAdapter = r.boolean("mh_adapter", false);
  s.outputAdapter = r.boolean("output_adapter", true);
  if (!s.mhAdapter && !s.outputAdapter) r.fail("output_adapter", "mh_adapter and output_adapter are both false: the adapter would sit nowhere");
  readReduction(r, dict.at("reduction_factor"), s);
  s.nonLinearity = r.string("non_linearity", "relu");
  if (renameActivations) {  // files without "version" predate the library's activation renames (as written, before lower case)
    if (s.nonLinearity == "gelu") s.nonLinearity = "gelu_new";
    else if (s.nonLinearity == "gelu_orig") s.nonLinearity = "gelu";
  }
  s.nonLinearity = lower(s.nonLinearity);
  if (std::find_if(std::begin(kActivations), std::end(kActivations), [&](const char* a) { return s.nonLinearity == a; }) == std::end(kActivations))
    r.fail("non_linearity", "unsupported activation '" + s.nonLinearity +
                                "' (supported: relu, swish, silu, gelu, gelu_new, gelu_pytorch_tanh, tanh, sigmoid, leakyrelu, linear)",
           ErrorCategory::Unsupported);
  s.originalLnBefore = r.boolean("original_ln_before", false);
  if (!r.boolean("original_ln_after", true))
    r.fail("original_ln_after", "false is refused: AdapterHub's Llama layer then drops the block's residual stream and its other decoders "
                                "refuse the value", ErrorCategory::Unsupported);
  if (r.has("residual_before_ln") && r.at("residual_before_ln").is_string())
    r.fail("residual_before_ln", "\"" + r.at("residual_before_ln").get<std::string>() +
                                     "\" is not supported (it needs a layer norm after the sub-block, which these decoders do not have)",
           ErrorCategory::Unsupported);
  s.residualBeforeLn = r.boolean("residual_before_ln", true);
  r.boolean("adapter_residual_before_ln", false);  // without ln_after both orders add the same terms
  r.refuseIfSet("ln_before", "ln_before (a LayerNorm inside the adapter)");
  r.refuseIfSet("ln_after", "ln_after (a LayerNorm inside the adapter)");
  r.refuseIfSet("is_parallel", "is_parallel (parallel bottleneck adapters, par_bn)");
  r.refuseIfSet("use_gating", "use_gating");
  r.refuseIfSet("inv_adapter", "inv_adapter (invertible adapters)");
  r.boolean("cross_adapter", false);  // only acts on cross-attention, which these decoders have none of
  r.refuseIfSet("phm_layer", "phm_layer (Compacter)");
  if (r.number("stochastic_depth", 0.0) > 0.0) r.fail("stochastic_depth", "stochastic depth is not supported yet", ErrorCategory::Unsupported);
  if (r.has("scaling") && r.at("scaling").is_string())
    r.fail("scaling", "'" + r.at("scaling").get<std::string>() + "' scaling is not supported yet (a number is)", ErrorCategory::Unsupported);
  s.scaling = r.number("scaling", 1.0);
  s.dropout = r.number("dropout", 0.0);
  if (s.dropout < 0 || s.dropout >= 1) r.fail("dropout", "must be in [0, 1), found " + std::to_string(s.dropout));
  s.initWeights = r.string("init_weights", "bert");
  if (s.initWeights != "bert" && s.initWeights != "mam_adapter" && s.initWeights != "houlsby")
    r.fail("init_weights", "expected bert, mam_adapter or houlsby, found '" + s.initWeights + "'");
  if (r.has("init_weights_seed") && !r.at("init_weights_seed").is_number_integer())
    r.fail("init_weights_seed", "expected an integer or null, found " + r.at("init_weights_seed").dump());
  if (r.has("leave_out")) {
    const json& v = r.at("leave_out");
    if (!v.is_array()) r.fail("leave_out", "expected a list of layer indices, found " + v.dump());
    for (const json& e : v) {
      if (!e.is_number_integer() || e.get<int64_t>() < 0) r.fail("leave_out", "expected layer indices, found " + e.dump());
      s.leaveOut.push_back(e.get<int64_t>());
    }
  }
}

}  // namespace

void parseBottleneck(const ConfigReader& r, AdapterConfig& c) {
  BottleneckSettings& s = c.bottleneck;
  const json& j = c.json;
  if (fileForm(j)) {
    if (!j.contains("name") || !j.at("name").is_string() || j.at("name").get<std::string>().empty())
      r.fail("name", "missing: AdapterHub's adapter_config.json names the adapter its tensor keys carry");
    s.name = j.at("name").get<std::string>();
    if (j.at("config").is_string()) {  // a preset's name in place of the dict
      const std::string preset = presetName(j);
      const json dict = presetDict(preset);
      if (dict.is_null()) r.fail("config", "unknown preset '" + preset + "' (one of " + kBottleneckPresets + ")", ErrorCategory::Unsupported);
      readSettings(ConfigReader(dict, c.source, "config."), dict, s, false);
      return;
    }
    const json& dict = j.at("config");
    // The library builds a BnConfig only when the dict has no architecture: any value is another method's.
    if (dict.contains("architecture") && !dict.at("architecture").is_null())
      r.fail("config.architecture", "AdapterHub's " + dict.at("architecture").dump() + " adapters are not supported (bottleneck adapters are)",
             ErrorCategory::Unsupported);
    readSettings(ConfigReader(dict, c.source, "config."), dict, s, !j.contains("version"));
    return;
  }
  if (j.contains("config") && !j.at("config").is_string())
    r.fail("config", "expected a preset's name (one of " + std::string(kBottleneckPresets) + "), found " + j.at("config").dump());
  const std::string preset = presetName(j);
  const json dict = presetDict(preset);
  if (dict.is_null()) r.fail("config", "unknown preset '" + preset + "' (one of " + kBottleneckPresets + ")");
  const json merged = overlaid(dict, j);
  readSettings(ConfigReader(merged, c.source), merged, s, false);
}

std::string bottleneckField(const AdapterConfig& c, const std::string& key) { return (fileForm(c.json) ? "config." : "") + key; }

json bnConfigDict(const AdapterConfig& c) {
  const json& j = c.json;
  json d;
  if (fileForm(j) && j.at("config").is_object()) {
    d = baseDict();
    for (const auto& [k, v] : j.at("config").items()) d[k] = v;
    d.erase("architecture");
  } else {
    d = presetDict(presetName(j));
    if (!fileForm(j)) d = overlaid(d, j);
  }
  d["non_linearity"] = c.bottleneck.nonLinearity;  // with a version-less file's renames applied
  d["scaling"] = c.bottleneck.scaling;              // a float: the library refuses an integer scaling
  return d;
}

}  // namespace peftdesk
