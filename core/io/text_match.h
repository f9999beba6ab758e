// Prefix / suffix tests on std::string (C++17 has no starts_with / ends_with).
#pragma once

#include <string>

namespace peftdesk {

inline bool startsWith(const std::string& s, const std::string& head) { return s.size() >= head.size() && s.compare(0, head.size(), head) == 0; }
inline bool endsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace peftdesk
