// A Hugging Face model folder as one GGUF file for llama.cpp and Ollama, written the way llama.cpp's
// own converter (convert_hf_to_gguf.py, llama.cpp 0c1e57098) writes it for the same folder: the same
// keys in the same order, the same tokenizer metadata and the same tensor bytes, for f32, f16, bf16
// and q8_0 (test_gguf_export compares whole files; general.name is PeftDesk's own), for every
// architecture the loader has; anything the converter would write differently, or that has no
// fixture yet (rotary scaling, SentencePiece-style tokenizer.json, unknown BPE pre-tokenizers), is
// refused with the file and field. Torch-free: the weights stream from the mapped safetensors, one
// tensor at a time. docs/gguf.md.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace peftdesk {

enum class GgufType { F32, F16, BF16, Q8_0 };
bool parseGgufType(std::string_view text, GgufType* out);  // f32 | f16 | bf16 | q8_0
const char* ggufTypeName(GgufType type);

struct GgufExportOptions {
  GgufType type = GgufType::F16;
  std::string name;  // general.name; empty: the output file's stem
  const std::atomic<bool>* cancel = nullptr;  // read between tensors; a cancel leaves nothing at the output
};

struct GgufExportReport {
  std::filesystem::path file;
  std::string architecture;    // general.architecture
  std::string tokenizerModel;  // tokenizer.ggml.model: llama (SentencePiece) | gpt2 (byte-level BPE)
  std::string tokenizerPre;    // tokenizer.ggml.pre
  std::string chatTemplate;    // written as tokenizer.chat_template; empty: the folder has none
  std::string sizeLabel;       // general.size_label
  int64_t tensors = 0;
  uint64_t fileBytes = 0;
  double mergeMaxLogitDiff = -1;  // exportMergedGguf: merged against base + adapter (fp32)
};

// Writes `outFile` atomically. Throws peftdesk::Error naming the file, field or tensor.
GgufExportReport exportGguf(const std::filesystem::path& modelDir, const std::filesystem::path& outFile,
                            const GgufExportOptions& options = {});

// Everything exportGguf checks from a folder's files (architecture row, hyper-parameters, tokenizer,
// tensor names), without writing: a merge can be refused before it runs. Throws as exportGguf.
void checkGgufExportable(const std::filesystem::path& modelDir);

// The base with a PEFT adapter merged into it (fp32, on the CPU, checked against base + adapter like
// any merged export) as one GGUF file. In the LibTorch part of core (core/export/gguf_merged_export.cpp).
// The merged weights go to a hidden fp32 folder beside the output first (about 4 bytes per
// parameter of disk, removed afterwards). `onStage`: "merging", "writing", "checking", then "gguf".
GgufExportReport exportMergedGguf(const std::filesystem::path& baseDir, const std::filesystem::path& adapterDir,
                                  const std::filesystem::path& outFile, const GgufExportOptions& options = {},
                                  const std::function<void(const char* stage)>& onStage = {});

struct GgufLoraReport {
  std::filesystem::path file;
  std::string architecture;
  float alphaWritten = 0;   // adapter.lora.alpha (llama.cpp scales by user scale · alpha / rank)
  int64_t pairs = 0;        // lora_a / lora_b pairs
  int64_t tensors = 0;
  uint64_t fileBytes = 0;
  std::string note;         // a deviation from the converter, said to the user (rsLoRA's alpha)
};

// A PEFT LoRA adapter of the model in `baseDir` as a GGUF LoRA adapter for llama.cpp's --lora, as
// its convert_lora_to_gguf.py writes it (same keys, names, Q/K permutation of B, types). rsLoRA is
// written with alpha · √r so that llama.cpp's alpha / r gives PEFT's alpha / √r. Refused by name:
// DoRA, alpha_pattern, modules_to_save, biases, LoRA on a tied head, other PEFT methods, GPT-2.
GgufLoraReport exportLoraGguf(const std::filesystem::path& baseDir, const std::filesystem::path& adapterDir,
                              const std::filesystem::path& outFile, const GgufExportOptions& options = {});

// An Ollama Modelfile for an exported GGUF: FROM (and ADAPTER for a GGUF LoRA adapter), the chat
// template as a Go TEMPLATE built from PeftDesk's template slots (the one the model trained with),
// its default system prompt as SYSTEM, and PARAMETER stop for the end-of-turn marker, so that the
// model neither answers in a wrong format nor runs on past its turn. `templateName`: a row of the
// chat-template table or "auto" (resolved from the tokenizer, as training does).
struct OllamaModelfile {
  std::string text;
  std::string templateName;        // the row written
  std::vector<std::string> stops;  // PARAMETER stop values
  std::string note;                // what the TEMPLATE does not reproduce, if anything (also a comment in the file)
};
OllamaModelfile ollamaModelfile(const std::filesystem::path& modelDir, const std::string& templateName, const std::string& ggufFile,
                                const std::string& adapterGgufFile = {});

}  // namespace peftdesk
