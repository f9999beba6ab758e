// bench_linear4bit --rows R --cols C --threads T --repeats N
// The CPU 4-bit layer (core/quant/linear4bit.h) against the same layer in bf16: quantize (NF4,
// blocksize 64, double quantization, from bf16), dequantize to bf16 and fp32, and y = x·Wᵀ at
// batch 1 (a generation step) and batch 64 (a training micro-batch) in bf16, as median seconds.
// bench_linear4bit.py runs bitsandbytes' CPU backend on the same shapes and prints the ratios.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/GradMode.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <vector>

#include "bench_timing.h"

#include "peftdesk/dequant4bit_fast.h"
#include "quant/linear4bit.h"


template <typename F>
static double warmMedianSeconds(int repeats, F&& f) {
  f();  // warm-up (scratch buffers, thread pool)
  return medianSeconds(repeats, f);
}

int main(int argc, char** argv) {
  int64_t rows = 4096, cols = 4096;
  int threads = 2, repeats = 10;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--rows")) rows = std::atoll(argv[i + 1]);
    if (!std::strcmp(argv[i], "--cols")) cols = std::atoll(argv[i + 1]);
    if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--repeats")) repeats = std::atoi(argv[i + 1]);
  }
  at::set_num_threads(threads);
  at::manual_seed(0);
  const at::Tensor w = (at::randn({rows, cols}) * 0.02).to(at::kBFloat16);
  peftdesk::QuantizationOptions o;
  o.enabled = true;
  std::shared_ptr<peftdesk::Quant4bitWeight> q;
  nlohmann::json out{{"shape", {rows, cols}}, {"threads", threads},
                     {"isa", peftdesk::quant::cpuIsaName(peftdesk::quant::bestCpuIsa())}};
  out["quantize_s"] = warmMedianSeconds(std::max(1, repeats / 5), [&] { q = peftdesk::Quant4bitWeight::quantize(w, o); });
  out["dequantize_bf16_s"] = warmMedianSeconds(repeats, [&] { q->dequantize(at::kBFloat16); });
  out["dequantize_f32_s"] = warmMedianSeconds(repeats, [&] { q->dequantize(at::kFloat); });
  c10::NoGradGuard noGrad;
  for (int64_t batch : {int64_t(1), int64_t(64)}) {
    const at::Tensor x = at::randn({batch, cols}).to(at::kBFloat16);
    const std::string b = std::to_string(batch);
    out["linear_nf4_b" + b + "_s"] = warmMedianSeconds(repeats, [&] { peftdesk::linear4bit(x, q, at::Tensor()); });
    out["linear_bf16_b" + b + "_s"] = warmMedianSeconds(repeats, [&] { at::linear(x, w); });
  }
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
