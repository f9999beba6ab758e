// The RUN.json key table (see run_config_fields.h). Defaults follow Hugging Face
// TrainingArguments / LLaMA-Factory where a key exists there.
#include "train/run_config_fields.h"

#include <cmath>

#include "data/template_rules.h"
#include "peftdesk/device.h"
#include "peftdesk/optimizer_kinds.h"

namespace peftdesk {
namespace {

using json = nlohmann::json;
using Check = std::function<std::string(const json&)>;

Check positive() {
  return [](const json& v) { return v.get<double>() > 0 ? "" : "must be greater than 0"; };
}
Check atLeast(double lo) {
  return [lo](const json& v) { return v.get<double>() >= lo ? "" : "must be at least " + json(lo).dump(); };
}
Check inRange(double lo, double hi, bool hiOpen) {
  return [=](const json& v) {
    const double x = v.get<double>();
    const bool ok = x >= lo && (hiOpen ? x < hi : x <= hi);
    return ok ? std::string() : "must be in [" + json(lo).dump() + ", " + json(hi).dump() + (hiOpen ? ")" : "]");
  };
}
Check oneOf(std::vector<std::string> names) {
  return [names](const json& v) {
    const std::string s = v.get<std::string>();
    for (const auto& n : names)
      if (n == s) return std::string();
    std::string all;
    for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
    return "'" + s + "' is not one of: " + all;
  };
}
Check deviceSpec() {
  return [](const json& v) {
    DeviceSpec d;
    return parseDeviceSpec(v.get<std::string>(), &d) ? std::string() : "'" + v.get<std::string>() + "' is not a device (" + kDeviceChoicesHelp + ")";
  };
}
Check isoDay() {
  return [](const json& v) {
    int y = 0, m = 0, d = 0;
    return parseIsoDate(v.get<std::string>(), &y, &m, &d) ? std::string() : "'" + v.get<std::string>() + "' is not a day (YYYY-MM-DD)";
  };
}
Check notEmpty() {
  return [](const json& v) { return v.get<std::string>().empty() ? "must not be empty" : ""; };
}

}  // namespace

const std::vector<RunField>& runFields() {
  static const std::vector<RunField> kFields = {
      {"model.path", FieldType::Path, "", false, "Hugging Face model folder (config.json + safetensors)", notEmpty()},
      {"model.adapter", FieldType::Path, nullptr, true, "continue training this PEFT adapter folder instead of a fresh one", {}},
      {"model.quantization", FieldType::Object, nullptr, true,
       "4-bit base (QLoRA): {bits: 4, type: nf4|fp4, double_quant, compute_dtype, blocksize}", {}},
      {"method", FieldType::Object, json::object({{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 8}, {"lora_alpha", 16},
                                                   {"target_modules", "all-linear"}}),
       false, "the PEFT adapter_config.json of the method", {}},

      {"data.path", FieldType::Path, "", false, "dataset file (JSON, JSONL, CSV, TXT) or LLaMA-Factory data folder", notEmpty()},
      {"data.dataset", FieldType::String, nullptr, true, "dataset_info.json entries, comma-separated", {}},
      {"data.format", FieldType::String, "auto", false, "record format", oneOf({"auto", "alpaca", "sharegpt", "messages", "text", "tokenized"})},
      {"data.columns", FieldType::Object, nullptr, true, "column / tag mapping as in dataset_info.json (columns and tags merged)", {}},
      {"data.template", FieldType::String, "auto", false, "chat template (auto = the model's own)", notEmpty()},
      {"data.cutoff_len", FieldType::Integer, 1024, false, "tokens per example at most", atLeast(1)},
      {"data.val_size", FieldType::Number, 0.0, false, "fraction (< 1) or count (>= 1) of examples held out for evaluation", atLeast(0)},
      {"data.eval_path", FieldType::Path, nullptr, true, "separate evaluation dataset (same format rules)", {}},
      {"data.packing", FieldType::Bool, false, false, "concatenate examples into rows of cutoff_len tokens", {}},
      {"data.train_on_prompt", FieldType::Bool, false, false, "also learn the prompt tokens", {}},
      {"data.mask_history", FieldType::Bool, false, false, "learn only the last assistant turn of each conversation", {}},
      {"data.enable_thinking", FieldType::Bool, true, false,
       "reasoning mode of chat templates that have one (SmolLM3: /think, or /no_think with an empty think block before every answer); "
       "a system prompt's /think or /no_think wins",
       {}},
      {"data.template_date", FieldType::String, nullptr, true,
       "the day a dated chat template writes (SmolLM3's system block), YYYY-MM-DD; unset = the day the run starts, kept in the run's "
       "run.json so that a resume continues with it",
       isoDay()},
      {"data.shuffle", FieldType::Bool, true, false, "reshuffle the training examples every epoch (seeded)", {}},
      {"data.max_samples", FieldType::Integer, nullptr, true, "use at most this many examples per dataset", atLeast(1)},
      {"data.on_bad_record", FieldType::String, "fail", false, "a malformed record stops the run before step 1 (fail) or is skipped and counted (skip)",
       oneOf({"fail", "skip"})},

      {"train.learning_rate", FieldType::Number, 2e-4, false, "peak learning rate of AdamW", positive()},
      {"train.num_train_epochs", FieldType::Number, 3.0, false, "passes over the training data (max_steps wins when > 0)", positive()},
      {"train.max_steps", FieldType::Integer, -1, false, "optimizer steps in total; -1 = from num_train_epochs", atLeast(-1)},
      {"train.per_device_train_batch_size", FieldType::Integer, 2, false, "examples per forward pass", atLeast(1)},
      {"train.per_device_eval_batch_size", FieldType::Integer, 2, false, "examples per evaluation forward pass", atLeast(1)},
      {"train.gradient_accumulation_steps", FieldType::Integer, 4, false, "forward passes per optimizer step", atLeast(1)},
      {"train.lr_scheduler_type", FieldType::String, "cosine", false, "learning-rate schedule",
       oneOf({"constant", "constant_with_warmup", "linear", "cosine", "cosine_with_restarts"})},
      {"train.warmup_steps", FieldType::Integer, 0, false, "linear warm-up steps (wins over warmup_ratio when > 0)", atLeast(0)},
      {"train.warmup_ratio", FieldType::Number, 0.0, false, "warm-up as a fraction of all steps", inRange(0, 1, false)},
      {"train.lr_scheduler_kwargs", FieldType::Object, json::object(), false, "schedule options: {num_cycles} for cosine_with_restarts", {}},
      {"train.max_grad_norm", FieldType::Number, 1.0, false, "clip the global gradient norm to this (0 = off)", atLeast(0)},
      {"train.weight_decay", FieldType::Number, 0.0, false, "AdamW decoupled weight decay (not on biases / norms)", atLeast(0)},
      {"train.adam_beta1", FieldType::Number, 0.9, false, "AdamW beta1", inRange(0, 1, true)},
      {"train.adam_beta2", FieldType::Number, 0.999, false, "AdamW beta2", inRange(0, 1, true)},
      {"train.adam_epsilon", FieldType::Number, 1e-8, false, "AdamW epsilon", positive()},
      {"train.optim", FieldType::String, "adamw_torch", false,
       "optimizer (transformers' names): adamw_torch, or bitsandbytes' adamw_8bit (about a quarter of the state memory), paged_adamw_8bit, "
       "paged_adamw_32bit",
       oneOf(optimizerNames())},
      {"train.loraplus_lr_ratio", FieldType::Number, nullptr, true, "LoRA+: lora_B learns this many times faster", positive()},
      {"train.precision", FieldType::String, "fp32", false, "compute precision", oneOf({"fp32", "bf16", "fp16"})},
      {"train.gradient_checkpointing", FieldType::Bool, false, false,
       "recompute each layer's activations in backward: less memory for about one extra forward (not with prefix tuning)", {}},
      {"train.logging_steps", FieldType::Integer, 1, false, "write a metrics row every N optimizer steps", atLeast(1)},
      {"train.eval_steps", FieldType::Integer, 0, false, "evaluate every N steps (0 = only at the end, when there is eval data)", atLeast(0)},
      {"train.save_steps", FieldType::Integer, 100, false, "checkpoint every N steps (0 = only at the end / on stop)", atLeast(0)},
      {"train.save_total_limit", FieldType::Integer, 3, false, "keep the newest N checkpoints", atLeast(1)},
      {"train.seed", FieldType::Integer, 42, false, "seed of adapter init, shuffling and dropout", atLeast(0)},
      {"train.num_threads", FieldType::Integer, 0, false, "CPU threads (0 = all cores)", atLeast(0)},
      {"train.device", FieldType::String, "auto", false, "where the model trains: auto (the first usable GPU, else the CPU), cpu, cuda or cuda:N",
       deviceSpec()},
      {"train.deterministic", FieldType::Bool, false, false,
       "GPU: deterministic kernels (cuBLAS workspace, LibTorch's deterministic algorithms) so a resume repeats the run bit for bit; "
       "somewhat slower. The CPU is deterministic either way",
       {}},
      {"train.nan_policy", FieldType::String, "stop", false, "non-finite loss or gradient: stop the run, or skip that step (3 in a row stop it)",
       oneOf({"stop", "skip"})},

      {"output_dir", FieldType::Path, "", false, "run folder (created; must not hold another run unless resuming)", notEmpty()},
  };
  return kFields;
}

const RunField* findRunField(const std::string& key) {
  for (const auto& f : runFields())
    if (key == f.key) return &f;
  return nullptr;
}

}  // namespace peftdesk
