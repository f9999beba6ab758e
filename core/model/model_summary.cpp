// See model_summary.h. Keys documented in docs/cli.md; add keys, never rename them.
#include "peftdesk/model_summary.h"

#include <cstdio>

namespace peftdesk {

std::string humanBytes(double bytes) {
  static const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  while (bytes >= 1024 && u < 4) {
    bytes /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", bytes, kUnits[u]);
  return buf;
}

std::string humanCount(int64_t n) {
  char buf[32];
  if (n >= 1000000000) std::snprintf(buf, sizeof buf, "%.2fB", n / 1e9);
  else if (n >= 1000000) std::snprintf(buf, sizeof buf, "%.2fM", n / 1e6);
  else if (n >= 1000) std::snprintf(buf, sizeof buf, "%.1fK", n / 1e3);
  else std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(n));
  return buf;
}

namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// What sets this family's block apart from Llama's, in a few words each (Model page, `info`).
nlohmann::json architectureFeatures(const ModelConfig& c) {
  nlohmann::json f = nlohmann::json::array();
  if (c.family != DecoderFamily::Llama) return f;
  if (c.normPlacement == NormPlacement::Sandwich) f.push_back("norms before and after attention and MLP");
  if (c.normPlacement == NormPlacement::Post) f.push_back("norms after attention and MLP only");
  if (c.rmsNormStyle == RmsNormStyle::OnePlusWeightThenCast) f.push_back("RMSNorm scale 1 + weight");
  if (c.qkNorm == QkNorm::PerHead) f.push_back("q/k RMSNorm per head");
  if (c.qkNorm == QkNorm::WholeProjection) f.push_back("q/k RMSNorm over the projection");
  if (c.hiddenAct != "silu") f.push_back("MLP activation " + c.hiddenAct);
  if (c.fusedProjections) f.push_back("fused qkv_proj and gate_up_proj");
  if (c.numExperts > 0) {
    int64_t sparse = 0;
    for (int64_t i = 0; i < c.numLayers; ++i) sparse += c.sparseLayer(i) ? 1 : 0;
    f.push_back("mixture of experts: " + std::to_string(c.expertsPerToken) + " of " + std::to_string(c.numExperts) +
                " experts per token" + (c.normTopKProb ? " (weights renormalised)" : "") + " on " + std::to_string(sparse) + " of " +
                std::to_string(c.numLayers) + " layers");
  }
  if (c.rotaryDim() != c.headDim) f.push_back("RoPE on " + std::to_string(c.rotaryDim()) + " of " + std::to_string(c.headDim) + " head dimensions");
  if (c.embeddingMultiplier != 1.0) f.push_back("embeddings x " + number(c.embeddingMultiplier));
  if (c.attentionScale > 0) f.push_back("attention scale " + number(c.attentionScale));
  if (c.attentionSoftcap > 0) f.push_back("attention soft-cap " + number(c.attentionSoftcap));
  if (c.finalLogitSoftcap > 0) f.push_back("logit soft-cap " + number(c.finalLogitSoftcap));
  if (c.residualMultiplier != 1.0) f.push_back("residual x " + number(c.residualMultiplier));
  if (c.logitsDivisor != 1.0) f.push_back("logits / " + number(c.logitsDivisor));
  int64_t windowed = 0, nope = 0;
  for (int64_t i = 0; i < c.numLayers; ++i) {
    windowed += c.windowedLayer(i) ? 1 : 0;
    nope += c.ropeLayer(i) ? 0 : 1;
  }
  if (windowed > 0 && windowed < c.numLayers)
    f.push_back("sliding window on " + std::to_string(windowed) + " of " + std::to_string(c.numLayers) + " layers");
  if (nope > 0) f.push_back("no RoPE on " + std::to_string(nope) + " of " + std::to_string(c.numLayers) + " layers");
  if (c.localRopeTheta > 0) f.push_back("sliding layers' RoPE theta " + number(c.localRopeTheta));
  return f;
}

}  // namespace

