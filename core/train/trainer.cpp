// runTraining (trainer.h): the training loop, top to bottom in one function (nanoGPT style).
// Order of a step: gather the accumulation window's micro-batches, count its label tokens,
// forward + backward each micro-batch with loss = sum / window tokens (transformers'
// num_items_in_batch), check loss and gradient norm are finite, clip, AdamW at the schedule's
// rate, then log / evaluate / checkpoint. Everything the next step depends on (parameters,
// moments, generator, data cursor) is in the checkpoint, so a resumed run repeats the same
// floating-point operations as an uninterrupted one.
#include "peftdesk/trainer.h"

#include <ATen/Parallel.h>
#include <c10/core/GradMode.h>
#include <unistd.h>

#include <chrono>
#include <deque>
#include <cmath>
#include <thread>

#include "model/model_impl.h"
#include "peftdesk/error.h"
#include "peftdesk/memory_estimate.h"
#include "peftdesk/json_file.h"
#include "peftdesk/lr_schedule.h"
#include "peftdesk/tokenizer.h"
#include "model/device_errors.h"
#include "peft/method_training.h"
#include "train/adamw.h"
#include "train/optimizer.h"
#include "train/checkpoint_store.h"
#include "train/data_pipeline.h"
#include "train/run_folder.h"
#include "train/train_checkpoint.h"
#include "train/train_plan.h"

