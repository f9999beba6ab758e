// Versions and capabilities of this build and machine, for --version, the About box and logs.
#pragma once

#include <string>
#include <vector>

namespace peftdesk {

struct RuntimeInfo {
  std::string version;         // PeftDesk version
  std::string torchVersion;    // LibTorch we were built against
  bool cudaBuilt = false;      // gpu/ compiled in
  int cudaRuntimeVersion = 0;  // e.g. 13000
  std::vector<std::string> cudaDevices;  // "NVIDIA H100 (sm_90, 80 GiB)"
  std::string cudaUnavailableReason;
  std::vector<std::string> cpuFeatures;  // avx2, avx512f, ... as detected at run time
  int intraOpThreads = 0;
};

RuntimeInfo runtimeInfo();
// One line: "LibTorch 2.9.1; CUDA 13.0: no device (...); CPU: avx2 fma".
std::string runtimeSummary(const RuntimeInfo& info);

}  // namespace peftdesk
