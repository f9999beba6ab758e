// See run_config.h. Parsing walks the key table (run_config_fields.cpp): every given key must
// be a row, every row gets its given value or default, then types, ranges and the cross-field
// rules are checked, collecting all problems instead of stopping at the first.
#include "peftdesk/run_config.h"
#include "peftdesk/peft_folder.h"

#include <algorithm>
#include <fstream>

#include "data/template_rules.h"
#include "peftdesk/adapter_config.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "train/run_config_fields.h"

namespace peftdesk {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

const char* const kSections[] = {"model", "data", "train"};

size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string unknownKeyMessage(const std::string& key) {
  std::string best;
  size_t bestDistance = 4;  // suggest only close matches
  for (const auto& f : runFields()) {
    const size_t d = editDistance(key, f.key);
    if (d < bestDistance) {
      bestDistance = d;
      best = f.key;
    }
  }
  return best.empty() ? "unknown key" : "unknown key (did you mean '" + best + "'?)";
}

bool typeMatches(FieldType type, const json& v) {
  switch (type) {
    case FieldType::Number: return v.is_number();
    case FieldType::Integer: return v.is_number_integer();
    case FieldType::Bool: return v.is_boolean();
    case FieldType::String:
    case FieldType::Path: return v.is_string();
    case FieldType::Object: return v.is_object();
  }
  return false;
}

const char* typeName(FieldType type) {
  switch (type) {
    case FieldType::Number: return "a number";
    case FieldType::Integer: return "an integer";
    case FieldType::Bool: return "true or false";
    case FieldType::String: return "a string";
    case FieldType::Path: return "a path (string)";
    case FieldType::Object: return "an object";
  }
  return "?";
}

// Pointer-style access by dotted key; nullptr when absent.
const json* lookup(const json& root, const std::string& dotted) {
  const json* node = &root;
  size_t start = 0;
  while (true) {
    const size_t dot = dotted.find('.', start);
    const std::string part = dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!node->is_object() || !node->contains(part)) return nullptr;
    node = &node->at(part);
    if (dot == std::string::npos) return node;
    start = dot + 1;
  }
}

void assign(json& root, const std::string& dotted, const json& value) {
  if (!root.is_null() && !root.is_object())
    throw Error(ErrorCategory::Config, "cannot set " + dotted + ": the configuration is " + std::string(root.type_name()) + ", not an object");
  json* node = &root;
  size_t start = 0;
  while (true) {
    const size_t dot = dotted.find('.', start);
    const std::string part = dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (dot == std::string::npos) {
      (*node)[part] = value;
      return;
    }
    node = &(*node)[part];
    if (!node->is_null() && !node->is_object())
      throw Error(ErrorCategory::Config, "cannot set " + dotted + ": '" + dotted.substr(0, dot) + "' is " + node->dump() + ", not an object");
    start = dot + 1;
  }
}

class Parser {
 public:
  Parser(const fs::path& source, std::vector<ConfigProblem>* problems) : source_(source), problems_(problems) {}

  void problem(const std::string& field, const std::string& message) { problems_->push_back({field, message}); }

  // Unknown keys, then defaults into `resolved`, then per-field type and range checks.
  json resolve(const json& in) {
    json resolved = json::object();
    if (!in.is_object()) {
      problem("", "RUN.json must be a JSON object with model, method, data, train and output_dir");
      return resolved;
    }
    for (const auto& [key, value] : in.items()) {
      const bool section = std::find_if(std::begin(kSections), std::end(kSections), [&](const char* s) { return key == s; }) != std::end(kSections);
      if (section) {
        if (!value.is_object()) {
          problem(key, "must be an object");
          continue;
        }
        for (const auto& [sub, subValue] : value.items()) {
          (void)subValue;
          if (!findRunField(key + "." + sub)) problem(key + "." + sub, unknownKeyMessage(key + "." + sub));
        }
      } else if (!findRunField(key)) {
        problem(key, unknownKeyMessage(key));
      }
    }
    for (const auto& f : runFields()) {
      const json* given = lookup(in, f.key);
      json value = given ? *given : f.defaultValue;
      if (!given && f.defaultValue.is_string() && f.defaultValue.get<std::string>().empty()) {
        problem(f.key, "is required");
      } else if (value.is_null()) {
        if (!f.nullable) problem(f.key, given ? "must not be null" : "is required");
      } else if (!typeMatches(f.type, value)) {
        problem(f.key, std::string("must be ") + typeName(f.type) + ", found " + value.dump());
      } else if (f.check) {
        const std::string why = f.check(value);
        if (!why.empty()) problem(f.key, why);
      }
      assign(resolved, f.key, value);
    }
    return resolved;
  }

