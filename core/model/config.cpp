// config.json → ModelConfig. Per-family parsing lives in the architecture table rows
// (model/architectures.cpp); this file holds the shared keys and the validation.
#include "model/config_fields.h"

#include <nlohmann/json.hpp>

#include "peftdesk/error.h"
#include "peftdesk/json_file.h"

namespace peftdesk {

ConfigReader::ConfigReader(const nlohmann::json& j, const std::filesystem::path& file) : j_(j), file_(file.string()) {}

[[noreturn]] void ConfigReader::fail(const std::string& key, const std::string& msg) const {
  throw Error(ErrorCategory::Config, msg, {file_, -1, -1, key});
}

bool ConfigReader::has(const char* key) const {
  auto it = j_.find(key);
  return it != j_.end() && !it->is_null();
}

int64_t ConfigReader::integer(const char* key) const {
  if (!has(key)) fail(key, "missing required key");
  return integerOr(key, 0);
}

int64_t ConfigReader::integerOr(const char* key, int64_t fallback) const {
  if (!has(key)) return fallback;
  const auto& v = j_.at(key);
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_number_float() && v.get<double>() == static_cast<double>(static_cast<int64_t>(v.get<double>())))
    return static_cast<int64_t>(v.get<double>());
  fail(key, "expected an integer, found " + v.dump());
}

int64_t ConfigReader::positive(const char* key) const {
  const int64_t v = integer(key);
  if (v <= 0) fail(key, "must be positive, found " + std::to_string(v));
  return v;
}

int64_t ConfigReader::positiveOr(const char* key, int64_t fallback) const {
  if (!has(key)) return fallback;
  return positive(key);
}

double ConfigReader::numberOr(const char* key, double fallback) const {
  if (!has(key)) return fallback;
  const auto& v = j_.at(key);
  if (!v.is_number()) fail(key, "expected a number, found " + v.dump());
  return v.get<double>();
}

bool ConfigReader::booleanOr(const char* key, bool fallback) const {
  if (!has(key)) return fallback;
  const auto& v = j_.at(key);
  if (!v.is_boolean()) fail(key, "expected true or false, found " + v.dump());
  return v.get<bool>();
}

std::string ConfigReader::stringOr(const char* key, const std::string& fallback) const {
  if (!has(key)) return fallback;
  const auto& v = j_.at(key);
  if (!v.is_string()) fail(key, "expected a string, found " + v.dump());
  return v.get<std::string>();
}

std::vector<int64_t> ConfigReader::idList(const char* key) const {
  std::vector<int64_t> out;
  if (!has(key)) return out;
  const auto& v = j_.at(key);
  if (v.is_number_integer()) return {v.get<int64_t>()};
  if (!v.is_array()) fail(key, "expected an integer or a list of integers");
  for (const auto& e : v) {
    if (!e.is_number_integer()) fail(key, "expected a list of integers");
    out.push_back(e.get<int64_t>());
  }
  return out;
}

ModelConfig parseModelConfig(const nlohmann::json& j, const std::filesystem::path& file) {
  if (!j.is_object()) throw Error(ErrorCategory::Config, "config.json is not a JSON object", {file.string()});
  ConfigReader r(j, file);
  ModelConfig c;
  c.sourceFile = file;
  c.modelType = r.stringOr("model_type", "");
  if (c.modelType.empty()) r.fail("model_type", "missing required key (cannot tell the architecture)");
  const ArchitectureSpec* spec = findArchitecture(c.modelType);
  if (!spec) {
    std::string known;
    for (const auto& row : architectureTable()) known += std::string(known.empty() ? "" : ", ") + row.modelType;
    // Multimodal folders (Gemma 3 4B+, Qwen2-VL, ...) nest their language model's config.
    const std::string nested = j.contains("text_config") && j["text_config"].is_object()
                                   ? "; this folder is a multimodal model (it has a text_config) and only text-only decoders load"
                                   : "";
    throw Error(ErrorCategory::Unsupported,
                "unsupported architecture '" + c.modelType + "' (supported: " + known + ")" + nested,
                {file.string(), -1, -1, "model_type"});
  }
  c.family = spec->family;
  c.architectureName = spec->displayName;
  if (j.contains("architectures") && j["architectures"].is_array() && !j["architectures"].empty() &&
      j["architectures"][0].is_string()) {
    c.architectureName = j["architectures"][0].get<std::string>();
  }
  c.torchDtype = r.has("torch_dtype") ? r.stringOr("torch_dtype", "") : r.stringOr("dtype", "");
  c.bosTokenId = r.integerOr("bos_token_id", -1);
  c.eosTokenIds = r.idList("eos_token_id");
  c.padTokenId = r.integerOr("pad_token_id", -1);
  spec->parse(j, c);

  if (c.numHeads <= 0 || c.hiddenSize <= 0) r.fail("hidden_size", "hidden size and head count must be positive");
  if (c.numKvHeads <= 0 || c.numHeads % c.numKvHeads != 0) {
    r.fail("num_key_value_heads", "must divide num_attention_heads (" + std::to_string(c.numHeads) + "), found " +
                                      std::to_string(c.numKvHeads));
  }
  if (c.headDim <= 0 || c.headDim % 2 != 0) r.fail("head_dim", "must be a positive even number, found " + std::to_string(c.headDim));
  // LongRoPE: one factor per rotary frequency, and the original context the long factors start
  // after, which only Phi-3's layout (a top-level original_max_position_embeddings) gives.
  const RopeScaling& rs = c.ropeScaling;
  if (rs.type == "longrope") {
    const std::string field = j.contains("rope_parameters") ? "rope_parameters" : "rope_scaling";
    if (!rs.hasOriginalMax || rs.originalMaxPositionEmbeddings <= 0)
      r.fail(field + ".rope_type", "LongRoPE is supported for Phi-3 configs (model_type phi3, with original_max_position_embeddings)");
    const size_t half = static_cast<size_t>(c.rotaryDim() / 2);
    for (auto [key, list] : {std::pair{"short_factor", &rs.shortFactor}, std::pair{"long_factor", &rs.longFactor}})
      if (list->size() != half)
        r.fail(field + "." + key, "expected " + std::to_string(half) + " entries (half the rotary dimensions), found " + std::to_string(list->size()));
  }
  return c;
}

ModelConfig loadModelConfig(const std::filesystem::path& dirOrFile) {
  const auto file = std::filesystem::is_directory(dirOrFile) ? dirOrFile / "config.json" : dirOrFile;
  if (!std::filesystem::exists(file)) {
    throw Error(ErrorCategory::Io, "config.json not found; is this a Hugging Face model folder?", {file.string()});
  }
  return parseModelConfig(readJsonFile(file), file);
}

}  // namespace peftdesk
