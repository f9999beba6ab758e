// The generation loop with a KV cache and transformers' logits processing order:
// repetition penalty, then temperature, top-k, top-p; greedy when temperature is 0.
#pragma once

#include <ATen/ATen.h>

#include "model/decoder.h"
#include "peftdesk/model.h"

namespace peftdesk {

class PromptEncoder;

// `promptLearning`: the active prefix / prompt-tuning adapter, whose virtual tokens enter at prefill.
GenerationResult runGeneration(Decoder& decoder, at::ScalarType dtype, const std::vector<int32_t>& prompt,
                               const GenerationOptions& options, const TokenCallback& onToken,
                               const PromptEncoder* promptLearning = nullptr);

// Next-token choice from float32 logits [V] given the tokens seen so far (exposed for tests).
int64_t chooseNextToken(at::Tensor logits, const at::Tensor& seenTokens, const GenerationOptions& options,
                        at::Generator& generator);

}  // namespace peftdesk
