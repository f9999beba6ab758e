// `peftdesk-cli generate MODEL_DIR --prompt T ...`: streams only the generated text to stdout.
// With --ids the prompt is given as token ids and no tokenizer is needed (parity tests use it).
#include <cstdio>
#include <memory>
#include <chrono>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "peftdesk/chat_template.h"
#include "peftdesk/error.h"
#include "peftdesk/generation_config.h"
#include "peftdesk/model.h"
#include "peftdesk/tokenizer.h"

namespace peftdesk::cli {

LoadOptions loadOptionsFrom(const Args& args);  // cmd_forward.cpp

int runGenerate(const Args& args) {
  if (args.positional().size() != 1) throw Error(ErrorCategory::Argument, "expected exactly one MODEL_DIR");
  const std::string dir = args.positional()[0];
  const auto promptText = args.value("prompt");
  const auto promptIds = args.value("ids");
  if (promptText.has_value() == promptIds.has_value()) throw Error(ErrorCategory::Argument, "give exactly one of --prompt or --ids");

  GenerationOptions o = loadGenerationDefaults(dir);
  o.maxNewTokens = static_cast<int>(args.integer("max-new-tokens", 128));
  o.temperature = args.number("temperature", 0.0);
  o.topK = static_cast<int>(args.integer("top-k", 0));
  o.topP = args.number("top-p", 1.0);
  o.repetitionPenalty = args.number("repetition-penalty", 1.0);
  o.seed = static_cast<uint64_t>(args.integer("seed", 0));
  if (auto extra = args.value("stop-id")) {
    const std::vector<std::vector<int32_t>> batch = parseIdBatch(*extra, "stop-id");  // named: .front() of a temporary would dangle
    for (int32_t id : batch.front()) o.stopTokenIds.push_back(id);
  }
  if (o.maxNewTokens < 0) throw Error(ErrorCategory::Argument, "--max-new-tokens must be >= 0");
  if (o.temperature < 0) throw Error(ErrorCategory::Argument, "--temperature must be >= 0");
  if (o.topP <= 0 || o.topP > 1) throw Error(ErrorCategory::Argument, "--top-p must be in (0, 1]");
  if (o.repetitionPenalty <= 0) throw Error(ErrorCategory::Argument, "--repetition-penalty must be > 0");

  std::unique_ptr<Tokenizer> tokenizer;
  std::vector<int32_t> prompt;
  if (promptIds) {
    prompt = parseIdBatch(*promptIds, "ids").front();
  } else {
    tokenizer = Tokenizer::load(dir);
    std::vector<int32_t> stops = tokenizer->special().eos;
    if (args.flag("chat")) {
      // The prompt as one user turn in the model's chat template (or --template), ending with the
      // assistant header; the template's end-of-turn marker also stops generation.
      const ChatTemplate& tmpl = resolveChatTemplate(args.value("template").value_or("auto"), *tokenizer);
      prompt = encodeChatPrompt({{Role::User, *promptText}}, args.value("system").value_or(""), tmpl, *tokenizer, &stops, args.flag("thinking"));
    } else {
      if (args.value("system") || args.value("template") || args.flag("thinking"))
        throw Error(ErrorCategory::Argument, "--system, --template and --thinking need --chat");
      prompt = tokenizer->encode(*promptText, true);
    }
    for (int32_t id : stops)
      if (std::find(o.stopTokenIds.begin(), o.stopTokenIds.end(), id) == o.stopTokenIds.end()) o.stopTokenIds.push_back(id);
  }
  auto model = Model::load(dir, loadOptionsFrom(args));
  if (auto adapter = args.value("adapter")) {
    model->loadAdapter(*adapter, "adapter");
    model->setActiveAdapter("adapter");
  }
  const bool json = args.flag("json");
  std::unique_ptr<TokenStreamDecoder> stream;
  if (tokenizer && !json) stream = std::make_unique<TokenStreamDecoder>(*tokenizer, true);
  // Wall clock per token as the caller receives it (each id is on the host when it arrives).
  using Clock = std::chrono::steady_clock;
  const Clock::time_point start = Clock::now();
  Clock::time_point first, last;
  int64_t received = 0;
  const GenerationResult r = model->generate(prompt, o, [&](int32_t id) {
    last = Clock::now();
    if (received++ == 0) first = last;
    if (stream) {
      const std::string piece = stream->push(id);
      std::fwrite(piece.data(), 1, piece.size(), stdout);
      std::fflush(stdout);
    }
    return true;
  });
  if (json) {
    nlohmann::json j;
    j["prompt_ids"] = prompt;
    j["ids"] = r.tokens;
    j["stop_reason"] = stopReasonName(r.reason);
    if (tokenizer) j["text"] = tokenizer->decode(r.tokens, true);
    // first_token_s: prompt processing and the first token; decode_tokens_per_s: the rest.
    auto seconds = [](Clock::duration d) { return std::chrono::duration<double>(d).count(); };
    if (received > 0) j["first_token_s"] = seconds(first - start);
    if (received > 1) j["decode_tokens_per_s"] = static_cast<double>(received - 1) / seconds(last - first);
    std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  } else if (stream) {
    const std::string tail = stream->flush();
    std::fwrite(tail.data(), 1, tail.size(), stdout);
    std::printf("\n");
  } else {
    std::string line;
    for (size_t i = 0; i < r.tokens.size(); ++i) line += (i ? " " : "") + std::to_string(r.tokens[i]);
    std::printf("%s\n", line.c_str());
  }
  std::fprintf(stderr, "generated %zu tokens (%s)\n", r.tokens.size(), stopReasonName(r.reason));
  return 0;
}

}  // namespace peftdesk::cli
