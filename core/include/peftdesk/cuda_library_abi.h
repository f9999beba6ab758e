// The C interface between the binaries and libpeftdesk_cuda.so (the optional CUDA library). The
// library exports one function returning this table; core finds it with dlsym after dlopen, so the
// binaries link no CUDA symbol and the library needs no symbol from the binaries. Bump the version
// when a member changes: a mismatched library is refused with both versions named.
#pragma once

#include <cstdint>

extern "C" {

struct PeftdeskCudaLibraryV1 {
  int abiVersion;                 // kPeftdeskCudaAbiVersion of the library's build
  const char* torchVersion;       // LibTorch it was built against: must equal the binaries'
  // Free and total bytes of a device (cudaMemGetInfo); 0 on success, else a CUDA error code.
  int (*memoryInfo)(int device, uint64_t* freeBytes, uint64_t* totalBytes);
  // LibTorch caching allocator: peak allocated bytes since the last reset, reset, empty cache.
  uint64_t (*peakAllocatedBytes)(int device);
  void (*resetPeak)(int device);
  void (*releaseCachedMemory)();
  // Number of devices LibTorch's CUDA hooks see (after the library registered them).
  int (*deviceCount)();
};

#define PEFTDESK_CUDA_ABI_VERSION 1
#define PEFTDESK_CUDA_ENTRY "peftdesk_cuda_library_v1"
typedef const PeftdeskCudaLibraryV1* (*PeftdeskCudaEntry)();
}
