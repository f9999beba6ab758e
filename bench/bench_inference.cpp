// bench_inference MODEL_DIR --prompt-ids "1,2,3" --new-tokens N --dtype fp32|bf16 --threads T --repeats R
// Times Model::load and greedy generation (no stop token, exactly N new tokens) and prints one
// JSON object: load_s (median), generate_s (median), tokens_per_s, and the generated ids so the
// driver can check both stacks produced the same continuation.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "peftdesk/allocator_tuning.h"
#include "peftdesk/model.h"

using Clock = std::chrono::steady_clock;

static double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int main(int argc, char** argv) {
  peftdesk::tuneAllocatorForTensors();  // as the application does
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_inference MODEL_DIR [--prompt-ids 1,2,3] [--new-tokens N] [--dtype fp32] [--threads T] [--repeats R]\n");
    return 2;
  }
  std::string dir = argv[1], ids = "1,2,3,4,5,6,7,8", dtypeName = "fp32";
  int newTokens = 64, threads = 0, repeats = 3;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--prompt-ids")) ids = argv[i + 1];
    else if (!std::strcmp(argv[i], "--new-tokens")) newTokens = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--dtype")) dtypeName = argv[i + 1];
    else if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--repeats")) repeats = std::atoi(argv[i + 1]);
  }
  std::vector<int32_t> prompt;
  for (size_t p = 0; p < ids.size();) {
    size_t q = ids.find(',', p);
    prompt.push_back(std::atoi(ids.substr(p, q - p).c_str()));
    p = q == std::string::npos ? ids.size() : q + 1;
  }
  peftdesk::LoadOptions lo;
  peftdesk::parseComputeDType(dtypeName, &lo.dtype);
  lo.numThreads = threads;
  std::vector<double> loads, gens;
  std::vector<int32_t> out;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = Clock::now();
    auto model = peftdesk::Model::load(dir, lo);
    const auto t1 = Clock::now();
    peftdesk::GenerationOptions go;
    go.maxNewTokens = newTokens;
    const auto result = model->generate(prompt, go);
    const auto t2 = Clock::now();
    loads.push_back(std::chrono::duration<double>(t1 - t0).count());
    gens.push_back(std::chrono::duration<double>(t2 - t1).count());
    out = result.tokens;
  }
  nlohmann::json j;
  j["load_s"] = median(loads);
  j["generate_s"] = median(gens);
  j["tokens_per_s"] = newTokens / median(gens);
  j["ids"] = out;
  std::printf("%s\n", j.dump().c_str());
  return 0;
}
