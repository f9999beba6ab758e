// Reading JSON files with errors that name the file, line and column, and lenient typed field
// access (a missing, null or mistyped field gives the fallback) for fields that have a sensible
// default: status and metrics shown to a user, persisted settings, descriptive fields of a model
// card. Fields a computation depends on are checked and named instead (run_config, config.json).
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace peftdesk {

nlohmann::json readJsonFile(const std::filesystem::path& path);
// Parses `text` that came from `sourceName` (used in messages). Line/column from the parser offset.
nlohmann::json parseJsonText(const std::string& text, const std::string& sourceName);

// `object[key]` when `object` is an object holding `key` with that type, else `fallback`: one
// damaged field must not hide the others.
std::string stringOrDefault(const nlohmann::json& object, const char* key, const std::string& fallback);
double numberOrDefault(const nlohmann::json& object, const char* key, double fallback);
int64_t integerOrDefault(const nlohmann::json& object, const char* key, int64_t fallback);
bool booleanOrDefault(const nlohmann::json& object, const char* key, bool fallback);
// `object[key]` when `object` is an object holding `key`, else null (for walking into sections).
const nlohmann::json& fieldOrNull(const nlohmann::json& object, const char* key);

}  // namespace peftdesk
