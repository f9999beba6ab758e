// See gguf_encode.h.
#include "export/gguf/gguf_encode.h"

#include <cmath>
#include <cstring>

#include "peftdesk/error.h"
#include "peftdesk_codec/quant4bit_codec.h"

namespace peftdesk::gguf {
namespace {

template <class T>
void put(std::string& out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.append(b, sizeof(T));
}

// gguf-py's BF16: a NaN becomes a quiet NaN with its sign and top payload; otherwise round to
// nearest even on the high half.
uint16_t toBf16(float x) {
  uint32_t u;
  std::memcpy(&u, &x, 4);
  if ((u & 0x7fffffffu) > 0x7f800000u) u = (u & 0xffff0000u) | (64u << 16);
  return static_cast<uint16_t>((static_cast<uint64_t>(u) + (0x7fffu + ((u >> 16) & 1u))) >> 16);
}

// C's roundf: half away from zero (gguf-py's np_roundf).
float roundHalfAway(float x) { return std::round(x); }

}  // namespace

std::string encode(const float* v, int64_t n, TensorType type) {
  std::string out;
  switch (type) {
    case TensorType::F32:
      out.assign(reinterpret_cast<const char*>(v), static_cast<size_t>(n) * 4);
      return out;
    case TensorType::F16:
      out.reserve(static_cast<size_t>(n) * 2);
      for (int64_t i = 0; i < n; ++i) put<uint16_t>(out, codec::floatToF16(v[i]));
      return out;
    case TensorType::BF16:
      out.reserve(static_cast<size_t>(n) * 2);
      for (int64_t i = 0; i < n; ++i) put<uint16_t>(out, toBf16(v[i]));
      return out;
    case TensorType::Q8_0: {
      if (n % 32 != 0) throw Error(ErrorCategory::Runtime, "Q8_0 needs whole blocks of 32 values");
      out.reserve(static_cast<size_t>(n / 32) * 34);
      for (int64_t b = 0; b < n; b += 32) {
        float amax = 0.0f;
        for (int j = 0; j < 32; ++j) amax = std::fmax(amax, std::fabs(v[b + j]));
        const float d = amax / 127.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        put<uint16_t>(out, codec::floatToF16(d));
        for (int j = 0; j < 32; ++j) put<int8_t>(out, static_cast<int8_t>(roundHalfAway(v[b + j] * id)));
      }
      return out;
    }
  }
  return out;
}

}  // namespace peftdesk::gguf
