// See llamafactory_import.h. Three tables: keys that map onto a RUN.json key (with a value
// conversion), keys that only steer infrastructure (ignored, listed), and everything else
// (refused by name). LLaMA-Factory defaults that differ from ours are written explicitly so the
// imported run trains what the YAML meant (lora_alpha = 2 × rank, dataset_dir = "data", ...).
#include "peftdesk/llamafactory_import.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "io/text_list.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "train/yaml_reader.h"

namespace peftdesk {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

struct Ctx {
  const json& yaml;
  json& run;
  fs::path base;
  std::string file;
  std::vector<std::string>& notes;
  [[noreturn]] void fail(const std::string& key, const std::string& why) const {
    throw Error(ErrorCategory::Config, why, {file, -1, -1, key});
  }
};

// "1e-4" is a string to PyYAML but a float to LLaMA-Factory's argument parser: accept both.
double number(const Ctx& c, const std::string& key, const json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    try {
      size_t used = 0;
      const double d = std::stod(v.get<std::string>(), &used);
      if (used == v.get<std::string>().size()) return d;
    } catch (const std::exception&) {
    }
  }
  c.fail(key, "expected a number, found " + v.dump());
}
int64_t integer(const Ctx& c, const std::string& key, const json& v) {
  const double d = number(c, key, v);
  if (d != static_cast<double>(static_cast<int64_t>(d))) c.fail(key, "expected an integer, found " + v.dump());
  return static_cast<int64_t>(d);
}
bool boolean(const Ctx& c, const std::string& key, const json& v) {
  if (!v.is_boolean()) c.fail(key, "expected true or false, found " + v.dump());
  return v.get<bool>();
}
std::string text(const Ctx& c, const std::string& key, const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  c.fail(key, "expected a string, found " + v.dump());
}
std::string path(const Ctx& c, const std::string& key, const json& v) {
  fs::path p = text(c, key, v);
  if (p.is_relative()) p = c.base / p;
  return p.lexically_normal().string();
}
// "q_proj,v_proj" / [q_proj, v_proj] → list.
std::vector<std::string> names(const Ctx& c, const std::string& key, const json& v) {
  std::vector<std::string> out;
  if (v.is_array()) {
    for (const auto& e : v) out.push_back(text(c, key, e));
    return out;
  }
  return splitCommaList(text(c, key, v));
}

// transformers' IntervalStrategy: "no" or "steps" ("epoch" and "best" have no PeftDesk equivalent).
std::string strategy(const Ctx& c, const std::string& key, const json& v) {
  const std::string s = text(c, key, v);
  if (s != "no" && s != "steps") c.fail(key, "'" + s + "' is not supported (no and steps are)");
  return s;
}

using Apply = std::function<void(const Ctx&, const std::string&, const json&)>;

Apply to(const char* section, const char* key, int kind) {
  return [=](const Ctx& c, const std::string& k, const json& v) {
    json& dst = std::string(section).empty() ? c.run : c.run[section];
    switch (kind) {
      case 0: dst[key] = number(c, k, v); break;
      case 1: dst[key] = integer(c, k, v); break;
      case 2: dst[key] = boolean(c, k, v); break;
      case 3: dst[key] = text(c, k, v); break;
      case 4: dst[key] = path(c, k, v); break;
    }
  };
}
constexpr int kNumber = 0, kInteger = 1, kBool = 2, kText = 3, kPath = 4;

