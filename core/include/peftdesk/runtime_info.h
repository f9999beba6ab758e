// Versions and capabilities of this build and machine, for --version, the About box and logs.
#pragma once

#include <string>
#include <vector>

namespace peftdesk {

struct RuntimeInfo {
  std::string version;         // PeftDesk version
  std::string torchVersion;    // LibTorch we were built against
  bool cudaBuilt = false;      // libpeftdesk_cuda.so found next to the binaries
  bool cudaLoaded = false;     // ... and loaded (CUDA usable)
  int cudaDriverVersion = 0;   // what the driver supports, e.g. 13000 (0: no driver)
  std::vector<std::string> cudaDevices;  // "NVIDIA H100 (sm_90, 80 GiB)", as the driver lists them
  std::string cudaUnavailableReason;     // set when CUDA is not usable
  std::vector<std::string> cpuFeatures;  // avx2, avx512f, ... as detected at run time
  int intraOpThreads = 0;
  std::string ompWaitPolicy;   // ompWaitPolicyText(): how idle compute threads wait (thread_sharing.h)
};

RuntimeInfo runtimeInfo();
// One line: "LibTorch 2.11.0+cu130; CUDA: not usable (no NVIDIA driver ...); CPU: avx2 fma" or
// "...; CUDA 13.0 driver: NVIDIA H200 (sm_90, 139 GiB); ...". Reports what initCudaSupport() found.
std::string runtimeSummary(const RuntimeInfo& info);

}  // namespace peftdesk
