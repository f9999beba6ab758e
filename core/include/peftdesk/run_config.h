// RUN.json: everything a training run needs (DESIGN.md §3), parsed and validated up front.
// The keys live in one table (run_config_fields.cpp) with their type, default and check, so
// unknown keys are refused by name (with a suggestion), defaults are written back into the
// resolved run.json, and `--set a.b=v` overrides are typed by the same table. Every problem is
// collected (field + reason) before anything starts. No LibTorch, no Qt.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "peftdesk/dataset.h"
#include "peftdesk/device.h"
#include "peftdesk/model.h"

namespace peftdesk {

// method.finetuning_type (LLaMA-Factory's name): absent = a PEFT method (method is its
// adapter_config.json); "full" trains every base parameter; "freeze" the last N decoder layers
// (method.freeze_trainable_layers, negative = the first |N|) — both for comparison with PEFT.
enum class TrainingMode { Peft, Full, Freeze };

enum class NanPolicy { Stop, Skip };  // non-finite loss/gradient: stop the run, or skip that step

struct RunConfig {
  std::filesystem::path sourceFile;  // the RUN.json read (relative paths resolve against its folder)

  // model
  std::filesystem::path modelPath;
  std::filesystem::path initAdapterPath;  // model.adapter: continue training this PEFT adapter
  Quantization4bit quantization;          // model.quantization (enabled = non-null)
  // method: PEFT adapter_config.json fields, or {finetuning_type: full | freeze, ...}
  nlohmann::json method;
  TrainingMode mode = TrainingMode::Peft;
  int64_t freezeTrainableLayers = 2;

  // data
  std::filesystem::path dataPath;
  std::string datasetNames;
  DatasetFormat format = DatasetFormat::Auto;
  std::optional<ColumnMapping> columns;
  std::string templateName = "auto";
  int64_t cutoffLen = 1024;
  double valSize = 0.0;
  std::filesystem::path evalPath;
  bool packing = false;
  bool trainOnPrompt = false;
  bool maskHistory = false;
  bool enableThinking = true;   // data.enable_thinking
  std::string templateDate;     // data.template_date, "YYYY-MM-DD"; empty until a run starts (pinTemplateDate)
  bool shuffle = true;
  int64_t maxSamples = -1;
  BadRecordPolicy onBadRecord = BadRecordPolicy::Fail;

  // train (Hugging Face TrainingArguments names)
  double learningRate = 2e-4;
  double numTrainEpochs = 3;
  int64_t maxSteps = -1;
  int64_t batchSize = 2;
  int64_t evalBatchSize = 2;
  int64_t gradAccumSteps = 4;
  std::string schedulerType = "cosine";
  int64_t warmupSteps = 0;
  double warmupRatio = 0.0;
  double numCycles = 0;  // lr_scheduler_kwargs.num_cycles; 0 = the schedule's default
  double maxGradNorm = 1.0;
  double weightDecay = 0.0;
  double adamBeta1 = 0.9, adamBeta2 = 0.999, adamEpsilon = 1e-8;
  std::string optim = "adamw_torch";  // a row of optimizer_kinds.h
  std::optional<double> loraplusLrRatio;
  ComputeDType precision = ComputeDType::F32;
  bool gradientCheckpointing = false;
  int64_t loggingSteps = 1;
  int64_t evalSteps = 0;
  int64_t saveSteps = 100;
  int64_t saveTotalLimit = 3;
  uint64_t seed = 42;
  int numThreads = 0;
  DeviceSpec device;  // train.device: auto | cpu | cuda | cuda:N
  bool deterministic = false;  // train.deterministic: deterministic GPU kernels (bit-identical resume)
  NanPolicy nanPolicy = NanPolicy::Stop;

  std::filesystem::path outputDir;

  // The whole configuration with every default filled in and paths made absolute: what run.json
  // in the run folder holds, and what a resume compares against.
  nlohmann::json resolved;
};

struct ConfigProblem {
  std::string field;    // dotted path, e.g. "train.learning_rate"
  std::string message;
};

// Parses and validates; problems are returned, not thrown (the GUI shows them next to fields).
RunConfig parseRunConfig(const nlohmann::json& json, const std::filesystem::path& sourceFile,
                         std::vector<ConfigProblem>* problems);
// Reads RUN.json, applies `key=value` overrides, parses; throws peftdesk::Error (Config) whose
// message lists every problem, one per line, each naming the file and the field.
RunConfig loadRunConfig(const std::filesystem::path& runJson, const std::vector<std::string>& overrides = {});
// `train.max_steps=20`: the value is read as JSON when it parses (20, true, null, "x", [..]),
// else as a string; the path must be a known key. Throws peftdesk::Error (Argument).
void applyOverride(nlohmann::json& json, const std::string& assignment);

// data.template_date for a starting run, in the fields and in `resolved`: kept when given; else the
// date of the run being resumed (`previousRunJson`, its run.json; a run from before the key has
// none and keeps none), else today. Chat templates that write the day (SmolLM3) then give the same
// tokens for the whole run, however many days it spans.
void pinTemplateDate(RunConfig& config, const nlohmann::json* previousRunJson);

// The keys a resume may change without breaking bit-exact continuation (logging, saving).
const std::vector<std::string>& resumeNeutralKeys();
bool isResumeNeutralKey(const std::string& dottedKey);
// Dotted keys whose values differ between two resolved configurations (for resume refusals).
std::vector<std::string> differingKeys(const nlohmann::json& a, const nlohmann::json& b);
// A resolved configuration without the keys added after runs existed that hold the default
// reproducing the old behaviour (train.deterministic = false): what resume compares and digests,
// so a run started before a key existed still resumes.
nlohmann::json withoutLateDefaults(nlohmann::json resolved);

}  // namespace peftdesk
