// The generation loop with a KV cache and transformers' logits processing order:
// repetition penalty, then temperature, top-k, top-p; greedy when temperature is 0.
#pragma once

#include <ATen/ATen.h>

#include <string>

#include "model/decoder.h"
#include "peftdesk/model.h"

namespace peftdesk {

class PromptEncoder;

struct GenerationCache::State {
  KvCache kv;                   // kv.length positions filled
  std::vector<int32_t> tokens;  // the tokens at those positions
  uint64_t model = 0;           // Model::Impl::id of the model they were computed by
  std::string adapter;          // the adapter active then ("" = the base)
  at::ScalarType dtype = at::kFloat;
};

// Keys and values of an earlier generation to reuse where the prompt starts the same, and to
// leave this generation's in: valid only for the same model, adapter and dtype.
struct CacheUse {
  GenerationCache::State* state = nullptr;
  uint64_t model = 0;   // a process-unique id (not an address: a new model may reuse one)
  std::string adapter;  // the active adapter ("" = the base)
};

// `promptLearning`: the active prefix / prompt-tuning adapter, whose virtual tokens enter at prefill.
// `reuse` (optional): the common prefix with `prompt` is not processed again (see CacheUse).
GenerationResult runGeneration(Decoder& decoder, at::ScalarType dtype, const std::vector<int32_t>& prompt,
                               const GenerationOptions& options, const TokenCallback& onToken,
                               const PromptEncoder* promptLearning = nullptr, const CacheUse* reuse = nullptr);

// transformers' logits processing for generation, in its order: repetition penalty over the tokens
// seen, then (sampling only) temperature, top-k, top-p, removed tokens at -inf; the next token is
// the argmax (greedy) or drawn from the softmax of the result. Exposed for test_sampling.
at::Tensor processSamplingLogits(at::Tensor logits, const at::Tensor& seenTokens, const GenerationOptions& options);

// Next-token choice from float32 logits [V] given the tokens seen so far (exposed for tests).
int64_t chooseNextToken(at::Tensor logits, const at::Tensor& seenTokens, const GenerationOptions& options,
                        at::Generator& generator);

}  // namespace peftdesk
