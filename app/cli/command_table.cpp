// The rows of the command table (see commands.h). Commands appear here only once they work.
#include "cli/commands.h"

namespace peftdesk::cli {

const std::vector<Command>& commandTable() {
  static const std::vector<Command> kCommands = {
      {"info", "info MODEL_DIR [--json]", "Describe a Hugging Face model folder (architecture, sizes, dtype).",
       {{"json", false, "machine-readable output"}},
       &runInfo},
      {"tokenize", "tokenize MODEL_DIR|TOKENIZER_FILE (--text T | --file F) [--json]",
       "Turn text into token ids with the model's tokenizer.",
       {{"text", true, "T  text to tokenize"},
        {"file", true, "F  tokenize the whole content of file F (UTF-8)"},
        {"no-special", false, "do not add BOS/EOS"},
        {"json", false, "machine-readable output: ids and tokens"}},
       &runTokenize},
      {"forward", "forward MODEL_DIR [--adapter DIR] --ids \"1,2,3;4,5,6\" --out LOGITS.safetensors",
       "Compute logits for token id rows (right-padded and masked) into a safetensors file.",
       {{"ids", true, "\"1,2,3;4,5\"  token ids; ';' separates rows"},
        {"out", true, "FILE  output safetensors with one float32 tensor 'logits' [batch, seq, vocab]"},
        {"adapter", true, "DIR  apply a PEFT adapter folder (LoRA, DoRA, IA3, prefix, prompt tuning)"},
        {"dtype", true, "fp32|bf16|fp16  compute dtype (default fp32)"},
        {"threads", true, "N  CPU threads (default: all)"}},
       &runForward},
      {"generate", "generate MODEL_DIR [--adapter DIR] (--prompt T | --ids \"1,2,3\") [--max-new-tokens N] [--temperature T] [--top-p P] [--seed S]",
       "Continue a prompt; prints only the generated text (diagnostics on stderr).",
       {{"prompt", true, "T  prompt text"},
        {"adapter", true, "DIR  apply a PEFT adapter folder"},
        {"ids", true, "\"1,2,3\"  prompt as token ids instead of text"},
        {"max-new-tokens", true, "N  tokens to generate at most (default 128)"},
        {"temperature", true, "T  0 = greedy (default 0)"},
        {"top-k", true, "K  keep the K most likely tokens (0 = off)"},
        {"top-p", true, "P  nucleus sampling threshold (1 = off)"},
        {"repetition-penalty", true, "R  >1 discourages repeats (1 = off)"},
        {"seed", true, "S  sampling seed (default 0)"},
        {"stop-id", true, "ID[,ID...]  extra stop token ids (EOS from the model is always one)"},
        {"dtype", true, "fp32|bf16|fp16  compute dtype (default fp32)"},
        {"threads", true, "N  CPU threads (default: all)"},
        {"json", false, "print {\"ids\": [...], \"text\": ..., \"stop_reason\": ...} instead of streaming text"}},
       &runGenerate},
      {"params", "params MODEL_DIR --method METHOD.json [--json]",
       "Count trainable and total parameters of a PEFT method on a model, exactly as PEFT does.",
       {{"method", true, "FILE  a PEFT adapter_config.json (or an adapter folder)"},
        {"json", false, "machine-readable output: counts, per-module tree, unmatched targets"}},
       &runParams},
      {"export", "export MODEL_DIR --adapter DIR --out DIR [--merge] [--dtype bf16|fp16|fp32] [--max-shard-size 2GB] [--verify]",
       "Write an adapter (PEFT layout) or a merged model folder that transformers loads.",
       {{"adapter", true, "DIR  PEFT adapter folder"},
        {"out", true, "DIR  output folder (must not exist or be empty)"},
        {"merge", false, "merge LoRA / DoRA / IA3 into the weights (prefix and prompt tuning cannot be merged)"},
        {"dtype", true, "fp32|bf16|fp16  dtype of the merged weights (default: compute dtype)"},
        {"max-shard-size", true, "SIZE  shard merged weights above this size (default 2GB)"},
        {"verify", false, "check merged logits against base + adapter and refuse a merge that changes nothing"},
        {"threads", true, "N  CPU threads"}},
       &runExport},
  };
  return kCommands;
}

}  // namespace peftdesk::cli
