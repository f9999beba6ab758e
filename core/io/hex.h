// Bytes as lower-case hexadecimal (digests in messages, hashes compared with Python's hexdigest()).
#pragma once

#include <cstddef>
#include <string>

namespace peftdesk {

inline std::string toHex(const unsigned char* bytes, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (size_t i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 15];
  }
  return out;
}

}  // namespace peftdesk
