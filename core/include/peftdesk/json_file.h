// Reading JSON files with errors that name the file, line and column, and lenient typed field
// access for files that are only displayed (a missing, null or mistyped field gives the fallback).
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace peftdesk {

nlohmann::json readJsonFile(const std::filesystem::path& path);
// Parses `text` that came from `sourceName` (used in messages). Line/column from the parser offset.
nlohmann::json parseJsonText(const std::string& text, const std::string& sourceName);

// `object[key]` when `object` is an object holding `key` with that type, else `fallback`: for
// status and metrics files shown to a user, where one damaged field must not hide the others.
std::string stringOr(const nlohmann::json& object, const char* key, const std::string& fallback);
double numberOr(const nlohmann::json& object, const char* key, double fallback);
int64_t integerOr(const nlohmann::json& object, const char* key, int64_t fallback);
bool booleanOr(const nlohmann::json& object, const char* key, bool fallback);
// `object[key]` when `object` is an object holding `key`, else null (for walking into sections).
const nlohmann::json& fieldOr(const nlohmann::json& object, const char* key);

}  // namespace peftdesk
