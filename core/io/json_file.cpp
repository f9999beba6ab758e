// See json_file.h.
#include "peftdesk/json_file.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "peftdesk/error.h"

namespace peftdesk {

nlohmann::json parseJsonText(const std::string& text, const std::string& sourceName) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // Translate the byte offset into line:column so the user can find it in an editor.
    const size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    int64_t line = 1, column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    std::string what = e.what();
    const auto pos = what.find("parse error");
    if (pos != std::string::npos) what = what.substr(pos);
    throw Error(ErrorCategory::Format, "invalid JSON at column " + std::to_string(column) + ": " + what,
                {sourceName, line});
  } catch (const nlohmann::json::exception& e) {
    // e.g. out_of_range.406: a number literal that overflows a double.
    throw Error(ErrorCategory::Format, std::string("invalid JSON: ") + e.what(), {sourceName});
  }
}

nlohmann::json readJsonFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ErrorCategory::Io, std::filesystem::exists(path) ? "cannot read file" : "file not found",
                {path.string()});
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return parseJsonText(ss.str(), path.string());
}

namespace {
const nlohmann::json* fieldOf(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}
}  // namespace

std::string stringOrDefault(const nlohmann::json& object, const char* key, const std::string& fallback) {
  const nlohmann::json* v = fieldOf(object, key);
  return v && v->is_string() ? v->get<std::string>() : fallback;
}

double numberOrDefault(const nlohmann::json& object, const char* key, double fallback) {
  const nlohmann::json* v = fieldOf(object, key);
  return v && v->is_number() ? v->get<double>() : fallback;
}

int64_t integerOrDefault(const nlohmann::json& object, const char* key, int64_t fallback) {
  const nlohmann::json* v = fieldOf(object, key);
  return v && v->is_number_integer() ? v->get<int64_t>() : fallback;
}

bool booleanOrDefault(const nlohmann::json& object, const char* key, bool fallback) {
  const nlohmann::json* v = fieldOf(object, key);
  return v && v->is_boolean() ? v->get<bool>() : fallback;
}

const nlohmann::json& fieldOrNull(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kNull;
  const nlohmann::json* v = fieldOf(object, key);
  return v ? *v : kNull;
}

}  // namespace peftdesk
