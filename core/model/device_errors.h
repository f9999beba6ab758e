// Exception → message where a device can fail. runFailureText is a training run's one such
// function (what status.json, the log and the GUI show when a started run fails); loadFailureText
// is Model::load's. Out of GPU memory gets its own sentence (the step, what LibTorch tried to
// allocate and had free, what to lower); everything else keeps its own message.
#pragma once

#include <c10/util/Exception.h>

#include <exception>
#include <string>

#include "peftdesk/device.h"
#include "peftdesk/error.h"

namespace peftdesk {

std::string runFailureText(const std::exception& e, int64_t step, const ResolvedDevice& device);
// The model load's share: out of GPU memory while placing weights, as a sentence.
std::string loadFailureText(const std::exception& e, const ResolvedDevice& device);
// Out of GPU memory while `doing` something else (a forward pass, a generation, adding an adapter).
std::string memoryFailureText(const c10::OutOfMemoryError& e, const ResolvedDevice& device, const char* doing);
// True for LibTorch's out-of-memory error (CUDA caching allocator).
bool isOutOfDeviceMemory(const std::exception& e);

// Runs `f`; LibTorch's out-of-memory error becomes a peftdesk::Error with memoryFailureText, so
// no caller (CLI, GUI worker) ever shows LibTorch's raw message and backtrace for it.
template <typename F>
auto guardDeviceMemory(const ResolvedDevice& device, const char* doing, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const c10::OutOfMemoryError& e) {
    throw Error(ErrorCategory::Runtime, memoryFailureText(e, device, doing));
  }
}

}  // namespace peftdesk
