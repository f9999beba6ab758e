// See runtime_info.h. CPU features come from the compiler's cpuid helpers; CUDA from gpu/.
#include "peftdesk/runtime_info.h"

#include <thread>

#ifdef PEFTDESK_HAVE_CUDA
#include "peftdesk_gpu/device_info.h"
#endif

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
#ifdef PEFTDESK_HAVE_CUDA
  r.cudaBuilt = true;
  const gpu::DeviceQuery q = gpu::queryDevices();
  r.cudaRuntimeVersion = q.runtimeVersion;
  r.cudaUnavailableReason = q.unavailableReason;
  for (const auto& d : q.devices) {
    r.cudaDevices.push_back(d.name + " (sm_" + std::to_string(d.computeCapabilityMajor) +
                            std::to_string(d.computeCapabilityMinor) + ", " +
                            std::to_string(d.totalMemoryBytes >> 30) + " GiB)");
  }
#else
  r.cudaUnavailableReason = "built without CUDA";
#endif
  return r;
}

std::string runtimeSummary(const RuntimeInfo& r) {
  std::string s = "LibTorch " + r.torchVersion + "; CUDA ";
  if (!r.cudaBuilt) {
    s += "not built";
  } else {
    s += std::to_string(r.cudaRuntimeVersion / 1000) + "." + std::to_string((r.cudaRuntimeVersion % 1000) / 10) + ": ";
    if (r.cudaDevices.empty()) {
      s += "no device (" + r.cudaUnavailableReason + ")";
    } else {
      for (size_t i = 0; i < r.cudaDevices.size(); ++i) s += (i ? ", " : "") + r.cudaDevices[i];
    }
  }
  s += "; CPU:";
  for (const auto& f : r.cpuFeatures) s += " " + f;
  if (r.cpuFeatures.empty()) s += " baseline";
  return s;
}

}  // namespace peftdesk
