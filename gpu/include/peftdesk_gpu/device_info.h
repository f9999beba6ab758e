// Which CUDA devices this process can use. Plain C++ interface so core can call it without
// CUDA headers; on a machine without a GPU or driver it reports zero devices and the reason.
#pragma once

#include <string>
#include <vector>

namespace peftdesk::gpu {

struct DeviceInfo {
  int index = 0;
  std::string name;
  int computeCapabilityMajor = 0;
  int computeCapabilityMinor = 0;
  size_t totalMemoryBytes = 0;
  double memoryBandwidthGBs = 0;  // theoretical peak from clock and bus width
};

struct DeviceQuery {
  std::vector<DeviceInfo> devices;
  std::string unavailableReason;  // set when devices is empty
  int runtimeVersion = 0;         // CUDA runtime we were built with, e.g. 13000
};

DeviceQuery queryDevices();

}  // namespace peftdesk::gpu
