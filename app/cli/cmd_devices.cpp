// `peftdesk-cli devices [--json]`: where PeftDesk can compute and, when a GPU is not used, why —
// the CPU, the NVIDIA driver and the GPUs it lists, the CUDA add-on (found, loaded, the LibTorch it
// was built for, the devices it sees) and where `--device auto` sends a run. It loads the add-on
// even when no driver can use it, so an installation can be checked on any machine; exit 1 when
// the add-on is installed but does not load (the message says why).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "peftdesk/device.h"
#include "peftdesk/runtime_info.h"

namespace peftdesk::cli {

int runDevices(const Args& args) {
  const RuntimeInfo info = runtimeInfo();
  const CudaStatus& status = cudaStatus();
  const std::vector<GpuDevice> gpus = listGpus();
  const CudaLibraryCheck lib = checkCudaLibrary();
  const ResolvedDevice autoDevice = resolveDevice({DeviceKind::Auto, -1});
  if (args.flag("json")) {
    nlohmann::json j;
    j["cpu"] = {{"threads", info.intraOpThreads}, {"features", info.cpuFeatures}};
    j["driver"] = {{"found", status.driverVersion > 0},
                   {"cuda_version", status.driverVersion > 0 ? cudaVersionText(status.driverVersion) : std::string()}};
    j["gpus"] = nlohmann::json::array();
    for (const GpuDevice& g : gpus)
      j["gpus"].push_back({{"index", g.index},
                           {"name", g.name},
                           {"compute_capability", std::to_string(g.computeMajor) + "." + std::to_string(g.computeMinor)},
                           {"total_bytes", g.totalBytes},
                           {"free_bytes", g.freeBytes}});
    j["cuda_library"] = {{"found", lib.found}, {"path", lib.path},           {"loaded", lib.loaded},
                         {"torch_version", lib.torchVersion}, {"device_count", lib.deviceCount}, {"error", lib.error}};
    j["cuda_usable"] = status.usable;
    j["cuda_reason"] = status.reason;
    j["auto"] = {{"device", autoDevice.isCuda() ? "cuda:" + std::to_string(autoDevice.index) : std::string("cpu")},
                 {"label", autoDevice.label},
                 {"reason", autoDevice.note}};
    std::printf("%s\n", j.dump(2).c_str());
  } else {
    std::string features;
    for (const auto& f : info.cpuFeatures) features += " " + f;
    std::printf("CPU: %d threads;%s\n", info.intraOpThreads, features.empty() ? " baseline" : features.c_str());
    if (status.driverVersion > 0) {
      std::printf("NVIDIA driver: supports CUDA %s, %zu device%s\n", cudaVersionText(status.driverVersion).c_str(), gpus.size(),
                  gpus.size() == 1 ? "" : "s");
    } else {
      std::printf("NVIDIA driver: none\n");
    }
    for (const GpuDevice& g : gpus) std::printf("  cuda:%d %s\n", g.index, gpuLabel(g).c_str());
    if (!lib.found) {
      std::printf("CUDA add-on: %s\n", lib.error.c_str());
    } else if (!lib.loaded) {
      std::printf("CUDA add-on: %s, does not load: %s\n", lib.path.c_str(), lib.error.c_str());
    } else {
      std::printf("CUDA add-on: %s (LibTorch %s), loads; LibTorch's CUDA library sees %d device%s\n", lib.path.c_str(),
                  lib.torchVersion.c_str(), lib.deviceCount, lib.deviceCount == 1 ? "" : "s");
    }
    if (autoDevice.isCuda()) {
      std::printf("--device auto: %s\n", autoDevice.label.c_str());
    } else {
      std::printf("--device auto: the CPU (%s)\n", autoDevice.note.c_str());
    }
  }
  return lib.found && !lib.loaded ? 1 : 0;
}

}  // namespace peftdesk::cli
