// See device.h. The driver is probed through the CUDA driver API opened with dlopen (no link-time
// dependency: a machine without the NVIDIA driver runs the same binary), then libpeftdesk_cuda.so
// is loaded with RTLD_GLOBAL so LibTorch's CUDA library registers its hooks and kernels before any
// tensor exists. Every refusal is a sentence built by cudaVerdict() from what the probe saw.
#include "peftdesk/device.h"

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "peftdesk/cuda_library_abi.h"
#include "peftdesk/error.h"

namespace peftdesk {
namespace fs = std::filesystem;

bool parseDeviceSpec(const std::string& text, DeviceSpec* out) {
  DeviceSpec s;
  if (text == "auto") {
    s.kind = DeviceKind::Auto;
  } else if (text == "cpu") {
    s.kind = DeviceKind::Cpu;
  } else if (text == "cuda" || text == "gpu") {
    s.kind = DeviceKind::Cuda;
  } else if (text.rfind("cuda:", 0) == 0 && text.size() > 5 && text.size() <= 8 &&
             text.find_first_not_of("0123456789", 5) == std::string::npos) {
    s.kind = DeviceKind::Cuda;
    s.index = std::stoi(text.substr(5));
  } else {
    return false;
  }
  *out = s;
  return true;
}

std::string deviceSpecName(const DeviceSpec& spec) {
  switch (spec.kind) {
    case DeviceKind::Auto: return "auto";
    case DeviceKind::Cpu: return "cpu";
    case DeviceKind::Meta: return "meta";
    case DeviceKind::Cuda: return spec.index < 0 ? "cuda" : "cuda:" + std::to_string(spec.index);
  }
  return "auto";
}

std::string cudaVersionText(int v) { return std::to_string(v / 1000) + "." + std::to_string((v % 1000) / 10); }

namespace {

bool computeSupported(const GpuDevice& d) {
  return d.computeMajor > kMinComputeMajor || (d.computeMajor == kMinComputeMajor && d.computeMinor >= kMinComputeMinor);
}

std::string smName(const GpuDevice& d) { return "sm_" + std::to_string(d.computeMajor) + std::to_string(d.computeMinor); }

}  // namespace

CudaStatus cudaVerdict(const CudaProbe& p) {
  CudaStatus s;
  s.driverVersion = p.driverVersion;
  s.devices = p.devices;
  s.libraryPath = p.libraryPath;
  s.libraryFound = p.libraryFound;
  if (!p.driverFound) {
    s.reason = "no NVIDIA driver (libcuda.so.1 could not be opened" + (p.driverLoadError.empty() ? std::string() : ": " + p.driverLoadError) + ")";
  } else if (p.driverVersion > 0 && p.driverVersion < kMinCudaDriverVersion) {
    s.reason = "the NVIDIA driver is too old: it supports CUDA " + cudaVersionText(p.driverVersion) +
               ", PeftDesk's CUDA 13 build needs CUDA " + cudaVersionText(kMinCudaDriverVersion) + " (driver R580 or newer)";
  } else if (p.initError == 100 || (p.initError == 0 && p.devices.empty())) {  // CUDA_ERROR_NO_DEVICE
    s.reason = "no CUDA device (the NVIDIA driver lists none; check CUDA_VISIBLE_DEVICES)";
  } else if (p.initError == -1 || p.initError == -2) {
    s.reason = p.initError == -1 ? "the NVIDIA driver library (libcuda.so.1) lacks the driver API PeftDesk needs"
                                 : "the NVIDIA driver did not report its version (cuDriverGetVersion failed)";
  } else if (p.initError != 0) {
    s.reason = "the NVIDIA driver failed to initialise (cuInit error " + std::to_string(p.initError) + ")";
  } else if (std::none_of(p.devices.begin(), p.devices.end(), computeSupported)) {
    s.reason = "no device of compute capability " + std::to_string(kMinComputeMajor) + "." + std::to_string(kMinComputeMinor) +
               " or newer (found " + p.devices.front().name + ", " + smName(p.devices.front()) + ")";
  } else if (!p.libraryFound) {
    s.reason = "the CUDA library libpeftdesk_cuda.so is not installed" +
               (p.libraryPath.empty() ? std::string() : " (looked in " + p.libraryPath + ")");
  } else {
    s.usable = true;
  }
  return s;
}

namespace {

// The state of the process; written once by initCudaSupport(). A function-local static, so that a
// call from another translation unit's start-up code cannot see it unconstructed.
CudaStatus& processStatus() {
  static CudaStatus status = [] {
    CudaStatus s;
    s.reason = "CUDA support was not initialised in this program";
    return s;
  }();
  return status;
}
const PeftdeskCudaLibraryV1* gLibrary = nullptr;
std::once_flag gOnce;

// Driver API types and entry points used by the probe.
using CUresult = int;
using CUdevice = int;
struct DriverApi {
  CUresult (*init)(unsigned) = nullptr;
  CUresult (*driverGetVersion)(int*) = nullptr;
  CUresult (*deviceGetCount)(int*) = nullptr;
  CUresult (*deviceGet)(CUdevice*, int) = nullptr;
  CUresult (*deviceGetName)(char*, int, CUdevice) = nullptr;
  CUresult (*deviceTotalMem)(size_t*, CUdevice) = nullptr;
  CUresult (*deviceGetAttribute)(int*, int, CUdevice) = nullptr;
  CUresult (*deviceGetPCIBusId)(char*, int, CUdevice) = nullptr;
};

template <typename F>
bool bind(void* lib, const char* name, F* out) {
  *out = reinterpret_cast<F>(dlsym(lib, name));
  return *out != nullptr;
}

void probeDriver(CudaProbe& p) {
  void* lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char* e = dlerror();
    p.driverLoadError = e ? e : "";
    const auto colon = p.driverLoadError.rfind(": ");
    if (colon != std::string::npos) p.driverLoadError = p.driverLoadError.substr(colon + 2);
    return;
  }
  p.driverFound = true;  // kept open: LibTorch's CUDA library uses the same driver
  DriverApi api;
  if (!bind(lib, "cuInit", &api.init) || !bind(lib, "cuDriverGetVersion", &api.driverGetVersion) ||
      !bind(lib, "cuDeviceGetCount", &api.deviceGetCount) || !bind(lib, "cuDeviceGet", &api.deviceGet) ||
      !bind(lib, "cuDeviceGetName", &api.deviceGetName) || !bind(lib, "cuDeviceTotalMem_v2", &api.deviceTotalMem) ||
      !bind(lib, "cuDeviceGetAttribute", &api.deviceGetAttribute)) {
    p.initError = -1;
    return;
  }
  if (!bind(lib, "cuDeviceGetPCIBusId", &api.deviceGetPCIBusId)) api.deviceGetPCIBusId = nullptr;
  if (api.driverGetVersion(&p.driverVersion) != 0 || p.driverVersion <= 0) {
    p.initError = -2;  // the driver answers nothing: reported as such, not as "no device"
    return;
  }
  if (p.driverVersion < kMinCudaDriverVersion) return;
  p.initError = api.init(0);
  if (p.initError != 0) return;
  int count = 0;
  if (api.deviceGetCount(&count) != 0) count = 0;
  for (int i = 0; i < count; ++i) {
    CUdevice dev = 0;
    if (api.deviceGet(&dev, i) != 0) continue;
    GpuDevice d;
    d.index = i;
    char name[256] = {};
    if (api.deviceGetName(name, sizeof name - 1, dev) == 0) d.name = name;
    size_t total = 0;
    if (api.deviceTotalMem(&total, dev) == 0) d.totalBytes = total;
    api.deviceGetAttribute(&d.computeMajor, 75, dev);  // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR
    api.deviceGetAttribute(&d.computeMinor, 76, dev);  // ..._MINOR
    char bus[64] = {};
    if (api.deviceGetPCIBusId && api.deviceGetPCIBusId(bus, sizeof bus - 1, dev) == 0) d.pciBusId = bus;
    p.devices.push_back(d);
  }
}

// The library next to the binaries: build tree (bin/ → lib/) or installed package
// (bin/ → lib/peftdesk/cuda/ for the add-on, lib/peftdesk/lib/ otherwise).
std::string findLibrary(std::string* looked) {
  const char* env = std::getenv("PEFTDESK_CUDA_LIBRARY");
  std::error_code ec;
  if (env && *env) {
    *looked = env;
    return fs::exists(env, ec) ? std::string(env) : std::string();
  }
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  const fs::path dir = exe.parent_path();
  const fs::path candidates[] = {dir / "../lib/libpeftdesk_cuda.so", dir / "../lib/peftdesk/cuda/libpeftdesk_cuda.so",
                                 dir / "../lib/peftdesk/lib/libpeftdesk_cuda.so"};
  for (const auto& c : candidates) {
    if (fs::exists(c, ec)) return fs::weakly_canonical(c, ec).string();
  }
  for (const auto& c : candidates) *looked += (looked->empty() ? "" : ", ") + c.lexically_normal().string();
  return {};
}

// Opens the library and checks its interface and LibTorch version; null with the reason otherwise.
const PeftdeskCudaLibraryV1* openLibrary(const std::string& path, std::string* error) {
  void* lib = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (!lib) {
    const char* e = dlerror();
    *error = "the CUDA library failed to load: " + std::string(e ? e : path);
    return nullptr;
  }
  const auto entry = reinterpret_cast<PeftdeskCudaEntry>(dlsym(lib, PEFTDESK_CUDA_ENTRY));
  const PeftdeskCudaLibraryV1* table = entry ? entry() : nullptr;
  if (!table || table->abiVersion != PEFTDESK_CUDA_ABI_VERSION) {
    *error = path + " is not a PeftDesk CUDA library of this version (interface " + std::to_string(table ? table->abiVersion : 0) +
             ", expected " + std::to_string(PEFTDESK_CUDA_ABI_VERSION) + ")";
    return nullptr;
  }
  if (std::string(table->torchVersion) != PEFTDESK_TORCH_VERSION) {
    *error = path + " was built against LibTorch " + table->torchVersion + ", this program against " + PEFTDESK_TORCH_VERSION;
    return nullptr;
  }
  return table;
}

void loadLibrary(CudaStatus& s, const std::string& path) {
  std::string error;
  const PeftdeskCudaLibraryV1* table = openLibrary(path, &error);
  if (!table) {
    s.usable = false;
    s.reason = error;
    return;
  }
  s.libraryLoaded = true;
  gLibrary = table;
  if (table->deviceCount() <= 0) {
    s.usable = false;
    s.reason = "LibTorch's CUDA library sees no device although the driver lists " + std::to_string(s.devices.size());
  }
}

}  // namespace

