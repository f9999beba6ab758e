// What the architecture rows share: the config readers every Llama-shaped family calls (sizes,
// activation, RoPE in both transformers layouts, per-layer lists) and one declaration per family
// file. A family = one file here with its parser and row, plus one line in ../architectures.cpp.
#pragma once

#include <nlohmann/json.hpp>

#include "model/config_fields.h"
#include "peftdesk/model_config.h"

namespace peftdesk::families {

// rope_parameters (transformers v5) or rope_theta + rope_scaling (legacy, key `type` or `rope_type`).
void parseRope(const nlohmann::json& j, ModelConfig& c, ConfigReader& r, double defaultTheta);
// Sizes, heads, head_dim, positions, rms_norm_eps, tie, mlp_bias, RoPE of a Llama-shaped config;
// `activations` lists the hidden activations the family's MLP may use (key hidden_act or
// hidden_activation, whichever the family's config class reads: `activationKey`).
void parseLlamaLike(const nlohmann::json& j, ModelConfig& c, double defaultTheta, double defaultEps,
                    const char* activationKey = "hidden_act", const char* defaultActivation = "silu");
// transformers' layer_types as one flag per layer (1 = "sliding_attention"); empty when absent.
std::vector<uint8_t> slidingLayerTypes(const nlohmann::json& j, const ModelConfig& c, ConfigReader& r);
extern const char* const kLayerTypeNames[2];  // "full_attention", "sliding_attention"
// A per-layer list of 0 / 1 (SmolLM3's no_rope_layers), one entry per layer.
std::vector<uint8_t> layerFlags(const nlohmann::json& list, const ModelConfig& c, ConfigReader& r, const char* field);
// An integer, 0 when written as null (a window switched off), `fallback` when absent.
int64_t nullableInteger(ConfigReader& r, const char* key, int64_t fallback);
// A positive number or null / absent (0 = off): soft-capping values.
double optionalPositive(ConfigReader& r, const char* key, double fallback);

// The Gemma block (gemma2.cpp), shared by Gemma 2 and Gemma 3: parseLlamaLike with
// hidden_activation, head_dim 256, tied, sandwich norms, (1 + w) RMSNorm, √hidden embedding factor,
// query_pre_attn_scalar; and their sliding-window layers (layer_types, or every
// `defaultPattern`-th layer full as sliding_window_pattern says).
void parseGemmaBlock(const nlohmann::json& j, ModelConfig& c, double defaultTheta, int64_t defaultMaxPositions);
void parseGemmaWindow(const nlohmann::json& j, ModelConfig& c, ConfigReader& r, int64_t defaultPattern);

ArchitectureSpec llamaArchitecture();
ArchitectureSpec mistralArchitecture();
ArchitectureSpec qwen2Architecture();
ArchitectureSpec qwen3Architecture();
ArchitectureSpec qwen3MoeArchitecture();
ArchitectureSpec smollm3Architecture();
ArchitectureSpec gemma2Architecture();
ArchitectureSpec gemma3TextArchitecture();
ArchitectureSpec olmo2Architecture();
ArchitectureSpec graniteArchitecture();
ArchitectureSpec phi3Architecture();
ArchitectureSpec gpt2Architecture();

}  // namespace peftdesk::families
