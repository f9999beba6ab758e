// Exception → message where a device can fail. runFailureText is a training run's one such
// function (what status.json, the log and the GUI show when a started run fails); loadFailureText
// is Model::load's. Out of GPU memory gets its own sentence (the step, what LibTorch tried to
// allocate and had free, what to lower); everything else keeps its own message.
#pragma once

#include <exception>
#include <string>

#include "peftdesk/device.h"

namespace peftdesk {

std::string runFailureText(const std::exception& e, int64_t step, const ResolvedDevice& device);
// The model load's share: out of GPU memory while placing weights, as a sentence.
std::string loadFailureText(const std::exception& e, const ResolvedDevice& device);
// True for LibTorch's out-of-memory error (CUDA caching allocator).
bool isOutOfDeviceMemory(const std::exception& e);

}  // namespace peftdesk