const CudaStatus& initCudaSupport() {
  std::call_once(gOnce, [] {
    const char* env = std::getenv("PEFTDESK_CUDA_LIBRARY");
    if (env && std::string(env) == "off") {
      processStatus() = CudaStatus();
      processStatus().reason = "CUDA support switched off (PEFTDESK_CUDA_LIBRARY=off)";
      return;
    }
    CudaProbe probe;
    probeDriver(probe);
    std::string looked;
    const std::string path = findLibrary(&looked);
    probe.libraryFound = !path.empty();
    probe.libraryPath = path.empty() ? looked : path;
    CudaStatus s = cudaVerdict(probe);
    // cuBLAS reads its workspace setting once per process, at its first use: a fixed workspace makes
    // its GEMMs deterministic (train.deterministic relies on it), at no measurable cost for LoRA.
    // A user's own setting wins.
    if (s.usable) ::setenv("CUBLAS_WORKSPACE_CONFIG", ":4096:8", /*overwrite=*/0);
    if (s.usable) loadLibrary(s, path);
    processStatus() = s;
  });
  return processStatus();
}

const CudaStatus& cudaStatus() { return processStatus(); }

CudaLibraryCheck checkCudaLibrary() {
  CudaLibraryCheck c;
  const char* env = std::getenv("PEFTDESK_CUDA_LIBRARY");
  if (env && std::string(env) == "off") {
    c.error = "CUDA support switched off (PEFTDESK_CUDA_LIBRARY=off)";
    return c;
  }
  std::string looked;
  const std::string path = findLibrary(&looked);
  c.found = !path.empty();
  c.path = path.empty() ? looked : path;
  if (!c.found) {
    c.error = "not installed (looked in " + looked + ")";
    return c;
  }
  const PeftdeskCudaLibraryV1* table = gLibrary ? gLibrary : openLibrary(path, &c.error);
  if (!table) return c;
  c.loaded = true;
  c.torchVersion = table->torchVersion;
  c.deviceCount = table->deviceCount();
  return c;
}

