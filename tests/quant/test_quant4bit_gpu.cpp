// CUDA 4-bit kernels against the CPU reference (spec §6): quantize bit-exact (packed bytes and
// absmax), dequantize bit-exact (fp32, and bf16/fp16 = cast of the fp32 product), fused GEMV
// within a tolerance of an fp64 CPU product of the dequantized weight, double-quant absmax decoding
// bit-exact, and the training-size matmul (dequantize + cuBLAS GEMM) within a tolerance. Skips
// visibly without a CUDA device. Links no LibTorch (STANDALONE), so it runs on a driver-only machine.
#include <QtTest>

#include <cmath>
#include <cstring>
#include <random>
#include <cuda_runtime_api.h>

#include "peftdesk/quant4bit.h"
#include "peftdesk/quant4bit_reference.h"
#include "peftdesk_gpu/device_info.h"
#include "peftdesk_codec/quant4bit_codec.h"
#include "peftdesk_gpu/matmul4bit.h"
#include "peftdesk_gpu/quant4bit_kernels.h"

using namespace peftdesk;

namespace {

template <typename T>
struct DevBuf {
  T* p = nullptr;
  explicit DevBuf(size_t n) { cudaMalloc(reinterpret_cast<void**>(&p), n * sizeof(T) + 16); }
  ~DevBuf() { cudaFree(p); }
};

std::vector<uint16_t> toHalfBits(const std::vector<float>& x, quant::ElementType t) {
  std::vector<uint16_t> h(x.size());
  for (size_t i = 0; i < x.size(); ++i)
    h[i] = t == quant::ElementType::BF16 ? codec::floatToBf16(x[i]) : codec::floatToF16(x[i]);
  return h;
}

// x rounded to t in place (the values the GPU will read); returns their 16-bit patterns.
std::vector<uint16_t> roundInPlace(std::vector<float>& x, quant::ElementType t) {
  std::vector<uint16_t> h = toHalfBits(x, t);
  for (size_t i = 0; i < x.size(); ++i) x[i] = t == quant::ElementType::BF16 ? codec::bf16ToFloat(h[i]) : codec::f16ToFloat(h[i]);
  return h;
}

// Element i of a device result copied back as raw bytes of dtype t.
float elementAt(const std::vector<uint8_t>& raw, size_t i, quant::ElementType t) {
  if (t == quant::ElementType::F32) {
    float f;
    std::memcpy(&f, &raw[i * 4], 4);
    return f;
  }
  uint16_t h;
  std::memcpy(&h, &raw[i * 2], 2);
  return t == quant::ElementType::BF16 ? codec::bf16ToFloat(h) : codec::f16ToFloat(h);
}

// fp32 accumulation: ~1e-5 relative; bf16/fp16 output rounding: 2^-8 / 2^-11 relative.
double productTolerance(quant::ElementType t, double maxRef) {
  return (t == quant::ElementType::BF16 ? 8e-3 : t == quant::ElementType::F16 ? 1e-3 : 1e-5) * (maxRef + 1);
}

}  // namespace

class TestQuant4bitGpu : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase();
  void quantizeDequantizeMatchCpu();
  void gemvMatchesCpu();
  void decodeAbsmaxMatchesCpu();
  void matmulMatchesCpu();
};

void TestQuant4bitGpu::initTestCase() {
  gpu::DeviceQuery q = gpu::queryDevices();
  if (q.devices.empty()) QSKIP(qPrintable("machine: no CUDA device: " + QString::fromStdString(q.unavailableReason)));
}