const std::map<std::string, Apply>& mappedKeys() {
  static const std::map<std::string, Apply> kMap = {
      {"model_name_or_path", to("model", "path", kPath)},
      {"adapter_name_or_path", to("model", "adapter", kPath)},
      {"lora_rank", [](const Ctx& c, const std::string& k, const json& v) { c.run["method"]["r"] = integer(c, k, v); }},
      {"lora_alpha", [](const Ctx& c, const std::string& k, const json& v) {
         // A whole number stays an integer, as PEFT writes it (32, not 32.0).
         const double alpha = number(c, k, v);
         c.run["method"]["lora_alpha"] = alpha == std::floor(alpha) && std::fabs(alpha) < 1e15 ? json(static_cast<int64_t>(alpha)) : json(alpha);
       }},
      {"lora_dropout", [](const Ctx& c, const std::string& k, const json& v) { c.run["method"]["lora_dropout"] = number(c, k, v); }},
      {"lora_target", [](const Ctx& c, const std::string& k, const json& v) {
         const auto list = names(c, k, v);
         c.run["method"]["target_modules"] = (list.size() == 1 && list[0] == "all") ? json("all-linear") : json(list);
       }},
      {"additional_target", [](const Ctx& c, const std::string& k, const json& v) { c.run["method"]["modules_to_save"] = names(c, k, v); }},
      {"use_rslora", [](const Ctx& c, const std::string& k, const json& v) { c.run["method"]["use_rslora"] = boolean(c, k, v); }},
      {"use_dora", [](const Ctx& c, const std::string& k, const json& v) { c.run["method"]["use_dora"] = boolean(c, k, v); }},
      {"loraplus_lr_ratio", to("train", "loraplus_lr_ratio", kNumber)},
      // PiSSA as LLaMA-Factory asks PEFT for it: pissa_iter subspace iterations (default 16), -1 for
      // the exact SVD. Its output is the converted LoRA, which PeftDesk always writes.
      {"pissa_init", [](const Ctx& c, const std::string& k, const json& v) {
         if (!boolean(c, k, v)) return;
         if (c.yaml.contains("quantization_bit") && !c.yaml["quantization_bit"].is_null())  // as LLaMA-Factory refuses it
           c.fail(k, "PiSSA with quantization_bit is not supported: the start needs the 16- or 32-bit base");
         const json convert = c.yaml.contains("pissa_convert") ? c.yaml["pissa_convert"] : json(false);
         if (!(convert.is_boolean() && convert.get<bool>()))
           c.notes.push_back("pissa_convert is off: LLaMA-Factory would save the raw PiSSA adapter; PeftDesk saves it converted to a plain LoRA");
         const int64_t iterations = c.yaml.contains("pissa_iter") ? integer(c, "pissa_iter", c.yaml["pissa_iter"]) : 16;
         if (iterations < -1) c.fail("pissa_iter", "must be -1 (exact SVD) or a number of iterations");
         c.run["method"]["init_lora_weights"] = iterations == -1 ? std::string("pissa") : "pissa_niter_" + std::to_string(iterations);
       }},
      {"pissa_iter", [](const Ctx& c, const std::string& k, const json& v) {
         integer(c, k, v);  // read with pissa_init
         if (!c.yaml.contains("pissa_init")) c.notes.push_back("ignored 'pissa_iter' (pissa_init is not set)");
       }},
      {"pissa_convert", [](const Ctx& c, const std::string& k, const json& v) { boolean(c, k, v); }},  // read with pissa_init
      {"dataset", [](const Ctx& c, const std::string& k, const json& v) {
         const auto list = names(c, k, v);
         std::string joined;
         for (const auto& n : list) joined += (joined.empty() ? "" : ",") + n;
         c.run["data"]["dataset"] = joined;
       }},
      {"dataset_dir", to("data", "path", kPath)},
      {"template", to("data", "template", kText)},
      {"cutoff_len", to("data", "cutoff_len", kInteger)},
      {"max_samples", to("data", "max_samples", kInteger)},
      {"val_size", to("data", "val_size", kNumber)},
      {"packing", to("data", "packing", kBool)},
      {"train_on_prompt", to("data", "train_on_prompt", kBool)},
      {"mask_history", to("data", "mask_history", kBool)},
      {"output_dir", to("", "output_dir", kPath)},
      {"logging_steps", to("train", "logging_steps", kInteger)},
      {"save_steps", to("train", "save_steps", kInteger)},
      {"save_total_limit", to("train", "save_total_limit", kInteger)},
      {"eval_steps", to("train", "eval_steps", kInteger)},
      {"per_device_train_batch_size", to("train", "per_device_train_batch_size", kInteger)},
      {"per_device_eval_batch_size", to("train", "per_device_eval_batch_size", kInteger)},
      {"gradient_accumulation_steps", to("train", "gradient_accumulation_steps", kInteger)},
      {"learning_rate", to("train", "learning_rate", kNumber)},
      {"num_train_epochs", to("train", "num_train_epochs", kNumber)},
      {"max_steps", to("train", "max_steps", kInteger)},
      {"lr_scheduler_type", to("train", "lr_scheduler_type", kText)},
      {"warmup_ratio", to("train", "warmup_ratio", kNumber)},
      {"warmup_steps", to("train", "warmup_steps", kInteger)},
      {"max_grad_norm", to("train", "max_grad_norm", kNumber)},
      {"weight_decay", to("train", "weight_decay", kNumber)},
      {"adam_beta1", to("train", "adam_beta1", kNumber)},
      {"adam_beta2", to("train", "adam_beta2", kNumber)},
      {"adam_epsilon", to("train", "adam_epsilon", kNumber)},
      {"optim", to("train", "optim", kText)},
      {"seed", to("train", "seed", kInteger)},
      {"bf16", [](const Ctx& c, const std::string& k, const json& v) { if (boolean(c, k, v)) c.run["train"]["precision"] = "bf16"; }},
      {"fp16", [](const Ctx& c, const std::string& k, const json& v) { if (boolean(c, k, v)) c.run["train"]["precision"] = "fp16"; }},
      {"pure_bf16", [](const Ctx& c, const std::string& k, const json& v) { if (boolean(c, k, v)) c.run["train"]["precision"] = "bf16"; }},
      {"quantization_bit", [](const Ctx& c, const std::string& k, const json& v) {
         if (v.is_null()) return;
         if (integer(c, k, v) != 4) c.fail(k, "only 4-bit quantization is supported (QLoRA)");
         c.run["model"]["quantization"]["bits"] = 4;
       }},
      {"quantization_type", [](const Ctx& c, const std::string& k, const json& v) { c.run["model"]["quantization"]["type"] = text(c, k, v); }},
      {"double_quantization", [](const Ctx& c, const std::string& k, const json& v) { c.run["model"]["quantization"]["double_quant"] = boolean(c, k, v); }},
      {"quantization_method", [](const Ctx& c, const std::string& k, const json& v) {
         if (text(c, k, v) != "bnb" && text(c, k, v) != "bitsandbytes") c.fail(k, "only bitsandbytes (bnb) 4-bit quantization is supported");
       }},
      {"disable_gradient_checkpointing", [](const Ctx& c, const std::string& k, const json& v) {
         c.run["train"]["gradient_checkpointing"] = !boolean(c, k, v);
       }},
      {"stage", [](const Ctx& c, const std::string& k, const json& v) {
         const std::string s = text(c, k, v);
         if (s == "pt") c.run["data"]["format"] = "text";
         else if (s != "sft") c.fail(k, "stage '" + s + "' is not supported (sft and pt are)");
       }},
      // full / freeze replace the method (read after the loop, with freeze_trainable_layers).
      {"finetuning_type", [](const Ctx& c, const std::string& k, const json& v) {
         const std::string t = text(c, k, v);
         if (t != "lora" && t != "full" && t != "freeze") c.fail(k, "finetuning_type '" + t + "' is not supported (lora, full and freeze are)");
       }},
      {"freeze_trainable_layers", [](const Ctx& c, const std::string& k, const json& v) { integer(c, k, v); }},
      {"freeze_trainable_modules", [](const Ctx& c, const std::string& k, const json& v) {
         // PeftDesk trains every parameter of the chosen layers: LLaMA-Factory's "all".
         const auto list = names(c, k, v);
         if (list != std::vector<std::string>{"all"}) c.fail(k, "only 'all' (every module of the trainable layers) is supported");
       }},
      {"disable_shuffling", [](const Ctx& c, const std::string& k, const json& v) { c.run["data"]["shuffle"] = !boolean(c, k, v); }},
      {"enable_thinking", to("data", "enable_thinking", kBool)},
      {"full_determinism", to("train", "deterministic", kBool)},
      {"lr_scheduler_kwargs", [](const Ctx& c, const std::string& k, const json& v) {
         if (!v.is_object()) c.fail(k, "expected a mapping, found " + v.dump());
         for (const auto& [name, value] : v.items()) {
           if (name != "num_cycles") c.fail(k + "." + name, "unknown schedule option (num_cycles is supported)");
           c.run["train"]["lr_scheduler_kwargs"][name] = number(c, k + "." + name, value);
         }
       }},
      // Read after the loop: they decide what eval_steps / save_steps mean.
      {"eval_strategy", [](const Ctx& c, const std::string& k, const json& v) { strategy(c, k, v); }},
      {"evaluation_strategy", [](const Ctx& c, const std::string& k, const json& v) { strategy(c, k, v); }},
      {"save_strategy", [](const Ctx& c, const std::string& k, const json& v) { strategy(c, k, v); }},
      {"do_eval", [](const Ctx& c, const std::string& k, const json& v) { boolean(c, k, v); }},
      {"eval_dataset", [](const Ctx& c, const std::string& k, const json& v) { names(c, k, v); }},
  };
  return kMap;
}

