// See generation.h. Sampling draws from a CPU generator seeded with options.seed, so a seed
// reproduces a generation exactly on the same build.
#include "model/generation.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>

#include "peft/prompt_learning.h"

namespace peftdesk {

int64_t chooseNextToken(at::Tensor logits, const at::Tensor& seen, const GenerationOptions& o, at::Generator& gen) {
  if (o.repetitionPenalty != 1.0 && seen.numel() > 0) {
    // Penalise every token already present: divide positive scores, multiply negative ones.
    const at::Tensor scores = logits.gather(0, seen);
    const at::Tensor penalised = at::where(scores < 0, scores * o.repetitionPenalty, scores / o.repetitionPenalty);
    logits = logits.scatter(0, seen, penalised);
  }
  if (o.temperature <= 0.0) return logits.argmax().item<int64_t>();
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
  const at::Tensor probs = logits.softmax(0);
  return at::multinomial(probs, 1, /*replacement=*/false, gen).item<int64_t>();
}

GenerationResult runGeneration(Decoder& decoder, at::ScalarType dtype, const std::vector<int32_t>& prompt,
                               const GenerationOptions& o, const TokenCallback& onToken, const PromptEncoder* promptLearning) {
  GenerationResult result;
  const int64_t virtualTokens = promptLearning ? promptLearning->virtualTokens() : 0;
  const int64_t promptLen = static_cast<int64_t>(prompt.size()) + virtualTokens;
  KvCache cache = decoder.makeCache(1, promptLen + std::max(o.maxNewTokens, 0), dtype);
  if (cache.capacity < promptLen + 1) {
    result.reason = StopReason::ContextFull;
    if (cache.capacity < promptLen) return result;
  }
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(o.seed);
  std::vector<int64_t> seen(prompt.begin(), prompt.end());
  at::Tensor input = at::tensor(seen, at::kLong).unsqueeze(0);
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
    const at::Tensor logits = decoder.forward(in).select(0, 0).select(0, -1).to(at::kFloat);
    const int64_t next = chooseNextToken(logits, at::tensor(seen, at::kLong), o, gen);
    result.tokens.push_back(static_cast<int32_t>(next));
    seen.push_back(next);
    const bool isStop = std::find(o.stopTokenIds.begin(), o.stopTokenIds.end(), next) != o.stopTokenIds.end();
    if (onToken && !onToken(static_cast<int32_t>(next))) {
      result.reason = StopReason::Callback;
      return result;
    }
    if (isStop) {
      result.reason = StopReason::StopToken;
      return result;
    }
    input = at::full({1, 1}, next, at::kLong);
  }
  if (result.reason != StopReason::ContextFull) result.reason = StopReason::MaxTokens;
  return result;
}

}  // namespace peftdesk
