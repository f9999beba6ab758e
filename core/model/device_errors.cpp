// See device_errors.h.
#include "model/device_errors.h"

#include <c10/util/Exception.h>

namespace peftdesk {
namespace {

// LibTorch's sentence without its advice for Python users ("If reserved but unallocated memory
// is large try setting PYTORCH_CUDA_ALLOC_CONF ..."): "CUDA out of memory. Tried to allocate
// 2.00 GiB. GPU 0 has a total capacity of 79.19 GiB of which 1.50 GiB is free."
std::string allocatorSentence(const c10::Error& e) {
  std::string s = e.msg();
  s = s.substr(0, s.find('\n'));
  for (const char* cut : {" Including non-PyTorch", " Of the allocated", " If reserved"}) {
    const auto at = s.find(cut);
    if (at != std::string::npos) s = s.substr(0, at);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '.')) s.pop_back();
  return s;
}

const char* kLower =
    "lower train.per_device_train_batch_size or data.cutoff_len, or turn on train.gradient_checkpointing or a 4-bit base "
    "(model.quantization)";

}  // namespace

bool isOutOfDeviceMemory(const std::exception& e) { return dynamic_cast<const c10::OutOfMemoryError*>(&e) != nullptr; }

std::string runFailureText(const std::exception& e, int64_t step, const ResolvedDevice& device) {
  if (const auto* oom = dynamic_cast<const c10::OutOfMemoryError*>(&e)) {
    return "out of GPU memory at step " + std::to_string(step) + " on " + device.label + " (" + allocatorSentence(*oom) + "): " + kLower +
           ". The last checkpoint is kept and --resume continues from it; the GPU memory was released.";
  }
  // LibTorch's own errors carry a C++ backtrace in what(): the message alone is the user's.
  if (const auto* c10e = dynamic_cast<const c10::Error*>(&e)) return c10e->what_without_backtrace();
  return e.what();
}

std::string memoryFailureText(const c10::OutOfMemoryError& e, const ResolvedDevice& device, const char* doing) {
  return std::string("out of GPU memory ") + doing + " on " + device.label + " (" + allocatorSentence(e) +
         "): use shorter inputs or fewer at once, a 4-bit base, or another device";
}

std::string loadFailureText(const std::exception& e, const ResolvedDevice& device) {
  if (const auto* oom = dynamic_cast<const c10::OutOfMemoryError*>(&e)) {
    return "out of GPU memory loading the model onto " + device.label + " (" + allocatorSentence(*oom) +
           "): the weights do not fit; use a 4-bit base (model.quantization), a smaller model, or another device";
  }
  return e.what();
}

}  // namespace peftdesk
