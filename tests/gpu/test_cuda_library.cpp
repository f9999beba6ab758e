// libpeftdesk_cuda.so builds, links and loads on a machine without an NVIDIA driver: loading it
// registers LibTorch's CUDA kernels with the dispatcher (so the binaries get CUDA by loading one
// library, and nothing else), its entry table matches this build, and without a driver it sees no
// device instead of failing. Loaded directly here (the binaries skip it when no driver can use it).
// LibTorch headers first: they use the identifier `slots`, which QtCore defines as a macro.
#include <ATen/Context.h>
#include <ATen/core/dispatch/Dispatcher.h>

#include "peftdesk/dequant4bit_fast.h"

#include <QtTest>

#include <dlfcn.h>

#include "peftdesk/cuda_library_abi.h"
#include "quant/quant4bit_ops.h"

namespace {

bool hasCudaKernel(const char* op, const char* overload) {
  const auto handle = c10::Dispatcher::singleton().findSchema({op, overload});
  return handle && handle->hasKernelForDispatchKey(c10::DispatchKey::CUDA);
}

}  // namespace

class TestCudaLibrary : public QObject {
  Q_OBJECT
 private slots:
  void loadsWithoutDriver() {
#ifndef PEFTDESK_CUDA_LIBRARY_PATH
    QSKIP("machine: libpeftdesk_cuda.so is not built here (no nvcc or no LibTorch CUDA libraries at configure time)");
#else
    QVERIFY2(!hasCudaKernel("aten::add", "Tensor"), "CUDA kernels registered before the library was loaded");
    void* lib = dlopen(PEFTDESK_CUDA_LIBRARY_PATH, RTLD_NOW | RTLD_GLOBAL);
    QVERIFY2(lib, dlerror());
    const auto entry = reinterpret_cast<PeftdeskCudaEntry>(dlsym(lib, PEFTDESK_CUDA_ENTRY));
    QVERIFY(entry);
    const PeftdeskCudaLibraryV1* table = entry();
    QCOMPARE(table->abiVersion, PEFTDESK_CUDA_ABI_VERSION);
    QCOMPARE(QString(table->torchVersion), QString(PEFTDESK_TORCH_VERSION));
    // The package ships no cuDNN engines: the entry has switched cuDNN off, attention included.
    QVERIFY(!at::globalContext().userEnabledCuDNN());
    QVERIFY(!at::globalContext().userEnabledCuDNNSDP());
    // LibTorch's CUDA kernels are now known to the dispatcher: matmul, SDPA, the fused AdamW.
    QVERIFY(hasCudaKernel("aten::add", "Tensor"));
    QVERIFY(hasCudaKernel("aten::mm", ""));
    QVERIFY(hasCudaKernel("aten::_fused_adamw_", ""));
    QVERIFY(hasCudaKernel("aten::_scaled_dot_product_flash_attention", ""));
    // PeftDesk's own 4-bit operators (defined by core, CUDA implementations from the library).
    QVERIFY(peftdesk::ops::gemv4bitAvailable(at::zeros({1, 32}), 32) == peftdesk::quant::gemv4bitRowsAvailable());  // core's part linked
    for (const char* op : {"peftdesk::decode_absmax", "peftdesk::dequantize_4bit_into", "peftdesk::gemv_4bit", "peftdesk::quantize_4bit"})
      QVERIFY2(hasCudaKernel(op, ""), op);
    if (dlopen("libcuda.so.1", RTLD_NOW | RTLD_NOLOAD) == nullptr && dlopen("libcuda.so.1", RTLD_NOW) == nullptr) {
      // No driver: no device, and every query answers without throwing across the C boundary.
      QCOMPARE(table->deviceCount(), 0);
      uint64_t freeBytes = 1, totalBytes = 1;
      QVERIFY(table->memoryInfo(0, &freeBytes, &totalBytes) != 0);
      QCOMPARE(table->peakAllocatedBytes(0), uint64_t(0));
      table->resetPeak(0);
      table->releaseCachedMemory();
    } else {
      QVERIFY(table->deviceCount() >= 0);
    }
#endif
  }
};

QTEST_APPLESS_MAIN(TestCudaLibrary)
#include "test_cuda_library.moc"
