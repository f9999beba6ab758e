// GPU presence as the application reports it. Skips visibly (with the reason) on machines
// without a usable CUDA device; with one, checks what --version and the About box will show.
#include <QtTest>

#include "peftdesk/runtime_info.h"
#include "test_support.h"

class TestGpuDevice : public QObject {
  Q_OBJECT
 private slots:
  void deviceReported() {
    const peftdesk::RuntimeInfo info = peftdesk::runtimeInfo();
    if (!info.cudaBuilt) QSKIP("built without CUDA (nvcc not found at configure time)");
    QVERIFY(info.cudaRuntimeVersion >= 11000);
    if (info.cudaDevices.empty()) {
      QVERIFY(!info.cudaUnavailableReason.empty());
      QSKIP(qPrintable("no usable CUDA device: " + QString::fromStdString(info.cudaUnavailableReason)));
    }
    for (const auto& d : info.cudaDevices) QVERIFY2(d.find("sm_") != std::string::npos, d.c_str());
    const auto r = peftdesk::test::runCli({"--version"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.stdoutText.contains(QString::fromStdString(info.cudaDevices.front())));
  }
};

QTEST_APPLESS_MAIN(TestGpuDevice)
#include "test_gpu_device.moc"