namespace peftdesk {
namespace fs = std::filesystem;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

const char* runStateName(RunState s) {
  switch (s) {
    case RunState::Preparing: return "preparing";
    case RunState::Running: return "running";
    case RunState::Paused: return "paused";
    case RunState::Finished: return "finished";
    case RunState::Stopped: return "stopped";
    case RunState::Failed: return "failed";
  }
  return "unknown";
}

namespace {

constexpr const char* kAdapter = "default";
constexpr int64_t kMaxNanInARow = 3;

std::string nowIso() {
  const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

// Digest of the configuration minus the keys a resume may change.
std::string configDigest(const json& resolved) {
  json j = withoutLateDefaults(resolved);
  for (const auto& key : resumeNeutralKeys()) {
    const size_t dot = key.find('.');  // "train.logging_steps": section and leaf
    j[key.substr(0, dot)].erase(key.substr(dot + 1));
  }
  const std::string text = j.dump();
  const uint64_t h = fnv1a64(kFnv1aOffset, text.data(), text.size());
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// Parameters of the adapter in PEFT's order, with LoRA+ scales and the decay rule.
std::vector<OptimParam> optimParams(Model::Impl& impl, const RunConfig& config) {
  const Adapter& a = impl.adapters->get(kAdapter);
  std::vector<OptimParam> out;
  auto add = [&](const std::string& name, at::Tensor* t, const std::string& part) {
    OptimParam p;
    p.name = name;
    p.tensor = t;
    // LoRA+ (PEFT's create_loraplus_optimizer): lora_B and every 1-D tensor form the fast group.
    const bool fast = part == "lora_B" || t->dim() == 1;
    p.baseLr = config.loraplusLrRatio && fast ? config.learningRate * *config.loraplusLrRatio : config.learningRate;
    p.decay = name.find("bias") == std::string::npos;
    out.push_back(p);
  };
  if (a.prompt) {
    for (const auto& p : a.prompt->parameters()) add(p.name, p.tensor, "prompt");
  }
  for (const AdapterTensor* t : distinctTensors(a)) add(t->memoryName, t->tensor, t->part);
  return out;
}

// Full / freeze training: the base's own tensors become trainable. They may be views of the
// read-only mapped checkpoint, so each gets private memory first (set_data keeps every handle
// the decoder holds pointing at the same, now writable, tensor).
std::vector<OptimParam> baseParams(Model::Impl& impl, const RunConfig& config, std::deque<at::Tensor>& handles) {
  const int64_t layers = impl.info.config.numLayers;
  const std::string layerPrefix = "." + impl.decoder->layersPattern() + ".";
  std::vector<OptimParam> out;
  for (auto& p : impl.decoder->namedParameters()) {
    if (p.linear && p.linear->quantized()) throw Error(ErrorCategory::Unsupported, "4-bit layers cannot be trained directly", {{}, -1, -1, {}, p.name});
    bool trainable = config.mode == TrainingMode::Full;
    if (config.mode == TrainingMode::Freeze) {
      const size_t at = p.name.find(layerPrefix);
      if (at != std::string::npos) {
        const int64_t layer = std::stoll(p.name.substr(at + layerPrefix.size()));
        const int64_t n = config.freezeTrainableLayers;
        trainable = n > 0 ? layer >= layers - n : layer < -n;
      }
    }
    if (!trainable) continue;
    at::Tensor t = p.tensor;
    t.set_data(t.detach().clone(at::MemoryFormat::Contiguous));
    t.set_requires_grad(true);
    OptimParam o;
    o.name = p.name;
    handles.push_back(t);
    o.tensor = &handles.back();  // a deque keeps addresses stable
    o.baseLr = config.learningRate;
    // transformers' rule: no decay on biases and normalization weights.
    o.decay = p.name.find("bias") == std::string::npos && p.name.find("norm") == std::string::npos && p.name.find("ln_") == std::string::npos;
    out.push_back(o);
  }
  if (out.empty()) throw Error(ErrorCategory::Config, "no parameter selected for training", {{}, -1, -1, "method.freeze_trainable_layers"});
  return out;
}

// A micro-batch as rows + labels, and the tokens it holds.
struct MicroBatch {
  std::vector<std::vector<int32_t>> rows, labels;
  int64_t labelTokens = 0;
};

MicroBatch microBatch(const std::vector<EncodedExample>& data, const std::vector<int64_t>& order, int64_t index, int64_t batchSize) {
  MicroBatch b;
  const int64_t begin = index * batchSize;
  const int64_t end = std::min<int64_t>(begin + batchSize, static_cast<int64_t>(order.size()));
  for (int64_t i = begin; i < end; ++i) {
    const EncodedExample& e = data[static_cast<size_t>(order[static_cast<size_t>(i)])];
    b.rows.push_back(e.inputIds);
    b.labels.push_back(e.labels);
    for (size_t t = 1; t < e.labels.size(); ++t) b.labelTokens += e.labels[t] != kIgnoreLabel;
  }
  return b;
}

EvalMetrics evaluate(Model::Impl& impl, const std::vector<EncodedExample>& data, int64_t batchSize) {
  at::NoGradGuard noGrad;
  impl.adapters->setTraining(false);
  std::vector<int64_t> order(data.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int64_t>(i);
  double sum = 0;
  int64_t tokens = 0;
  const int64_t batches = (static_cast<int64_t>(data.size()) + batchSize - 1) / batchSize;
  for (int64_t i = 0; i < batches; ++i) {
    const MicroBatch b = microBatch(data, order, i, batchSize);
    const TokenLossSum l = tokenLossSum(impl, b.rows, b.labels);
    sum += l.sum.item<double>();  // sync point per evaluation batch (not in the training loop)
    tokens += l.labelTokens;
  }
  EvalMetrics m;
  m.loss = tokens > 0 ? sum / static_cast<double>(tokens) : 0.0;
  m.perplexity = std::exp(m.loss);
  m.tokens = tokens;
  return m;
}

TokenizerSource lazyTokenizer(const RunConfig& config, std::unique_ptr<Tokenizer>& holder) {
  return [&config, &holder]() -> const Tokenizer& {
    if (!holder) holder = Tokenizer::load(config.modelPath);
    return *holder;
  };
}

// Ids outside the model's vocabulary would fail at the step that meets them: check them all now.
void checkVocabulary(const std::vector<EncodedExample>& rows, int64_t vocabSize, const char* what) {
  for (const auto& e : rows) {
    for (int32_t id : e.inputIds) {
      if (id < 0 || id >= vocabSize) {
        throw Error(ErrorCategory::Format, std::string(what) + " data: token id " + std::to_string(id) + " is outside the model's vocabulary [0, " +
                                               std::to_string(vocabSize) + ")",
                    {e.source});
      }
    }
  }
}

// Writes the final adapter (or, for full / freeze training, the model folder) next to its old
// version and swaps it in: a crash keeps one of them.
void publishResult(Model& model, const std::string& adapter, const fs::path& target) {
  const fs::path staging = target.parent_path() / ("." + target.filename().string() + ".partial");
  const fs::path old = target.parent_path() / ("." + target.filename().string() + ".old");
  std::error_code ec;
  fs::remove_all(staging, ec);
  fs::remove_all(old, ec);
  if (!adapter.empty()) {
    model.saveAdapter(adapter, staging);
  } else {
    at::NoGradGuard noGrad;
    Model::Impl& impl = modelInternals(model);
    fs::create_directories(staging);
    writeModelFolder(impl, impl.decoder->namedParameters(), staging, impl.scalarType, false, 2'000'000'000);
  }
  if (fs::exists(target)) fs::rename(target, old);
  fs::rename(staging, target);
  fs::remove_all(old, ec);
}

// Fans every event out to the observer and the run folder's log / status files.
class Recorder {
 public:
  Recorder(TrainObserver& observer, RunFolder& folder) : observer_(observer), folder_(folder) {}
  void log(LogLevel level, const std::string& line) {
    folder_.appendLog((level == LogLevel::Warning ? "warning: " : level == LogLevel::Error ? "error: " : "") + line);
    observer_.onLog(level, line);
  }
  void state(RunState s, const std::string& detail, int64_t step, int64_t totalSteps) {
    status_["state"] = runStateName(s);
    status_["detail"] = detail;
    status_["step"] = step;
    status_["total_steps"] = totalSteps;
    status_["updated_at"] = nowIso();
    status_["pid"] = static_cast<int64_t>(::getpid());
    if (!status_.contains("started_at")) status_["started_at"] = nowIso();
    if (s == RunState::Failed) status_["error"] = detail;
    folder_.writeStatus(status_);
    observer_.onState(s, detail);
  }
  void progress(int64_t step) {
    // status.json doubles as a heartbeat for the GUI's run list; at most every 2 s.
    const auto now = Clock::now();
    if (now - lastStatus_ < std::chrono::seconds(2)) return;
    lastStatus_ = now;
    status_["step"] = step;
    status_["updated_at"] = nowIso();
    folder_.writeStatus(status_);
  }

 private:
  TrainObserver& observer_;
  RunFolder& folder_;
  json status_ = json::object();
  Clock::time_point lastStatus_{};
};

}  // namespace

TrainPlan planTraining(const RunConfig& config, const std::function<void(const std::string&)>& log) {
  std::unique_ptr<Tokenizer> tokenizer;
  const PreparedData data = prepareData(config, lazyTokenizer(config, tokenizer), log);
  TrainPlan p;
  p.trainRows = static_cast<int64_t>(data.train.size());
  p.evalRows = static_cast<int64_t>(data.eval.size());
  std::unordered_set<int32_t> ids;
  for (const auto& e : data.train) {
    ids.insert(e.inputIds.begin(), e.inputIds.end());
    p.trainTokens += static_cast<int64_t>(e.inputIds.size());
    p.longestTrainRow = std::max(p.longestTrainRow, static_cast<int64_t>(e.inputIds.size()));
    for (size_t t = 1; t < e.labels.size(); ++t) p.labelPositions += e.labels[t] != -100;
  }
  p.distinctTokenIds = static_cast<int64_t>(ids.size());
  const StepPlan steps = stepPlan(config, p.trainRows);
  p.stepsPerEpoch = steps.stepsPerEpoch;
  p.totalSteps = steps.totalSteps;
  p.warmupSteps = steps.warmupSteps;
  p.templateName = data.templateName;
  p.format = data.format;
  p.recordsRead = data.recordsRead;
  p.skippedRecords = data.skippedRecords;
  p.truncatedExamples = data.truncatedExamples;
  p.droppedExamples = data.droppedExamples;
  return p;
}

TrainResult runTraining(const RunConfig& requested, StartMode mode, TrainObserver& observer, TrainControl& control) {
  const fs::path& outputDir = requested.outputDir;
  // ---- 1. Where the run lives. Nothing is written before the whole run is known to be startable.
  const bool folderHoldsRun = fs::exists(outputDir / "run.json");
  if (const std::string why = checkOutputFolder(outputDir, mode); !why.empty()) {
    throw Error(ErrorCategory::Argument, why, {outputDir.string(), -1, -1, "output_dir"});
  }
  if (mode == StartMode::Resume && !folderHoldsRun) {
    observer.onLog(LogLevel::Info, "nothing to resume in " + outputDir.string() + ": starting the run from step 0");
    mode = StartMode::Fresh;
  }
  // The run's settings as they will be in run.json: a template date fixed now (or the resumed run's).
  RunConfig config = requested;
  const json previous = mode == StartMode::Resume ? readJsonFile(outputDir / "run.json") : json();
  pinTemplateDate(config, mode == StartMode::Resume ? &previous : nullptr);
  const std::string digest = configDigest(config.resolved);
  if (mode == StartMode::Resume) {
    std::vector<std::string> changed;
    for (const auto& k : differingKeys(withoutLateDefaults(previous), withoutLateDefaults(config.resolved)))
      if (!isResumeNeutralKey(k)) changed.push_back(k);
    if (!changed.empty()) {
      std::string list;
      for (const auto& k : changed) list += (list.empty() ? "" : ", ") + k;
      throw Error(ErrorCategory::Config, "cannot resume: the configuration differs from the run's run.json in " + list +
                                             " (an exact resume needs the same settings)",
                  {(outputDir / "run.json").string()});
    }
  }
  std::vector<std::string> startLog;
  auto early = [&](const std::string& line) { startLog.push_back(line); observer.onLog(LogLevel::Info, line); };

  // ---- 2. Data pre-flight: every record checked, templated and encoded before the model loads.
  observer.onState(RunState::Preparing, "checking data and loading the model");
  c10::AutoGradMode gradMode(true);  // per thread: the worker thread may start with it off
  const int numThreads = config.numThreads > 0 ? config.numThreads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(numThreads);
  // Process-wide in LibTorch, so set for every run (a GUI process runs many). Not warn-only: that is
  // what makes LibTorch pick deterministic attention backward kernels; an operation without a
  // deterministic implementation then stops the run with LibTorch's message naming it. cuBLAS's
  // fixed workspace (CUBLAS_WORKSPACE_CONFIG) is set once at start-up, before any GPU work
  // (initCudaSupport).
  at::globalContext().setDeterministicAlgorithms(config.deterministic, /*warn_only=*/false);
  std::unique_ptr<Tokenizer> tokenizer;
  const PreparedData data = prepareData(config, lazyTokenizer(config, tokenizer), early);
  early("data: " + std::to_string(data.train.size()) + " training rows" + (data.eval.empty() ? "" : ", " + std::to_string(data.eval.size()) + " evaluation rows") +
        " (" + datasetFormatName(data.format) + (data.templateName.empty() ? "" : ", template " + data.templateName) + ")");

  // ---- 3. Model, adapter, optimizer, schedule.
  // Declared before the model, so it runs after the model is gone: a GPU run, however it ends,
  // hands its cached memory back so the next run starts on a free card.
  struct ReleaseGpuMemory {
    ~ReleaseGpuMemory() { gpuReleaseCachedMemory(); }
  } releaseGpuMemory;
  LoadOptions load;
  load.dtype = config.precision;
  load.quantization = config.quantization;
  load.numThreads = numThreads;
  load.cancel = &control.cancelLoad;
  load.device = config.device;
  std::unique_ptr<Model> model = Model::load(config.modelPath, load);
  const ResolvedDevice& device = model->device();
  early("device: " + device.label + (device.note.empty() ? "" : " (" + device.note + ")"));
  const bool peft = config.mode == TrainingMode::Peft;
  const std::string adapterName = peft ? kAdapter : "";
  if (!peft) {
    // no adapter: the base itself learns
  } else if (!config.initAdapterPath.empty()) {
    model->loadAdapter(config.initAdapterPath, kAdapter);
  } else {
    std::string note;
    const json method = methodForRun(config.method, [&] { return stepPlan(config, static_cast<int64_t>(data.train.size())).totalSteps; }, &note);
    if (!note.empty()) early(note);
    model->addAdapter(kAdapter, parseAdapterConfig(method, "method"), config.seed);
  }
  Model::Impl& impl = modelInternals(*model);
  checkVocabulary(data.train, impl.info.config.vocabSize, "training");
  checkVocabulary(data.eval, impl.info.config.vocabSize, "evaluation");
  impl.adapters->activate(adapterName);
  std::deque<at::Tensor> baseHandles;
  std::vector<OptimParam> params = guardDeviceMemory(device, "preparing the trainable tensors", [&] {
    return peft ? optimParams(impl, config) : baseParams(impl, config, baseHandles);
  });
  for (auto& p : params) p.tensor->set_requires_grad(true);
  // The method's own training work (AdaLoRA: a loss term, rank allocation after each step).
  const std::unique_ptr<MethodTraining> methodTraining = peft ? impl.adapters->methodTraining(kAdapter) : nullptr;
  if (methodTraining) methodTraining->checkCanTrain();
  // Optimizer moments are as large as the trainable tensors: on a GPU they may not fit.
  const OptimizerKind* optimizerKind = findOptimizerKind(config.optim);
  if (!optimizerKind) throw Error(ErrorCategory::Config, "'" + config.optim + "' is not an optimizer", {config.sourceFile.string(), -1, -1, "train.optim"});
  if (optimizerKind->family != OptimizerFamily::TorchAdamW) early(std::string("optimizer: ") + optimizerKind->name + " (" + optimizerKind->help + ")");
  const auto optimizerHolder = guardDeviceMemory(device, "allocating the optimizer state", [&] {
    return makeOptimizer(*optimizerKind, params, AdamWSettings{config.adamBeta1, config.adamBeta2, config.adamEpsilon, config.weightDecay});
  });
  Optimizer& optimizer = *optimizerHolder;

  const int64_t trainCount = static_cast<int64_t>(data.train.size());
  const StepPlan plan = stepPlan(config, trainCount);
  const int64_t microPerEpoch = plan.microPerEpoch, stepsPerEpoch = plan.stepsPerEpoch, totalSteps = plan.totalSteps;
  LrScheduleSpec schedule;
  parseLrSchedule(config.schedulerType, &schedule.kind);
  schedule.peakLr = config.learningRate;
  schedule.totalSteps = totalSteps;
  schedule.warmupSteps = plan.warmupSteps;
  schedule.numCycles = config.numCycles;

  // ---- 4. The run folder exists from here on; failures below are recorded in it, not thrown.
  RunFolder folder(config.outputDir);
  CheckpointStore checkpoints(folder.checkpointsDir(), config.saveTotalLimit);
  Recorder rec(observer, folder);
  TrainResult result;
  TrainerState st;
  st.numThreads = numThreads;
  st.configDigest = digest;
  st.templateName = data.templateName;
  try {
    if (mode == StartMode::Fresh) folder.writeRunJson(config.resolved);  // first: the folder is a run from here on
    for (const auto& line : startLog) folder.appendLog(line);
    // Dropout's generators (the CPU's and, with the CUDA library loaded, every GPU's) start from the
    // seed; a checkpoint then puts back the streams it saved (a CPU-written one has no GPU stream:
    // the GPU continues from the seed).
    at::manual_seed(config.seed);
    if (mode == StartMode::Resume) {
      std::vector<std::string> ignored;
      const auto found = checkpoints.latestComplete(&ignored);
      for (const auto& why : ignored) rec.log(LogLevel::Warning, "ignoring checkpoint " + why);
      if (found) {
        st = readTrainingCheckpoint(found->folder, optimizer, methodTraining.get());
        if (st.configDigest != digest) {
          std::string mayChange;
          for (const auto& key : resumeNeutralKeys()) mayChange += (mayChange.empty() ? "" : ", ") + key;
          throw Error(ErrorCategory::Config,
                      "the checkpoint was written by a different configuration: the run's settings changed since it was saved (a resume may "
                      "change only " + mayChange + ")",
                      {(found->folder / "trainer_state.json").string(), -1, -1, "config_digest"});
        }
        // "auto" resolves from the model's own template and PeftDesk's table, which a newer
        // version may extend: the run must continue with the template it started with.
        if (!st.templateName.empty() && st.templateName != data.templateName)
          throw Error(ErrorCategory::Config,
                      "the run was trained with chat template '" + st.templateName + "', but data.template now resolves to '" + data.templateName +
                          "' (a newer PeftDesk knows this model's own template): the run cannot continue exactly; start it again, or "
                          "continue from its last adapter in a new run (model.adapter)",
                      {found->folder.string(), -1, -1, "data.template"});
        st.templateName = data.templateName;
        if (st.checkpointHadCudaGenerator != device.isCuda()) {
          rec.log(LogLevel::Warning, std::string("the checkpoint was written on ") + (st.checkpointHadCudaGenerator ? "a GPU" : "the CPU") +
                                         ", the run continues on " + device.label + ": results differ from an uninterrupted run in the last bits");
        }
        if (st.numThreads != numThreads) {
          rec.log(LogLevel::Warning, "the run computed with " + std::to_string(st.numThreads) + " threads, now " + std::to_string(numThreads) +
                                         ": results may differ from an uninterrupted run in the last bits (set train.num_threads)");
          st.numThreads = numThreads;
        }
        rec.log(LogLevel::Info, "resuming from " + found->folder.string() + " (step " + std::to_string(st.step) + ")");
      } else {
        rec.log(LogLevel::Info, "no complete checkpoint: restarting from step 0");
      }
      checkpoints.discardAfter(st.step);
      folder.truncateMetrics(st.step);
      folder.writeRunJson(config.resolved);  // resume-neutral keys (logging / saving) may have changed
    }
    rec.log(LogLevel::Info, "training " + std::to_string(totalSteps) + " steps (" + std::to_string(stepsPerEpoch) + " per epoch), " +
                                std::to_string(params.size()) + " trainable tensors, " + std::to_string(numThreads) + " threads");
    observer.onStart({device.label, st.step, totalSteps, mode == StartMode::Resume});
    rec.state(RunState::Running, "", st.step, totalSteps);

    auto saveCheckpoint = [&]() {
      const fs::path where = checkpoints.write(st.step, [&](const fs::path& staging) {
        writeTrainingCheckpoint(staging, *model, adapterName, optimizer, st, methodTraining.get());
      });
      rec.log(LogLevel::Info, "checkpoint " + where.filename().string());
      observer.onCheckpoint(st.step, where);
      return where;
    };

    // ---- 5. The loop.
    const auto sessionStart = Clock::now();
    const int64_t sessionStartStep = st.step, sessionStartTokens = st.tokens;
    double pausedSeconds = 0;
    const double elapsedBefore = st.elapsedSeconds;
    int64_t lastSavedStep = mode == StartMode::Resume ? st.step : -1;
    const bool fp16Scaled = config.precision == ComputeDType::F16;  // dynamic loss scaling (train/loss_scale.h)
    uint64_t logPeakGpuBytes = 0;
    const uint64_t gpuTotalBytes = device.isCuda() ? gpuMemory(device.index).totalBytes : 0;  // asked once, not per step
    if (device.isCuda()) gpuResetPeak(device.index);
    std::vector<int64_t> order = epochOrder(trainCount, config.seed, st.epoch, config.shuffle);
    StopRequest stop = StopRequest::None;
    while (st.step < totalSteps) {
      // Pause: wait here, between steps, without counting the time.
      if (control.pause.load()) {
        rec.state(RunState::Paused, "", st.step, totalSteps);
        const auto pauseStart = Clock::now();
        while (control.pause.load() && control.stop.load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        pausedSeconds += std::chrono::duration<double>(Clock::now() - pauseStart).count();
        rec.state(RunState::Running, "", st.step, totalSteps);
      }
      stop = static_cast<StopRequest>(control.stop.load());
      if (stop != StopRequest::None) break;

      // The accumulation window: the rest of this epoch's micro-batches, at most gradAccumSteps.
      if (st.micro >= microPerEpoch) {
        ++st.epoch;
        st.micro = 0;
        order = epochOrder(trainCount, config.seed, st.epoch, config.shuffle);
      }
      const int64_t windowEnd = std::min(microPerEpoch, st.micro + config.gradAccumSteps);
      std::vector<MicroBatch> window;
      int64_t windowTokens = 0;
      for (int64_t m = st.micro; m < windowEnd; ++m) {
        window.push_back(microBatch(data.train, order, m, config.batchSize));
        windowTokens += window.back().labelTokens;
      }
      impl.adapters->setTraining(true);
      optimizer.zeroGrad();
      // The window's summed loss stays on the model's device (double: the same sum as adding each
      // micro-batch's value on the host) and is read once per step, below.
      at::Tensor windowLoss = at::zeros({}, at::TensorOptions(at::kDouble).device(impl.torchDevice));
      // The method's loss terms of the window (one per micro-batch, as PEFT adds them per forward);
      // undefined for methods without one.
      at::Tensor windowTerms;
      int64_t inputTokens = 0;
      for (const MicroBatch& b : window) {
        if (control.stop.load() != 0) break;
        const TokenLossSum l = tokenLossSum(impl, b.rows, b.labels, config.gradientCheckpointing);
        at::Tensor objective = fp16Scaled ? l.sum * (st.lossScale.scale / static_cast<double>(windowTokens)) : l.sum / static_cast<double>(windowTokens);
        if (const at::Tensor term = methodTraining ? methodTraining->lossTerm() : at::Tensor(); term.defined()) {
          objective = objective + (fp16Scaled ? term * st.lossScale.scale : term);
          windowTerms = windowTerms.defined() ? windowTerms + term.detach().to(at::kDouble) : term.detach().to(at::kDouble);
        }
        objective.backward();  // the whole graph runs here (queued on a GPU)
        windowLoss.add_(l.sum.detach().to(at::kDouble));
        inputTokens += l.inputTokens;
      }
      stop = static_cast<StopRequest>(control.stop.load());
      if (stop != StopRequest::None) {  // a cut window is dropped, not applied
        optimizer.zeroGrad();
        break;
      }
      if (fp16Scaled) unscaleGradients(params, st.lossScale.scale);
      const at::Tensor normOnDevice = clipGradNorm(params, config.maxGradNorm);
      // Sync point, the step's only one: the window's loss and the gradient norm, read together.
      std::vector<at::Tensor> toRead{windowLoss, normOnDevice.to(at::kDouble)};
      if (windowTerms.defined()) toRead.push_back(windowTerms);
      const at::Tensor read = at::stack(toRead).cpu();
      const double loss = read[0].item<double>() / static_cast<double>(windowTokens) + (windowTerms.defined() ? read[2].item<double>() : 0.0);
      const double gradNorm = read[1].item<double>();
      const double lrFactor = lrMultiplier(schedule, st.step);
      const double lr = schedule.peakLr * lrFactor;
      // fp16: gradients that overflowed at this loss scale are expected, not a failure: the update
      // is skipped and the scale lowered (torch.amp.GradScaler).
      // Non-finite gradients at a scale of 1 or less are not an overflow of the scaling but real
      // ones: they take the non-finite path below (train.nan_policy).
      const double scaleUsed = st.lossScale.scale;
      bool overflow = false;
      if (fp16Scaled && std::isfinite(loss)) {
        if (std::isfinite(gradNorm)) st.lossScale.update(true);
        else if (scaleUsed > 1.0) overflow = !st.lossScale.update(false);
      }
      const bool finite = !overflow && std::isfinite(loss) && std::isfinite(gradNorm);
      if (finite) {
        optimizer.step(lrFactor);
        if (methodTraining) methodTraining->afterOptimizerStep(st.step);
        st.nanInARow = 0;
      } else if (overflow) {
        optimizer.zeroGrad();
        rec.log(LogLevel::Info, "fp16 gradients overflowed at step " + std::to_string(st.step + 1) + " with loss scale " + std::to_string(scaleUsed) +
                                    ": the update was skipped, the scale is now " + std::to_string(st.lossScale.scale));
      } else {
        optimizer.zeroGrad();
        ++st.nanInARow;
        const std::string what = "non-finite " + std::string(std::isfinite(loss) ? "gradient" : "loss") + " at step " + std::to_string(st.step + 1) +
                                 " (loss " + std::to_string(loss) + ", grad norm " + std::to_string(gradNorm) + "); the update was not applied";
        if (config.nanPolicy == NanPolicy::Stop || st.nanInARow >= kMaxNanInARow) {
          throw Error(ErrorCategory::Runtime, what + (config.nanPolicy == NanPolicy::Skip ? " (" + std::to_string(kMaxNanInARow) + " in a row)" : "") +
                                                  ". Everything up to the last checkpoint is kept; lower train.learning_rate, or set train.max_grad_norm");
        }
        rec.log(LogLevel::Warning, what + "; skipped (train.nan_policy = skip)");
      }
      ++st.step;
      st.micro = windowEnd;
      st.tokens += inputTokens;
      if (finite || overflow) {
        st.logLossSum += loss;
        ++st.logSteps;
      }

      // Metrics of this step.
      const double sessionSeconds = std::chrono::duration<double>(Clock::now() - sessionStart).count() - pausedSeconds;
      st.elapsedSeconds = elapsedBefore + sessionSeconds;
      StepMetrics m;
      m.step = st.step;
      m.totalSteps = totalSteps;
      m.epoch = static_cast<double>(st.epoch) + static_cast<double>(st.micro) / static_cast<double>(microPerEpoch);
      m.loss = loss;
      m.learningRate = lr;
      m.gradNorm = gradNorm;
      m.tokens = st.tokens;
      m.elapsedSeconds = st.elapsedSeconds;
      m.tokensPerSecond = sessionSeconds > 0 ? static_cast<double>(st.tokens - sessionStartTokens) / sessionSeconds : 0.0;
      const int64_t sessionSteps = st.step - sessionStartStep;
      m.etaSeconds = sessionSteps > 0 ? sessionSeconds / static_cast<double>(sessionSteps) * static_cast<double>(totalSteps - st.step) : 0.0;
      if (device.isCuda()) {
        m.peakGpuBytes = gpuPeakAllocatedBytes(device.index);
        m.gpuTotalBytes = gpuTotalBytes;
        logPeakGpuBytes = std::max(logPeakGpuBytes, m.peakGpuBytes);
        gpuResetPeak(device.index);
      }
      observer.onStep(m);
      if ((st.step % config.loggingSteps == 0 || st.step == totalSteps) && st.logSteps > 0) {
        json row = {{"step", st.step},
                    {"epoch", m.epoch},
                    {"loss", st.logLossSum / static_cast<double>(st.logSteps)},
                    {"lr", lr},
                    {"grad_norm", gradNorm},
                    {"tokens", st.tokens},
                    {"tokens_per_s", m.tokensPerSecond},
                    {"elapsed_s", m.elapsedSeconds}};
        if (device.isCuda()) row["peak_vram_bytes"] = logPeakGpuBytes;  // since the previous row
        if (const uint64_t rss = processPeakResidentBytes()) row["peak_rss_bytes"] = rss;  // the process's, so far
        folder.appendMetrics(row);
        logPeakGpuBytes = 0;
        st.logLossSum = 0;
        st.logSteps = 0;
      }
      rec.progress(st.step);
      const bool evalDue = !data.eval.empty() && ((config.evalSteps > 0 && st.step % config.evalSteps == 0) || st.step == totalSteps);
      if (evalDue) {
        EvalMetrics e = evaluate(impl, data.eval, config.evalBatchSize);
        e.step = st.step;
        e.epoch = m.epoch;
        folder.appendMetrics({{"step", e.step}, {"epoch", e.epoch}, {"eval_loss", e.loss}, {"eval_ppl", e.perplexity}, {"eval_tokens", e.tokens}});
        rec.log(LogLevel::Info, "step " + std::to_string(st.step) + ": eval loss " + std::to_string(e.loss) + ", perplexity " + std::to_string(e.perplexity));
        observer.onEval(e);
      }
      if ((config.saveSteps > 0 && st.step % config.saveSteps == 0) || st.step == totalSteps) {
        saveCheckpoint();
        lastSavedStep = st.step;
      }
      result.finalLoss = loss;
    }

    // ---- 6. How the run ends.
    result.steps = st.step;
    if (stop == StopRequest::Stop) {
      result.state = RunState::Stopped;
      rec.log(LogLevel::Info, "stopped at step " + std::to_string(st.step) + " (resume continues from the last checkpoint)");
      rec.state(RunState::Stopped, "stopped by the user", st.step, totalSteps);
      return result;
    }
    if (stop == StopRequest::StopAndSave && lastSavedStep != st.step && st.step > 0) saveCheckpoint();
    const fs::path resultDir = peft ? folder.adapterDir() : folder.dir() / "model";
    publishResult(*model, adapterName, resultDir);
    result.resultFolder = resultDir;
    result.state = stop == StopRequest::StopAndSave ? RunState::Stopped : RunState::Finished;
    rec.log(LogLevel::Info, std::string(result.state == RunState::Finished ? "finished" : "stopped and saved") + " at step " + std::to_string(st.step) +
                                (peft ? "; adapter in " : "; model in ") + resultDir.string());
    rec.state(result.state, result.state == RunState::Finished ? "" : "stopped by the user (saved)", st.step, totalSteps);
  } catch (const std::exception& e) {
    // The one catch boundary of a started run: record, keep every file, report.
    result.state = RunState::Failed;
    result.error = runFailureText(e, st.step + 1, device);
    result.steps = st.step;
    try {
      rec.log(LogLevel::Error, result.error);
      rec.state(RunState::Failed, result.error, st.step, totalSteps);
    } catch (const std::exception&) {
      // The disk refused even the status file; the caller still gets the error.
    }
  }
  return result;
}

}  // namespace peftdesk
