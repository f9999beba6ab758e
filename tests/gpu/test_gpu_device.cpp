// GPU presence as the application reports it. Skips visibly (with the reason) on machines
// without a usable CUDA device; with one, checks what --version and the About box will show.
#include <QtTest>

#include "peftdesk/device.h"
#include "peftdesk/runtime_info.h"
#include "test_support.h"

class TestGpuDevice : public QObject {
  Q_OBJECT
 private slots:
  // Without a device the whole test skips (ctest then reports it as not run).
  void initTestCase() {
    peftdesk::initCudaSupport();
    const peftdesk::RuntimeInfo info = peftdesk::runtimeInfo();
    if (!info.cudaLoaded) QSKIP(qPrintable("machine: no usable CUDA device: " + QString::fromStdString(info.cudaUnavailableReason)));
  }

  void deviceReported() {
    const peftdesk::RuntimeInfo info = peftdesk::runtimeInfo();
    QVERIFY(info.cudaDriverVersion >= peftdesk::kMinCudaDriverVersion);
    QVERIFY(!info.cudaDevices.empty());
    for (const auto& d : info.cudaDevices) QVERIFY2(d.find("sm_") != std::string::npos, d.c_str());
    const auto r = peftdesk::test::runCli({"--version"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.stdoutText.contains(QString::fromStdString(info.cudaDevices.front())));
  }
};

QTEST_APPLESS_MAIN(TestGpuDevice)
#include "test_gpu_device.moc"
