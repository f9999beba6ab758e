// "a, b,c" ↔ {"a", "b", "c"}: comma-separated names with surrounding blanks trimmed and empty
// items dropped (dataset names, LLaMA-Factory's lora_target lists), and back.
#pragma once

#include <string>
#include <vector>

namespace peftdesk {

inline std::vector<std::string> splitCommaList(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text + ",") {
    if (c == ',') {
      item.erase(0, item.find_first_not_of(" \t"));
      item.erase(item.find_last_not_of(" \t") + 1);
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  return out;
}

// {"a", "b"} → "a,b" (or with another separator).
inline std::string joinList(const std::vector<std::string>& items, const std::string& separator = ",") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

}  // namespace peftdesk