  fs::path path(const json& v) const {
    if (!v.is_string() || v.get<std::string>().empty()) return {};
    fs::path p = v.get<std::string>();
    if (p.is_relative()) p = source_.parent_path() / p;
    return p.lexically_normal();
  }

 private:
  fs::path source_;
  std::vector<ConfigProblem>* problems_;
};

template <typename T>
T valueOr(const json& v, T fallback) {
  try {
    return v.is_null() ? fallback : v.get<T>();
  } catch (const json::exception&) {
    return fallback;  // the type problem is already reported
  }
}

void parseQuantization(const json& q, RunConfig& c, Parser& p, std::optional<ComputeDType>* computeDtype) {
  if (q.is_null() || !q.is_object()) return;
  c.quantization.enabled = true;
  for (const auto& [key, value] : q.items()) {
    const std::string field = "model.quantization." + key;
    if (key == "bits") {
      if (!value.is_number_integer() || value.get<int64_t>() != 4) p.problem(field, "only 4-bit quantization is supported (bits: 4)");
    } else if (key == "type") {
      const std::string t = valueOr<std::string>(value, "");
      if (t != "nf4" && t != "fp4") p.problem(field, "must be nf4 or fp4");
      c.quantization.type = t;
    } else if (key == "double_quant") {
      if (!value.is_boolean()) p.problem(field, "must be true or false");
      c.quantization.doubleQuant = valueOr<bool>(value, true);
    } else if (key == "compute_dtype") {
      ComputeDType d;
      if (!value.is_string() || !parseComputeDType(value.get<std::string>(), &d)) p.problem(field, "must be fp32, bf16 or fp16");
      else *computeDtype = d;
    } else if (key == "blocksize") {
      const int64_t b = valueOr<int64_t>(value, 0);
      if (!value.is_number_integer() || b < 32 || b > 4096 || (b & (b - 1)) != 0) p.problem(field, "must be a power of two in [32, 4096]");
      c.quantization.blocksize = b;
    } else {
      p.problem(field, "unknown key (bits, type, double_quant, compute_dtype, blocksize)");
    }
  }
}

std::optional<ColumnMapping> parseColumns(const json& cols, Parser& p) {
  if (!cols.is_object()) return std::nullopt;
  ColumnMapping m;
  const std::pair<const char*, std::string ColumnMapping::*> kKeys[] = {
      {"prompt", &ColumnMapping::prompt},         {"query", &ColumnMapping::query},
      {"response", &ColumnMapping::response},     {"history", &ColumnMapping::history},
      {"messages", &ColumnMapping::messages},     {"system", &ColumnMapping::system},
      {"tools", &ColumnMapping::tools},           {"text", &ColumnMapping::text},
      {"role_tag", &ColumnMapping::roleTag},      {"content_tag", &ColumnMapping::contentTag},
      {"user_tag", &ColumnMapping::userTag},      {"assistant_tag", &ColumnMapping::assistantTag},
      {"observation_tag", &ColumnMapping::observationTag}, {"function_tag", &ColumnMapping::functionTag},
      {"system_tag", &ColumnMapping::systemTag}};
  for (const auto& [key, value] : cols.items()) {
    auto it = std::find_if(std::begin(kKeys), std::end(kKeys), [&](const auto& k) { return key == k.first; });
    if (it == std::end(kKeys)) {
      p.problem("data.columns." + key, "unknown column or tag name");
    } else if (!value.is_string() || value.get<std::string>().empty()) {
      p.problem("data.columns." + key, "must be a non-empty string");
    } else {
      m.*(it->second) = value.get<std::string>();
    }
  }
  return m;
}

}  // namespace

