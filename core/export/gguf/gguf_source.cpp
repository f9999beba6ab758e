// See gguf_source.h.
#include "export/gguf/gguf_source.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "peftdesk/error.h"

namespace peftdesk::gguf {
namespace fs = std::filesystem;

const nlohmann::ordered_json* ModelSource::field(const char* key) const {
  const auto it = config.find(key);
  if (it == config.end() || it->is_null()) return nullptr;
  return &*it;
}

namespace {

template <class J>
std::optional<J> parseFile(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorCategory::Io, "cannot read " + file.string(), {file.string()});
  std::stringstream text;
  text << in.rdbuf();
  const std::string s = text.str();
  try {
    return J::parse(s);
  } catch (const nlohmann::json::parse_error& e) {
    ErrorContext where{file.string()};
    const size_t offset = std::min<size_t>(e.byte > 0 ? e.byte - 1 : 0, s.size());
    where.line = 1 + static_cast<int64_t>(std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    where.byteOffset = static_cast<int64_t>(offset);
    throw Error(ErrorCategory::Format, "malformed JSON", where);
  }
}

}  // namespace

std::optional<nlohmann::ordered_json> readOrderedJson(const fs::path& file) { return parseFile<nlohmann::ordered_json>(file); }
std::optional<nlohmann::json> readJson(const fs::path& file) { return parseFile<nlohmann::json>(file); }

ModelSource openModelSource(const fs::path& dir) {
  ModelSource source;
  source.dir = dir;
  source.model = loadModelConfig(dir);  // names the file and field on every problem
  auto config = readOrderedJson(dir / "config.json");
  if (!config || !config->is_object())
    throw Error(ErrorCategory::Format, "config.json is not a JSON object", {(dir / "config.json").string()});
  source.config = std::move(*config);
  return source;
}

namespace {
[[noreturn]] void wrongType(const fs::path& file, const char* key, const char* expected) {
  ErrorContext where{file.string()};
  where.field = key;
  throw Error(ErrorCategory::Config, std::string("expected ") + expected, where);
}
}  // namespace

bool boolField(const nlohmann::ordered_json& object, const char* key, bool fallback, const fs::path& file) {
  if (!object.is_object()) return fallback;
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) wrongType(file, key, "true or false");
  return it->get<bool>();
}

int64_t integerField(const nlohmann::ordered_json& object, const char* key, int64_t fallback, const fs::path& file) {
  if (!object.is_object()) return fallback;
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  if (!it->is_number_integer()) wrongType(file, key, "an integer");
  return it->get<int64_t>();
}

}  // namespace peftdesk::gguf
