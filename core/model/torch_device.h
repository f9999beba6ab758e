// ResolvedDevice (peftdesk/device.h, torch-free) as LibTorch's at::Device: the one translation
// between where core decided a model runs and what tensors are created with.
#pragma once

#include <c10/core/Device.h>

#include "peftdesk/device.h"

namespace peftdesk {

inline c10::Device torchDevice(const ResolvedDevice& d) {
  switch (d.kind) {
    case DeviceKind::Cuda: return c10::Device(c10::DeviceType::CUDA, static_cast<c10::DeviceIndex>(d.index));
    case DeviceKind::Meta: return c10::Device(c10::DeviceType::Meta);
    default: return c10::Device(c10::DeviceType::CPU);
  }
}

}  // namespace peftdesk
