// What is inside trained adapters, computed from their files alone (no base model): for LoRA
// the update each module adds, ΔW = scaling · B · A — its Frobenius norm, singular values and
// effective rank, and how similar two adapters' updates are (cosine of ΔW); IA³ vectors' distance
// from 1; prefix / prompt tuning vector norms. And combining LoRA adapters into a new one exactly
// as PEFT's add_weighted_adapter does (linear and cat). The issue 7 comparison view and
// `peftdesk-cli compare` / `combine` are built on these. Torch-free interface.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace peftdesk {

struct ModuleDelta {
  std::string module;                 // "model.layers.0.self_attn.q_proj"
  int64_t layer = -1;
  int64_t rank = 0;                   // r of this module
  double scaling = 0;                 // alpha / r (alpha / √r with rsLoRA)
  double frobeniusNorm = 0;           // ‖ΔW‖_F
  std::vector<double> singularValues; // of ΔW, descending (LoRA: at most r are non-zero; LoHa: r²)
  double effectiveRank = 0;           // exp(entropy of σ / Σσ) (Roy & Vetterli), 0 when ΔW = 0
};

struct VectorStats {
  std::string name;   // module (IA³) or "layer.3.key" / "layer.3.value" (prefix) / "token.5" (prompt)
  int64_t layer = -1;
  double norm = 0;    // IA³: ‖l − 1‖₂; prefix / prompt: ‖v‖₂
  double maxAbs = 0;  // IA³: max |l − 1|; prefix / prompt: max |v|
};

struct AdapterWeightStats {
  std::filesystem::path dir;
  std::string peftType;              // "LORA", "IA3", "PREFIX_TUNING", "PROMPT_TUNING", "LOHA", "LOKR"
  bool dora = false;                 // DoRA: ΔW shown is the low-rank part only (the magnitude rescales rows)
  std::vector<ModuleDelta> deltas;   // LoRA, LoHa, LoKr
  std::vector<VectorStats> vectors;  // IA³ / prefix / prompt
};

// Throws peftdesk::Error naming the folder / file when it is not a PEFT adapter we can read.
AdapterWeightStats analyzeAdapterWeights(const std::filesystem::path& adapterDir);

struct DeltaSimilarity {
  std::string module;
  double cosine = 0;  // <ΔW_a, ΔW_b>_F / (‖ΔW_a‖ ‖ΔW_b‖); 0 when either is zero
};
// For the LoRA modules both adapters adapt (in the first one's order).
std::vector<DeltaSimilarity> deltaCosines(const std::filesystem::path& adapterA, const std::filesystem::path& adapterB);

enum class CombineMethod { Linear, Cat };
bool parseCombineMethod(const std::string& text, CombineMethod* out);  // "linear", "cat"

// PEFT's add_weighted_adapter: linear (all ranks equal; A = Σ √(w·s)·A_i, B = Σ √(w·s)·B_i) or
// cat (A = [w·s·A_i], B = [B_i], rank = Σ r_i, exactly Σ w·ΔW_i); the new config is the first
// adapter's with r = lora_alpha = the new rank, target_modules the union, no rank/alpha patterns.
// Writes a PEFT adapter folder (must not exist or be empty; written to a temporary folder first).
// Throws peftdesk::Error for non-LoRA / DoRA adapters, mismatched ranks (linear), adapters with
// modules_to_save, or weights that do not match the adapters.
void combineLoraAdapters(const std::vector<std::filesystem::path>& adapters, const std::vector<double>& weights,
                         CombineMethod method, const std::filesystem::path& outDir);

}  // namespace peftdesk
