// Every occurrence of `from` in `s` replaced by `to`, left to right, never rescanning what was put
// in (chat template placeholders, SmolLM3's /think markers).
#pragma once

#include <string>

namespace peftdesk {

inline void replaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
}

// The same on a copy.
inline std::string replacedAll(std::string s, const std::string& from, const std::string& to) {
  replaceAll(s, from, to);
  return s;
}

}  // namespace peftdesk
