// The default CPU generator's state as a tensor, read and restored under its lock: what dropout
// draws from. Checkpoints save it for exact resume; gradient checkpointing rewinds it so a
// recomputed layer draws the forward's masks.
#pragma once

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <mutex>

namespace peftdesk {

inline at::Tensor cpuGeneratorState() {
  at::Generator gen = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(gen.mutex());
  return gen.get_state();
}

inline void setCpuGeneratorState(const at::Tensor& state) {
  at::Generator gen = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(gen.mutex());
  gen.set_state(state);
}

}  // namespace peftdesk
