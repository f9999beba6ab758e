// Typed reads of one adapter_config.json for the methods' parse functions (method_registry.h):
// a wrong type, a missing required value or a key that is set but not implemented fails with
// the file and the field named. Torch-free.
#pragma once

#include <cctype>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "peftdesk/adapter_config.h"
#include "peftdesk/error.h"

namespace peftdesk {

class ConfigReader {
 public:
  // `fieldPrefix` goes before every field named in a message ("config." for a nested object).
  ConfigReader(const nlohmann::json& j, const std::string& source, std::string fieldPrefix = {})
      : j_(j), source_(source), prefix_(std::move(fieldPrefix)) {}
  [[noreturn]] void fail(const std::string& field, const std::string& msg, ErrorCategory c = ErrorCategory::Config) const {
    throw Error(c, msg, {source_, -1, -1, prefix_ + field});
  }
  bool has(const char* k) const { return j_.contains(k) && !j_.at(k).is_null(); }
  const nlohmann::json& at(const char* k) const { return j_.at(k); }
  int64_t integer(const char* k, int64_t fallback) const {
    if (!has(k)) return fallback;
    const auto& v = j_.at(k);
    if (!v.is_number_integer()) fail(k, "expected an integer, found " + v.dump());
    return v.get<int64_t>();
  }
  double number(const char* k, double fallback) const {
    if (!has(k)) return fallback;
    const auto& v = j_.at(k);
    if (!v.is_number()) fail(k, "expected a number, found " + v.dump());
    return v.get<double>();
  }
  bool boolean(const char* k, bool fallback) const {
    if (!has(k)) return fallback;
    const auto& v = j_.at(k);
    if (!v.is_boolean()) fail(k, "expected true or false, found " + v.dump());
    return v.get<bool>();
  }
  std::string string(const char* k, const std::string& fallback) const {
    if (!has(k)) return fallback;
    const auto& v = j_.at(k);
    if (!v.is_string()) fail(k, "expected a string, found " + v.dump());
    return v.get<std::string>();
  }
  std::vector<std::string> strings(const char* k) const {
    std::vector<std::string> out;
    if (!has(k)) return out;
    const auto& v = j_.at(k);
    if (v.is_string()) return {v.get<std::string>()};
    if (!v.is_array()) fail(k, "expected a list of module names");
    for (const auto& e : v) {
      if (!e.is_string()) fail(k, "expected a list of module names, found " + e.dump());
      out.push_back(e.get<std::string>());
    }
    return out;
  }
  ModuleSelector selector(const char* k, bool allowAllLinear) const {
    ModuleSelector s;
    if (!has(k)) return s;
    const auto& v = j_.at(k);
    if (v.is_string()) {
      std::string lower = v.get<std::string>();
      for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (lower == "all-linear") {
        if (!allowAllLinear) fail(k, "'all-linear' is only valid for target_modules");
        s.kind = ModuleSelector::Kind::AllLinear;
      } else {
        s.kind = ModuleSelector::Kind::Regex;
        s.regex = v.get<std::string>();
        if (s.regex.empty()) fail(k, "empty regular expression");
      }
      return s;
    }
    s.kind = ModuleSelector::Kind::List;
    s.names = strings(k);
    for (const auto& n : s.names)
      if (n.empty()) fail(k, "empty module name");
    return s;
  }
  // A key PEFT would honour but we do not implement: refuse instead of silently ignoring it.
  void refuseIfSet(const char* k, const std::string& what) const {
    if (!has(k)) return;
    const auto& v = j_.at(k);
    const bool set = v.is_boolean() ? v.get<bool>() : v.is_object() || v.is_array() ? !v.empty() : true;
    if (set) fail(k, what + " is not supported yet; refusing to load an adapter whose math would be wrong", ErrorCategory::Unsupported);
  }

 private:
  const nlohmann::json& j_;
  std::string source_;
  std::string prefix_;
};

}  // namespace peftdesk