// Keys that steer logging, hardware or caching, not what is trained.
bool ignoredKey(const std::string& k) {
  static const char* const kIgnored[] = {"do_train", "do_predict", "trust_remote_code", "overwrite_cache",
                                         "preprocessing_num_workers", "dataloader_num_workers", "plot_loss", "overwrite_output_dir",
                                         "save_only_model", "report_to", "ddp_timeout", "resume_from_checkpoint", "logging_strategy", "run_name", "logging_dir",
                                         "flash_attn", "enable_liger_kernel", "use_unsloth", "deepspeed", "cache_dir", "export_dir", "tokenized_path", "streaming",
                                         "ddp_find_unused_parameters", "include_num_input_tokens_seen", "hub_model_id", "push_to_hub"};
  return std::find(std::begin(kIgnored), std::end(kIgnored), k) != std::end(kIgnored);
}

const json* given(const Ctx& c, const char* key) {
  return c.yaml.contains(key) && !c.yaml[key].is_null() ? &c.yaml[key] : nullptr;
}

// eval_strategy "no" (transformers' default) evaluates only after training (with do_eval): PeftDesk's
// eval_steps 0; "steps" every eval_steps, which defaults to logging_steps. save_strategy "no": save_steps 0.
void resolveStrategies(const Ctx& c) {
  const json* e = given(c, "eval_strategy") ? given(c, "eval_strategy") : given(c, "evaluation_strategy");
  const std::string eval = e ? strategy(c, "eval_strategy", *e) : "no";
  json& train = c.run["train"];
  if (eval == "steps") {
    if (!given(c, "eval_steps")) train["eval_steps"] = train["logging_steps"];
  } else {
    if (given(c, "eval_steps")) c.notes.push_back("eval_steps is not used: eval_strategy is 'no' (evaluation only after training)");
    train["eval_steps"] = 0;
  }
  const json* evalData = given(c, "eval_dataset");
  const bool hasEval = evalData || (given(c, "val_size") && number(c, "val_size", *given(c, "val_size")) > 0);
  const json* doEval = given(c, "do_eval");
  if (hasEval && eval == "no" && !(doEval && boolean(c, "do_eval", *doEval)))
    c.notes.push_back("do_eval is off: LLaMA-Factory would not evaluate at all; PeftDesk evaluates after training");
  if (const json* save = given(c, "save_strategy"); save && strategy(c, "save_strategy", *save) == "no") train["save_steps"] = 0;
}