void TestQuant4bitGpu::quantizeDequantizeMatchCpu() {
  std::mt19937 rng(7);
  std::normal_distribution<float> nd;
  int cases = 0;
  for (int64_t bs : {32, 64, 128, 256, 512, 1024, 2048, 4096})
    for (quant::QuantType qt : {quant::QuantType::NF4, quant::QuantType::FP4})
      for (quant::ElementType et : {quant::ElementType::F32, quant::ElementType::BF16, quant::ElementType::F16})
        for (int64_t n : {bs * 3 + 17, int64_t(1000), int64_t(1) , bs * 8}) {
          std::vector<float> x(static_cast<size_t>(n));
          for (auto& v : x) v = nd(rng) * 2.0f;
          if (n > 2 * bs) std::fill(x.begin() + bs, x.begin() + 2 * bs, 0.0f);  // an all-zero block
          std::vector<uint16_t> h;
          const void* host = x.data();
          size_t esize = 4;
          if (et != quant::ElementType::F32) {
            h = toHalfBits(x, et);
            host = h.data();
            esize = 2;
          }
          quant::Quantized4bit ref = quant::quantize4bit(host, et, {n}, qt, bs, false);
          DevBuf<uint8_t> dx(n * esize), dp(ref.packed.size());
          DevBuf<float> da(ref.state.absmax.size()), dout(n);
          cudaMemcpy(dx.p, host, n * esize, cudaMemcpyHostToDevice);
          QCOMPARE(gpu::quantize4bit(dx.p, gpu::QElem(int(et)), n, gpu::QType(int(qt)), int(bs), dp.p, da.p, nullptr),
                   cudaSuccess);
          std::vector<uint8_t> packed(ref.packed.size());
          std::vector<float> absmax(ref.state.absmax.size());
          cudaMemcpy(packed.data(), dp.p, packed.size(), cudaMemcpyDeviceToHost);
          cudaMemcpy(absmax.data(), da.p, absmax.size() * 4, cudaMemcpyDeviceToHost);
          QVERIFY2(packed == ref.packed, qPrintable(QString("packed bs=%1 n=%2").arg(bs).arg(n)));
          QVERIFY(std::memcmp(absmax.data(), ref.state.absmax.data(), absmax.size() * 4) == 0);
          std::vector<float> cpu(static_cast<size_t>(n));
          quant::dequantize4bit(ref.packed.data(), ref.state, cpu.data());
          for (quant::ElementType ot : {quant::ElementType::F32, quant::ElementType::BF16, quant::ElementType::F16}) {
            QCOMPARE(gpu::dequantize4bit(dp.p, da.p, ref.state.code.data(), n, int(bs), gpu::QElem(int(ot)), dout.p,
                                         nullptr),
                     cudaSuccess);
            if (ot == quant::ElementType::F32) {
              std::vector<float> got(static_cast<size_t>(n));
              cudaMemcpy(got.data(), dout.p, n * 4, cudaMemcpyDeviceToHost);
              QVERIFY(std::memcmp(got.data(), cpu.data(), n * 4) == 0);
            } else {
              std::vector<uint16_t> got(static_cast<size_t>(n));
              cudaMemcpy(got.data(), dout.p, n * 2, cudaMemcpyDeviceToHost);
              QVERIFY(got == toHalfBits(cpu, ot));
            }
          }
          ++cases;
        }
  qInfo("%d quantize/dequantize cases bit-exact against the CPU reference", cases);
}

