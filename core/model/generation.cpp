// See generation.h. Sampling draws from a CPU generator seeded with options.seed, so a seed
// reproduces a generation exactly on the same build.
#include "model/generation.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>

#include "peft/prompt_learning.h"

namespace peftdesk {

at::Tensor processSamplingLogits(at::Tensor logits, const at::Tensor& seen, const GenerationOptions& o) {
  if (o.repetitionPenalty != 1.0 && seen.numel() > 0) {
    // Penalise every token already present: divide positive scores, multiply negative ones.
    const at::Tensor scores = logits.gather(0, seen);
    const at::Tensor penalised = at::where(scores < 0, scores * o.repetitionPenalty, scores / o.repetitionPenalty);
    logits = logits.scatter(0, seen, penalised);
  }
  if (o.temperature <= 0.0) return logits;  // greedy: the argmax of the penalised scores
  logits = logits / o.temperature;
  const float negInf = -std::numeric_limits<float>::infinity();
  if (o.topK > 0 && o.topK < logits.size(0)) {
    const at::Tensor kth = std::get<0>(logits.topk(o.topK)).select(0, o.topK - 1);
    logits = logits.masked_fill(logits < kth, negInf);
  }
  if (o.topP < 1.0) {
    // Keep the smallest set of most likely tokens whose probability reaches top_p (at least one).
    auto [sorted, order] = logits.sort(/*dim=*/0, /*descending=*/false);
    const at::Tensor cumulative = sorted.softmax(0).cumsum(0);
    at::Tensor remove = cumulative <= (1.0 - o.topP);
    remove.select(0, remove.size(0) - 1).fill_(false);
    logits = logits.scatter(0, order, sorted.masked_fill(remove, negInf));
  }
  return logits;
}

int64_t chooseNextToken(at::Tensor logits, const at::Tensor& seen, const GenerationOptions& o, at::Generator& gen) {
  logits = processSamplingLogits(std::move(logits), seen, o);
  if (o.temperature <= 0.0) return logits.argmax().item<int64_t>();
  return at::multinomial(logits.softmax(0), 1, /*replacement=*/false, gen).item<int64_t>();
}

namespace {

// The cache this generation writes into: the reusable part of `reuse` (positions of the longest
// common prefix with the prompt, at least one prompt token left to process so that its logits
// exist), grown to `capacity` when needed. Sets *reused.
KvCache takeCache(Decoder& decoder, at::ScalarType dtype, const std::vector<int32_t>& prompt, int64_t capacity, const CacheUse& use,
                  int64_t* reused) {
  *reused = 0;
  GenerationCache::State* reuse = use.state;
  if (!reuse || reuse->model != use.model || reuse->adapter != use.adapter || reuse->dtype != dtype || reuse->kv.length == 0)
    return decoder.makeCache(1, capacity, dtype);
  const size_t limit = std::min({reuse->tokens.size(), prompt.size() - 1, static_cast<size_t>(reuse->kv.length)});
  size_t common = 0;
  while (common < limit && reuse->tokens[common] == prompt[common]) ++common;
  KvCache cache = std::move(reuse->kv);
  reuse->kv = KvCache();
  reuse->tokens.clear();  // an exception from here on leaves an empty cache, never a wrong one
  if (cache.capacity < capacity) {
    KvCache bigger = decoder.makeCache(1, capacity, dtype);
    for (size_t l = 0; l < cache.keys.size(); ++l) {
      bigger.keys[l].narrow(2, 0, static_cast<int64_t>(common)).copy_(cache.keys[l].narrow(2, 0, static_cast<int64_t>(common)));
      bigger.values[l].narrow(2, 0, static_cast<int64_t>(common)).copy_(cache.values[l].narrow(2, 0, static_cast<int64_t>(common)));
    }
    cache = std::move(bigger);
  }
  cache.length = static_cast<int64_t>(common);
  *reused = cache.length;
  return cache;
}

}  // namespace

GenerationResult runGeneration(Decoder& decoder, at::ScalarType dtype, const std::vector<int32_t>& prompt,
                               const GenerationOptions& o, const TokenCallback& onToken, const PromptEncoder* promptLearning,
                               const CacheUse* use) {
  GenerationResult result;
  const int64_t virtualTokens = promptLearning ? promptLearning->virtualTokens() : 0;
  const int64_t promptLen = static_cast<int64_t>(prompt.size()) + virtualTokens;
  GenerationCache::State* reuse = use ? use->state : nullptr;
  if (promptLearning && reuse) {  // virtual tokens are not tokens: nothing to match or keep
    reuse->kv = KvCache();
    reuse->tokens.clear();
    reuse = nullptr;
  }
  int64_t reused = 0;
  KvCache cache = reuse ? takeCache(decoder, dtype, prompt, promptLen + std::max(o.maxNewTokens, 0), *use, &reused)
                        : decoder.makeCache(1, promptLen + std::max(o.maxNewTokens, 0), dtype);
  result.reusedPromptTokens = reused;
  // Leaves this generation's keys and values (and the tokens they belong to) for the next one.
  auto keep = [&] {
    if (!reuse) return;
    std::vector<int32_t> fed(prompt.begin(), prompt.end());
    fed.insert(fed.end(), result.tokens.begin(), result.tokens.end());
    fed.resize(static_cast<size_t>(std::min<int64_t>(cache.length, static_cast<int64_t>(fed.size()))));
    reuse->tokens = std::move(fed);
    reuse->kv = std::move(cache);
    reuse->model = use->model;
    reuse->adapter = use->adapter;
    reuse->dtype = dtype;
  };
  if (cache.capacity < promptLen + 1) {
    result.reason = StopReason::ContextFull;
    if (cache.capacity < promptLen) return result;
  }
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(o.seed);
  std::vector<int64_t> seen(prompt.begin(), prompt.end());
  const c10::Device device = decoder.device();
  at::Tensor input = at::tensor(std::vector<int64_t>(seen.begin() + reused, seen.end()), at::kLong).unsqueeze(0).to(device);
  if (promptLearning && promptLearning->type() == PeftType::PrefixTuning) {
    // The prefix is the first P positions of the cache, already "rotated" (spec §5.3).
    const auto kv = promptLearning->pastKeyValues(1, dtype);
    for (size_t l = 0; l < kv.size(); ++l) cache.append(static_cast<int>(l), kv[l].first, kv[l].second);
    cache.length += virtualTokens;
  }
  for (int step = 0; step < o.maxNewTokens; ++step) {
    if (cache.length + input.size(1) + (step == 0 && promptLearning && promptLearning->type() == PeftType::PromptTuning ? virtualTokens : 0) >
        cache.capacity) {
      result.reason = StopReason::ContextFull;
      break;
    }
    DecoderInput in;
    in.inputIds = input;
    if (step == 0 && promptLearning && promptLearning->type() == PeftType::PromptTuning) {
      const at::Tensor tokens = decoder.embedTokens(input);
      in.inputsEmbeds = at::cat({promptLearning->table().unsqueeze(0).to(tokens.scalar_type()), tokens}, 1);
    }
    in.cache = &cache;
    in.lastPositionOnly = true;
    // Sampling runs on the host (one row of logits read back per token): the same CPU generator
    // and the same operations whatever the model's device, so a seed means the same choice.
    const at::Tensor logits = decoder.forward(in).select(0, 0).select(0, -1).to(at::kFloat).cpu();
    const int64_t next = chooseNextToken(logits, at::tensor(seen, at::kLong), o, gen);
    result.tokens.push_back(static_cast<int32_t>(next));
    seen.push_back(next);
    const bool isStop = std::find(o.stopTokenIds.begin(), o.stopTokenIds.end(), next) != o.stopTokenIds.end();
    if (onToken && !onToken(static_cast<int32_t>(next))) {
      result.reason = StopReason::Callback;
      keep();
      return result;
    }
    if (isStop) {
      result.reason = StopReason::StopToken;
      keep();
      return result;
    }
    input = at::full({1, 1}, next, at::TensorOptions(at::kLong).device(device));
  }
  if (result.reason != StopReason::ContextFull) result.reason = StopReason::MaxTokens;
  keep();
  return result;
}

}  // namespace peftdesk
