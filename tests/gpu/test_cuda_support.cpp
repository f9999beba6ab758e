// The device choice as a CPU-only machine can prove it: every reason CUDA can be refused is a
// clear sentence (from constructed driver probes), `auto` falls back to the CPU with the reason,
// `cuda` is refused before anything is written (CLI forward and train), device spellings parse,
// and --version says what was found. On a machine with a usable GPU the no-driver checks skip
// visibly and the GPU ones run.
#include <QtTest>
#include <nlohmann/json.hpp>

#include "peftdesk/device.h"
#include "peftdesk/error.h"
#include "test_support.h"

using namespace peftdesk;

namespace {

GpuDevice gpu(int index, const char* name, int major, int minor) {
  GpuDevice d;
  d.index = index;
  d.name = name;
  d.computeMajor = major;
  d.computeMinor = minor;
  d.totalBytes = uint64_t(80) << 30;
  return d;
}

CudaProbe workingProbe() {
  CudaProbe p;
  p.driverFound = true;
  p.driverVersion = 13000;
  p.devices = {gpu(0, "NVIDIA H200", 9, 0)};
  p.libraryFound = true;
  p.libraryPath = "/opt/peftdesk/lib/libpeftdesk_cuda.so";
  return p;
}

bool contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

}  // namespace

