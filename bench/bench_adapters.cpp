// bench_adapters MODEL_DIR ADAPTER_DIR OUT_DIR [--repeats R] [--threads T]
// Times, with the base already loaded: loading a PEFT adapter, saving it, and a merged export
// (merge + write safetensors + config/tokenizer copy, no verification). Prints one JSON object
// with medians; bench_adapters.py runs PEFT on the same files and prints the ratios.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "peftdesk/allocator_tuning.h"
#include "peftdesk/model.h"

using Clock = std::chrono::steady_clock;

static double seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }
static double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int main(int argc, char** argv) {
  peftdesk::tuneAllocatorForTensors();  // as the application does
  if (argc < 4) {
    std::fprintf(stderr, "usage: bench_adapters MODEL_DIR ADAPTER_DIR OUT_DIR [--repeats R] [--threads T]\n");
    return 2;
  }
  int repeats = 5, threads = 0;
  for (int i = 4; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--repeats")) repeats = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
  }
  peftdesk::LoadOptions lo;
  lo.numThreads = threads;
  auto model = peftdesk::Model::load(argv[1], lo);
  const std::filesystem::path out = argv[3];
  std::vector<double> load, save, merge;
  for (int r = 0; r < repeats; ++r) {
    const std::string name = "a" + std::to_string(r);
    auto t0 = Clock::now();
    model->loadAdapter(argv[2], name);
    auto t1 = Clock::now();
    model->saveAdapter(name, out / ("saved-" + name));
    auto t2 = Clock::now();
    peftdesk::ExportOptions o;
    o.merge = true;
    model->exportAdapter(name, out / ("merged-" + name), o);
    auto t3 = Clock::now();
    load.push_back(seconds(t0, t1));
    save.push_back(seconds(t1, t2));
    merge.push_back(seconds(t2, t3));
  }
  nlohmann::json j{{"load_s", median(load)}, {"save_s", median(save)}, {"merge_export_s", median(merge)}};
  std::printf("%s\n", j.dump().c_str());
  return 0;
}
