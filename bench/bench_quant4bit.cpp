// bench_quant4bit [--rows R] [--cols C] [--repeats N]
// Throughput of the 4-bit codec (spec §6): CPU reference quantize/dequantize (single thread) and,
// when a CUDA device is present, the kernels of gpu/quant4bit_kernels.cu with their fraction of the
// device's theoretical memory bandwidth. GB/s count the bytes each operation must move: input
// elements + packed bytes + absmax (quantize), packed + absmax + output (dequantize),
// packed W + absmax + x + y (GEMV); the bf16 GEMV and the training-size matmul are also timed
// against cuBLAS on the dense bf16 weight (ratios). Prints one JSON object.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <random>
#include <vector>

#include "bench_timing.h"

#include "peftdesk/quant4bit.h"
#ifdef PEFTDESK_BENCH_CUDA
#include <cublas_v2.h>
#include <cuda_runtime_api.h>

#include "peftdesk_gpu/device_info.h"
#include "peftdesk_gpu/matmul4bit.h"
#include "peftdesk_gpu/quant4bit_kernels.h"
#endif

using peftdesk::quant::ElementType;
using peftdesk::quant::QuantType;

int main(int argc, char** argv) {
  int64_t rows = 4096, cols = 4096;
  int repeats = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--rows")) rows = std::atoll(argv[i + 1]);
    if (!std::strcmp(argv[i], "--cols")) cols = std::atoll(argv[i + 1]);
    if (!std::strcmp(argv[i], "--repeats")) repeats = std::atoi(argv[i + 1]);
  }
  const int64_t n = rows * cols, bs = 64, nb = (n + bs - 1) / bs;
  std::vector<float> x(static_cast<size_t>(n));
  std::mt19937 rng(1);
  std::normal_distribution<float> nd;
  for (auto& v : x) v = nd(rng);
  nlohmann::json out;
  out["shape"] = {rows, cols};
  out["blocksize"] = bs;

  peftdesk::quant::Quantized4bit q;
  const double tq = medianSeconds(repeats, [&] {
    q = peftdesk::quant::quantize4bit(x.data(), ElementType::F32, {rows, cols}, QuantType::NF4, bs, false);
  });
  std::vector<float> deq(static_cast<size_t>(n));
  const double td = medianSeconds(repeats, [&] { peftdesk::quant::dequantize4bit(q.packed.data(), q.state, deq.data()); });
  const double qBytes = n * 4.0 + n / 2.0 + nb * 4.0;
  out["cpu"] = {{"quantize_s", tq}, {"quantize_GBs", qBytes / tq / 1e9}, {"dequantize_s", td},
                {"dequantize_GBs", qBytes / td / 1e9}};
  const double tdq = medianSeconds(std::max(1, repeats / 2), [&] {
    peftdesk::quant::quantize4bit(x.data(), ElementType::F32, {rows, cols}, QuantType::NF4, bs, true);
  });
  out["cpu"]["quantize_double_quant_s"] = tdq;