class TestCudaSupport : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { initCudaSupport(); }

  void deviceSpellings() {
    DeviceSpec d;
    QVERIFY(parseDeviceSpec("auto", &d) && d.kind == DeviceKind::Auto);
    QVERIFY(parseDeviceSpec("cpu", &d) && d.kind == DeviceKind::Cpu);
    QVERIFY(parseDeviceSpec("cuda", &d) && d.kind == DeviceKind::Cuda && d.index == -1);
    QVERIFY(parseDeviceSpec("cuda:3", &d) && d.kind == DeviceKind::Cuda && d.index == 3);
    for (const char* bad : {"", "CUDA", "cuda:", "cuda:-1", "cuda:x", "cuda:1:2", "meta", "mps", "gpu0", "cuda:123456"}) {
      QVERIFY2(!parseDeviceSpec(bad, &d), bad);
    }
    QCOMPARE(deviceSpecName({DeviceKind::Cuda, 2}), std::string("cuda:2"));
    QCOMPARE(deviceSpecName({DeviceKind::Auto, -1}), std::string("auto"));
  }

  // One sentence per way CUDA cannot work, built from what the driver probe saw.
  void everyRefusalHasItsReason() {
    QVERIFY(cudaVerdict(workingProbe()).usable);
    QVERIFY(cudaVerdict(workingProbe()).reason.empty());

    CudaProbe noDriver;
    noDriver.driverLoadError = "No such file or directory";
    const CudaStatus a = cudaVerdict(noDriver);
    QVERIFY(!a.usable);
    QVERIFY2(contains(a.reason, "no NVIDIA driver") && contains(a.reason, "libcuda.so.1") && contains(a.reason, "No such file"), a.reason.c_str());

    CudaProbe old = workingProbe();
    old.driverVersion = 12080;  // an R570 driver
    const CudaStatus b = cudaVerdict(old);
    QVERIFY(!b.usable);
    QVERIFY2(contains(b.reason, "too old") && contains(b.reason, "CUDA 12.8") && contains(b.reason, "R580"), b.reason.c_str());

    CudaProbe none = workingProbe();
    none.devices.clear();
    none.initError = 100;  // CUDA_ERROR_NO_DEVICE
    QVERIFY2(contains(cudaVerdict(none).reason, "no CUDA device"), cudaVerdict(none).reason.c_str());
    none.initError = 0;
    QVERIFY2(contains(cudaVerdict(none).reason, "no CUDA device"), cudaVerdict(none).reason.c_str());

    CudaProbe broken = workingProbe();
    broken.initError = 999;
    QVERIFY2(contains(cudaVerdict(broken).reason, "failed to initialise") && contains(cudaVerdict(broken).reason, "999"),
             cudaVerdict(broken).reason.c_str());

    CudaProbe pascal = workingProbe();
    pascal.devices = {gpu(0, "NVIDIA GeForce GTX 1080", 6, 1)};
    QVERIFY2(contains(cudaVerdict(pascal).reason, "compute capability 7.5") && contains(cudaVerdict(pascal).reason, "sm_61"),
             cudaVerdict(pascal).reason.c_str());

    CudaProbe noLibrary = workingProbe();
    noLibrary.libraryFound = false;
    noLibrary.libraryPath = "/usr/lib/peftdesk/cuda/libpeftdesk_cuda.so";
    const CudaStatus c = cudaVerdict(noLibrary);
    QVERIFY2(!c.usable && contains(c.reason, "libpeftdesk_cuda.so is not installed") && contains(c.reason, ("looked in " + noLibrary.libraryPath).c_str()),
             c.reason.c_str());
    for (const CudaStatus& s : {a, b, c, cudaVerdict(none), cudaVerdict(broken), cudaVerdict(pascal)}) {
      QVERIFY(s.reason.find('\n') == std::string::npos);
    }
  }

  // This process: with no usable CUDA, auto is the CPU (with the reason) and cuda is refused.
  void autoFallsBackAndCudaIsRefused() {
    const CudaStatus& s = cudaStatus();
    if (s.usable) QSKIP("machine: CUDA is usable here: the refusal paths cannot be seen");
    QVERIFY(!s.reason.empty());
    const ResolvedDevice a = resolveDevice({DeviceKind::Auto, -1});
    QCOMPARE(a.kind, DeviceKind::Cpu);
    QCOMPARE(a.label, std::string("cpu"));
    QCOMPARE(a.note, s.reason);
    QCOMPARE(resolveDevice({DeviceKind::Cpu, -1}).kind, DeviceKind::Cpu);
    for (const DeviceSpec spec : {DeviceSpec{DeviceKind::Cuda, -1}, DeviceSpec{DeviceKind::Cuda, 1}}) {
      try {
        resolveDevice(spec);
        QFAIL("cuda was not refused");
      } catch (const Error& e) {
        QCOMPARE(e.category(), ErrorCategory::Unsupported);
        QCOMPARE(std::string(e.what()), "CUDA requested but not usable: " + s.reason);
      }
    }
  }

  // A machine with a usable GPU: every listed device resolves, out-of-range indices are named.
  void gpuIndicesWhenUsable() {
    const CudaStatus& s = cudaStatus();
    if (!s.usable) QSKIP(qPrintable("machine: no usable CUDA here: " + QString::fromStdString(s.reason)));
    QVERIFY(s.libraryLoaded);
    QCOMPARE(resolveDevice({DeviceKind::Auto, -1}).kind, DeviceKind::Cuda);
    const int n = static_cast<int>(s.devices.size());
    try {
      resolveDevice({DeviceKind::Cuda, n});
      QFAIL("an index past the last device was accepted");
    } catch (const Error& e) {
      QVERIFY2(contains(e.what(), "out of range"), e.what());
    }
    const GpuMemory m = gpuMemory(0);
    QVERIFY(m.totalBytes > 0 && m.freeBytes > 0 && m.freeBytes <= m.totalBytes);
  }

  // CLI: --device cuda is refused in one line and writes nothing; a bad spelling is an argument
  // error; auto runs (on the CPU here) and train --dry-run says which device and why.
  void cliRefusesBeforeWriting() {
    if (cudaStatus().usable) QSKIP("machine: CUDA is usable here");
    const QString demo = test::sourceDir() + "/resources/demo/model";
    QTemporaryDir tmp;
    const QString out = tmp.path() + "/logits.safetensors";
    auto r = test::runCli({"forward", demo, "--ids", "1,2,3", "--out", out, "--device", "cuda"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.stderrText.contains("CUDA requested but not usable: "), qPrintable(r.stderrText));
    QCOMPARE(r.stderrText.trimmed().count('\n'), 0);
    QVERIFY(!QFile::exists(out));

    r = test::runCli({"forward", demo, "--ids", "1,2,3", "--out", out, "--device", "gpu0"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.stderrText.contains("--device must be auto|cpu|cuda|cuda:N"), qPrintable(r.stderrText));

    r = test::runCli({"forward", demo, "--ids", "1,2,3", "--out", out, "--device", "auto"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(QFile::exists(out));

    const QString run = tmp.path() + "/run";
    const nlohmann::json cfg = {{"model", {{"path", demo.toStdString()}}},
                                {"data", {{"path", (test::sourceDir() + "/resources/demo/data/demo_alpaca.json").toStdString()}}},
                                {"train", {{"max_steps", 2}}},
                                {"output_dir", run.toStdString()}};
    QFile f(tmp.path() + "/RUN.json");
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(cfg.dump()));
    f.close();
    r = test::runCli({"train", f.fileName(), "--device", "cuda", "--quiet"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.stderrText.contains("CUDA requested but not usable"), qPrintable(r.stderrText));
    QVERIFY2(!QFileInfo::exists(run), "a refused device left a run folder");
    r = test::runCli({"train", f.fileName(), "--set", "train.device=tpu", "--dry-run"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.stderrText.contains("train.device") && r.stderrText.contains("'tpu' is not a device"), qPrintable(r.stderrText));
    r = test::runCli({"train", f.fileName(), "--dry-run"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.stdoutText.contains("device: cpu (" + QString::fromStdString(cudaStatus().reason) + ")"), qPrintable(r.stdoutText));
    QVERIFY(!QFileInfo::exists(run));

    r = test::runCli({"--version"});
    QVERIFY2(r.stdoutText.contains("CUDA: not usable (" + QString::fromStdString(cudaStatus().reason) + ")"), qPrintable(r.stdoutText));
  }

  // `devices` loads the CUDA add-on even without a driver and says what it sees; a missing add-on
  // is named with where it was looked for, a broken one fails with the loader's reason.
  void devicesCommandChecksTheAddOn() {
    test::ProcessResult r = test::runCli({"devices", "--json"});
    QCOMPARE(r.exitCode, 0);
    const nlohmann::json j = nlohmann::json::parse(r.stdoutText.toStdString());
    const CudaStatus& s = cudaStatus();
    QCOMPARE(j["cuda_usable"].get<bool>(), s.usable);
    QCOMPARE(j["cuda_reason"].get<std::string>(), s.reason);
    QCOMPARE(j["auto"]["device"].get<std::string>(), std::string(s.usable ? "cuda:0" : "cpu"));
    QTemporaryDir tmp;
    qputenv("PEFTDESK_CUDA_LIBRARY", (tmp.path() + "/absent.so").toUtf8());
    r = test::runCli({"devices"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.stdoutText.contains("CUDA add-on: not installed (looked in " + tmp.path() + "/absent.so)"), qPrintable(r.stdoutText));
    QFile broken(tmp.path() + "/broken.so");
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("not an ELF file");
    broken.close();
    qputenv("PEFTDESK_CUDA_LIBRARY", broken.fileName().toUtf8());
    r = test::runCli({"devices"});
    qunsetenv("PEFTDESK_CUDA_LIBRARY");
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.stdoutText.contains("does not load: the CUDA library failed to load: "), qPrintable(r.stdoutText));

    if (!j["cuda_library"]["found"].get<bool>()) QSKIP("machine: libpeftdesk_cuda.so is not built here (no nvcc): the loaded add-on is not checked (the missing and broken ones were)");
    QVERIFY2(j["cuda_library"]["loaded"].get<bool>(), j["cuda_library"].dump().c_str());
    QVERIFY(!j["cuda_library"]["torch_version"].get<std::string>().empty());
    if (!s.usable && s.driverVersion == 0) QCOMPARE(j["cuda_library"]["device_count"].get<int>(), 0);  // no driver: no device, no failure
    r = test::runCli({"devices"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.stdoutText.contains("loads; LibTorch's CUDA library sees"), qPrintable(r.stdoutText));
    QVERIFY2(r.stdoutText.contains("--device auto: "), qPrintable(r.stdoutText));
  }
};

QTEST_APPLESS_MAIN(TestCudaSupport)
#include "test_cuda_support.moc"
