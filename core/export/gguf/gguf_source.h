// What the GGUF exporter reads from a Hugging Face model folder, the way llama.cpp's converter reads
// it: config.json as written (the converter writes some keys only when a field is present) beside
// PeftDesk's parsed ModelConfig (the same numbers with transformers' class defaults filled in), and
// the folder's other JSON files in their own key order (the converter iterates Python dicts, so
// order decides which of two entries wins and the order of keys in the file). Torch-free.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "peftdesk/model_config.h"

namespace peftdesk::gguf {

struct ModelSource {
  std::filesystem::path dir;
  nlohmann::ordered_json config;  // config.json as written
  ModelConfig model;              // loadModelConfig(dir)
  // config.json's `key` when present and not null (the converter's hparams.get(key) is not None).
  const nlohmann::ordered_json* field(const char* key) const;
};

// Throws peftdesk::Error naming the file for a missing or malformed config.json.
ModelSource openModelSource(const std::filesystem::path& dir);

// The file parsed with its key order kept; nullopt when there is no such file. Throws
// peftdesk::Error (Format) naming the file, line and column for malformed JSON.
std::optional<nlohmann::ordered_json> readOrderedJson(const std::filesystem::path& file);

// The same for large files whose key order does not matter (tokenizer.json: nlohmann's ordered
// object is a linear list, far too slow for a 150k-entry vocabulary).
std::optional<nlohmann::json> readJson(const std::filesystem::path& file);

// Typed reads of a JSON field the converter reads with dict.get(): absent or null gives `fallback`;
// another type is refused with Error (Config) naming the file and the field.
bool boolField(const nlohmann::ordered_json& object, const char* key, bool fallback, const std::filesystem::path& file);
int64_t integerField(const nlohmann::ordered_json& object, const char* key, int64_t fallback, const std::filesystem::path& file);
// A string member, or "" when absent, null or not a string (a "type" tag that is not a string
// matches no known type, as in Python).
template <class Json>
std::string stringOrEmpty(const Json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->template get<std::string>() : std::string();
}

}  // namespace peftdesk::gguf
