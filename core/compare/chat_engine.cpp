// See chat_engine.h. No LibTorch here: the model's public generate API, the chat template's
// encodeChatPrompt and the tokenizer's stream decoder (what `peftdesk-cli generate --chat` uses).
#include "peftdesk/chat_engine.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "peftdesk/adapter_names.h"
#include "peftdesk/chat_template.h"
#include "peftdesk/error.h"
#include "peftdesk/generation_config.h"
#include "peftdesk/tokenizer.h"

namespace peftdesk {
namespace fs = std::filesystem;

struct ChatEngine::State {
  fs::path modelDir;
  std::vector<fs::path> adapters;
  std::vector<std::string> rows;  // "base", then the adapters' names
  std::unique_ptr<Tokenizer> tokenizer;
  std::unique_ptr<Model> model;
  std::vector<int32_t> defaultStops;  // generation_config.json's EOS ids
  std::map<std::string, GenerationCache> caches;  // per row: the last reply's keys and values
};

ChatEngine::ChatEngine() : state_(std::make_unique<State>()) {}
ChatEngine::~ChatEngine() = default;

std::unique_ptr<ChatEngine> ChatEngine::open(const fs::path& modelDir, const std::vector<fs::path>& adapters, const LoadOptions& load) {
  std::unique_ptr<ChatEngine> engine(new ChatEngine());
  State& s = *engine->state_;
  s.modelDir = modelDir;
  s.adapters = adapters;
  s.tokenizer = Tokenizer::load(modelDir);
  s.model = Model::load(modelDir, load);
  s.defaultStops = loadGenerationDefaults(modelDir).stopTokenIds;
  const std::vector<std::string> names = adapterRowNames(adapters);
  s.rows.push_back("base");
  for (size_t i = 0; i < adapters.size(); ++i) {
    s.model->loadAdapter(adapters[i], names[i]);  // beside the others on the one resident base
    s.rows.push_back(names[i]);
  }
  return engine;
}

const fs::path& ChatEngine::modelDir() const { return state_->modelDir; }
const std::vector<fs::path>& ChatEngine::adapters() const { return state_->adapters; }
const std::vector<std::string>& ChatEngine::rowNames() const { return state_->rows; }
int64_t ChatEngine::contextLength() const { return state_->model->info().config.maxPositionEmbeddings; }

void ChatEngine::forget() { state_->caches.clear(); }

std::string ChatEngine::resolvedTemplate(const std::string& templateName) const {
  return chatTemplateName(resolveChatTemplate(templateName, *state_->tokenizer));
}

ChatReply ChatEngine::reply(const std::string& row, const std::vector<Turn>& conversation, const ChatOptions& options, const TextCallback& onText) {
  State& s = *state_;
  const auto it = std::find(s.rows.begin(), s.rows.end(), row);
  if (it == s.rows.end()) throw Error(ErrorCategory::Argument, "no model or adapter named '" + row + "' is loaded for chat");
  if (conversation.empty() || conversation.back().role != Role::User)
    throw Error(ErrorCategory::Argument, "a chat conversation must end with a user message");
  const auto started = std::chrono::steady_clock::now();
  const ChatTemplate& tmpl = resolveChatTemplate(options.templateName, *s.tokenizer);

  // Leave out the oldest exchanges (user + assistant) until the prompt and the reply fit. The room
  // kept for the reply is at most half the context, so a "max new tokens" as large as the context
  // does not leave out the whole conversation; such a reply ends when the context is full.
  ChatReply out;
  const int64_t context = contextLength();
  const int64_t replyBudget = std::min<int64_t>(std::max(options.generation.maxNewTokens, 0), context / 2);
  std::vector<Turn> turns = conversation;
  std::vector<int32_t> stops;
  std::vector<int32_t> prompt = encodeChatPrompt(turns, options.system, tmpl, *s.tokenizer, &stops, options.thinking);
  while (context > 0 && static_cast<int64_t>(prompt.size()) + replyBudget > context && turns.size() > 2) {
    turns.erase(turns.begin(), turns.begin() + 2);
    out.droppedTurns += 2;
    prompt = encodeChatPrompt(turns, options.system, tmpl, *s.tokenizer, &stops, options.thinking);
  }
  if (context > 0 && static_cast<int64_t>(prompt.size()) >= context)
    throw Error(ErrorCategory::Argument, "the message is " + std::to_string(prompt.size()) + " tokens with the template; the model's context is " +
                                             std::to_string(context) + " tokens");
  out.promptTokens = static_cast<int64_t>(prompt.size());

  GenerationOptions go = options.generation;
  // The reply ends where the context does (also what bounds the keys and values kept).
  const bool contextBound = context > 0 && go.maxNewTokens > context - out.promptTokens;
  if (contextBound) go.maxNewTokens = static_cast<int>(context - out.promptTokens);
  for (const std::vector<int32_t>* ids : {&s.defaultStops, &stops})
    for (int32_t id : *ids)
      if (std::find(go.stopTokenIds.begin(), go.stopTokenIds.end(), id) == go.stopTokenIds.end()) go.stopTokenIds.push_back(id);

  s.model->setActiveAdapter(row == "base" ? "" : row);
  TokenStreamDecoder stream(*s.tokenizer, true);
  // The row's cache holds the conversation so far (up to its last reply): only the new message
  // and the template around it are processed.
  const GenerationResult r = s.model->generate(
      prompt, go,
      [&](int32_t id) {
        return !onText || onText(stream.push(id));  // called for every token, so a stop is seen at once
      },
      s.caches[row]);
  const std::string tail = stream.flush();
  if (onText && !tail.empty()) onText(tail);
  out.tokens = r.tokens;
  out.reason = contextBound && r.reason == StopReason::MaxTokens ? StopReason::ContextFull : r.reason;
  out.reusedPromptTokens = r.reusedPromptTokens;
  out.text = s.tokenizer->decode(r.tokens, true);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

}  // namespace peftdesk
