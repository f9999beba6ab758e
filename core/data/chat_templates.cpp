// The template rows (see chat_templates.h). Formats follow the families' own Jinja templates so
// a conversation encodes to the ids transformers' apply_chat_template gives (tested for Qwen2.5,
// Qwen3 and Phi-3 against the real tokenizers, Phi-4, Phi-4-mini, Granite 3.1 and SmolLM3 with their real templates); where a family has no Jinja template of its own
// (alpaca, vicuna, default) LLaMA-Factory's format is used.
#include "data/chat_templates.h"

#include "peftdesk/error.h"
#include "peftdesk/tokenizer.h"

namespace peftdesk {

const std::vector<ChatTemplate>& chatTemplateTable() {
  static const std::vector<ChatTemplate> kTable = [] {
    std::vector<ChatTemplate> t;
    ChatTemplate chatml;
    chatml.name = "chatml";
    chatml.system = "<|im_start|>system\n{content}<|im_end|>\n";
    chatml.user = "<|im_start|>user\n{content}<|im_end|>\n<|im_start|>assistant\n";
    chatml.assistant = "{content}<|im_end|>\n";
    chatml.observation = "<|im_start|>user\n<tool_response>\n{content}\n</tool_response><|im_end|>\n<|im_start|>assistant\n";
    chatml.function = "{content}<|im_end|>\n";
    chatml.endMarker = "<|im_end|>";
    chatml.markers = {{"<|im_start|>"}};

    ChatTemplate qwen3 = chatml;
    qwen3.name = "qwen3";
    qwen3.answer = qwen3Answer;
    qwen3.emptyThinkInGenerationPrompt = "<think>\n\n</think>\n\n";
    qwen3.markers = {{"<|im_start|>", "<think>"}};

    // SmolLM3: ChatML turns after a system block that is always written (metadata with the date and
    // the reasoning mode, then the custom instructions or a persona; left unclosed without tools, as
    // its Jinja does); in /no_think mode every answer follows an empty think block. The date is the
    // run's (data.template_date, fixed when a run starts so that a resume continues it).
    ChatTemplate smollm3 = chatml;
    smollm3.name = "smollm3";
    smollm3.system.clear();
    smollm3.systemBlock = smolLM3SystemBlock;
    smollm3.answer = smolLM3Answer;
    smollm3.observation = "<|im_start|>user\n{content}<|im_end|>\n<|im_start|>assistant\n";
    smollm3.emptyThinkAfterHeader = "<think>\n\n</think>\n";
    smollm3.markers = {{"<|im_start|>", "/system_override"}, {"<|im_start|>", "Reasoning Mode: "}};

    ChatTemplate qwen = chatml;
    qwen.name = "qwen";
    qwen.defaultSystem = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";
    qwen.markers = {{"<|im_start|>", "You are Qwen"}};

    ChatTemplate llama3;
    llama3.name = "llama3";
    llama3.prefix = "<|begin_of_text|>";
    llama3.system = "<|start_header_id|>system<|end_header_id|>\n\n{content}<|eot_id|>";
    llama3.user = "<|start_header_id|>user<|end_header_id|>\n\n{content}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n";
    llama3.assistant = "{content}<|eot_id|>";
    llama3.observation = "<|start_header_id|>ipython<|end_header_id|>\n\n{content}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n";
    llama3.function = "{content}<|eot_id|>";
    llama3.endMarker = "<|eot_id|>";
    llama3.markers = {{"<|start_header_id|>"}};

    ChatTemplate llama2;
    llama2.name = "llama2";
    llama2.systemInUser = "<<SYS>>\n{system}\n<</SYS>>\n\n{content}";
    llama2.user = "{bos}[INST] {content} [/INST]";
    llama2.assistant = " {content} {eos}";
    llama2.observation = llama2.user;
    llama2.function = llama2.assistant;
    llama2.endMarker = "{eos}";
    llama2.markers = {{"[INST]", "<<SYS>>"}};

    ChatTemplate mistral;
    mistral.name = "mistral";
    mistral.prefix = "{bos}";
    mistral.systemInUser = "{system}\n\n{content}";
    mistral.user = "[INST] {content}[/INST]";
    mistral.assistant = "{content}{eos}";
    mistral.observation = mistral.user;
    mistral.function = mistral.assistant;
    mistral.endMarker = "{eos}";
    mistral.markers = {{"[INST]"}};

    ChatTemplate gemma;
    gemma.name = "gemma";
    gemma.prefix = "{bos}";
    gemma.systemInUser = "{system}\n\n{content}";
    gemma.user = "<start_of_turn>user\n{content}<end_of_turn>\n<start_of_turn>model\n";
    gemma.assistant = "{content}<end_of_turn>\n";
    gemma.observation = "<start_of_turn>tool\n{content}<end_of_turn>\n<start_of_turn>model\n";
    gemma.function = gemma.assistant;
    gemma.endMarker = "<end_of_turn>";
    gemma.markers = {{"<start_of_turn>"}};

    ChatTemplate phi;
    phi.name = "phi";
    phi.system = "<|system|>\n{content}<|end|>\n";
    phi.user = "<|user|>\n{content}<|end|>\n<|assistant|>\n";
    phi.assistant = "{content}<|end|>\n";
    phi.observation = phi.user;
    phi.function = phi.assistant;
    phi.suffix = "{eos}";
    phi.endMarker = "<|end|>";
    phi.markers = {{"<|user|>", "<|end|>"}};

    // Phi-4-mini: Phi-3's roles without newlines ('<|' + role + '|>' + content + '<|end|>'), EOS after
    // a finished conversation. Its Jinja builds the role tags, so the literal "<|user|>" is not in it.
    ChatTemplate phi4mini;
    phi4mini.name = "phi4_mini";
    phi4mini.system = "<|system|>{content}<|end|>";
    phi4mini.user = "<|user|>{content}<|end|><|assistant|>";
    phi4mini.assistant = "{content}<|end|>";
    phi4mini.observation = phi4mini.user;
    phi4mini.function = phi4mini.assistant;
    phi4mini.suffix = "{eos}";
    phi4mini.endMarker = "<|end|>";
    phi4mini.markers = {{"<|/tool|>", "<|end|>"}, {"'<|' + message['role'] + '|>'", "<|end|>"}};

    // Phi-4 (14B): ChatML's markers with <|im_sep|> after the role and no newlines.
    ChatTemplate phi4;
    phi4.name = "phi4";
    phi4.system = "<|im_start|>system<|im_sep|>{content}<|im_end|>";
    phi4.user = "<|im_start|>user<|im_sep|>{content}<|im_end|><|im_start|>assistant<|im_sep|>";
    phi4.assistant = "{content}<|im_end|>";
    phi4.observation = phi4.user;
    phi4.function = phi4.assistant;
    phi4.endMarker = "<|im_end|>";
    phi4.markers = {{"<|im_start|>", "<|im_sep|>"}};

    // Granite 3.x: role tags, every message closed by <|end_of_text|> (Granite's EOS) and a newline.
    // Its Jinja writes a dated default system prompt ("Knowledge Cutoff Date: April 2024.\nToday's
    // Date: …") when a conversation has none; that block is left out here, as LLaMA-Factory's granite3
    // template does, so the same data gives the same tokens on every day (a resumed run included).
    ChatTemplate granite3;
    granite3.name = "granite3";
    granite3.system = "<|start_of_role|>system<|end_of_role|>{content}<|end_of_text|>\n";
    granite3.user = "<|start_of_role|>user<|end_of_role|>{content}<|end_of_text|>\n<|start_of_role|>assistant<|end_of_role|>";
    granite3.assistant = "{content}<|end_of_text|>\n";
    granite3.observation = "<|start_of_role|>tool<|end_of_role|>{content}<|end_of_text|>\n<|start_of_role|>assistant<|end_of_role|>";
    granite3.function = granite3.assistant;
    granite3.endMarker = "<|end_of_text|>";
    granite3.markers = {{"<|start_of_role|>", "<|end_of_role|>"}};

    ChatTemplate zephyr;
    zephyr.name = "zephyr";
    zephyr.system = "<|system|>\n{content}{eos}\n";
    zephyr.user = "<|user|>\n{content}{eos}\n<|assistant|>\n";
    zephyr.assistant = "{content}{eos}\n";
    zephyr.observation = zephyr.user;
    zephyr.function = zephyr.assistant;
    zephyr.endMarker = "{eos}";
    zephyr.markers = {{"<|user|>", "<|assistant|>"}};

    ChatTemplate alpaca;
    alpaca.name = "alpaca";
    alpaca.system = "{content}\n\n";
    alpaca.user = "### Instruction:\n{content}\n\n### Response:\n";
    alpaca.assistant = "{content}{eos}\n\n";
    alpaca.observation = alpaca.user;
    alpaca.function = alpaca.assistant;
    alpaca.defaultSystem = "Below is an instruction that describes a task. Write a response that appropriately completes the request.";
    alpaca.endMarker = "{eos}";
    alpaca.markers = {{"### Instruction:"}};

    ChatTemplate vicuna;
    vicuna.name = "vicuna";
    vicuna.system = "{content} ";
    vicuna.user = "USER: {content} ASSISTANT:";
    vicuna.assistant = "{content}{eos}";
    vicuna.observation = vicuna.user;
    vicuna.function = vicuna.assistant;
    vicuna.defaultSystem =
        "A chat between a curious user and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite "
        "answers to the user's questions.";
    vicuna.endMarker = "{eos}";
    vicuna.markers = {{"USER:", "ASSISTANT:"}};

    ChatTemplate deflt;
    deflt.name = "default";
    deflt.system = "System: {content}\n";
    deflt.user = "Human: {content}\nAssistant:";
    deflt.assistant = "{content}{eos}\n";
    deflt.observation = deflt.user;
    deflt.function = deflt.assistant;
    deflt.endMarker = "{eos}";

    ChatTemplate empty;
    empty.name = "empty";
    empty.system = "{content}";
    empty.user = "{content}";
    empty.assistant = "{content}";
    empty.observation = "{content}";
    empty.function = "{content}";

    // Auto-detection tries rows in this order: the more specific markers first.
    t = {phi4, smollm3, qwen3, qwen, chatml, llama3, gemma, granite3, phi4mini, phi, zephyr, llama2, mistral, alpaca, vicuna, deflt, empty};
    return t;
  }();
  return kTable;
}

std::vector<std::string> chatTemplateNames() {
  std::vector<std::string> out;
  for (const auto& t : chatTemplateTable()) out.push_back(t.name);
  return out;
}

const std::string& chatTemplateName(const ChatTemplate& tmpl) { return tmpl.name; }

const ChatTemplate& resolveChatTemplate(const std::string& name, const Tokenizer& tokenizer) {
  const auto& table = chatTemplateTable();
  if (name == "auto") {
    const std::string& jinja = tokenizer.chatTemplate();
    if (!jinja.empty()) {
      for (const auto& t : table) {
        for (const auto& group : t.markers) {
          bool all = !group.empty();
          for (const auto& m : group) all = all && jinja.find(m) != std::string::npos;
          if (all) return t;
        }
      }
    }
    for (const auto& t : table)
      if (t.name == "default") return t;
  }
  for (const auto& t : table)
    if (t.name == name) return t;
  std::string list;
  for (const auto& t : table) list += (list.empty() ? "" : ", ") + t.name;
  throw Error(ErrorCategory::Config, "unknown chat template '" + name + "' (auto, " + list + ")", {{}, -1, -1, "data.template"});
}

}  // namespace peftdesk
