// The output head and its summed cross-entropy, a chunk of positions at a time: the full
// [positions x vocabulary] logits (Qwen3's 151,936 columns make them a run's largest activation)
// never exist. Forward keeps only the hidden states; backward recomputes each chunk's logits and
// turns them into the gradient of the hidden states (and of the head's weight and bias when they
// are trained). Numerically the unfused path's operations per chunk — logits in the compute
// dtype (then the family's logits transform, with its derivative in backward), cross-entropy in
// fp32, the logits' gradient cast back before the head's backward — so
// losses and gradients equal the unfused ones up to summation order (test_chunked_head_loss).
#pragma once

#include <ATen/ATen.h>

namespace peftdesk {

struct LogitsTransform;

// hidden [N, H] (compute dtype), weight [V, H], bias [V] or undefined, targets [N] int64 (every
// one a real label); the family's logits transform (Gemma 2's soft-cap, Granite's scaling) is
// applied to each chunk's logits. Returns the fp32 scalar sum over the N positions.
at::Tensor chunkedHeadLossSum(const at::Tensor& hidden, const at::Tensor& weight, const at::Tensor& bias, const at::Tensor& targets,
                              int64_t chunkRows, const LogitsTransform& transform);

}  // namespace peftdesk
