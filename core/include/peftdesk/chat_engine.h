// Chatting with a base model and any number of adapters at once (the GUI's Chat page): the base
// is loaded once, every adapter is attached beside it and switched in place per reply, so a split
// view of base + N adapters costs one model in memory. Each caller-side conversation (one per
// pane) is rendered with the chat template (the model's own, or a named one) and continued with
// streamed text; the oldest exchanges are left out when the conversation would not fit the
// context together with the reply (the room kept for the reply is at most half the context).
// Each row keeps the keys and values of its last reply, so the next turn processes only what is
// new (the conversation is re-rendered and matched token by token: an edited history just reuses
// less); the price is up to one context of keys and values in memory per row. Torch-free interface; not thread-safe (one worker thread).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "peftdesk/dataset.h"
#include "peftdesk/model.h"

namespace peftdesk {

class Tokenizer;

struct ChatOptions {
  std::string templateName = "auto";  // a chatTemplateNames() row or "auto"
  std::string system;                 // empty: the template's default system prompt
  bool thinking = false;              // Qwen3: let the model reason first (enable_thinking); see encodeChatPrompt
  GenerationOptions generation;       // the template's end marker and the EOS ids are added as stops
};

struct ChatReply {
  std::string text;              // the reply, special tokens removed (what the history keeps)
  std::vector<int32_t> tokens;   // generated ids (the stop token included when hit)
  StopReason reason = StopReason::MaxTokens;
  int64_t promptTokens = 0;      // length of the rendered conversation the reply continued
  int64_t reusedPromptTokens = 0;  // of those, kept from this row's previous reply (not recomputed)
  int64_t droppedTurns = 0;      // oldest turns left out so that prompt + reply fit the context
  double seconds = 0;            // prompt processing and generation, wall clock
};

// Called once per generated token with the text it completes (empty while a multi-byte character
// or a byte-fallback run is unfinished); return false to stop the reply there.
using TextCallback = std::function<bool(const std::string& piece)>;

class ChatEngine {
 public:
  // Loads the model and tokenizer of modelDir and attaches every adapter (names: adapterRowNames,
  // as on the Compare page). Throws peftdesk::Error naming the folder that cannot be used.
  static std::unique_ptr<ChatEngine> open(const std::filesystem::path& modelDir, const std::vector<std::filesystem::path>& adapters,
                                          const LoadOptions& load = {});
  ~ChatEngine();
  ChatEngine(const ChatEngine&) = delete;
  ChatEngine& operator=(const ChatEngine&) = delete;

  const std::filesystem::path& modelDir() const;
  const std::vector<std::filesystem::path>& adapters() const;
  // "base" then one name per adapter, in the order given to open().
  const std::vector<std::string>& rowNames() const;
  int64_t contextLength() const;  // max_position_embeddings
  // The template "auto" (or a name) resolves to for this model's tokenizer.
  std::string resolvedTemplate(const std::string& templateName) const;

  // Continues `conversation` (ending with a user turn; earlier turns alternate user / assistant)
  // as row `row`. Throws peftdesk::Error for an unknown row, a conversation not ending with a
  // user turn, or a last message that alone does not fit the context.
  ChatReply reply(const std::string& row, const std::vector<Turn>& conversation, const ChatOptions& options,
                  const TextCallback& onText = {});
  // Frees every row's kept keys and values (the conversations were cleared).
  void forget();

 private:
  ChatEngine();
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace peftdesk