// One to four input rows in one launch (generation steps of up to four Chat panes).
void TestQuant4bitGpu::gemvMatchesCpu() {
  std::mt19937 rng(11);
  std::normal_distribution<float> nd;
  for (auto [out, in] : {std::pair<int64_t, int64_t>{64, 96}, {65, 97}, {333, 1000}, {1024, 4096}})
    for (quant::ElementType et : {quant::ElementType::F32, quant::ElementType::BF16, quant::ElementType::F16})
      for (int rows : {1, 2, 4}) {
        std::vector<float> w(static_cast<size_t>(out * in)), x(static_cast<size_t>(rows * in));
        for (auto& v : w) v = nd(rng) * 0.05f;
        for (auto& v : x) v = nd(rng);
        quant::Quantized4bit q = quant::quantize4bit(w.data(), quant::ElementType::F32, {out, in}, quant::QuantType::NF4, 64, false);
        std::vector<float> wd(w.size());
        quant::dequantize4bit(q.packed.data(), q.state, wd.data());
        std::vector<uint16_t> xh;
        const void* xhost = x.data();
        size_t esize = 4;
        if (et != quant::ElementType::F32) {
          xh = roundInPlace(x, et);
          xhost = xh.data();
          esize = 2;
        }
        DevBuf<uint8_t> dx(rows * in * esize), dw(q.packed.size()), dy(rows * out * 4);
        DevBuf<float> da(q.state.absmax.size());
        cudaMemcpy(dx.p, xhost, rows * in * esize, cudaMemcpyHostToDevice);
        cudaMemcpy(dw.p, q.packed.data(), q.packed.size(), cudaMemcpyHostToDevice);
        cudaMemcpy(da.p, q.state.absmax.data(), q.state.absmax.size() * 4, cudaMemcpyHostToDevice);
        QCOMPARE(gpu::gemv4bit(dx.p, gpu::QElem(int(et)), dw.p, da.p, q.state.code.data(), out, in, 64, dy.p, nullptr, rows),
                 cudaSuccess);
        std::vector<uint8_t> yraw(rows * out * esize);
        cudaMemcpy(yraw.data(), dy.p, yraw.size(), cudaMemcpyDeviceToHost);
        double maxErr = 0, maxRef = 0;
        for (int r = 0; r < rows; ++r)
          for (int64_t o = 0; o < out; ++o) {
            double ref = 0;
            for (int64_t i = 0; i < in; ++i) ref += double(x[r * in + i]) * wd[o * in + i];
            const float got = elementAt(yraw, size_t(r * out + o), et);
            maxErr = std::max(maxErr, std::fabs(got - ref));
            maxRef = std::max(maxRef, std::fabs(ref));
          }
        const double tol = productTolerance(et, maxRef);
        QVERIFY2(maxErr <= tol, qPrintable(QString("gemv %1 rows x %2x%3 dtype %4: max err %5 > %6")
                                               .arg(rows).arg(out).arg(in).arg(int(et)).arg(maxErr).arg(tol)));
      }
  // Five rows is more than the kernel takes: refused, nothing launched.
  const float code[16] = {};
  QCOMPARE(gpu::gemv4bit(nullptr, gpu::QElem::F32, nullptr, nullptr, code, 8, 32, 64, nullptr, nullptr, 5), cudaErrorInvalidValue);
}

void TestQuant4bitGpu::decodeAbsmaxMatchesCpu() {
  std::mt19937 rng(5);
  std::normal_distribution<float> nd;
  for (int64_t n : {int64_t(64), int64_t(64 * 256 + 64 * 7 + 3), int64_t(64 * 256 * 40)}) {
    std::vector<float> w(static_cast<size_t>(n));
    for (auto& v : w) v = nd(rng) * 0.02f;
    const quant::Quantized4bit q = quant::quantize4bit(w.data(), quant::ElementType::F32, {n}, quant::QuantType::NF4, 64, true);
    const int64_t nb = q.state.numBlocks();
    DevBuf<uint8_t> dq(nb);
    DevBuf<float> dn(q.state.nestedAbsmax.size()), da(nb);
    cudaMemcpy(dq.p, q.state.qabsmax.data(), nb, cudaMemcpyHostToDevice);
    cudaMemcpy(dn.p, q.state.nestedAbsmax.data(), q.state.nestedAbsmax.size() * 4, cudaMemcpyHostToDevice);
    QCOMPARE(gpu::decodeAbsmax(dq.p, dn.p, q.state.nestedCode.data(), q.state.offset, nb, int(q.state.nestedBlocksize),
                               da.p, nullptr),
             cudaSuccess);
    std::vector<float> got(static_cast<size_t>(nb));
    cudaMemcpy(got.data(), da.p, nb * 4, cudaMemcpyDeviceToHost);
    const std::vector<float> ref = quant::dequantizeAbsmax(q.state);
    QVERIFY2(std::memcmp(got.data(), ref.data(), nb * 4) == 0, qPrintable(QString("decodeAbsmax n=%1").arg(n)));
  }
}

