// Reading JSON files with errors that name the file, line and column, and typed field access
// that names the missing / mistyped key.
#pragma once

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace peftdesk {

nlohmann::json readJsonFile(const std::filesystem::path& path);
// Parses `text` that came from `sourceName` (used in messages). Line/column from the parser offset.
nlohmann::json parseJsonText(const std::string& text, const std::string& sourceName);

}  // namespace peftdesk
