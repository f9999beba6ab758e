// A YAML document (libyaml events) as nlohmann::json: mappings, sequences and scalars, with plain
// scalars typed as PyYAML's safe_load types them (null, booleans, integers, floats; "1e-4" stays a
// string, as there). Errors name the file and line. Anchors, aliases and tags are refused.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

namespace peftdesk {

nlohmann::json readYamlFile(const std::filesystem::path& path);
nlohmann::json parseYamlText(const std::string& text, const std::string& sourceName);

}  // namespace peftdesk