nlohmann::json modelSummaryJson(const ModelInfo& info) {
  const ModelConfig& c = info.config;
  nlohmann::json j;
  j["path"] = info.dir.string();
  j["architecture"] = c.architectureName;
  j["model_type"] = c.modelType;
  j["num_parameters"] = info.numParameters;
  j["dtype"] = c.torchDtype.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.torchDtype);
  j["stored_dtype"] = info.storedDType;
  j["vocab_size"] = c.vocabSize;
  j["hidden_size"] = c.hiddenSize;
  j["intermediate_size"] = c.intermediateSize;
  j["num_hidden_layers"] = c.numLayers;
  j["num_attention_heads"] = c.numHeads;
  j["num_key_value_heads"] = c.numKvHeads;
  j["head_dim"] = c.headDim;
  j["max_position_embeddings"] = c.maxPositionEmbeddings;
  j["hidden_act"] = c.hiddenAct;
  j["norm_eps"] = c.normEps;
  j["tie_word_embeddings"] = c.tieWordEmbeddings;
  if (c.family == DecoderFamily::Llama) {
    j["rope_theta"] = c.ropeTheta;
    j["rope_scaling"] = c.ropeScaling.type == "default" ? nlohmann::json(nullptr) : nlohmann::json(c.ropeScaling.type);
  }
  j["attention_bias"] = c.qkvBias;
  j["sliding_window"] = c.slidingWindow > 0 ? nlohmann::json(c.slidingWindow) : nlohmann::json(nullptr);
  j["architecture_features"] = architectureFeatures(c);
  j["size_on_disk_bytes"] = info.weightBytes;
  j["memory_bf16_bytes"] = info.numParameters * 2;
  // QLoRA (NF4 + double quantization, blocksize 64): 4 bits per linear weight, one 8-bit absmax
  // per 64 values plus one fp32 scale per 256 absmax; everything else stays at bf16.
  const int64_t linear = info.linearParameters;
  j["memory_nf4_bytes"] = linear / 2 + linear / 64 + (linear / (64 * 256) + 1) * 4 + (info.numParameters - linear) * 2;
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : info.weightFiles) files.push_back(f.filename().string());
  j["weight_files"] = files;
  nlohmann::json tok = nlohmann::json::array();
  for (const char* name : {"tokenizer.json", "tokenizer.model", "vocab.json", "merges.txt", "tokenizer_config.json"}) {
    if (std::filesystem::exists(info.dir / name)) tok.push_back(name);
  }
  j["tokenizer_files"] = tok;
  j["ignored_tensors"] = info.ignoredTensors;
  return j;
}

nlohmann::json modelSummaryJson(const std::filesystem::path& modelDir) { return modelSummaryJson(inspectModel(modelDir)); }

std::string modelSummaryText(const nlohmann::json& j) {
  std::string s;
  auto line = [&](const std::string& k, const std::string& v) { s += k + std::string(k.size() < 22 ? 22 - k.size() : 1, ' ') + v + "\n"; };
  auto str = [](const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.is_null() ? std::string("-") : v.dump(); };
  line("architecture", str(j["architecture"]) + " (" + str(j["model_type"]) + ")");
  line("parameters", humanCount(j["num_parameters"].get<int64_t>()) + " (" + str(j["num_parameters"]) + ")");
  line("dtype", str(j["dtype"]) + " (stored " + str(j["stored_dtype"]) + ")");
  line("vocab size", str(j["vocab_size"]));
  line("layers", str(j["num_hidden_layers"]));
  line("hidden size", str(j["hidden_size"]));
  line("intermediate size", str(j["intermediate_size"]));
  line("attention heads", str(j["num_attention_heads"]) + " (kv " + str(j["num_key_value_heads"]) + ", head dim " + str(j["head_dim"]) + ")");
  line("max positions", str(j["max_position_embeddings"]));
  if (j.contains("rope_theta")) line("rope", "theta " + str(j["rope_theta"]) + ", scaling " + str(j["rope_scaling"]));
  line("tied embeddings", j["tie_word_embeddings"].get<bool>() ? "yes" : "no");
  if (j.contains("architecture_features") && !j["architecture_features"].empty()) {
    std::string features;
    for (const auto& f : j["architecture_features"]) features += (features.empty() ? "" : "; ") + f.get<std::string>();
    line("block", features);
  }
  line("size on disk", humanBytes(j["size_on_disk_bytes"].get<double>()));
  line("memory at bf16", humanBytes(j["memory_bf16_bytes"].get<double>()));
  line("memory at nf4", humanBytes(j["memory_nf4_bytes"].get<double>()));
  std::string files;
  for (const auto& f : j["tokenizer_files"]) files += (files.empty() ? "" : ", ") + f.get<std::string>();
  line("tokenizer files", files.empty() ? "none" : files);
  return s;
}

}  // namespace peftdesk
