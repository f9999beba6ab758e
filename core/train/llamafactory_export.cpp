// See peftdesk/cluster_job.h. One row per RUN.json key (runFields()): what it becomes in
// LLaMA-Factory's YAML, a note when the other side cannot honour it exactly, or a refusal by name.
// Every key is written even at LLaMA-Factory's default, because its defaults are not ours
// (cutoff_len 2048, learning_rate 5e-5, batch 8, linear schedule, adamw_torch_fused, gradient
// checkpointing on, lora_alpha 2 × rank): an unwritten key would silently change the run.
// Sources: docs/notes/llamafactory-export-study.md §3 (llamafactory 0.9.5, transformers 5.5.4).
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "peftdesk/chat_template.h"
#include "io/text_list.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "peftdesk/tokenizer.h"
#include "train/llamafactory_job.h"
#include "train/run_config_fields.h"

namespace peftdesk {
namespace lfjob {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;
namespace fs = std::filesystem;

// The YAML's keys in the order a reader expects them (LLaMA-Factory's examples: model, method,
// dataset, output, train, eval); unset ones (null) are not written.
const char* const kYamlOrder[] = {
    "model_name_or_path", "adapter_name_or_path", "quantization_bit", "quantization_method", "quantization_type", "double_quantization",
    "stage", "do_train", "do_eval", "finetuning_type", "lora_rank", "lora_alpha", "lora_dropout", "lora_target", "additional_target",
    "use_rslora", "use_dora", "pissa_init", "pissa_iter", "pissa_convert", "freeze_trainable_layers", "freeze_trainable_modules",
    "loraplus_lr_ratio", "dataset_dir", "dataset", "eval_dataset", "template", "enable_thinking", "cutoff_len", "max_samples", "val_size",
    "packing", "train_on_prompt", "mask_history", "disable_shuffling", "output_dir", "logging_steps", "save_strategy", "save_steps",
    "save_total_limit", "report_to", "plot_loss", "per_device_train_batch_size", "gradient_accumulation_steps", "learning_rate",
    "num_train_epochs", "max_steps", "lr_scheduler_type", "lr_scheduler_kwargs", "warmup_steps", "warmup_ratio", "max_grad_norm",
    "weight_decay", "adam_beta1", "adam_beta2", "adam_epsilon", "optim", "bf16", "fp16", "disable_gradient_checkpointing", "seed",
    "full_determinism", "per_device_eval_batch_size", "eval_strategy", "eval_steps", "deepspeed", "ddp_timeout"};

std::vector<std::string> stringList(Plan& p, const std::string& key, const json& v) {
  std::vector<std::string> out;
  if (v.is_string()) return {v.get<std::string>()};
  if (!v.is_array()) {
    p.refuse(key, "expected a list of module names, found " + v.dump());
    return out;
  }
  for (const auto& e : v) {
    if (!e.is_string()) p.refuse(key, "expected module names, found " + e.dump());
    else out.push_back(e.get<std::string>());
  }
  return out;
}

// ---- method: PEFT's LoraConfig keys, or finetuning_type full / freeze -----------------------

// LoraConfig keys that must be at PEFT's default, because LLaMA-Factory cannot set them.
bool atLoraDefault(const std::string& key, const json& v) {
  static const std::vector<std::pair<const char*, json>> kDefaults = {
      {"bias", "none"},          {"fan_in_fan_out", false},          {"layers_to_transform", nullptr}, {"layers_pattern", nullptr},
      {"rank_pattern", json::object()}, {"alpha_pattern", json::object()}, {"lora_bias", false},      {"exclude_modules", nullptr},
      {"trainable_token_indices", nullptr}, {"layer_replication", nullptr}, {"loftq_config", json::object()}, {"use_qalora", false},
      {"megatron_config", nullptr}, {"target_parameters", nullptr}, {"eva_config", nullptr},      {"corda_config", nullptr},
      {"arrow_config", nullptr},    {"alora_invocation_tokens", nullptr}, {"ensure_weight_tying", false}};
  for (const auto& [k, d] : kDefaults) {
    if (key != k) continue;
    return v == d || (d.is_object() && v.is_null());
  }
  return false;
}
// Keys an adapter_config.json carries that describe the file, not the training.
bool descriptive(const std::string& key) {
  static const char* const kKeys[] = {"task_type", "inference_mode", "base_model_name_or_path", "revision", "auto_mapping",
                                      "peft_version", "megatron_core", "qalora_group_size", "runtime_config"};
  return std::find_if(std::begin(kKeys), std::end(kKeys), [&](const char* k) { return key == k; }) != std::end(kKeys);
}

void planLora(Plan& p) {
  const json& m = p.config.method;
  ojson& y = p.job.yaml;
  y["finetuning_type"] = "lora";
  for (const auto& [key, v] : m.items()) {
    const std::string field = "method." + key;
    if (key == "peft_type") continue;
    if (key == "r") {
      y["lora_rank"] = v;
    } else if (key == "lora_alpha") {
      y["lora_alpha"] = v;
    } else if (key == "lora_dropout") {
      y["lora_dropout"] = v;
    } else if (key == "target_modules") {
      if (v.is_string() && v.get<std::string>() == "all-linear") {
        y["lora_target"] = "all";  // LLaMA-Factory's every linear layer but the output head, as PEFT's all-linear
      } else if (v.is_string()) {
        p.refuse(field, "a regular expression (PEFT's meaning of a string) has no LLaMA-Factory equivalent: list the module names");
      } else {
        y["lora_target"] = joinList(stringList(p, field, v));
      }
    } else if (key == "modules_to_save") {
      if (!v.is_null()) y["additional_target"] = joinList(stringList(p, field, v));
    } else if (key == "use_rslora" || key == "use_dora") {
      y[key] = v;
    } else if (key == "init_lora_weights") {
      const std::string s = v.is_string() ? v.get<std::string>() : "";
      if (v == json(true)) continue;
      if (s == "pissa" || s.rfind("pissa_niter_", 0) == 0) {
        if (p.config.quantization.enabled) p.refuse(field, "LLaMA-Factory refuses PiSSA on a quantized base (QPiSSA)");
        if (p.options.parallel == ClusterParallel::Zero3 || p.options.parallel == ClusterParallel::Zero3Offload)
          p.refuse(field, "LLaMA-Factory refuses a PiSSA start under DeepSpeed ZeRO-3 (use zero2, fsdp or ddp)");
        y["pissa_init"] = true;
        y["pissa_iter"] = s == "pissa" ? -1 : std::stoll(s.substr(12));
        y["pissa_convert"] = true;  // saved as a plain LoRA, as PeftDesk saves it
      } else {
        p.refuse(field, v.dump() + " has no LLaMA-Factory equivalent (it starts LoRA as PEFT's default or with PiSSA)");
      }
    } else if (descriptive(key)) {
      if (key == "task_type" && v != json("CAUSAL_LM")) p.refuse(field, "LLaMA-Factory trains causal language models (CAUSAL_LM)");
    } else if (!atLoraDefault(key, v)) {
      p.refuse(field, v.dump() + " has no LLaMA-Factory equivalent");
    }
  }
  // PEFT's defaults where LLaMA-Factory's differ (alpha 2 × rank there, 8 in PEFT).
  if (!y.contains("lora_rank") || y["lora_rank"].is_null()) y["lora_rank"] = 8;
  if (!y.contains("lora_alpha") || y["lora_alpha"].is_null()) y["lora_alpha"] = 8;
  if (!y.contains("lora_dropout") || y["lora_dropout"].is_null()) y["lora_dropout"] = 0.0;
  if (!y.contains("lora_target") || y["lora_target"].is_null()) {
    if (!m.contains("target_modules")) p.refuse("method.target_modules", "not set: name the modules (LLaMA-Factory's default is every linear layer, PEFT's depends on the model)");
  }
  if (p.config.loraplusLrRatio) y["loraplus_lr_ratio"] = *p.config.loraplusLrRatio;
}

void planMethod(Plan& p) {
  const RunConfig& c = p.config;
  ojson& y = p.job.yaml;
  if (c.mode == TrainingMode::Full || c.mode == TrainingMode::Freeze) {
    const bool full = c.mode == TrainingMode::Full;
    y["finetuning_type"] = full ? "full" : "freeze";
    if (!full) {
      y["freeze_trainable_layers"] = c.freezeTrainableLayers;
      y["freeze_trainable_modules"] = "all";  // every parameter of those layers, as PeftDesk trains them
    }
    if (c.loraplusLrRatio) p.refuse("train.loraplus_lr_ratio", "LoRA+ needs a LoRA method");
    return;
  }
  const std::string type = c.method.value("peft_type", std::string("LORA"));
  if (type != "LORA") {
    p.refuse("method.peft_type", "LLaMA-Factory has no " + type +
                                      " (its methods: LoRA with DoRA / rsLoRA / PiSSA / LoRA+, and full or freeze fine-tuning)");
    return;
  }
  planLora(p);
}

// ---- model ---------------------------------------------------------------------------------

void planModel(Plan& p) {
  const RunConfig& c = p.config;
  ojson& y = p.job.yaml;
  if (!p.options.modelPath.empty()) {
    y["model_name_or_path"] = p.options.modelPath;
  } else {
    y["model_name_or_path"] = c.modelPath.string();
    p.note("model_name_or_path is this machine's " + c.modelPath.string() +
           ": the cluster must have the model there, or name it as the cluster does (--model-path; a path there or a Hub id)");
  }
}

void planAdapter(Plan& p) {
  const fs::path& dir = p.config.initAdapterPath;
  if (dir.empty()) return;
  const fs::path cfgFile = dir / "adapter_config.json";
  const fs::path weights = dir / "adapter_model.safetensors";
  if (!fs::exists(cfgFile) || !fs::exists(weights)) {
    p.refuse("model.adapter", dir.string() + " is not a PEFT adapter folder (adapter_config.json + adapter_model.safetensors): "
                              "LLaMA-Factory continues PEFT LoRA adapters only");
    return;
  }
  const json cfg = readJsonFile(cfgFile);
  if (!cfg.is_object() || cfg.value("peft_type", std::string()) != "LORA") {
    p.refuse("model.adapter", cfgFile.string() + ": LLaMA-Factory continues LoRA adapters only (peft_type " +
                                  (cfg.is_object() && cfg.contains("peft_type") ? cfg["peft_type"].dump() : std::string("absent")) + ")");
    return;
  }
  p.job.yaml["adapter_name_or_path"] = "init_adapter";
  p.job.files.push_back({"init_adapter/adapter_config.json", "", cfgFile});
  p.job.files.push_back({"init_adapter/adapter_model.safetensors", "", weights});
}

void planQuantization(Plan& p) {
  const Quantization4bit& q = p.config.quantization;
  if (!q.enabled) return;
  ojson& y = p.job.yaml;
  y["quantization_bit"] = 4;
  y["quantization_method"] = "bnb";
  y["quantization_type"] = q.type;
  y["double_quantization"] = q.doubleQuant;
  if (q.blocksize != 64) p.refuse("model.quantization.blocksize", "LLaMA-Factory quantizes with bitsandbytes' block size 64 only");
}

// ---- data keys other than the files (planData) ----------------------------------------------

void planTemplate(Plan& p) {
  const RunConfig& c = p.config;
  if (p.job.yaml["stage"] == "pt") {
    // Plain text is not templated (text + EOS, cut into blocks) on either side; "empty" leaves
    // LLaMA-Factory's tokenizer as it is (templates that replace the EOS would change what is appended).
    p.job.templateName = "empty";
    p.job.yaml["template"] = "empty";
    return;
  }
  std::string name = c.templateName;
  if (name == "auto") {
    try {
      const auto tokenizer = Tokenizer::load(c.modelPath);
      name = chatTemplateName(resolveChatTemplate("auto", *tokenizer));
      if (name == "default" && !tokenizer->chatTemplate().empty())
        p.note("template: the model's own chat template is not one of the built-in families; 'default' is written, as a PeftDesk run would use");
    } catch (const std::exception& e) {
      p.refuse("data.template", "auto needs the model's tokenizer on this machine to choose the template (" + errorMessage(e) +
                                    "); name the template instead");
      return;
    }
  }
  if (const std::string why = templateRefusal(name); !why.empty()) {
    p.refuse("data.template", name + ": " + why);
    return;
  }
  p.job.templateName = name;
  p.job.yaml["template"] = name;
  p.job.yaml["enable_thinking"] = c.enableThinking;
}

void planDataKeys(Plan& p) {
  const RunConfig& c = p.config;
  ojson& y = p.job.yaml;
  y["cutoff_len"] = c.cutoffLen;
  if (c.maxSamples > 0) y["max_samples"] = c.maxSamples;  // every record is valid (planData checks), so first N records = first N examples
  if (c.valSize > 0) {
    if (c.valSize == 1.0) p.refuse("data.val_size", "1 is one example here but the whole data set in LLaMA-Factory (a fraction up to 1); use 2 or a fraction");
    y["val_size"] = c.valSize;
    p.note("val_size: LLaMA-Factory holds out other examples than PeftDesk would (datasets' train_test_split with seed " +
           std::to_string(c.seed) + "): evaluation losses are not comparable example for example");
  }
  // PeftDesk cuts plain text into blocks of cutoff_len tokens: LLaMA-Factory's packing for stage pt.
  const bool text = y["stage"] == "pt";
  y["packing"] = c.packing || text;
  if (c.packing && !text)
    p.note("packing: LLaMA-Factory packs whole examples by length into rows of cutoff_len − 1 tokens; PeftDesk concatenates in order: "
           "the rows, and so the losses step by step, differ");
  y["train_on_prompt"] = c.trainOnPrompt;
  y["mask_history"] = c.maskHistory;
  y["disable_shuffling"] = !c.shuffle;
  if (c.shuffle) p.note("shuffling: LLaMA-Factory's sampler orders the examples by its own seeded permutation, not PeftDesk's");
}

// ---- train ---------------------------------------------------------------------------------

void planBatch(Plan& p) {
  const RunConfig& c = p.config;
  const int64_t world = p.options.gpusPerNode * p.options.nodes;
  p.job.worldSize = world;
  p.job.yaml["per_device_train_batch_size"] = c.batchSize;
  if (c.gradAccumSteps % world != 0) {
    std::vector<std::string> fits;
    for (int64_t g = 1; g <= c.gradAccumSteps; ++g)
      if (c.gradAccumSteps % g == 0) fits.push_back(std::to_string(g));
    p.refuse("train.gradient_accumulation_steps",
             std::to_string(c.gradAccumSteps) + " is not a multiple of the " + std::to_string(world) +
                 " GPUs, so the effective batch (per-device " + std::to_string(c.batchSize) + " × accumulation " +
                 std::to_string(c.gradAccumSteps) + " = " + std::to_string(c.batchSize * c.gradAccumSteps) +
                 ") cannot be kept; GPUs in all that keep it: " + joinList(fits, ", ") + ", or raise gradient_accumulation_steps");
    return;
  }
  p.job.yaml["gradient_accumulation_steps"] = c.gradAccumSteps / world;
  p.job.yaml["per_device_eval_batch_size"] = c.evalBatchSize;
}

void planSchedule(Plan& p) {
  const RunConfig& c = p.config;
  ojson& y = p.job.yaml;
  y["learning_rate"] = c.learningRate;
  y["num_train_epochs"] = c.numTrainEpochs;
  y["max_steps"] = c.maxSteps;
  y["lr_scheduler_type"] = c.schedulerType;
  if (c.numCycles > 0) y["lr_scheduler_kwargs"] = ojson{{"num_cycles", c.numCycles}};
  // Never both: transformers lets warmup_ratio overwrite warmup_steps. warmup_ratio is the
  // spelling every transformers that LLaMA-Factory 0.9.5 accepts (4.55 – 5.6) reads as a ratio.
  if (c.warmupSteps > 0) y["warmup_steps"] = c.warmupSteps;
  else if (c.warmupRatio > 0) y["warmup_ratio"] = c.warmupRatio;
  else y["warmup_steps"] = 0;
}

void planOptimizer(Plan& p) {
  const RunConfig& c = p.config;
  ojson& y = p.job.yaml;
  y["max_grad_norm"] = c.maxGradNorm;
  y["weight_decay"] = c.weightDecay;
  y["adam_beta1"] = c.adamBeta1;
  y["adam_beta2"] = c.adamBeta2;
  y["adam_epsilon"] = c.adamEpsilon;
  y["optim"] = c.optim;  // always: transformers 5's default is adamw_torch_fused
  if (p.options.parallel == ClusterParallel::Zero3Offload && c.optim != "adamw_torch")
    p.refuse("train.optim", c.optim + " keeps its state on the GPU, ZeRO-3 offload in CPU memory (use adamw_torch, or zero3)");
}

void planPrecision(Plan& p) {
  const RunConfig& c = p.config;
  p.job.yaml["bf16"] = c.precision == ComputeDType::BF16;
  p.job.yaml["fp16"] = c.precision == ComputeDType::F16;
  p.job.yaml["disable_gradient_checkpointing"] = !c.gradientCheckpointing;
}

void planEvalAndSave(Plan& p) {
  const RunConfig& c = p.config;
  ojson& y = p.job.yaml;
  const bool hasEval = c.valSize > 0 || !c.evalPath.empty();
  y["do_eval"] = hasEval;  // LLaMA-Factory then evaluates after training too, as PeftDesk does
  y["eval_strategy"] = hasEval && c.evalSteps > 0 ? "steps" : "no";
  if (hasEval && c.evalSteps > 0) y["eval_steps"] = c.evalSteps;
  y["logging_steps"] = c.loggingSteps;
  y["save_strategy"] = c.saveSteps > 0 ? "steps" : "no";  // the final adapter is saved either way
  if (c.saveSteps > 0) y["save_steps"] = c.saveSteps;
  y["save_total_limit"] = c.saveTotalLimit;
}

void planOutput(Plan& p) {
  p.job.yaml["output_dir"] = "output";
  p.job.yaml["report_to"] = "none";
  p.job.yaml["plot_loss"] = false;
  p.note("output_dir: the cluster writes the run into the job folder's output/ (launch.sh copies job.yaml there for the way back); "
         "RUN.json's " + p.config.outputDir.string() + " is this machine's");
}

void planMachineLocal(Plan& p) {
  const RunConfig& c = p.config;
  if (c.numThreads != 0) p.note("num_threads " + std::to_string(c.numThreads) + " is this machine's: not exported");
  if (c.device.kind != DeviceKind::Auto) p.note("device " + deviceSpecName(c.device) + " is this machine's: the cluster uses its GPUs");
  p.job.yaml["seed"] = static_cast<int64_t>(c.seed);
  p.job.yaml["full_determinism"] = c.deterministic;
  if (c.nanPolicy == NanPolicy::Skip) p.refuse("train.nan_policy", "skip has no LLaMA-Factory equivalent (transformers' Trainer applies every step)");
  else p.note("nan_policy: transformers' Trainer does not stop at a non-finite loss as PeftDesk does; watch the loss curve");
}

struct Row {
  const char* runKey;
  std::function<void(Plan&)> plan;  // empty: decided by the row named in the comment
};

const std::vector<Row>& rows() {
  static const std::vector<Row> kRows = {
      {"model.path", planModel},
      {"model.adapter", planAdapter},
      {"model.quantization", planQuantization},
      {"method", planMethod},
      {"data.path", planData},  // also data.dataset, data.format, data.columns, data.eval_path
      {"data.dataset", {}},
      {"data.format", {}},
      {"data.columns", {}},
      {"data.eval_path", {}},
      {"data.template", planTemplate},  // also data.enable_thinking, data.template_date (only smollm3 writes dates: refused)
      {"data.enable_thinking", {}},
      {"data.template_date", {}},
      {"data.cutoff_len", planDataKeys},  // also val_size, packing, train_on_prompt, mask_history, shuffle, max_samples
      {"data.val_size", {}},
      {"data.packing", {}},
      {"data.train_on_prompt", {}},
      {"data.mask_history", {}},
      {"data.shuffle", {}},
      {"data.max_samples", {}},
      {"data.on_bad_record", {}},  // planData refuses malformed records, so fail and skip train the same
      {"train.per_device_train_batch_size", planBatch},  // also gradient_accumulation_steps, per_device_eval_batch_size
      {"train.per_device_eval_batch_size", {}},
      {"train.gradient_accumulation_steps", {}},
      {"train.learning_rate", planSchedule},  // also epochs, max_steps, schedule, kwargs, warm-up
      {"train.num_train_epochs", {}},
      {"train.max_steps", {}},
      {"train.lr_scheduler_type", {}},
      {"train.lr_scheduler_kwargs", {}},
      {"train.warmup_steps", {}},
      {"train.warmup_ratio", {}},
      {"train.max_grad_norm", planOptimizer},  // also weight decay, betas, epsilon, optim
      {"train.weight_decay", {}},
      {"train.adam_beta1", {}},
      {"train.adam_beta2", {}},
      {"train.adam_epsilon", {}},
      {"train.optim", {}},
      {"train.loraplus_lr_ratio", {}},  // planLora
      {"train.precision", planPrecision},  // also gradient_checkpointing
      {"train.gradient_checkpointing", {}},
      {"train.logging_steps", planEvalAndSave},  // also eval_steps, save_steps, save_total_limit
      {"train.eval_steps", {}},
      {"train.save_steps", {}},
      {"train.save_total_limit", {}},
      {"train.seed", planMachineLocal},  // also num_threads, device, deterministic, nan_policy
      {"train.num_threads", {}},
      {"train.device", {}},
      {"train.deterministic", {}},
      {"train.nan_policy", {}},
      {"output_dir", planOutput},
  };
  return kRows;
}

}  // namespace

// Measured by test_llamafactory_templates (LLaMA-Factory 0.9.5's own supervised preprocessing
// against ours, token ids and labels, five conversations each); the rest train the same tokens.
std::string templateRefusal(const std::string& name) {
  static const std::map<std::string, std::string> kDiffer = {
      {"smollm3", "LLaMA-Factory 0.9.5 has no smollm3 template (its smollm / smollm2 render differently)"},
      {"default", "LLaMA-Factory 0.9.5's default also ends the system and user turns with EOS"},
      {"alpaca", "LLaMA-Factory 0.9.5's alpaca joins a custom system prompt to '### Instruction:' without a blank line, and "
                 "learns the blank line after an answer as one token"},
      {"vicuna", "LLaMA-Factory 0.9.5's vicuna writes no space between the system prompt and 'USER:'"},
      {"empty", "LLaMA-Factory tokenizes each message apart, so a word split across prompt and answer trains as other tokens"},
      {"zephyr", "LLaMA-Factory 0.9.5's zephyr adds a default system prompt and no newline after EOS"},
      {"llama2", "LLaMA-Factory 0.9.5's llama2 learns no space before </s>"},
      {"mistral", "LLaMA-Factory 0.9.5's mistral writes a space after [/INST]"},
      {"phi", "LLaMA-Factory makes <|end|> the EOS, which undoes its rstrip (a newline is learned after every turn), and ends "
              "without <|endoftext|>"},
      {"phi4_mini", "LLaMA-Factory 0.9.5 ends the conversation at <|end|>, without <|endoftext|>"},
      {"qwen3", "LLaMA-Factory 0.9.5 puts the empty think block in every prompt (thinking off, not learned) or before every "
                "answer (on); PeftDesk puts it before the last answer, learned"},
  };
  const auto it = kDiffer.find(name);
  if (it == kDiffer.end()) return "";
  return it->second + ", so the cluster would train on other tokens (measured; templates that train the same tokens in both: "
                      "chatml, qwen, llama3, gemma, granite3, phi4)";
}

const std::vector<std::string>& exportedRunKeys() {
  static const std::vector<std::string> kKeys = [] {
    std::vector<std::string> out;
    for (const auto& r : rows()) out.push_back(r.runKey);
    return out;
  }();
  return kKeys;
}

}  // namespace lfjob

