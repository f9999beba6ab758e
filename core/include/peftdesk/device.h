// Where a model runs: the one place that decides between the CPU and an NVIDIA GPU.
//
// The binaries link only LibTorch's CPU library. CUDA support is one optional shared library,
// libpeftdesk_cuda.so (LibTorch's CUDA library, the shared CUDA 13 runtime, our CUDA glue), that
// initCudaSupport() loads at the top of main() when an NVIDIA driver new enough for CUDA 13 and at
// least one device are present. Without it, or without a driver, the process is exactly the CPU
// program and asking for `cuda` says why in one line. The loaded state is process-wide because
// dlopen is; everything else receives a ResolvedDevice through options (LoadOptions::device).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace peftdesk {

enum class DeviceKind {
  Auto,  // the first usable GPU, else the CPU
  Cpu,
  Cuda,
  Meta,  // LibTorch's shape-only device: tests prove that no tensor is created off the model's device
};

struct DeviceSpec {
  DeviceKind kind = DeviceKind::Auto;
  int index = -1;  // Cuda: device ordinal; -1 = the first usable one
};

// "auto", "cpu", "cuda", "cuda:N" (what RUN.json's train.device and --device accept). Meta is not
// a user choice and is not parsed.
bool parseDeviceSpec(const std::string& text, DeviceSpec* out);
std::string deviceSpecName(const DeviceSpec& spec);  // the same spellings back
inline constexpr const char* kDeviceChoicesHelp = "auto|cpu|cuda|cuda:N";

struct GpuDevice {
  int index = 0;
  std::string name;                // "NVIDIA H200"
  int computeMajor = 0, computeMinor = 0;
  uint64_t totalBytes = 0;
  uint64_t freeBytes = 0;          // 0 when unknown
  std::string pciBusId;            // "0000:3b:00.0": how NVML finds the same device
};

// What the driver probe found; cudaVerdict() turns it into "usable" or a reason. Kept apart so
// every refusal message is testable without a GPU.
struct CudaProbe {
  bool driverFound = false;        // libcuda.so.1 could be opened
  std::string driverLoadError;
  int initError = 0;               // cuInit's result (0 = success)
  int driverVersion = 0;           // cuDriverGetVersion: 13000 = CUDA 13.0
  std::vector<GpuDevice> devices;  // what the driver lists
  bool libraryFound = false;       // libpeftdesk_cuda.so next to the binaries
  std::string libraryPath;
};

struct CudaStatus {
  bool usable = false;
  std::string reason;              // why not, one line (empty when usable)
  bool libraryFound = false;
  bool libraryLoaded = false;
  std::string libraryPath;         // where it was found, or where it was looked for
  int driverVersion = 0;
  std::vector<GpuDevice> devices;  // listed by the driver, even when CUDA is not usable
};

// Minimum driver API version (CUDA 13.0 = R580 drivers) and compute capability (CUDA 13 builds
// start at sm_75).
inline constexpr int kMinCudaDriverVersion = 13000;
inline constexpr int kMinComputeMajor = 7, kMinComputeMinor = 5;

// "13.0" for a driver API version such as 13000.
std::string cudaVersionText(int driverVersion);

// The verdict on a probe, before loading: usable, or the reason in one line.
CudaStatus cudaVerdict(const CudaProbe& probe);

// Probes the driver and, when it can work, loads libpeftdesk_cuda.so. Call first thing in main(),
// before any LibTorch call (LibTorch decides once whether CUDA hooks exist). Idempotent; later
// calls return the first result. PEFTDESK_CUDA_LIBRARY=PATH names the library explicitly;
// PEFTDESK_CUDA_LIBRARY=off never loads it.
const CudaStatus& initCudaSupport();
// The state initCudaSupport() left (CUDA not usable when it was never called).
const CudaStatus& cudaStatus();

// The CUDA add-on (libpeftdesk_cuda.so) as installed: found where, and — loaded now even when no
// driver can use it, for `peftdesk-cli devices` and the package test — whether it loads, which
// LibTorch it was built for and how many devices LibTorch's CUDA library sees (0 without a driver:
// a clean answer, not a failure). Only for diagnostics: a process that computes relies on
// initCudaSupport(), which loads the library before any LibTorch call.
struct CudaLibraryCheck {
  bool found = false;
  std::string path;          // where it is, or where it was looked for
  bool loaded = false;
  std::string error;         // why it was not found or did not load
  std::string torchVersion;  // the library's build
  int deviceCount = -1;      // devices LibTorch's CUDA library sees (-1: not loaded)
};
CudaLibraryCheck checkCudaLibrary();

// A device a model actually runs on.
struct ResolvedDevice {
  DeviceKind kind = DeviceKind::Cpu;  // Cpu, Cuda or Meta
  int index = 0;
  std::string label;                  // "cpu", "cuda:0 (NVIDIA H200)"
  std::string note;                   // auto on the CPU: why ("no NVIDIA driver ...")
  bool isCuda() const { return kind == DeviceKind::Cuda; }
};

// Auto → the first usable GPU or the CPU (with the reason in `note`); Cpu → the CPU; Cuda → that
// GPU, or Error(Unsupported) "CUDA requested but not usable: <reason>" / index out of range.
ResolvedDevice resolveDevice(const DeviceSpec& spec);

// Free / total memory of a GPU (NVML when the driver has it — no CUDA context is created — else
// the CUDA library), peak allocation since the last reset, and giving cached blocks back (the CUDA
// library); zeros and no-ops when neither can answer.
struct GpuMemory {
  uint64_t freeBytes = 0, totalBytes = 0;
};
GpuMemory gpuMemory(int index);
uint64_t gpuPeakAllocatedBytes(int index);
void gpuResetPeak(int index);
void gpuReleaseCachedMemory();
// The devices with their current free memory where NVML can say it without creating a CUDA
// context on every card (for device boxes; freeBytes 0 otherwise).
std::vector<GpuDevice> listGpus();
// "NVIDIA H200 — 132.1 / 139.8 GiB free" for device boxes and logs.
std::string gpuLabel(const GpuDevice& gpu);

}  // namespace peftdesk