ResolvedDevice resolveDevice(const DeviceSpec& spec) {
  ResolvedDevice r;
  const CudaStatus& s = cudaStatus();
  auto onGpu = [&](int index) {
    r.kind = DeviceKind::Cuda;
    r.index = index;
    r.label = "cuda:" + std::to_string(index) + " (" + s.devices.at(static_cast<size_t>(index)).name + ")";
  };
  switch (spec.kind) {
    case DeviceKind::Meta:
      r.kind = DeviceKind::Meta;
      r.label = "meta";
      return r;
    case DeviceKind::Cpu:
      r.label = "cpu";
      return r;
    case DeviceKind::Auto:
      if (s.usable) {
        for (const GpuDevice& d : s.devices) {
          if (computeSupported(d)) {
            onGpu(d.index);
            return r;
          }
        }
      }
      r.label = "cpu";
      r.note = s.usable ? "no supported GPU" : s.reason;
      return r;
    case DeviceKind::Cuda: {
      if (!s.usable) throw Error(ErrorCategory::Unsupported, "CUDA requested but not usable: " + s.reason);
      int index = spec.index;
      if (index < 0) {
        for (const GpuDevice& d : s.devices)
          if (index < 0 && computeSupported(d)) index = d.index;
      }
      if (index < 0 || index >= static_cast<int>(s.devices.size())) {
        std::string list;
        for (const GpuDevice& d : s.devices) list += (list.empty() ? "" : ", ") + ("cuda:" + std::to_string(d.index) + " " + d.name);
        throw Error(ErrorCategory::Unsupported, "cuda:" + std::to_string(spec.index) + " is out of range: this machine has " +
                                                    std::to_string(s.devices.size()) + " CUDA device" + (s.devices.size() == 1 ? "" : "s") +
                                                    " (" + list + ")");
      }
      const GpuDevice& d = s.devices[static_cast<size_t>(index)];
      if (!computeSupported(d)) {
        throw Error(ErrorCategory::Unsupported, "cuda:" + std::to_string(index) + " (" + d.name + ", " + smName(d) +
                                                    ") is older than CUDA 13 supports (sm_75 or newer)");
      }
      onGpu(index);
      return r;
    }
  }
  return r;
}

