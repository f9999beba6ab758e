// Chat templates and example encoding: how an Example (dataset.h) becomes token ids and labels.
// A template is a row in a built-in table (llama2, llama3, mistral, chatml, qwen, qwen3, smollm3, gemma,
// phi, alpaca, vicuna, zephyr, default, empty, ...); "auto" picks the row whose markers the
// model's own tokenizer_config.json chat_template uses. Labels are -100 where the loss is masked
// (prompts unless train_on_prompt, every turn but the last with mask_history). No LibTorch, no Qt.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "peftdesk/dataset.h"

namespace peftdesk {

class Tokenizer;

constexpr int32_t kIgnoreLabel = -100;

struct ChatTemplate;  // a row of the table (defined in core/data/chat_templates.h)

// Names of the built-in templates, in table order.
std::vector<std::string> chatTemplateNames();
// "auto" → the row matching tokenizer.chatTemplate() (or "default" when it has none / none
// matches); any other name must be a row. Throws peftdesk::Error (Config, field data.template)
// listing the valid names.
const ChatTemplate& resolveChatTemplate(const std::string& name, const Tokenizer& tokenizer);
const std::string& chatTemplateName(const ChatTemplate& tmpl);

struct EncodeOptions {
  int64_t cutoffLen = 1024;      // tokens per example at most (truncated as LLaMA-Factory does)
  bool trainOnPrompt = false;    // also learn the prompt tokens
  bool maskHistory = false;      // learn only the last assistant turn
  bool enableThinking = true;    // enable_thinking of templates with a reasoning mode (SmolLM3); a system prompt's /think or /no_think wins
  std::string templateDate;      // "YYYY-MM-DD" a dated template writes (SmolLM3); empty = today
};

struct EncodedExample {
  std::vector<int32_t> inputIds;
  std::vector<int32_t> labels;   // same length; kIgnoreLabel where masked
  bool truncated = false;
  std::string source;            // Example::source
};

// Chat formats go through the template; Text goes to encodeText; pre-tokenized examples to
// encodeTokenized.
EncodedExample encodeExample(const Example& example, const ChatTemplate& tmpl, const Tokenizer& tokenizer,
                             const EncodeOptions& options);
// Pre-tokenized ids as stored (labels default to the ids), cut at cutoffLen. Needs no tokenizer.
EncodedExample encodeTokenized(const Example& example, const EncodeOptions& options);
// Pre-training text: the document's ids (with BOS when the tokenizer adds it, EOS appended),
// all positions learned.
EncodedExample encodeText(const Example& example, const Tokenizer& tokenizer, const EncodeOptions& options);

// Problems that would make training silently wrong (assistant turns not ending in a token the
// model generates as EOS; pad == eos where the collator would mask the EOS; template markers that
// are not single tokens of this tokenizer). Empty when consistent.
std::vector<std::string> checkTemplateConsistency(const ChatTemplate& tmpl, const Tokenizer& tokenizer);

// A conversation so far (ending with a user turn) as the ids generation continues from: the
// template's rendering up to and including the assistant header. `stopIds` (optional) receives
// the ids that end an assistant turn (the template's end marker and the tokenizer's EOS ids).
// `thinking`: a reasoning model (Qwen3, SmolLM3) may think first — its template's empty think block
// is left out, as apply_chat_template(enable_thinking=True); by default it answers directly (False).
// `templateDate`: the day a dated template writes (SmolLM3), "YYYY-MM-DD"; empty = today.
std::vector<int32_t> encodeChatPrompt(const std::vector<Turn>& turns, const std::string& system, const ChatTemplate& tmpl,
                                      const Tokenizer& tokenizer, std::vector<int32_t>* stopIds = nullptr, bool thinking = false,
                                      const std::string& templateDate = "");

// Greedy packing: concatenates examples (in order) into rows of at most cutoffLen tokens,
// never splitting an example unless it alone is longer than cutoffLen.
std::vector<EncodedExample> packExamples(const std::vector<EncodedExample>& examples, int64_t cutoffLen);

}  // namespace peftdesk