const char* clusterParallelName(ClusterParallel p) {
  switch (p) {
    case ClusterParallel::Ddp: return "ddp";
    case ClusterParallel::Zero2: return "zero2";
    case ClusterParallel::Zero3: return "zero3";
    case ClusterParallel::Zero3Offload: return "zero3-offload";
    case ClusterParallel::Fsdp: return "fsdp";
  }
  return "ddp";
}

bool parseClusterParallel(const std::string& text, ClusterParallel* out) {
  for (ClusterParallel p : {ClusterParallel::Ddp, ClusterParallel::Zero2, ClusterParallel::Zero3, ClusterParallel::Zero3Offload, ClusterParallel::Fsdp}) {
    if (text == clusterParallelName(p)) {
      *out = p;
      return true;
    }
  }
  return false;
}

ClusterJob planLlamaFactoryJob(const RunConfig& config, const ClusterJobOptions& options) {
  if (options.gpusPerNode < 1 || options.nodes < 1)
    throw Error(ErrorCategory::Argument, "--gpus and --nodes must be at least 1");
  lfjob::Plan plan{config, options, {}, {}};
  for (const char* key : lfjob::kYamlOrder) plan.job.yaml[key] = nullptr;
  plan.job.yaml["do_train"] = true;
  for (const auto& row : lfjob::rows())
    if (row.plan) row.plan(plan);
  if (!plan.refused.empty()) {
    std::string text = std::to_string(plan.refused.size()) + (plan.refused.size() == 1 ? " setting has" : " settings have") +
                       " no LLaMA-Factory equivalent (nothing was written):";
    for (const auto& [key, why] : plan.refused) text += "\n  " + config.sourceFile.string() + ": field '" + key + "': " + why;
    throw Error(ErrorCategory::Unsupported, text, {config.sourceFile.string()});
  }
  lfjob::planLaunchFiles(plan);
  return std::move(plan.job);
}

}  // namespace peftdesk
