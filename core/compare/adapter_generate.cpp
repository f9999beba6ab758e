// See adapter_generate.h. No LibTorch here: the model's public generate / forward API.
#include "peftdesk/adapter_generate.h"

#include <algorithm>
#include <cmath>

#include "peftdesk/adapter_names.h"
#include "peftdesk/chat_template.h"
#include "peftdesk/error.h"
#include "peftdesk/tokenizer.h"

namespace peftdesk {
namespace fs = std::filesystem;

namespace {

// log p(tokens[i] | prompt, tokens[<i]) for every generated token, teacher-forced in one forward.
std::vector<double> continuationLogprobs(const Model& model, const std::vector<int32_t>& prompt, const std::vector<int32_t>& tokens) {
  std::vector<double> out;
  if (tokens.empty()) return out;
  std::vector<int32_t> row = prompt;
  row.insert(row.end(), tokens.begin(), tokens.end());
  const Logits l = model.forward({row});
  const int64_t vocab = l.shape[2];
  for (size_t i = 0; i < tokens.size(); ++i) {
    const float* logits = l.values.data() + static_cast<int64_t>(prompt.size() + i - 1) * vocab;
    double mx = logits[0];
    for (int64_t v = 1; v < vocab; ++v) mx = std::max(mx, static_cast<double>(logits[v]));
    double z = 0;
    for (int64_t v = 0; v < vocab; ++v) z += std::exp(static_cast<double>(logits[v]) - mx);
    out.push_back(static_cast<double>(logits[tokens[i]]) - mx - std::log(z));
  }
  return out;
}

}  // namespace

std::vector<PromptGenerations> generateWithAdapters(const fs::path& modelDir, const std::vector<fs::path>& adapters, const std::vector<std::string>& prompts,
                                                    const GenerationCompareOptions& options) {
  auto tokenizer = Tokenizer::load(modelDir);
  auto model = Model::load(modelDir, options.load);
  const std::vector<std::string> names = adapterRowNames(adapters);
  for (size_t i = 0; i < adapters.size(); ++i) model->loadAdapter(adapters[i], names[i]);  // side by side on the resident base
  const ChatTemplate* tmpl = options.chat ? &resolveChatTemplate(options.templateName, *tokenizer) : nullptr;

  std::vector<PromptGenerations> out;
  for (const std::string& prompt : prompts) {
    PromptGenerations pg;
    pg.prompt = prompt;
    GenerationOptions go = options.generation;
    std::vector<int32_t> stops = tokenizer->special().eos;
    pg.promptIds = tmpl ? encodeChatPrompt({{Role::User, prompt}}, options.system, *tmpl, *tokenizer, &stops) : tokenizer->encode(prompt, true);
    for (int32_t id : stops)
      if (std::find(go.stopTokenIds.begin(), go.stopTokenIds.end(), id) == go.stopTokenIds.end()) go.stopTokenIds.push_back(id);

    std::vector<std::pair<std::string, fs::path>> rows;
    if (options.includeBase) rows.emplace_back("base", fs::path());
    for (size_t i = 0; i < adapters.size(); ++i) rows.emplace_back(names[i], adapters[i]);
    for (const auto& [name, path] : rows) {
      model->setActiveAdapter(name == "base" && path.empty() ? "" : name);
      const GenerationResult r = model->generate(pg.promptIds, go);
      GeneratedRow row;
      row.name = name;
      row.adapter = path;
      row.tokens = r.tokens;
      row.text = tokenizer->decode(r.tokens, true);
      row.stopReason = stopReasonName(r.reason);
      for (int32_t id : r.tokens) row.pieces.push_back(tokenizer->decode({id}, false));
      if (options.logprobs) row.logprobSelf = continuationLogprobs(*model, pg.promptIds, r.tokens);
      pg.rows.push_back(std::move(row));
    }
    if (options.logprobs) {
      model->setActiveAdapter("");
      for (GeneratedRow& row : pg.rows) row.logprobBase = continuationLogprobs(*model, pg.promptIds, row.tokens);
    }
    // First position where any two rows differ (a shorter row differs where it ends).
    size_t longest = 0;
    for (const GeneratedRow& row : pg.rows) longest = std::max(longest, row.tokens.size());
    for (size_t t = 0; t < longest && pg.firstDivergence < 0 && pg.rows.size() > 1; ++t) {
      for (const GeneratedRow& row : pg.rows) {
        const bool same = t < row.tokens.size() && t < pg.rows[0].tokens.size() && row.tokens[t] == pg.rows[0].tokens[t];
        if (!same) {
          pg.firstDivergence = static_cast<int64_t>(t);
          break;
        }
      }
    }
    out.push_back(std::move(pg));
  }
  return out;
}

}  // namespace peftdesk
