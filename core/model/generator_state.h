// The default generator's state of a device as a tensor, read and restored under its lock: what
// dropout draws from (the CPU generator for a model on the CPU, the device's CUDA generator for a
// model on a GPU). Checkpoints save it for exact resume; gradient checkpointing rewinds it so a
// recomputed layer draws the forward's masks.
#pragma once

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Context.h>

#include <mutex>

namespace peftdesk {

// CUDA: the device's default generator (registered by LibTorch's CUDA library); anything else
// draws from the CPU generator (a meta tensor draws nothing).
inline at::Generator defaultGeneratorOf(c10::Device device) {
  return device.is_cuda() ? at::globalContext().defaultGenerator(device) : at::detail::getDefaultCPUGenerator();
}

inline at::Tensor generatorState(c10::Device device) {
  at::Generator gen = defaultGeneratorOf(device);
  std::lock_guard<std::mutex> lock(gen.mutex());
  return gen.get_state();
}

inline void setGeneratorState(c10::Device device, const at::Tensor& state) {
  at::Generator gen = defaultGeneratorOf(device);
  std::lock_guard<std::mutex> lock(gen.mutex());
  gen.set_state(state);
}

inline at::Tensor cpuGeneratorState() { return generatorState(c10::kCPU); }
inline void setCpuGeneratorState(const at::Tensor& state) { setGeneratorState(c10::kCPU, state); }

}  // namespace peftdesk
