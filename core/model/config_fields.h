// Typed access to config.json keys with errors that name the file and the key. Shared by the
// architecture rows so each can read its own keys in a few lines.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "peftdesk/model_config.h"

namespace peftdesk {

class ConfigReader {
 public:
  ConfigReader(const nlohmann::json& j, const std::filesystem::path& file);
  bool has(const char* key) const;
  int64_t integer(const char* key) const;   // required
  int64_t positive(const char* key) const;  // required, > 0
  int64_t integerOr(const char* key, int64_t fallback) const;
  int64_t positiveOr(const char* key, int64_t fallback) const;  // > 0 when given
  double numberOr(const char* key, double fallback) const;
  bool booleanOr(const char* key, bool fallback) const;
  std::string stringOr(const char* key, const std::string& fallback) const;
  std::vector<int64_t> idList(const char* key) const;
  const nlohmann::json& json() const { return j_; }
  [[noreturn]] void fail(const std::string& key, const std::string& msg) const;

 private:
  const nlohmann::json& j_;
  std::string file_;
};

}  // namespace peftdesk
