// The built-in chat templates: one row per family, the slots LLaMA-Factory's templates have
// (system / user / assistant / observation / function formats, a prefix, a default system prompt,
// the end-of-turn marker) plus the strings that identify the family inside a tokenizer's own
// Jinja template (for data.template = "auto"). "{content}" is the message, "{system}" the system
// text where it is folded into the first user turn, "{bos}" / "{eos}" the tokenizer's BOS / EOS
// ids (inserted as ids, so a SentencePiece model that would not parse "</s>" still gets them).
#pragma once

#include <string>
#include <vector>

#include "data/template_rules.h"
#include "peftdesk/chat_template.h"

namespace peftdesk {

using AnswerRule = std::string (*)(const std::string& content, bool afterLastQuery, bool last);
using SystemRule = std::string (*)(const std::string& system, TemplateContext& ctx);

struct ChatTemplate {
  std::string name;
  std::string prefix;             // once, at the start of every example
  std::string system;             // system block; empty = fold into the first user turn (systemInUser)
  std::string systemInUser;       // "{system}\n\n{content}" style; used when `system` is empty
  std::string user;               // ends with the assistant header (the generation prompt)
  std::string assistant;          // ends with the end-of-turn marker
  std::string observation;        // tool result (user side), ends with the assistant header
  std::string function;           // tool call (assistant side)
  // Rules (template_rules.h) where the family's Jinja computes rather than formats:
  AnswerRule answer = nullptr;     // how an answer's text is rendered (Qwen3: think blocks; SmolLM3)
  SystemRule systemBlock = nullptr;  // the system block from the text, always written (SmolLM3); replaces `system`
  // The empty reasoning block a conversation without thinking gets: in a generation prompt only
  // (Qwen3, enable_thinking=False) or after every assistant header (SmolLM3's /no_think mode,
  // part of the prompt, so not learned).
  std::string emptyThinkInGenerationPrompt;
  std::string emptyThinkAfterHeader;
  std::string suffix;             // after the last turn (phi-3 ends a conversation with EOS)
  std::string defaultSystem;
  std::string endMarker;          // the text the model must emit to end its turn ("{eos}" = EOS id)
  std::vector<std::vector<std::string>> markers;  // auto-detection: any group whose strings all occur
};

const std::vector<ChatTemplate>& chatTemplateTable();

}  // namespace peftdesk
