// See gguf_families.h. Each writer follows one set_gguf_parameters of llama.cpp 0c1e57098's
// converter (conversion/base.py TextModel, llama.py, qwen.py, phi.py, gpt2.py): a key is written
// only where the converter finds its source, in the same order, with the same GGUF type.
#include "io/text_match.h"
#include "export/gguf/gguf_families.h"

#include <cmath>

#include "peftdesk/error.h"

namespace peftdesk::gguf {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void refuse(const ModelSource& s, const char* field, const std::string& why) {
  ErrorContext where{(s.dir / "config.json").string()};
  where.field = field;
  throw Error(ErrorCategory::Unsupported, "GGUF export: " + why, where);
}


uint32_t u32(int64_t v) { return static_cast<uint32_t>(v); }
float f32(double v) { return static_cast<float>(v); }

// Rotary scaling the exporter writes: none yet besides the default (each kind needs its own fixture).
void refuseRopeScaling(const ModelSource& s) {
  const std::string& type = s.model.ropeScaling.type;
  if (type != "default")
    refuse(s, "rope_parameters.rope_type",
           "rotary scaling '" + type + "' is not written to GGUF yet (only unscaled RoPE is checked against llama.cpp's converter)");
}

int64_t requiredInteger(const ModelSource& s, const char* key) {
  const auto* v = s.field(key);
  if (!v || !v->is_number_integer()) refuse(s, key, std::string("llama.cpp's converter needs the integer '") + key + "'");
  return v->get<int64_t>();
}

// TextModel.set_gguf_parameters (base.py:1434-1546) for a dense, causal, unscaled decoder.
void writeCommon(const ModelSource& s, const std::string& a, FileType type, Writer& out, bool headDimKnown) {
  const ModelConfig& m = s.model;
  if (const auto* causal = s.field("is_causal"); causal && causal->is_boolean() && !causal->get<bool>())
    refuse(s, "is_causal", "a non-causal model is not a decoder llama.cpp runs as a chat model");
  refuseRopeScaling(s);
  out.addU32(a + ".block_count", u32(m.numLayers));
  out.addU32(a + ".context_length", u32(m.maxPositionEmbeddings));
  out.addU32(a + ".embedding_length", u32(m.hiddenSize));
  out.addU32(a + ".feed_forward_length", u32(m.intermediateSize));
  out.addU32(a + ".attention.head_count", u32(m.numHeads));
  out.addU32(a + ".attention.head_count_kv", u32(m.numKvHeads));
  out.addF32(a + ".rope.freq_base", f32(m.ropeTheta));
  if (m.localRopeTheta > 0) out.addF32(a + ".rope.freq_base_swa", f32(m.localRopeTheta));
  out.addF32(a + ".attention.layer_norm_rms_epsilon", f32(m.normEps));
  if (m.numExperts > 0) {
    out.addU32(a + ".expert_count", u32(m.numExperts));
    out.addU32(a + ".expert_used_count", u32(m.expertsPerToken));
  }
  if (headDimKnown) {
    out.addU32(a + ".attention.key_length", u32(m.headDim));
    out.addU32(a + ".attention.value_length", u32(m.headDim));
  }
  out.addU32("general.file_type", static_cast<uint32_t>(type));
}

// LlamaModel.set_gguf_parameters (llama.py): the common block, then vocab_size and the rotary
// dimension (head_dim, or hidden / heads when the config class has none).
void writeLlamaKeys(const ModelSource& s, const std::string& a, FileType type, Writer& out, bool headDimKnown) {
  writeCommon(s, a, type, out, headDimKnown);
  out.addU32(a + ".vocab_size", u32(s.model.vocabSize));
  out.addU32(a + ".rope.dimension_count", u32(headDimKnown ? s.model.headDim : s.model.hiddenSize / s.model.numHeads));
}

// transformers' LlamaConfig / MistralConfig always have head_dim (hidden / heads when absent).
void writeLlama(const ModelSource& s, FileType type, Writer& out) { writeLlamaKeys(s, "llama", type, out, /*headDimKnown=*/true); }

// SmolLM3Model (llama.py): LlamaModel's keys; SmolLM3Config has no head_dim field. llama.cpp leaves
// RoPE out of every 4th layer by itself, so only that pattern is written.
void writeSmolLM3(const ModelSource& s, FileType type, Writer& out) {
  for (int64_t layer = 0; layer < s.model.numLayers; ++layer)
    if (s.model.ropeLayer(layer) != ((layer + 1) % 4 != 0))
      refuse(s, "no_rope_layers", "llama.cpp's SmolLM3 leaves RoPE out of every 4th layer; this model's layers differ");
  writeLlamaKeys(s, "smollm3", type, out, s.field("head_dim") != nullptr);
}

// GraniteModel (granite.py): LlamaModel's keys with head_dim removed, then the four multipliers,
// each only when non-zero (Python truthiness).
void writeGranite(const ModelSource& s, FileType type, Writer& out) {
  writeLlamaKeys(s, "granite", type, out, /*headDimKnown=*/false);
  const ModelConfig& m = s.model;
  if (m.attentionScale != 0) out.addF32("granite.attention.scale", f32(m.attentionScale));
  if (m.embeddingMultiplier != 0) out.addF32("granite.embedding_scale", f32(m.embeddingMultiplier));
  if (m.residualMultiplier != 0) out.addF32("granite.residual_scale", f32(m.residualMultiplier));
  if (m.logitsDivisor != 0) out.addF32("granite.logit_scale", f32(m.logitsDivisor));
}

// Gemma2Model.set_gguf_parameters (gemma.py): its own keys and order.
void writeGemma2(const ModelSource& s, FileType type, Writer& out) {
  const ModelConfig& m = s.model;
  refuseRopeScaling(s);
  if (m.attentionSoftcap == 0) refuse(s, "attn_logit_softcapping", "llama.cpp's converter needs Gemma 2's attention soft-capping");
  if (m.finalLogitSoftcap == 0) refuse(s, "final_logit_softcapping", "llama.cpp's converter needs Gemma 2's final soft-capping");
  if (m.slidingWindow == 0) refuse(s, "sliding_window", "llama.cpp's converter needs Gemma 2's sliding window");
  out.addU32("gemma2.context_length", u32(m.maxPositionEmbeddings));
  out.addU32("gemma2.embedding_length", u32(m.hiddenSize));
  out.addU32("gemma2.block_count", u32(m.numLayers));
  out.addU32("gemma2.feed_forward_length", u32(m.intermediateSize));
  out.addU32("gemma2.attention.head_count", u32(m.numHeads));
  out.addU32("gemma2.attention.head_count_kv", u32(m.numKvHeads));
  out.addF32("gemma2.attention.layer_norm_rms_epsilon", f32(m.normEps));
  out.addU32("gemma2.attention.key_length", u32(m.headDim));
  out.addU32("gemma2.attention.value_length", u32(m.headDim));
  out.addU32("general.file_type", static_cast<uint32_t>(type));
  out.addF32("gemma2.attn_logit_softcapping", f32(m.attentionSoftcap));
  out.addF32("gemma2.final_logit_softcapping", f32(m.finalLogitSoftcap));
  out.addU32("gemma2.attention.sliding_window", u32(m.slidingWindow));
}

// Gemma3Model.set_gguf_parameters (gemma.py): the common block (with the local RoPE base), then
// several keys set again where they stand, and the soft-capping / window keys appended.
void writeGemma3(const ModelSource& s, FileType type, Writer& out) {
  const ModelConfig& m = s.model;
  writeCommon(s, "gemma3", type, out, /*headDimKnown=*/true);
  out.setU32("gemma3.context_length", u32(m.maxPositionEmbeddings));
  out.setU32("gemma3.attention.head_count", u32(m.numHeads));
  out.setF32("gemma3.attention.layer_norm_rms_epsilon", f32(m.normEps));
  out.setU32("gemma3.attention.key_length", u32(m.headDim));
  out.setU32("gemma3.attention.value_length", u32(m.headDim));
  out.setF32("gemma3.rope.freq_base", f32(m.ropeTheta));
  if (m.attentionSoftcap != 0) refuse(s, "attn_logit_softcapping", "Gemma 3 has no attention soft-capping (llama.cpp's converter asserts it)");
  if (m.finalLogitSoftcap != 0) out.addF32("gemma3.final_logit_softcapping", f32(m.finalLogitSoftcap));
  const auto* pattern = s.field("sliding_window_pattern");
  if (!(pattern && pattern->is_number_integer() && pattern->get<int64_t>() == 1)) {
    out.addU32("gemma3.attention.sliding_window", u32(integerField(s.config, "sliding_window", 4096, s.dir / "config.json")));  // Gemma3TextConfig's default
  }
  out.setU32("gemma3.attention.head_count_kv", u32(m.numKvHeads));
}

// Qwen3MoeModel (qwen.py Qwen2MoeModel.set_gguf_parameters): the common block with the expert
// counts, then the experts' width. llama.cpp's qwen3moe renormalises the kept routing weights and
// makes every layer sparse, so models that differ are refused.
void writeQwen3Moe(const ModelSource& s, FileType type, Writer& out) {
  const ModelConfig& m = s.model;
  if (!m.normTopKProb) refuse(s, "norm_topk_prob", "llama.cpp's qwen3moe renormalises the top-k routing weights; this model does not");
  for (int64_t layer = 0; layer < m.numLayers; ++layer)
    if (!m.sparseLayer(layer)) refuse(s, "mlp_only_layers", "llama.cpp's qwen3moe has experts in every layer; this model has dense ones");
  writeCommon(s, "qwen3moe", type, out, /*headDimKnown=*/true);
  out.addU32("qwen3moe.expert_feed_forward_length", u32(m.moeIntermediateSize));
}

// Olmo2Model.set_gguf_parameters (olmo.py): the common block (Olmo2Config has no head_dim field);
// OLMo 3's sliding window is not written yet.
void writeOlmo2(const ModelSource& s, FileType type, Writer& out) {
  if (s.config.contains("sliding_window"))
    refuse(s, "sliding_window", "OLMo 3's sliding-window layers are not written to GGUF yet");
  writeCommon(s, "olmo2", type, out, s.field("head_dim") != nullptr);
}

// Qwen2Config has no head_dim field: key_length only when config.json has one.
void writeQwen2(const ModelSource& s, FileType type, Writer& out) {
  writeCommon(s, "qwen2", type, out, s.field("head_dim") != nullptr);
}
// Qwen3Config always has head_dim (128 when absent).
void writeQwen3(const ModelSource& s, FileType type, Writer& out) {
  writeCommon(s, "qwen3", type, out, /*headDimKnown=*/true);
}

// Phi3MiniModel.set_gguf_parameters (phi.py:148-173), its own keys and order.
void writePhi3(const ModelSource& s, FileType type, Writer& out) {
  const ModelConfig& m = s.model;
  refuseRopeScaling(s);
  // Phi3Config's default 4096, mirrored into rope_parameters (base.py:1364-1377).
  const fs::path configFile = s.dir / "config.json";
  int64_t originalContext = integerField(s.config, "original_max_position_embeddings", 4096, configFile);
  if (const auto* rp = s.field("rope_parameters"))
    originalContext = integerField(*rp, "original_max_position_embeddings", originalContext, configFile);
  const int64_t context = integerField(s.config, "n_positions", m.maxPositionEmbeddings, configFile);
  const int64_t ropeDims = static_cast<int64_t>(m.partialRotaryFactor * static_cast<double>(m.hiddenSize)) / m.numHeads;
  out.addU32("phi3.context_length", u32(context));
  out.addU32("phi3.rope.scaling.original_context_length", u32(originalContext));
  out.addU32("phi3.embedding_length", u32(m.hiddenSize));
  out.addU32("phi3.feed_forward_length", u32(m.intermediateSize));
  out.addU32("phi3.block_count", u32(m.numLayers));
  out.addU32("phi3.attention.head_count", u32(m.numHeads));
  out.addU32("phi3.attention.head_count_kv", u32(m.numKvHeads));
  out.addF32("phi3.attention.layer_norm_rms_epsilon", f32(m.normEps));
  out.addU32("phi3.rope.dimension_count", u32(ropeDims));
  out.addF32("phi3.rope.freq_base", f32(m.ropeTheta));
  out.addU32("general.file_type", static_cast<uint32_t>(type));
  out.addU32("phi3.attention.sliding_window", u32(integerField(s.config, "sliding_window", 0, configFile)));
}

// GPT2Model.set_gguf_parameters (gpt2.py:18-25): n_ctx is required, the MLP width is 4 · n_embd.
void writeGpt2(const ModelSource& s, FileType type, Writer& out) {
  const int64_t nCtx = requiredInteger(s, "n_ctx");
  if (integerField(s.config, "n_inner", 4 * s.model.hiddenSize, s.dir / "config.json") != 4 * s.model.hiddenSize)
    refuse(s, "n_inner", "llama.cpp's GPT-2 assumes an MLP of 4 × n_embd; this model's n_inner differs");
  out.addU32("gpt2.block_count", u32(s.model.numLayers));
  out.addU32("gpt2.context_length", u32(nCtx));
  out.addU32("gpt2.embedding_length", u32(s.model.hiddenSize));
  out.addU32("gpt2.feed_forward_length", u32(4 * s.model.hiddenSize));
  out.addU32("gpt2.attention.head_count", u32(s.model.numHeads));
  out.addF32("gpt2.attention.layer_norm_epsilon", f32(s.model.normEps));
  out.addU32("general.file_type", static_cast<uint32_t>(type));
}

[[noreturn]] void unknownTensor(const std::string& hf) {
  ErrorContext where;
  where.tensor = hf;
  throw Error(ErrorCategory::Unsupported, "GGUF export: no llama.cpp name for this tensor", where);
}

// Splits "<stem>.weight|bias" (the converter maps the stem and carries the suffix over).
bool splitSuffix(const std::string& hf, std::string& stem, std::string& suffix) {
  for (const std::string sfx : {".weight", ".bias"})
    if (hf.size() > sfx.size() && endsWith(hf, sfx)) {
      stem = hf.substr(0, hf.size() - sfx.size());
      suffix = sfx;
      return true;
    }
  return false;
}

// "<prefix>N.<rest>" → N and rest.
bool splitBlock(const std::string& stem, const std::string& prefix, std::string& block, std::string& rest) {
  if (stem.compare(0, prefix.size(), prefix) != 0) return false;
  const size_t dot = stem.find('.', prefix.size());
  if (dot == std::string::npos || dot == prefix.size()) return false;
  block = stem.substr(prefix.size(), dot - prefix.size());
  for (char c : block)
    if (c < '0' || c > '9') return false;
  rest = stem.substr(dot + 1);
  return true;
}

using NamePair = std::pair<const char*, const char*>;

std::string mapWith(const std::string& hf, const std::string& blockPrefix, std::initializer_list<NamePair> top,
                    std::initializer_list<NamePair> block) {
  std::string stem, suffix, n, rest;
  if (!splitSuffix(hf, stem, suffix)) unknownTensor(hf);
  if (splitBlock(stem, blockPrefix, n, rest)) {
    for (const auto& [from, to] : block)
      if (rest == from) return "blk." + n + "." + to + suffix;
    unknownTensor(hf);
  }
  for (const auto& [from, to] : top)
    if (stem == from) return to + suffix;
  unknownTensor(hf);
}

// tensor_mapping.py rows for the Llama-shaped families (Phi-3's fused projections included).
// `aroundSublayers`: Gemma 2 / 3 and OLMo 2 put a norm after each sublayer, so their
// post_attention_layernorm is POST_ATTN_NORM, not Llama's FFN_NORM.
std::string llamaShapedName(const std::string& hf, bool aroundSublayers) {
  for (const char* buffer : {".attention.masked_bias", ".attention.bias", ".rotary_emb.inv_freq"})  // base.py:1059
    if (endsWith(hf, buffer)) return "";
  return mapWith(hf, "model.layers.", {{"model.embed_tokens", "token_embd"}, {"lm_head", "output"}, {"model.norm", "output_norm"}},
                 {{"input_layernorm", "attn_norm"},
                  {"post_attention_layernorm", aroundSublayers ? "post_attention_norm" : "ffn_norm"},
                  {"pre_feedforward_layernorm", "ffn_norm"},
                  {"post_feedforward_layernorm", "post_ffw_norm"},
                  {"self_attn.q_proj", "attn_q"},
                  {"self_attn.k_proj", "attn_k"},
                  {"self_attn.v_proj", "attn_v"},
                  {"self_attn.o_proj", "attn_output"},
                  {"self_attn.q_norm", "attn_q_norm"},
                  {"self_attn.k_norm", "attn_k_norm"},
                  {"self_attn.qkv_proj", "attn_qkv"},
                  {"mlp.gate_proj", "ffn_gate"},
                  {"mlp.up_proj", "ffn_up"},
                  {"mlp.down_proj", "ffn_down"},
                  {"mlp.gate_up_proj", "ffn_up"},
                  {"mlp.gate", "ffn_gate_inp"}});
}
std::string llamaName(const std::string& hf) { return llamaShapedName(hf, false); }
std::string sandwichName(const std::string& hf) { return llamaShapedName(hf, true); }

// GPT-2 ("transformer." optional). Its causal-mask buffers attn.bias / attn.masked_bias are not
// weights; the converter fails on them, PeftDesk leaves them out.
std::string gpt2Name(const std::string& hfIn) {
  const std::string hf = hfIn.rfind("transformer.", 0) == 0 ? hfIn.substr(12) : hfIn;
  for (const char* buffer : {".attn.bias", ".attn.masked_bias"})
    if (endsWith(hf, buffer) && hf.rfind("h.", 0) == 0) return "";
  return mapWith(hf, "h.", {{"wte", "token_embd"}, {"wpe", "position_embd"}, {"ln_f", "output_norm"}, {"lm_head", "output"}},
                 {{"ln_1", "attn_norm"},
                  {"ln_2", "ffn_norm"},
                  {"attn.c_attn", "attn_qkv"},
                  {"attn.c_proj", "attn_output"},
                  {"mlp.c_fc", "ffn_up"},
                  {"mlp.c_proj", "ffn_down"}});
}

}  // namespace

