// The token list of a GGUF model file, as llama.cpp's converter builds it for each tokenizer path:
// SentencePiece (tokenizer.model's pieces, scores and types, then added_tokens.json and
// tokenizer_config.json's added tokens, Phi-3's own loop) or byte-level BPE (the vocabulary with
// added tokens typed CONTROL / USER_DEFINED and gaps as [PADn], and tokenizer.ggml.pre named by the
// hash of the ids of a fixed probe text). Then the special vocabulary (gguf_special_vocab.h).
// Rules: docs/notes/gguf-implementation-plan.md §2. Torch-free.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "export/gguf/gguf_families.h"
#include "export/gguf/gguf_special_vocab.h"

namespace peftdesk {
class Tokenizer;
}

namespace peftdesk::gguf {

struct VocabReport {
  std::string model;  // tokenizer.ggml.model: "llama" (SentencePiece) or "gpt2" (byte-level BPE)
  std::string pre;    // tokenizer.ggml.pre
  int64_t tokens = 0;
  SpecialVocabReport special;
};

VocabReport writeVocabulary(const Family& family, const ModelSource& source, Writer& out);

// The converter's probe text (convert_hf_to_gguf.py get_vocab_base_pre's chktxt), its UTF-8 bytes.
const std::string& preTokenizerProbeText();
// sha256 (hex) of str(tokenizer.encode(probe)) — "[1, 2, 3]" — as the converter computes it.
std::string preTokenizerHash(const Tokenizer& tokenizer);
// The pre-tokenizer name llama.cpp knows for a hash; empty when PeftDesk does not carry it.
std::string preTokenizerName(const std::string& hash);

}  // namespace peftdesk::gguf
