// The model families the GGUF exporter writes, one row each: llama.cpp's architecture name, which
// tokenizer path the converter takes, the tensor transforms (Q/K rotary permutation, GPT-2's Conv1D
// transposition), the hyper-parameter keys in the converter's order, and the HF → GGUF tensor names.
// A new family is one row plus its key writer. Rules and citations:
// docs/notes/gguf-implementation-plan.md §1.4, §3.2, §3.3. Torch-free.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "export/gguf/gguf_file.h"
#include "export/gguf/gguf_source.h"
#include "peftdesk/gguf_export.h"

namespace peftdesk::gguf {

// general.file_type (llama.cpp's LlamaFileType) for the four types the exporter writes.
enum class FileType : uint32_t { F32 = 0, F16 = 1, Q8_0 = 7, BF16 = 32 };
TensorType tensorTypeOf(FileType type);
FileType fileTypeOf(GgufType type);  // gguf_export.cpp, beside the type names

// Which tokenizer path the converter's model class takes (plan §2.1).
enum class VocabRule {
  Llama,               // add_prefix_space first; tokenizer.model → SentencePiece, else byte-level BPE
  SentencePieceOrBpe,  // Qwen: tokenizer.model → SentencePiece, else byte-level BPE
  Phi3,                // GPT2Tokenizer → byte-level BPE, else Phi-3's own SentencePiece loop
  Bpe,                 // GPT-2, OLMo 2
  Gemma2,              // SentencePiece, then add_space_prefix = false
  Gemma3,              // Gemma 2's, or byte-level BPE without tokenizer.model
};

// Per-family tensor transforms beyond the name map (gemma.py modify_tensors / filter_tensors).
struct TensorRules {
  bool normPlusOne = false;       // every "...norm.weight" + 1 (Gemma's RMSNorm stores w - 1), in the source dtype
  bool dropLmHead = false;        // lm_head.weight is not written (Gemma 2)
  bool trimEmbeddings = false;    // embed_tokens rows beyond the real vocabulary dropped (Gemma 3)
  bool stackExperts = false;      // mlp.experts.E.{down,gate,up}_proj stacked into [E, out, in] (Qwen3-MoE)
};

struct Family {
  const char* hfArchitecture;  // config.json "architectures"[0], as the converter dispatches
  const char* arch;            // general.architecture
  VocabRule vocab;
  bool permuteQk;              // undo HF's rotary half-split on q_proj / k_proj rows
  bool conv1dWeights;          // c_attn / c_proj / c_fc weights are stored [in, out]
  // Refuses what the row cannot write exactly (Error naming config.json and the field), then writes
  // the architecture keys in the converter's order, general.file_type among them.
  void (*writeHparams)(const ModelSource& source, FileType type, Writer& out);
  // The GGUF name for a checkpoint tensor; "" for buffers that are not written. Throws
  // Error (Unsupported) naming a tensor the family does not know.
  std::string (*tensorName)(const std::string& hfName);
  TensorRules tensors = {};
};

const std::vector<Family>& families();
// The row for config.json's architectures[0]; Error (Unsupported) listing the supported ones and
// naming the architectures PeftDesk loads but does not write as GGUF yet.
const Family& familyFor(const ModelSource& source);

}  // namespace peftdesk::gguf