// eval_dataset names a dataset_info.json entry; PeftDesk's data.eval_path is its file, read with the
// training entries' column mapping (one mapping for both, so the entries must agree on it).
void resolveEvalDataset(const Ctx& c) {
  const json* v = given(c, "eval_dataset");
  if (!v) return;
  const auto list = names(c, "eval_dataset", *v);
  if (list.size() != 1) c.fail("eval_dataset", "PeftDesk evaluates on one dataset; " + std::to_string(list.size()) + " are named");
  const fs::path dir = c.run["data"]["path"].get<std::string>();
  const fs::path infoFile = dir / "dataset_info.json";
  if (!fs::exists(infoFile)) {  // converting on another machine than the data's: say so, carry on
    c.notes.push_back("eval_dataset '" + list[0] + "': " + infoFile.string() +
                      " is not here, so data.eval_path is left unset; set it to the evaluation file");
    return;
  }
  const json info = readJsonFile(infoFile);
  if (!info.is_object() || !info.contains(list[0]) || !info[list[0]].is_object() || !info[list[0]].contains("file_name") ||
      !info[list[0]]["file_name"].is_string())
    c.fail("eval_dataset", "no entry '" + list[0] + "' with a file_name in " + infoFile.string());
  const json& entry = info[list[0]];
  c.run["data"]["eval_path"] = (dir / entry["file_name"].get<std::string>()).lexically_normal().string();
  auto mapping = [](const json& e) {
    json m = json::object();
    for (const char* section : {"columns", "tags"})
      if (e.contains(section) && e[section].is_object()) m.update(e[section]);
    return m;
  };
  const json evalMapping = mapping(entry);
  const std::string trainNames = c.run["data"].value("dataset", std::string());
  for (const auto& name : splitCommaList(trainNames)) {
    if (info.contains(name) && info[name].is_object() && mapping(info[name]) != evalMapping)
      c.fail("eval_dataset", "'" + list[0] + "' maps its columns differently from '" + name + "'; PeftDesk reads both with one mapping");
  }
  if (!evalMapping.empty()) c.run["data"]["columns"] = evalMapping;
}

// finetuning_type full / freeze: the method is {finetuning_type[, freeze_trainable_layers]}. Returns
// true when it replaced the LoRA method.
bool resolveFineTuningType(const Ctx& c) {
  const json* t = given(c, "finetuning_type");
  const std::string type = t ? text(c, "finetuning_type", *t) : "lora";
  if (type == "lora") {
    if (given(c, "freeze_trainable_layers")) c.notes.push_back("ignored 'freeze_trainable_layers' (finetuning_type is lora)");
    return false;
  }
  if (given(c, "quantization_bit")) c.fail("quantization_bit", "LLaMA-Factory quantizes the base only for LoRA");
  json method{{"finetuning_type", type}};
  if (type == "freeze") {
    const json* n = given(c, "freeze_trainable_layers");
    method["freeze_trainable_layers"] = n ? integer(c, "freeze_trainable_layers", *n) : 2;  // LLaMA-Factory's default
  }
  c.run["method"] = method;
  return true;
}

}  // namespace

