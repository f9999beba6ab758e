// The tokenizer keys llama.cpp's converter writes after the token list (gguf-py SpecialVocab):
// BPE merges, special-token ids, the add-BOS / EOS / SEP flags, the chat template and the
// normalizer flags, read from tokenizer.json, tokenizer_config.json, chat_template.jinja / .json,
// config.json and merges.txt with the converter's own rules (which differ from transformers' in
// places: a pad id only from tokenizer.json's added tokens, EOS moved to EOT when the post-processor
// ends on another token, ...). Rules: docs/notes/gguf-implementation-plan.md §2.5. Torch-free.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "export/gguf/gguf_file.h"

namespace peftdesk::gguf {

struct SpecialVocabReport {
  std::string chatTemplate;  // as written; empty when the folder has none
  size_t merges = 0;
};

// `loadMerges`: the byte-level BPE path. `vocabSize`: ids at or above it are skipped (SentencePiece).
// Throws peftdesk::Error naming the file and field for what the converter would reject or write in a
// form PeftDesk does not reproduce (a list of chat templates, malformed merges).
SpecialVocabReport writeSpecialVocab(const std::filesystem::path& dir, bool loadMerges, std::optional<int64_t> vocabSize,
                                     Writer& out);

}  // namespace peftdesk::gguf