RunConfig parseRunConfig(const json& in, const fs::path& sourceFile, std::vector<ConfigProblem>* problems) {
  Parser p(sourceFile, problems);
  RunConfig c;
  c.sourceFile = sourceFile;
  json r = p.resolve(in);
  if (!in.is_object()) {  // resolve() named the problem; there are no fields to read
    c.resolved = r;
    return c;
  }

  c.modelPath = p.path(r["model"]["path"]);
  c.initAdapterPath = p.path(r["model"]["adapter"]);
  std::optional<ComputeDType> quantComputeDtype;
  parseQuantization(r["model"]["quantization"], c, p, &quantComputeDtype);
  c.method = r["method"];
  c.dataPath = p.path(r["data"]["path"]);
  c.datasetNames = valueOr<std::string>(r["data"]["dataset"], "");
  parseDatasetFormat(valueOr<std::string>(r["data"]["format"], "auto"), &c.format);
  c.columns = parseColumns(r["data"]["columns"], p);
  c.templateName = valueOr<std::string>(r["data"]["template"], "auto");
  c.cutoffLen = valueOr<int64_t>(r["data"]["cutoff_len"], 1024);
  c.valSize = valueOr<double>(r["data"]["val_size"], 0.0);
  c.evalPath = p.path(r["data"]["eval_path"]);
  c.packing = valueOr<bool>(r["data"]["packing"], false);
  c.trainOnPrompt = valueOr<bool>(r["data"]["train_on_prompt"], false);
  c.maskHistory = valueOr<bool>(r["data"]["mask_history"], false);
  c.enableThinking = valueOr<bool>(r["data"]["enable_thinking"], true);
  c.templateDate = valueOr<std::string>(r["data"]["template_date"], "");
  c.shuffle = valueOr<bool>(r["data"]["shuffle"], true);
  c.maxSamples = valueOr<int64_t>(r["data"]["max_samples"], -1);
  c.onBadRecord = valueOr<std::string>(r["data"]["on_bad_record"], "fail") == "skip" ? BadRecordPolicy::Skip : BadRecordPolicy::Fail;

  const json& t = r["train"];
  c.learningRate = valueOr<double>(t["learning_rate"], 2e-4);
  c.numTrainEpochs = valueOr<double>(t["num_train_epochs"], 3.0);
  c.maxSteps = valueOr<int64_t>(t["max_steps"], -1);
  c.batchSize = valueOr<int64_t>(t["per_device_train_batch_size"], 2);
  c.evalBatchSize = valueOr<int64_t>(t["per_device_eval_batch_size"], 2);
  c.gradAccumSteps = valueOr<int64_t>(t["gradient_accumulation_steps"], 4);
  c.schedulerType = valueOr<std::string>(t["lr_scheduler_type"], "cosine");
  c.warmupSteps = valueOr<int64_t>(t["warmup_steps"], 0);
  c.warmupRatio = valueOr<double>(t["warmup_ratio"], 0.0);
  for (const auto& [key, value] : t["lr_scheduler_kwargs"].items()) {
    if (key != "num_cycles") {
      p.problem("train.lr_scheduler_kwargs." + key, "unknown schedule option (num_cycles)");
    } else if (!value.is_number() || value.get<double>() <= 0) {
      p.problem("train.lr_scheduler_kwargs.num_cycles", "must be a number greater than 0");
    } else {
      c.numCycles = value.get<double>();
    }
  }
  c.maxGradNorm = valueOr<double>(t["max_grad_norm"], 1.0);
  c.weightDecay = valueOr<double>(t["weight_decay"], 0.0);
  c.adamBeta1 = valueOr<double>(t["adam_beta1"], 0.9);
  c.adamBeta2 = valueOr<double>(t["adam_beta2"], 0.999);
  c.adamEpsilon = valueOr<double>(t["adam_epsilon"], 1e-8);
  c.optim = valueOr<std::string>(t["optim"], "adamw_torch");
  if (t["loraplus_lr_ratio"].is_number()) c.loraplusLrRatio = t["loraplus_lr_ratio"].get<double>();
  parseComputeDType(valueOr<std::string>(t["precision"], "fp32"), &c.precision);
  // QLoRA's compute_dtype is the run's precision: given alone it sets it, given with a different
  // train.precision it is a contradiction.
  if (quantComputeDtype && *quantComputeDtype != c.precision) {
    const json* given = lookup(in, "train.precision");
    if (given) {
      p.problem("model.quantization.compute_dtype", std::string("differs from train.precision (") + computeDTypeName(c.precision) + ")");
    } else {
      c.precision = *quantComputeDtype;
      r["train"]["precision"] = computeDTypeName(c.precision);
    }
  }
  c.gradientCheckpointing = valueOr<bool>(t["gradient_checkpointing"], false);
  c.loggingSteps = valueOr<int64_t>(t["logging_steps"], 1);
  c.evalSteps = valueOr<int64_t>(t["eval_steps"], 0);
  c.saveSteps = valueOr<int64_t>(t["save_steps"], 100);
  c.saveTotalLimit = valueOr<int64_t>(t["save_total_limit"], 3);
  c.seed = static_cast<uint64_t>(valueOr<int64_t>(t["seed"], 42));
  c.numThreads = static_cast<int>(valueOr<int64_t>(t["num_threads"], 0));
  parseDeviceSpec(valueOr<std::string>(t["device"], "auto"), &c.device);
  c.deterministic = valueOr<bool>(t["deterministic"], false);
  c.nanPolicy = valueOr<std::string>(t["nan_policy"], "stop") == "skip" ? NanPolicy::Skip : NanPolicy::Stop;
  c.outputDir = p.path(r["output_dir"]);

  // Cross-field rules and the things that must exist before step 1.
  if (!c.modelPath.empty() && !fs::is_regular_file(c.modelPath / "config.json")) {
    p.problem("model.path", (fs::exists(c.modelPath) ? "no config.json in " : "folder not found: ") + c.modelPath.string());
  }
  if (!c.initAdapterPath.empty() && !peft_folder::isAdapterFolder(c.initAdapterPath)) {
    p.problem("model.adapter", "no adapter_config.json in " + c.initAdapterPath.string());
  }
  if (!c.dataPath.empty() && !fs::exists(c.dataPath)) p.problem("data.path", "not found: " + c.dataPath.string());
  if (!c.evalPath.empty() && !fs::exists(c.evalPath)) p.problem("data.eval_path", "not found: " + c.evalPath.string());
  if (!c.evalPath.empty() && c.valSize > 0) p.problem("data.val_size", "give either val_size or eval_path, not both");
  if (c.cutoffLen < 2 && c.cutoffLen >= 1) p.problem("data.cutoff_len", "must be at least 2 (one input and one predicted token)");
  if (c.gradientCheckpointing && stringOrDefault(c.method, "peft_type", "") == "PREFIX_TUNING") {
    p.problem("train.gradient_checkpointing", "not available with prefix tuning (its key/value prefix is shared by every layer's graph)");
  }
  if (c.loraplusLrRatio && stringOrDefault(c.method, "peft_type", "") != "LORA") p.problem("train.loraplus_lr_ratio", "LoRA+ applies to LoRA only");
  if (c.method.is_object() && c.method.contains("finetuning_type")) {
    const std::string type = valueOr<std::string>(c.method["finetuning_type"], "");
    c.mode = type == "full" ? TrainingMode::Full : TrainingMode::Freeze;
    if (type != "full" && type != "freeze") p.problem("method.finetuning_type", "must be full or freeze (a PEFT method is given by its adapter_config fields)");
    for (const auto& [key, value] : c.method.items()) {
      if (key == "freeze_trainable_layers") {
        c.freezeTrainableLayers = valueOr<int64_t>(value, 0);
        if (!value.is_number_integer() || c.freezeTrainableLayers == 0) p.problem("method." + key, "must be a non-zero integer (last N layers; negative = first N)");
      } else if (key != "finetuning_type") {
        p.problem("method." + key, "unknown key for finetuning_type " + type + " (freeze_trainable_layers)");
      }
    }
    if (c.mode == TrainingMode::Full && c.method.contains("freeze_trainable_layers")) p.problem("method.freeze_trainable_layers", "only for finetuning_type freeze");
    if (c.quantization.enabled) p.problem("model.quantization", "a 4-bit base cannot be trained directly; train a LoRA on it (QLoRA)");
    if (!c.initAdapterPath.empty()) p.problem("model.adapter", "continuing an adapter needs a PEFT method, not finetuning_type");
  } else if (c.method.is_object()) {
    if (!c.initAdapterPath.empty()) {
      // Continuing an adapter: its own config is the method.
      if (peft_folder::isAdapterFolder(c.initAdapterPath)) try {
        const AdapterConfig loaded = loadAdapterConfig(c.initAdapterPath);
        c.method = loaded.json;
        // AdapterHub's file names no peft_type: the run's method says which row it is.
        if (!c.method.contains("peft_type")) c.method["peft_type"] = peftTypeName(loaded.type);
        r["method"] = c.method;
      } catch (const Error& e) {
        p.problem("model.adapter", e.what());
      }
    } else {
      try {
        parseAdapterConfig(c.method, "method");
      } catch (const Error& e) {
        p.problem(e.context().field.empty() ? "method" : "method." + e.context().field, e.message());
      }
    }
  }
  if (!c.outputDir.empty()) {
    fs::path parent = c.outputDir.parent_path();
    while (!parent.empty() && !fs::exists(parent)) parent = parent.parent_path();
    std::error_code ec;
    if (fs::exists(c.outputDir) && !fs::is_directory(c.outputDir)) p.problem("output_dir", "exists and is not a folder: " + c.outputDir.string());
    else if (!parent.empty() && (fs::status(parent, ec).permissions() & fs::perms::owner_write) == fs::perms::none) {
      p.problem("output_dir", "cannot create it: " + parent.string() + " is not writable");
    }
  }
  // Resolved paths are absolute so the run folder can be reopened from anywhere.
  auto absolute = [](const fs::path& q) { return q.empty() ? json(nullptr) : json(fs::absolute(q).lexically_normal().string()); };
  r["model"]["path"] = absolute(c.modelPath);
  r["model"]["adapter"] = absolute(c.initAdapterPath);
  r["data"]["path"] = absolute(c.dataPath);
  r["data"]["eval_path"] = absolute(c.evalPath);
  r["output_dir"] = absolute(c.outputDir);
  c.resolved = r;
  return c;
}

