// bench_qlora_memory MODEL_DIR bf16|nf4
// Measured memory of a 4-bit (NF4 + double quantization) base versus a bf16 base: resident set
// after load (malloc_trim first, so freed heap the allocator still caches is not counted) and after
// one forward, and peak RSS of one
// LoRA training step (r=16, all-linear, batch 2 x 64). Run once per mode in separate processes
// (bench_qlora_memory.py does) so peaks do not mix.
#include <malloc.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "peftdesk/model.h"

static long statusKiB(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return std::stol(line.substr(std::strlen(key)));
  return -1;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_qlora_memory MODEL_DIR bf16|nf4\n");
    return 2;
  }
  const bool nf4 = std::string(argv[2]) == "nf4";
  const long before = statusKiB("VmRSS:");
  peftdesk::LoadOptions o;
  o.dtype = peftdesk::ComputeDType::BF16;
  o.quantization.enabled = nf4;
  o.quantization.doubleQuant = true;
  auto model = peftdesk::Model::load(argv[1], o);
  malloc_trim(0);
  const long afterLoad = statusKiB("VmRSS:");
  std::vector<std::vector<int32_t>> rows(2, std::vector<int32_t>(64));
  for (size_t i = 0; i < 64; ++i) rows[0][i] = rows[1][i] = static_cast<int32_t>(10 + i);
  model->forward(rows);
  const long afterForward = statusKiB("VmRSS:");
  model->addAdapter("lora", peftdesk::parseAdapterConfig({{"peft_type", "LORA"}, {"r", 16}, {"lora_alpha", 32},
                                                           {"target_modules", "all-linear"}}, "bench"), 1);
  const peftdesk::ParameterReport r = model->parameterReport("lora");
  int64_t quantized = 0;
  for (const auto& p : r.parameters) {
    if (p.method != "base") continue;
    if (p.dtype == "nf4") quantized += p.numel();
  }
  model->lossAndGradients(rows, rows, "lora");
  const long peak = statusKiB("VmHWM:");
  nlohmann::json j{{"mode", argv[2]}, {"rss_after_load_mib", (afterLoad - before) / 1024.0},
                   {"rss_after_forward_mib", (afterForward - before) / 1024.0}, {"peak_rss_train_step_mib", peak / 1024.0},
                   {"base_params", model->info().numParameters}};
  if (nf4) j["quantized_params"] = quantized;
  std::printf("%s\n", j.dump().c_str());
  return 0;
}