LlamaFactoryImport importLlamaFactoryYaml(const fs::path& yamlFile, const fs::path& baseDir) {
  const json yaml = readYamlFile(yamlFile);
  if (!yaml.is_object()) throw Error(ErrorCategory::Format, "a LLaMA-Factory config is a mapping of keys to values", {yamlFile.string()});
  LlamaFactoryImport out;
  out.run = json{{"model", json::object()}, {"data", json::object()}, {"train", json::object()},
                 {"method", {{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 8}, {"lora_dropout", 0.0}, {"target_modules", "all-linear"}}}};
  const fs::path base = !baseDir.empty() ? baseDir : yamlFile.parent_path().empty() ? fs::path(".") : yamlFile.parent_path();
  Ctx c{yaml, out.run, base, yamlFile.string(), out.notes};
  // LLaMA-Factory 0.9.5's (and transformers 5.5's) defaults where they differ from PeftDesk's, for
  // the keys the YAML leaves out (docs/notes/llamafactory-export-study.md §3.5).
  out.run["data"]["path"] = (base / "data").lexically_normal().string();
  out.run["data"]["shuffle"] = true;
  out.run["train"]["gradient_checkpointing"] = true;  // LLaMA-Factory checkpoints unless disable_gradient_checkpointing
  const std::pair<const char*, json> kDefaults[] = {
      {"template", "auto"},  // unset there: the tokenizer's own chat template, which is what auto picks here
      {"cutoff_len", 2048},           {"learning_rate", 5e-5},     {"per_device_train_batch_size", 8}, {"per_device_eval_batch_size", 8},
      {"gradient_accumulation_steps", 1}, {"lr_scheduler_type", "linear"}, {"logging_steps", 500}, {"save_steps", 500}};
  std::string defaulted;
  for (const auto& [key, value] : kDefaults) {
    if (yaml.contains(key)) continue;
    mappedKeys().at(key)(c, key, value);
    defaulted += (defaulted.empty() ? "" : ", ") + std::string(key) + " " + (value.is_string() ? value.get<std::string>() : value.dump());
  }
  if (!defaulted.empty()) out.notes.push_back("LLaMA-Factory's defaults for keys the YAML leaves out: " + defaulted);
  if (!yaml.contains("optim")) out.notes.push_back("optim: transformers' default adamw_torch_fused is adamw_torch's arithmetic, fused; adamw_torch is written");
  std::vector<std::string> refused;
  for (const auto& [key, value] : yaml.items()) {
    auto it = mappedKeys().find(key);
    if (it != mappedKeys().end()) {
      it->second(c, key, value);
    } else if (ignoredKey(key)) {
      out.notes.push_back("ignored '" + key + "' (does not change what is trained)");
    } else {
      refused.push_back(key);
    }
  }
  if (!refused.empty()) {
    std::string list;
    for (const auto& k : refused) list += (list.empty() ? "" : ", ") + k;
    throw Error(ErrorCategory::Unsupported, "keys with no PeftDesk equivalent (they would change the training): " + list, {yamlFile.string()});
  }
  if (!out.run.contains("output_dir")) throw Error(ErrorCategory::Config, "output_dir is required", {yamlFile.string(), -1, -1, "output_dir"});
  resolveStrategies(c);
  resolveEvalDataset(c);
  // lora_alpha defaults to 2 × rank in LLaMA-Factory (PEFT's default is 8).
  if (!resolveFineTuningType(c) && !yaml.contains("lora_alpha")) {
    out.run["method"]["lora_alpha"] = out.run["method"]["r"].get<int64_t>() * 2;
    out.notes.push_back("lora_alpha = 2 × lora_rank (LLaMA-Factory's default)");
  }
  if (out.run["model"].contains("quantization")) {
    json& q = out.run["model"]["quantization"];
    if (!q.contains("bits")) q.erase("type"), q.erase("double_quant");  // type without quantization_bit means nothing
    if (q.empty()) {
      out.run["model"].erase("quantization");
    } else {
      if (!q.contains("type")) q["type"] = "nf4";
      if (!q.contains("double_quant")) q["double_quant"] = true;
      q["compute_dtype"] = out.run["train"].value("precision", std::string("fp32"));
    }
  }
  return out;
}

}  // namespace peftdesk