RunConfig loadRunConfig(const fs::path& runJson, const std::vector<std::string>& overrides) {
  json j = readJsonFile(runJson);
  try {
    for (const auto& o : overrides) applyOverride(j, o);
  } catch (const Error& e) {
    if (e.category() != ErrorCategory::Config) throw;
    throw Error(ErrorCategory::Config, e.message(), {runJson.string()});  // the file the key could not be set in
  }
  std::vector<ConfigProblem> problems;
  RunConfig c = parseRunConfig(j, runJson, &problems);
  if (!problems.empty()) {
    std::string text = std::to_string(problems.size()) + (problems.size() == 1 ? " problem" : " problems") + " in the run configuration:";
    for (const auto& pr : problems) text += "\n  " + runJson.string() + ": " + (pr.field.empty() ? "" : "field '" + pr.field + "': ") + pr.message;
    throw Error(ErrorCategory::Config, text, {runJson.string()});
  }
  return c;
}

void applyOverride(json& j, const std::string& assignment) {
  const size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw Error(ErrorCategory::Argument, "--set needs key=value (e.g. train.max_steps=20), got '" + assignment + "'");
  }
  const std::string key = assignment.substr(0, eq);
  const std::string text = assignment.substr(eq + 1);
  // Sub-keys of object fields (method.r, model.quantization.type, data.columns.prompt) are free-form.
  const RunField* field = findRunField(key);
  if (!field) {
    std::string objectKey;
    for (const auto& f : runFields())
      if (f.type == FieldType::Object && key.rfind(std::string(f.key) + ".", 0) == 0) objectKey = f.key;
    if (objectKey.empty()) throw Error(ErrorCategory::Argument, "--set " + key + ": " + unknownKeyMessage(key));
  }
  json value;
  try {
    value = json::parse(text);
  } catch (const json::exception&) {
    value = text;  // bare words are strings: --set data.template=llama3
  }
  if (field && (field->type == FieldType::String || field->type == FieldType::Path) && !value.is_string() && !value.is_null()) value = text;
  assign(j, key, value);
}

