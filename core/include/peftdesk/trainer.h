// The training engine's public face (DESIGN.md §4): run one RUN.json to completion, reporting
// through a plain C++ observer and obeying a control block of atomics (pause / stop /
// stop-and-save) that the GUI worker or the CLI's signal handler flips from another thread.
// Everything a run produces lands in its run folder (run.json, status.json, metrics.jsonl,
// log.txt, checkpoints/step-N/, adapter/), so nothing lives only in memory.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "peftdesk/run_config.h"

namespace peftdesk {

struct StepMetrics {
  int64_t step = 0;           // optimizer steps done (1-based after the first update)
  int64_t totalSteps = 0;
  double epoch = 0;           // fractional epochs done
  double loss = 0;            // mean token loss of the logged steps
  double learningRate = 0;    // rate used by this step's update
  double gradNorm = 0;        // global L2 norm before clipping
  int64_t tokens = 0;         // input tokens processed so far (no padding)
  double tokensPerSecond = 0;
  double elapsedSeconds = 0;
  double etaSeconds = 0;
  uint64_t peakGpuBytes = 0;  // on a GPU: peak allocated since the previous step; 0 on the CPU
  uint64_t gpuTotalBytes = 0; // the card's memory (0 on the CPU)
};

struct EvalMetrics {
  int64_t step = 0;
  double epoch = 0;
  double loss = 0;            // mean token loss over the whole evaluation set
  double perplexity = 0;      // exp(loss)
  int64_t tokens = 0;         // label tokens evaluated
};

// What a run starts with, once the model is loaded and (on resume) the checkpoint read: shown by
// the GUI's run dashboard before the first step completes.
struct RunStart {
  std::string device;         // ResolvedDevice::label, e.g. "cpu", "cuda:0 (NVIDIA H200)"
  int64_t step = 0;           // steps already done (a resume's checkpoint step; 0 on a fresh start)
  int64_t totalSteps = 0;
  bool resumed = false;
};

enum class RunState { Preparing, Running, Paused, Finished, Stopped, Failed };
const char* runStateName(RunState state);  // "preparing", "running", "paused", "finished", "stopped", "failed"

enum class LogLevel { Info, Warning, Error };

class TrainObserver {
 public:
  virtual ~TrainObserver() = default;
  virtual void onState(RunState /*state*/, const std::string& /*detail*/) {}
  virtual void onLog(LogLevel /*level*/, const std::string& /*line*/) {}
  virtual void onStart(const RunStart& /*start*/) {}     // once, just before the first step
  virtual void onStep(const StepMetrics& /*metrics*/) {}  // every optimizer step
  virtual void onEval(const EvalMetrics& /*metrics*/) {}
  virtual void onCheckpoint(int64_t /*step*/, const std::filesystem::path& /*folder*/) {}
};

enum class StopRequest : int { None = 0, Stop = 1, StopAndSave = 2 };

// Set from any thread; read by the trainer between micro-batches and while loading.
struct TrainControl {
  std::atomic<bool> pause{false};
  std::atomic<int> stop{static_cast<int>(StopRequest::None)};
  std::atomic<bool> cancelLoad{false};  // raised together with stop, to abort a model load
  void requestStop(StopRequest r) {
    stop.store(static_cast<int>(r));
    cancelLoad.store(true);
  }
};

enum class StartMode { Fresh, Resume };

// Why a run cannot start in outputDir ("" = it can): a fresh start into a folder holding a run, a
// non-empty folder that is not a run, a place that is not writable. runTraining throws with this
// reason; the GUI shows it next to the output field before anything starts.
std::string checkOutputFolder(const std::filesystem::path& outputDir, StartMode mode);

struct TrainResult {
  RunState state = RunState::Finished;
  int64_t steps = 0;
  double finalLoss = 0;
  std::filesystem::path resultFolder;    // adapter/ (or model/ for full / freeze training) when written
  std::string error;                     // when state == Failed
};

// What a run would do, from the configuration and a full data pre-flight (no model weights are
// read): `train --dry-run` and the GUI's summary. Throws like runTraining's start checks.
struct TrainPlan {
  int64_t trainRows = 0, evalRows = 0, trainTokens = 0;
  int64_t longestTrainRow = 0;    // tokens of the longest training row (a micro-batch is padded to its longest)
  int64_t labelPositions = 0;     // training positions that predict a label (they go through the output head)
  int64_t distinctTokenIds = 0;   // different token ids in the training rows (embedding rows a CPU run reads)
  int64_t stepsPerEpoch = 0, totalSteps = 0, warmupSteps = 0;
  std::string templateName;
  DatasetFormat format = DatasetFormat::Auto;
  int64_t recordsRead = 0, skippedRecords = 0, truncatedExamples = 0, droppedExamples = 0;
};
TrainPlan planTraining(const RunConfig& config, const std::function<void(const std::string&)>& log);

// Runs to completion, stop, or failure. Never throws for a failure inside the run: the error is
// written to status.json / log.txt and returned. Throws peftdesk::Error only when the run
// cannot start (invalid configuration, data problems with on_bad_record = fail, a fresh start
// into a folder that already holds a run, a resume with nothing to resume) — before any file
// of an existing run is touched.
TrainResult runTraining(const RunConfig& config, StartMode mode, TrainObserver& observer, TrainControl& control);

}  // namespace peftdesk
