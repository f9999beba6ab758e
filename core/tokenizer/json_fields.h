// Typed access to tokenizer JSON files with errors that name the file and the JSON field path
// (e.g. "tokenizer.json: field 'model.merges[12]': ..."), as DESIGN.md section 5 asks.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>

#include "peftdesk/error.h"

namespace peftdesk::tok {

using nlohmann::json;

// Context naming just a file (and optionally a 1-based line).
inline ErrorContext fileContext(const std::string& file, int64_t line = -1) {
  ErrorContext c;
  c.file = file;
  c.line = line;
  return c;
}

// Where a JSON node lives: the file name and the dotted path inside it.
struct JsonCtx {
  std::string file;
  std::string path;

  JsonCtx child(const std::string& key) const { return {file, path.empty() ? key : path + "." + key}; }
  JsonCtx index(size_t i) const { return {file, path + "[" + std::to_string(i) + "]"}; }
  [[noreturn]] void fail(const std::string& message, ErrorCategory category = ErrorCategory::Format) const;
};

// Required members; wrong type or missing -> Error(Format) naming file and field.
const json& requireMember(const json& obj, const char* key, const JsonCtx& ctx);
std::string requireString(const json& obj, const char* key, const JsonCtx& ctx);
int64_t requireInt(const json& obj, const char* key, const JsonCtx& ctx);
// Optional members: absent or null -> default / nullopt; present with the wrong type -> error.
std::optional<std::string> optString(const json& obj, const char* key, const JsonCtx& ctx);
bool optBool(const json& obj, const char* key, bool def, const JsonCtx& ctx);
std::optional<bool> optBoolMaybe(const json& obj, const char* key, const JsonCtx& ctx);
std::string typeOf(const json& j);
// A {"token": id, ...} object (tokenizer.json model.vocab, GPT-2 vocab.json) as a map; ids must
// be integers in [0, 2^24).
std::unordered_map<std::string, int32_t> parseTokenVocab(const json& vocab, const JsonCtx& ctx);

}  // namespace peftdesk::tok