void pinTemplateDate(RunConfig& config, const json* previousRunJson) {
  if (!config.templateDate.empty()) return;
  if (previousRunJson) {
    const json* previous = lookup(*previousRunJson, "data.template_date");
    if (!previous || !previous->is_string()) return;
    config.templateDate = previous->get<std::string>();
  } else {
    config.templateDate = todayIsoDate();
  }
  assign(config.resolved, "data.template_date", config.templateDate);
}

const std::vector<std::string>& resumeNeutralKeys() {
  static const std::vector<std::string> kNeutral = {"train.logging_steps", "train.save_steps", "train.save_total_limit", "train.eval_steps",
                                                    // a run may move between CPU and GPU; the trainer warns that the last bits differ
                                                    "train.device"};
  return kNeutral;
}

nlohmann::json withoutLateDefaults(json resolved) {
  static const std::vector<std::pair<std::string, json>> kLate = {
      {"train.deterministic", false}, {"data.enable_thinking", true}, {"data.template_date", nullptr}, {"train.optim", "adamw_torch"}};
  for (const auto& [key, neutral] : kLate) {
    const size_t dot = key.find('.');
    json* section = resolved.contains(key.substr(0, dot)) ? &resolved[key.substr(0, dot)] : nullptr;
    const std::string leaf = key.substr(dot + 1);
    if (section && section->is_object() && section->contains(leaf) && (*section)[leaf] == neutral) section->erase(leaf);
  }
  return resolved;
}

bool isResumeNeutralKey(const std::string& key) {
  const auto& keys = resumeNeutralKeys();
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::vector<std::string> differingKeys(const json& a, const json& b) {
  std::vector<std::string> out;
  for (const auto& f : runFields()) {
    const json* va = lookup(a, f.key);
    const json* vb = lookup(b, f.key);
    const json na = va ? *va : json(nullptr), nb = vb ? *vb : json(nullptr);
    if (na != nb) out.push_back(f.key);
  }
  return out;
}

}  // namespace peftdesk
