// C++ side of bench_compare.py: N adapters evaluated on one held-out set with one resident base
// (evaluateAdapters) versus a fresh model load per adapter. Prints JSON timings.
//   bench_compare MODEL_DIR DATA.jsonl ADAPTER... [--threads N] [--batch-size N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "peftdesk/allocator_tuning.h"
#include "peftdesk/adapter_eval.h"

int main(int argc, char** argv) {
  peftdesk::tuneAllocatorForTensors();  // as the application does
  using Clock = std::chrono::steady_clock;
  if (argc < 4) {
    std::fprintf(stderr, "usage: bench_compare MODEL_DIR DATA.jsonl ADAPTER... [--threads N] [--batch-size N]\n");
    return 2;
  }
  std::vector<std::filesystem::path> adapters;
  peftdesk::EvalDataSpec spec;
  spec.dataPath = argv[2];
  peftdesk::EvalOptions options;
  options.includeBase = false;
  for (int i = 3; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) options.numThreads = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--batch-size") && i + 1 < argc) spec.batchSize = std::atoi(argv[++i]);
    else adapters.emplace_back(argv[i]);
  }
  // Untimed warm-up (page cache, allocator, oneDNN kernels), then each way twice in alternating
  // order, the faster of each counted: the first run in a process is always a few % slower.
  peftdesk::evaluateAdapters(argv[1], {adapters.front()}, spec, options);
  double residentS = 1e30, reloadS = 1e30;
  std::vector<peftdesk::AdapterEval> resident;
  std::vector<double> reloadLoss;
  for (int round = 0; round < 2; ++round) {
    auto t0 = Clock::now();
    resident = peftdesk::evaluateAdapters(argv[1], adapters, spec, options);
    residentS = std::min(residentS, std::chrono::duration<double>(Clock::now() - t0).count());
    t0 = Clock::now();
    reloadLoss.clear();
    for (const auto& a : adapters) reloadLoss.push_back(peftdesk::evaluateAdapters(argv[1], {a}, spec, options).front().loss);
    reloadS = std::min(reloadS, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  std::printf("{\"resident_s\": %.4f, \"reload_s\": %.4f, \"losses\": [", residentS, reloadS);
  for (size_t i = 0; i < resident.size(); ++i) std::printf("%s%.8f", i ? ", " : "", resident[i].loss);
  std::printf("], \"reload_losses\": [");
  for (size_t i = 0; i < reloadLoss.size(); ++i) std::printf("%s%.8f", i ? ", " : "", reloadLoss[i]);
  std::printf("], \"resident_row_s\": [");
  for (size_t i = 0; i < resident.size(); ++i) std::printf("%s%.4f", i ? ", " : "", resident[i].seconds);
  std::printf("]}\n");
  return 0;
}