#ifdef PEFTDESK_BENCH_CUDA
  auto devices = peftdesk::gpu::queryDevices();
  if (devices.devices.empty()) {
    out["gpu"] = {{"skipped", devices.unavailableReason}};
  } else {
    const auto& dev = devices.devices[0];
    void *dx = nullptr, *dout = nullptr, *dy = nullptr;
    uint8_t* dp = nullptr;
    float* da = nullptr;
    cudaMalloc(&dx, n * 4);
    cudaMalloc(&dout, n * 4);
    cudaMalloc(&dy, rows * 4);
    cudaMalloc(reinterpret_cast<void**>(&dp), (n + 1) / 2);
    cudaMalloc(reinterpret_cast<void**>(&da), nb * 4);
    cudaMemcpy(dx, x.data(), n * 4, cudaMemcpyHostToDevice);
    cudaEvent_t e0, e1;
    cudaEventCreate(&e0);
    cudaEventCreate(&e1);
    auto timeKernel = [&](auto&& launch) {
      launch();  // warm-up
      cudaEventRecord(e0);
      const int iters = 20;
      for (int i = 0; i < iters; ++i) launch();
      cudaEventRecord(e1);
      cudaEventSynchronize(e1);
      float ms = 0;
      cudaEventElapsedTime(&ms, e0, e1);
      return ms / 1e3 / iters;
    };
    const double bw = dev.memoryBandwidthGBs;
    const double gq = timeKernel([&] {
      peftdesk::gpu::quantize4bit(dx, peftdesk::gpu::QElem::F32, n, peftdesk::gpu::QType::NF4, int(bs), dp, da, nullptr);
    });
    const double gd = timeKernel([&] {
      peftdesk::gpu::dequantize4bit(dp, da, q.state.code.data(), n, int(bs), peftdesk::gpu::QElem::BF16, dout, nullptr);
    });
    const double gdBytes = n / 2.0 + nb * 4.0 + n * 2.0;
    const double gg = timeKernel([&] {
      peftdesk::gpu::gemv4bit(dx, peftdesk::gpu::QElem::F32, dp, da, q.state.code.data(), rows, cols, int(bs), dy, nullptr);
    });
    const double ggBytes = n / 2.0 + nb * 4.0 + cols * 4.0 + rows * 4.0;
    // bf16 generation step: fused 4-bit GEMV vs the dense bf16 weight through cuBLAS (m = 1), and a
    // training-size batch: dequantize + GEMM vs the dense GEMM alone (m = 512).
    const int64_t mBatch = 512;
    void *dwDense = nullptr, *dxb = nullptr, *dyb = nullptr;
    cudaMalloc(&dwDense, n * 2);
    cudaMalloc(&dxb, mBatch * cols * 2);
    cudaMalloc(&dyb, mBatch * rows * 2);
    cudaMemset(dxb, 0, mBatch * cols * 2);
    peftdesk::gpu::dequantize4bit(dp, da, q.state.code.data(), n, int(bs), peftdesk::gpu::QElem::BF16, dwDense, nullptr);
    cublasHandle_t handle = nullptr;
    cublasCreate(&handle);
    const float one = 1.0f, zero = 0.0f;
    auto denseGemm = [&](int64_t m) {
      cublasGemmEx(handle, CUBLAS_OP_T, CUBLAS_OP_N, int(rows), int(m), int(cols), &one, dwDense, CUDA_R_16BF, int(cols),
                   dxb, CUDA_R_16BF, int(cols), &zero, dyb, CUDA_R_16BF, int(rows), CUBLAS_COMPUTE_32F,
                   CUBLAS_GEMM_DEFAULT);
    };
    const double ggb = timeKernel([&] {
      peftdesk::gpu::gemv4bit(dxb, peftdesk::gpu::QElem::BF16, dp, da, q.state.code.data(), rows, cols, int(bs), dyb, nullptr);
    });
    const double gDense1 = timeKernel([&] { denseGemm(1); });
    const double gmm = timeKernel([&] {
      peftdesk::gpu::matmul4bit(handle, dxb, peftdesk::gpu::QElem::BF16, mBatch, dp, da, q.state.code.data(), rows, cols,
                                int(bs), dout, dyb, nullptr);
    });
    const double gDenseM = timeKernel([&] { denseGemm(mBatch); });
    // Double quantization: decode the 8-bit absmax of the same weight.
    const peftdesk::quant::Quantized4bit qdq =
        peftdesk::quant::quantize4bit(x.data(), ElementType::F32, {rows, cols}, QuantType::NF4, bs, true);
    uint8_t* dqa = nullptr;
    float* dnest = nullptr;
    cudaMalloc(reinterpret_cast<void**>(&dqa), nb);
    cudaMalloc(reinterpret_cast<void**>(&dnest), qdq.state.nestedAbsmax.size() * 4);
    cudaMemcpy(dqa, qdq.state.qabsmax.data(), nb, cudaMemcpyHostToDevice);
    cudaMemcpy(dnest, qdq.state.nestedAbsmax.data(), qdq.state.nestedAbsmax.size() * 4, cudaMemcpyHostToDevice);
    const double gdec = timeKernel([&] {
      peftdesk::gpu::decodeAbsmax(dqa, dnest, qdq.state.nestedCode.data(), qdq.state.offset, nb, 256, da, nullptr);
    });
    out["gpu"] = {{"device", dev.name},
                  {"bandwidth_GBs", bw},
                  {"quantize_f32_GBs", qBytes / gq / 1e9},
                  {"quantize_fraction_of_peak", qBytes / gq / 1e9 / bw},
                  {"dequantize_bf16_GBs", gdBytes / gd / 1e9},
                  {"dequantize_fraction_of_peak", gdBytes / gd / 1e9 / bw},
                  {"gemv_f32_GBs", ggBytes / gg / 1e9},
                  {"gemv_fraction_of_peak", ggBytes / gg / 1e9 / bw},
                  {"gemv_bf16_s", ggb},
                  {"dense_bf16_gemv_s", gDense1},
                  {"gemv_speedup_vs_dense_bf16", gDense1 / ggb},
                  {"matmul4bit_bf16_m512_s", gmm},
                  {"dense_bf16_gemm_m512_s", gDenseM},
                  {"matmul4bit_time_vs_dense", gmm / gDenseM},
                  {"decode_absmax_GBs", (nb * 5.0 + nb / 256.0 * 4) / gdec / 1e9},
                  {"last_error", cudaGetErrorString(cudaGetLastError())}};
    cublasDestroy(handle);
    cudaFree(dwDense);
    cudaFree(dxb);
    cudaFree(dyb);
    cudaFree(dqa);
    cudaFree(dnest);
    cudaFree(dx);
    cudaFree(dout);
    cudaFree(dy);
    cudaFree(dp);
    cudaFree(da);
  }
#else
  out["gpu"] = {{"skipped", "built without CUDA"}};
#endif
  std::printf("%s\n", out.dump(1).c_str());
  return 0;
}
