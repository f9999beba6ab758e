// Gradient checkpointing for one decoder layer (torch.utils.checkpoint, re-entrant flavour): the
// forward runs without building a graph and keeps only the layer's input; the backward recomputes
// the layer with autograd on (the CPU generator rewound to where the forward found it, so dropout
// draws the same masks) and backpropagates through the recomputed graph. Activation memory drops
// from one graph per layer to one layer's graph at a time, for about one extra forward.
#pragma once

#include <ATen/ATen.h>

#include <functional>

namespace peftdesk {

using LayerFn = std::function<at::Tensor(const at::Tensor&)>;

// `layer` must capture by value everything it uses besides its input (it runs again in backward)
// and must not depend on graph outputs computed outside it that require grad (prefix tuning).
at::Tensor checkpointedLayer(const LayerFn& layer, const at::Tensor& input);

// Whether a decoder should checkpoint this forward: asked for, and autograd is recording.
bool checkpointingActive(bool requested);

}  // namespace peftdesk
