// libpeftdesk_cuda.so's entry table (core/include/peftdesk/cuda_library_abi.h). Linking this
// library loads libtorch_cuda, whose static initialisers register LibTorch's CUDA kernels, CUDA
// hooks and generators; the table answers what core cannot ask LibTorch's CPU library: free GPU
// memory and the caching allocator's statistics. Every call is guarded so a bad device index
// returns an error code or zero instead of throwing across the C boundary.
//
// The peftdesk-cuda package ships cuDNN's loader without its engines (decision 33), so the entry
// switches cuDNN off in LibTorch, for attention (SDPA) as for every other operation: LibTorch
// takes its own kernels (flash / memory-efficient attention, cuBLAS) instead of failing to load
// an engine on the first call that would pick cuDNN.
#include <ATen/Context.h>
#include <c10/cuda/CUDACachingAllocator.h>
#include <c10/cuda/CUDAFunctions.h>
#include <c10/cuda/CUDAGuard.h>
#include <cuda_runtime_api.h>

#include "peftdesk/cuda_library_abi.h"

namespace {

bool validDevice(int device) { return device >= 0 && device < static_cast<int>(c10::cuda::device_count()); }

int memoryInfo(int device, uint64_t* freeBytes, uint64_t* totalBytes) {
  if (!validDevice(device)) return static_cast<int>(cudaErrorInvalidDevice);
  try {
    c10::cuda::CUDAGuard guard(static_cast<c10::DeviceIndex>(device));
    size_t f = 0, t = 0;
    const cudaError_t e = cudaMemGetInfo(&f, &t);
    if (e != cudaSuccess) return static_cast<int>(e);
    *freeBytes = f;
    *totalBytes = t;
    return 0;
  } catch (...) {
    return static_cast<int>(cudaErrorUnknown);
  }
}

uint64_t peakAllocatedBytes(int device) {
  if (!validDevice(device)) return 0;
  try {
    const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(static_cast<c10::DeviceIndex>(device));
    return static_cast<uint64_t>(stats.allocated_bytes[static_cast<size_t>(c10::CachingAllocator::StatType::AGGREGATE)].peak);
  } catch (...) {
    return 0;
  }
}

void resetPeak(int device) {
  if (!validDevice(device)) return;
  try {
    c10::cuda::CUDACachingAllocator::resetPeakStats(static_cast<c10::DeviceIndex>(device));
  } catch (...) {
  }
}

void releaseCachedMemory() {
  try {
    if (c10::cuda::device_count() > 0) c10::cuda::CUDACachingAllocator::emptyCache();
  } catch (...) {
  }
}

int deviceCount() {
  try {
    return static_cast<int>(c10::cuda::device_count());
  } catch (...) {
    return 0;
  }
}

const PeftdeskCudaLibraryV1 kTable = {PEFTDESK_CUDA_ABI_VERSION, PEFTDESK_TORCH_VERSION, &memoryInfo, &peakAllocatedBytes,
                                      &resetPeak, &releaseCachedMemory, &deviceCount};

}  // namespace

extern "C" __attribute__((visibility("default"))) const PeftdeskCudaLibraryV1* peftdesk_cuda_library_v1() {
  static const bool cudnnOff = [] {
    at::globalContext().setUserEnabledCuDNN(false);
    at::globalContext().setSDPUseCuDNN(false);
    return true;
  }();
  (void)cudnnOff;
  return &kTable;
}
