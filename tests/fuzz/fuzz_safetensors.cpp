// libFuzzer target: the safetensors header parser and validator must reject any byte string
// with peftdesk::Error and never crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>

#include "peftdesk/error.h"
#include "peftdesk/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    auto file = peftdesk::SafetensorsFile::fromMemory(data, size, "fuzz.safetensors");
    uint64_t sum = 0;
    for (const auto& t : file->tensors()) {
      const uint8_t* p = file->data(t);
      for (uint64_t i = t.begin; i < t.end; ++i) sum += p[i - t.begin];  // touches every byte it claims
    }
    volatile uint64_t sink = sum;
    (void)sink;
  } catch (const peftdesk::Error&) {
  }
  return 0;
}
