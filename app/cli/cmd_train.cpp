// `peftdesk-cli train RUN.json [--resume] [--set key=value ...] [--dry-run] [--quiet]`.
// Ctrl-C (or SIGTERM) asks the trainer to stop and save a checkpoint; a second Ctrl-C stops
// without saving (the last checkpoint stays); a third kills the process.
#include <csignal>
#include <cstdio>

#include "cli/commands.h"
#include "cli/progress_bar.h"
#include "peftdesk/error.h"
#include "peftdesk/memory_estimate.h"
#include "peftdesk/trainer.h"

namespace peftdesk::cli {
namespace {

// The signal handler's only way to reach the run: set before the handler is installed.
TrainControl* gControl = nullptr;
volatile std::sig_atomic_t gInterrupts = 0;

extern "C" void onInterrupt(int sig) {
  gInterrupts = gInterrupts + 1;
  if (!gControl || gInterrupts >= 3) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  gControl->requestStop(gInterrupts == 1 ? StopRequest::StopAndSave : StopRequest::Stop);
}

std::string mib(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

// The plan and the memory estimate; nothing is written.
int printDryRun(const RunConfig& config, const ResolvedDevice& device, bool asJson) {
  const TrainPlan plan = planTraining(config, [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); });
  const MemoryEstimate estimate = estimateTrainingMemory(config, batchShapeOf(config, plan));
  if (asJson) {
    const nlohmann::json doc = {{"device", device.label},
                                {"data",
                                 {{"records_read", plan.recordsRead},
                                  {"train_rows", plan.trainRows},
                                  {"train_tokens", plan.trainTokens},
                                  {"longest_train_row", plan.longestTrainRow},
                                  {"label_positions", plan.labelPositions},
                                  {"eval_rows", plan.evalRows},
                                  {"format", datasetFormatName(plan.format)},
                                  {"template", plan.templateName}}},
                                {"steps", {{"total", plan.totalSteps}, {"per_epoch", plan.stepsPerEpoch}, {"warmup", plan.warmupSteps}}},
                                {"output_dir", config.outputDir.string()},
                                {"estimate", memoryEstimateJson(estimate)}};
    std::printf("%s\n", doc.dump(2).c_str());
    return 0;
  }
  std::printf("device: %s%s\n", device.label.c_str(), device.note.empty() ? "" : (" (" + device.note + ")").c_str());
  std::printf("data: %lld records read, %lld training rows (%lld tokens), %lld evaluation rows; format %s%s\n",
              static_cast<long long>(plan.recordsRead), static_cast<long long>(plan.trainRows), static_cast<long long>(plan.trainTokens),
              static_cast<long long>(plan.evalRows), datasetFormatName(plan.format),
              plan.templateName.empty() ? "" : (", template " + plan.templateName).c_str());
  std::printf("steps: %lld (%lld per epoch), warm-up %lld\n", static_cast<long long>(plan.totalSteps), static_cast<long long>(plan.stepsPerEpoch),
              static_cast<long long>(plan.warmupSteps));
  std::printf("memory at the peak (estimate): %s", mib(estimate.peakBytes).c_str());
  if (estimate.availableBytes > 0) std::printf(" of %s available", mib(estimate.availableBytes).c_str());
  std::printf("%s\n", estimate.fits() ? "" : " - does not fit: lower the micro-batch or cutoff, or turn on gradient checkpointing / 4-bit");
  for (const MemoryPart& p : estimate.parts) std::printf("  %10s  %s\n", mib(p.bytes).c_str(), p.label.c_str());
  std::printf("output: %s\n", config.outputDir.string().c_str());
  return 0;
}

}  // namespace

int runTrain(const Args& args) {
  if (args.positional().size() != 1) throw Error(ErrorCategory::Argument, "expected exactly one RUN.json");
  std::vector<std::string> sets = args.values("set");
  if (auto d = args.value("device")) sets.push_back("train.device=" + *d);  // the same as --set train.device=D
  const RunConfig config = loadRunConfig(args.positional()[0], sets);
  // Decided before anything is written: a refused device leaves no run folder behind.
  const ResolvedDevice device = resolveDevice(config.device);
  if (args.flag("dry-run")) return printDryRun(config, device, args.flag("json"));
  TrainControl control;
  gControl = &control;
  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
  ProgressBar bar(args.flag("quiet"), config.loggingSteps);
  const TrainResult r = runTraining(config, args.flag("resume") ? StartMode::Resume : StartMode::Fresh, bar, control);
  bar.finish();
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  gControl = nullptr;
  switch (r.state) {
    case RunState::Finished:
      std::printf("finished: %lld steps, final loss %.4f, result in %s\n", static_cast<long long>(r.steps), r.finalLoss, r.resultFolder.string().c_str());
      return 0;
    case RunState::Stopped:
      std::fprintf(stderr, "stopped at step %lld; continue with: peftdesk-cli train %s --resume\n", static_cast<long long>(r.steps),
                   args.positional()[0].c_str());
      return 130;
    default:
      throw Error(ErrorCategory::Runtime, r.error.empty() ? "training failed" : r.error);
  }
}

}  // namespace peftdesk::cli