void TestQuant4bitGpu::matmulMatchesCpu() {
  cublasHandle_t handle = nullptr;
  QCOMPARE(cublasCreate(&handle), CUBLAS_STATUS_SUCCESS);
  std::mt19937 rng(13);
  std::normal_distribution<float> nd;
  struct Shape { int64_t m, n, k; };
  for (Shape sh : {Shape{1, 64, 64}, Shape{7, 65, 96}, Shape{64, 256, 512}, Shape{130, 96, 200}})
    for (quant::ElementType et : {quant::ElementType::F32, quant::ElementType::BF16, quant::ElementType::F16}) {
      std::vector<float> w(static_cast<size_t>(sh.n * sh.k)), x(static_cast<size_t>(sh.m * sh.k));
      for (auto& v : w) v = nd(rng) * 0.05f;
      for (auto& v : x) v = nd(rng);
      const quant::Quantized4bit q =
          quant::quantize4bit(w.data(), quant::ElementType::F32, {sh.n, sh.k}, quant::QuantType::NF4, 64, false);
      std::vector<float> wd(w.size());  // the weight as the GPU sees it: dequantized, rounded to et
      quant::dequantize4bit(q.packed.data(), q.state, wd.data());
      std::vector<uint16_t> xh;
      const void* xhost = x.data();
      size_t esize = 4;
      if (et != quant::ElementType::F32) {
        xh = roundInPlace(x, et);
        roundInPlace(wd, et);
        xhost = xh.data();
        esize = 2;
      }
      DevBuf<uint8_t> dx(sh.m * sh.k * esize), dw(q.packed.size()), dscratch(sh.n * sh.k * esize), dy(sh.m * sh.n * esize);
      DevBuf<float> da(q.state.absmax.size());
      cudaMemcpy(dx.p, xhost, sh.m * sh.k * esize, cudaMemcpyHostToDevice);
      cudaMemcpy(dw.p, q.packed.data(), q.packed.size(), cudaMemcpyHostToDevice);
      cudaMemcpy(da.p, q.state.absmax.data(), q.state.absmax.size() * 4, cudaMemcpyHostToDevice);
      const gpu::GpuStatus st = gpu::matmul4bit(handle, dx.p, gpu::QElem(int(et)), sh.m, dw.p, da.p, q.state.code.data(),
                                                sh.n, sh.k, 64, dscratch.p, dy.p, nullptr);
      QVERIFY2(st.ok(), qPrintable(QString("cuda %1 cublas %2").arg(int(st.cuda)).arg(int(st.cublas))));
      std::vector<uint8_t> yraw(sh.m * sh.n * esize);
      QCOMPARE(cudaMemcpy(yraw.data(), dy.p, yraw.size(), cudaMemcpyDeviceToHost), cudaSuccess);
      double maxErr = 0, maxRef = 0;
      for (int64_t r = 0; r < sh.m; ++r)
        for (int64_t o = 0; o < sh.n; ++o) {
          double ref = 0;
          for (int64_t i = 0; i < sh.k; ++i) ref += double(x[r * sh.k + i]) * wd[o * sh.k + i];
          const float got = elementAt(yraw, size_t(r * sh.n + o), et);
          maxErr = std::max(maxErr, std::fabs(got - ref));
          maxRef = std::max(maxRef, std::fabs(ref));
        }
      const double tol = productTolerance(et, maxRef);
      QVERIFY2(maxErr <= tol, qPrintable(QString("matmul %1x%2x%3 dtype %4: max err %5 > %6")
                                             .arg(sh.m).arg(sh.n).arg(sh.k).arg(int(et)).arg(maxErr).arg(tol)));
    }
  cublasDestroy(handle);
}

QTEST_APPLESS_MAIN(TestQuant4bitGpu)
#include "test_quant4bit_gpu.moc"
