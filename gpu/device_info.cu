// See device_info.h. Uses only the CUDA runtime API (linked statically, so the binary runs on
// machines without the toolkit; without a driver cudaGetDeviceCount fails and we say why).
#include <cuda_runtime.h>

#include "peftdesk_gpu/device_info.h"

namespace peftdesk::gpu {

DeviceQuery queryDevices() {
  DeviceQuery q;
  cudaRuntimeGetVersion(&q.runtimeVersion);
  int count = 0;
  const cudaError_t err = cudaGetDeviceCount(&count);
  if (err != cudaSuccess) {
    q.unavailableReason = cudaGetErrorString(err);
    cudaGetLastError();  // clear the sticky error
    return q;
  }
  if (count == 0) q.unavailableReason = "no CUDA device";
  for (int i = 0; i < count; ++i) {
    cudaDeviceProp p{};
    if (cudaGetDeviceProperties(&p, i) != cudaSuccess) continue;
    DeviceInfo d;
    d.index = i;
    d.name = p.name;
    d.computeCapabilityMajor = p.major;
    d.computeCapabilityMinor = p.minor;
    d.totalMemoryBytes = p.totalGlobalMem;
    int memClockKHz = 0, busWidthBits = 0;
    cudaDeviceGetAttribute(&memClockKHz, cudaDevAttrMemoryClockRate, i);
    cudaDeviceGetAttribute(&busWidthBits, cudaDevAttrGlobalMemoryBusWidth, i);
    d.memoryBandwidthGBs = 2.0 * memClockKHz * 1e3 * (busWidthBits / 8.0) / 1e9;
    q.devices.push_back(d);
  }
  return q;
}

}  // namespace peftdesk::gpu
