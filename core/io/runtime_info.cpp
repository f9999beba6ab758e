// See runtime_info.h. CPU features come from the compiler's cpuid helpers; CUDA from the device
// probe (peftdesk/device.h).
#include "peftdesk/runtime_info.h"

#include <thread>

#include "peftdesk/device.h"
#include "peftdesk/thread_sharing.h"

namespace peftdesk {

RuntimeInfo runtimeInfo() {
  RuntimeInfo r;
  r.version = PEFTDESK_VERSION;
  r.torchVersion = PEFTDESK_TORCH_VERSION;
#if defined(__x86_64__)
  __builtin_cpu_init();
  static const std::pair<const char*, bool> kFeatures[] = {
      {"sse4.2", static_cast<bool>(__builtin_cpu_supports("sse4.2"))},
      {"avx", static_cast<bool>(__builtin_cpu_supports("avx"))},
      {"avx2", static_cast<bool>(__builtin_cpu_supports("avx2"))},
      {"fma", static_cast<bool>(__builtin_cpu_supports("fma"))},
      {"avx512f", static_cast<bool>(__builtin_cpu_supports("avx512f"))},
      {"avx512bw", static_cast<bool>(__builtin_cpu_supports("avx512bw"))},
      {"avx512vnni", static_cast<bool>(__builtin_cpu_supports("avx512vnni"))},
  };
  for (const auto& [name, has] : kFeatures)
    if (has) r.cpuFeatures.push_back(name);
#endif
  r.intraOpThreads = static_cast<int>(std::thread::hardware_concurrency());
  r.ompWaitPolicy = ompWaitPolicyText();
  const CudaStatus& cuda = cudaStatus();
  r.cudaBuilt = cuda.libraryFound;
  r.cudaLoaded = cuda.usable && cuda.libraryLoaded;
  r.cudaDriverVersion = cuda.driverVersion;
  if (!cuda.usable) r.cudaUnavailableReason = cuda.reason;
  for (const auto& d : cuda.devices) {
    r.cudaDevices.push_back(d.name + " (sm_" + std::to_string(d.computeMajor) + std::to_string(d.computeMinor) + ", " +
                            std::to_string(d.totalBytes >> 30) + " GiB)");
  }
  return r;
}

std::string runtimeSummary(const RuntimeInfo& r) {
  std::string s = "LibTorch " + r.torchVersion + "; CUDA";
  if (r.cudaLoaded) {
    s += " " + cudaVersionText(r.cudaDriverVersion) + " driver: ";
    for (size_t i = 0; i < r.cudaDevices.size(); ++i) s += (i ? ", " : "") + r.cudaDevices[i];
  } else {
    s += ": not usable (" + r.cudaUnavailableReason + ")";
  }
  s += "; CPU:";
  for (const auto& f : r.cpuFeatures) s += " " + f;
  if (r.cpuFeatures.empty()) s += " baseline";
  s += "; OpenMP threads wait: " + r.ompWaitPolicy;
  return s;
}

}  // namespace peftdesk