TensorType tensorTypeOf(FileType type) {
  switch (type) {
    case FileType::F32: return TensorType::F32;
    case FileType::F16: return TensorType::F16;
    case FileType::BF16: return TensorType::BF16;
    case FileType::Q8_0: return TensorType::Q8_0;
  }
  return TensorType::F32;
}

const std::vector<Family>& families() {
  static const std::vector<Family> rows = {
      {"LlamaForCausalLM", "llama", VocabRule::Llama, true, false, &writeLlama, &llamaName},
      {"MistralForCausalLM", "llama", VocabRule::Llama, true, false, &writeLlama, &llamaName},
      {"Qwen2ForCausalLM", "qwen2", VocabRule::SentencePieceOrBpe, false, false, &writeQwen2, &llamaName},
      {"Qwen3ForCausalLM", "qwen3", VocabRule::SentencePieceOrBpe, false, false, &writeQwen3, &llamaName},
      {"Phi3ForCausalLM", "phi3", VocabRule::Phi3, false, false, &writePhi3, &llamaName},
      {"GPT2LMHeadModel", "gpt2", VocabRule::Bpe, false, true, &writeGpt2, &gpt2Name},
      {"SmolLM3ForCausalLM", "smollm3", VocabRule::Llama, true, false, &writeSmolLM3, &llamaName},
      {"GraniteForCausalLM", "granite", VocabRule::Llama, true, false, &writeGranite, &llamaName},
      {"Gemma2ForCausalLM", "gemma2", VocabRule::Gemma2, false, false, &writeGemma2, &sandwichName, {true, true, false}},
      {"Gemma3ForCausalLM", "gemma3", VocabRule::Gemma3, false, false, &writeGemma3, &sandwichName, {true, false, true}},
      {"Olmo2ForCausalLM", "olmo2", VocabRule::Bpe, false, false, &writeOlmo2, &sandwichName},
      {"Qwen3MoeForCausalLM", "qwen3moe", VocabRule::Bpe, false, false, &writeQwen3Moe, &llamaName, {false, false, false, true}},
  };
  return rows;
}

const Family& familyFor(const ModelSource& source) {
  std::string arch = source.model.architectureName;
  if (const auto* a = source.field("architectures"); a && a->is_array() && !a->empty() && a->at(0).is_string())
    arch = a->at(0).get<std::string>();
  for (const auto& f : families())
    if (arch == f.hfArchitecture) return f;
  std::string known;
  for (const auto& f : families()) known += std::string(known.empty() ? "" : ", ") + f.hfArchitecture;
  ErrorContext where{(source.dir / "config.json").string()};
  where.field = "architectures";
  throw Error(ErrorCategory::Unsupported, "GGUF export does not write " + arch + " yet (it writes " + known +
                                              ")", where);
}

}  // namespace peftdesk::gguf
