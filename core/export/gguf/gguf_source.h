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

// A string field, or Error (Config) naming the file and field when it has another type.
std::string stringField(const nlohmann::ordered_json& object, const char* key, const std::filesystem::path& file);

}  // namespace peftdesk::gguf