namespace {

// NVML (the driver's management library): memory of a device found by its PCI bus id, without a
// CUDA context. Opened once, on first use.
struct NvmlMemory {
  unsigned long long total, free, used;
};
struct Nvml {
  int (*handleByBusId)(const char*, void**) = nullptr;
  int (*memoryInfo)(void*, NvmlMemory*) = nullptr;
  bool ready = false;
};

const Nvml& nvml() {
  static const Nvml api = [] {
    Nvml n;
    void* lib = dlopen("libnvidia-ml.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return n;
    int (*init)() = nullptr;
    if (!bind(lib, "nvmlInit_v2", &init) || !bind(lib, "nvmlDeviceGetHandleByPciBusId_v2", &n.handleByBusId) ||
        !bind(lib, "nvmlDeviceGetMemoryInfo", &n.memoryInfo) || init() != 0)
      return n;
    n.ready = true;
    return n;
  }();
  return api;
}

bool nvmlMemory(int index, GpuMemory* out) {
  const auto& devices = processStatus().devices;
  if (index < 0 || index >= static_cast<int>(devices.size()) || devices[static_cast<size_t>(index)].pciBusId.empty()) return false;
  const Nvml& n = nvml();
  void* handle = nullptr;
  NvmlMemory m{};
  if (!n.ready || n.handleByBusId(devices[static_cast<size_t>(index)].pciBusId.c_str(), &handle) != 0 || n.memoryInfo(handle, &m) != 0)
    return false;
  out->freeBytes = m.free;
  out->totalBytes = m.total;
  return true;
}

}  // namespace

GpuMemory gpuMemory(int index) {
  GpuMemory m;
  if (nvmlMemory(index, &m)) return m;
  if (gLibrary && gLibrary->memoryInfo(index, &m.freeBytes, &m.totalBytes) != 0) m = GpuMemory();
  return m;
}
uint64_t gpuPeakAllocatedBytes(int index) { return gLibrary ? gLibrary->peakAllocatedBytes(index) : 0; }
void gpuResetPeak(int index) {
  if (gLibrary) gLibrary->resetPeak(index);
}
void gpuReleaseCachedMemory() {
  if (gLibrary) gLibrary->releaseCachedMemory();
}

std::vector<GpuDevice> listGpus() {
  std::vector<GpuDevice> out = cudaStatus().devices;
  for (GpuDevice& d : out) {
    GpuMemory m;
    if (nvmlMemory(d.index, &m) && m.totalBytes > 0) {
      d.freeBytes = m.freeBytes;
      d.totalBytes = m.totalBytes;
    }
  }
  return out;
}

std::string gpuLabel(const GpuDevice& d) {
  auto gib = [](uint64_t b) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(b) / (1024.0 * 1024.0 * 1024.0));
    return std::string(buf);
  };
  std::string s = d.name + " (" + smName(d) + ")";
  if (d.freeBytes > 0) return s + " — " + gib(d.freeBytes) + " / " + gib(d.totalBytes) + " GiB free";
  return s + " — " + gib(d.totalBytes) + " GiB";
}

}  // namespace peftdesk
