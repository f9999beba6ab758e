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
  const void* owner = nullptr;  // the decoder they were computed by
  std::string adapter;          // the adapter active then ("" = the base)
  at::ScalarType dtype = at::kFloat;
};

// `promptLearning`: the active prefix / prompt-tuning adapter, whose virtual tokens enter at prefill.
// `reuse` (optional): keys and values of an earlier generation on the same decoder and `adapter`;
// the common prefix with `prompt` is not processed again, and this generation's are left there.
GenerationResult runGeneration(Decoder& decoder, at::ScalarType dtype, const std::vector<int32_t>& prompt,
                               const GenerationOptions& options, const TokenCallback& onToken,
                               const PromptEncoder* promptLearning = nullptr, GenerationCache::State* reuse = nullptr,
                               const std::string& adapter = {});

// Next-token choice from float32 logits [V] given the tokens seen so far (exposed for tests).
int64_t chooseNextToken(at::Tensor logits, const at::Tensor& seenTokens, const GenerationOptions& options,
                        at::Generator& generator);

}  // namespace peftdesk
