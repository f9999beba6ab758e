// The CUDA kernels of bitsandbytes' AdamW (gpu/optim_kernels.cu) against their CPU reference
// (peftdesk/optim_reference.h, itself equal to the emulator of bitsandbytes' kernel: test_adamw_8bit):
// five 8-bit steps and five 32-bit steps on fp32, bf16 and fp16 parameters with a partial last block,
// an all-zero block and NaN / Inf gradients give the same bytes and bits (== 0 differing), also with
// the moments in pinned host memory (paged optimizers). Skips visibly without a CUDA device. Links
// no LibTorch (STANDALONE), so it runs on a driver-only machine (scripts/gpu_bundle.sh).
#include <QtTest>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>
#include <cuda_runtime_api.h>

#include "peftdesk/optim_reference.h"
#include "peftdesk/quant4bit.h"
#include "peftdesk_codec/optim_codec.h"
#include "peftdesk_gpu/device_info.h"
#include "peftdesk_gpu/optim_kernels.h"

using namespace peftdesk;

namespace {

// A device (or, paged, pinned host) copy of a host vector, copied back on demand.
template <typename T>
struct Buffer {
  T* p = nullptr;
  size_t n = 0;
  bool pinned = false;
  Buffer(const std::vector<T>& host, bool pinnedHost) : n(host.size()), pinned(pinnedHost) {
    const size_t bytes = std::max<size_t>(1, n * sizeof(T));
    if (pinned) cudaHostAlloc(reinterpret_cast<void**>(&p), bytes, cudaHostAllocDefault);
    else cudaMalloc(reinterpret_cast<void**>(&p), bytes);
    cudaMemcpy(p, host.data(), n * sizeof(T), cudaMemcpyDefault);
  }
  ~Buffer() { pinned ? cudaFreeHost(p) : cudaFree(p); }
  std::vector<T> host() const {
    std::vector<T> out(n);
    cudaDeviceSynchronize();
    cudaMemcpy(out.data(), p, n * sizeof(T), cudaMemcpyDefault);
    return out;
  }
};

template <typename T>
int64_t differing(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return -1;
  int64_t d = 0;
  for (size_t i = 0; i < a.size(); ++i) d += std::memcmp(&a[i], &b[i], sizeof(T)) != 0;
  return d;
}

// Parameter / gradient bytes of dtype 0 fp32, 1 bf16, 2 fp16 (stored as 32-bit words for fp32, else 16-bit).
std::vector<uint32_t> encode(const std::vector<float>& x, int dtype) {
  std::vector<uint32_t> out(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    if (dtype == 0) out[i] = codec::floatBits(x[i]);
    else out[i] = dtype == 1 ? codec::floatToBf16(x[i]) : codec::floatToF16(x[i]);
  }
  return out;
}

// The raw element buffer of `words` for dtype (fp32: as is; 16-bit: packed halves).
std::vector<uint8_t> raw(const std::vector<uint32_t>& words, int dtype) {
  const size_t size = dtype == 0 ? 4 : 2;
  std::vector<uint8_t> out(words.size() * size);
  for (size_t i = 0; i < words.size(); ++i) {
    if (size == 4) std::memcpy(&out[i * 4], &words[i], 4);
    else {
      const uint16_t h = static_cast<uint16_t>(words[i]);
      std::memcpy(&out[i * 2], &h, 2);
    }
  }
  return out;
}

std::vector<float> gradient(std::mt19937& rng, int64_t n, bool specials) {
  std::normal_distribution<float> normal(0.0f, 1e-2f);
  std::vector<float> g(n);
  for (auto& x : g) x = normal(rng);
  if (specials && n > 6 * 256) {
    std::fill(g.begin() + 256, g.begin() + 512, 0.0f);
    g[5 * 256 + 3] = NAN;
    g[5 * 256 + 11] = INFINITY;
    g[2 * 256 + 9] = -0.0f;
  }
  return g;
}

}  // namespace

class TestOptimGpu : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    gpu::DeviceQuery q = gpu::queryDevices();
    if (q.devices.empty()) QSKIP(qPrintable("machine: no CUDA device: " + QString::fromStdString(q.unavailableReason)));
  }

  void kernelsEqualTheCpu_data() {
    QTest::addColumn<int>("dtype");
    QTest::addColumn<int>("bits");
    QTest::addColumn<bool>("paged");
    QTest::addColumn<qlonglong>("n");
    for (int dtype : {0, 1, 2})
      for (int bits : {8, 32})
        for (bool paged : {false, true})
          QTest::addRow("dtype%d-%dbit%s", dtype, bits, paged ? "-paged" : "") << dtype << bits << paged << qlonglong(bits == 8 ? 9 * 256 + 77 : 5000);
  }
  void kernelsEqualTheCpu() {
    QFETCH(int, dtype);
    QFETCH(int, bits);
    QFETCH(bool, paged);
    QFETCH(qlonglong, n);
    std::mt19937 rng(11 + dtype * 3 + bits);
    std::normal_distribution<float> normal(0.0f, 0.02f);
    std::vector<float> p0(n);
    for (auto& x : p0) x = normal(rng);
    std::vector<uint8_t> cpuP = raw(encode(p0, dtype), dtype);
    Buffer<uint8_t> devP(cpuP, false);
    const int64_t blocks = (n + 255) / 256;
    std::vector<uint8_t> st1(n, 0), st2(n, 0);
    std::vector<float> am1(blocks, 0.0f), am2(blocks, 0.0f), m(n, 0.0f), v(n, 0.0f);
    Buffer<uint8_t> dSt1(st1, paged), dSt2(st2, paged);
    Buffer<float> dAm1(am1, false), dAm2(am2, false), dM(m, paged), dV(v, paged);
    Buffer<float> dMap1(quant::dynamicMap(), false), dMap2(quant::dynamicMapUnsigned(), false);
    for (int step = 1; step <= 5; ++step) {
      const std::vector<uint8_t> g = raw(encode(gradient(rng, n, bits == 8), dtype), dtype);
      Buffer<uint8_t> dG(g, false);
      const codec::AdamScalars s = codec::adamScalars(1e-3f * step, 0.9f, 0.999f, 1e-8f, 0.01f, step);
      if (bits == 8) {
        optim::adam8bitBlocks(cpuP.data(), g.data(), dtype, st1.data(), st2.data(), am1.data(), am2.data(), quant::dynamicMap().data(),
                              quant::dynamicMapUnsigned().data(), s, n, 0, blocks);
        QCOMPARE(gpu::adam8bitBlockwise(devP.p, dG.p, dtype, dSt1.p, dSt2.p, dAm1.p, dAm2.p, dMap1.p, dMap2.p, s, n, nullptr), cudaSuccess);
        QCOMPARE(differing(dSt1.host(), st1), int64_t{0});
        QCOMPARE(differing(dSt2.host(), st2), int64_t{0});
        QCOMPARE(differing(dAm1.host(), am1), int64_t{0});
        QCOMPARE(differing(dAm2.host(), am2), int64_t{0});
      } else {
        optim::adam32bitRange(cpuP.data(), g.data(), dtype, m.data(), v.data(), s, 0, n);
        QCOMPARE(gpu::adam32bit(devP.p, dG.p, dtype, dM.p, dV.p, s, n, nullptr), cudaSuccess);
        QCOMPARE(differing(dM.host(), m), int64_t{0});
        QCOMPARE(differing(dV.host(), v), int64_t{0});
      }
      QCOMPARE(differing(devP.host(), cpuP), int64_t{0});
    }
  }
};

QTEST_GUILESS_MAIN(TestOptimGpu)
#include "test_optim_gpu.moc"
