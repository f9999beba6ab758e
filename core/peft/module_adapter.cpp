// See module_adapter.h.
#include "peft/module_adapter.h"

namespace peftdesk {

at::Tensor ModuleAdapter::forward(const Linear& base, const at::Tensor& x) const {
  const at::Tensor& weight = hasCopy ? weightCopy : at::Tensor();
  const at::Tensor& b = hasBias ? bias : biasCopy;
  const bool overrideBias = hasBias || hasCopy;
  if (ia3.defined() && ia3FeedForward) {
    // Scale the input, then the frozen layer in the activation dtype.
    const at::Tensor scaled = (x.to(ia3.scalar_type()) * ia3.flatten()).to(x.scalar_type());
    return base.baseForward(scaled, weight, b, overrideBias);
  }
  at::Tensor result = base.baseForward(x, weight, b, overrideBias);
  if (ia3.defined()) return (result * ia3.flatten()).to(result.scalar_type());
  if (!loraA.defined()) return result;
  const at::ScalarType resultType = result.scalar_type();
  const at::Tensor xa = x.to(loraA.scalar_type());
  const bool dropping = training && dropout > 0;
  if (!magnitude.defined()) {
    const at::Tensor xd = dropping ? at::dropout(xa, dropout, true) : xa;
    const at::Tensor lora = at::linear(at::linear(xd, loraA), loraB) * scaling;
    // PEFT's bnb 4-bit LoRA layer adds the LoRA output already cast to the base result dtype.
    result = base.quantized() ? result + lora.to(resultType) : result + lora;
  } else if (dropping) {
    result = result + doraTerm(base, at::dropout(xa, dropout, true), at::Tensor());
  } else {
    result = result + doraTerm(base, xa, result);
  }
  return result.to(resultType);
}

at::Tensor ModuleAdapter::doraTerm(const Linear& base, const at::Tensor& x, at::Tensor baseResult) const {
  // ‖W + s·BA‖ per output row, detached: no gradient flows through the norm (DoRA §4.3).
  const at::Tensor eye = at::eye(loraA.size(1), x.options());
  const at::Tensor loraWeight = at::linear(at::linear(eye, loraA), loraB).t();
  const at::Tensor dense = base.denseWeight();
  const at::Tensor w = (base.fanInFanOut ? dense.t() : dense).to(x.scalar_type());
  const at::Tensor norm = at::linalg_vector_norm(w + scaling * loraWeight.detach(), 2, {1}).to(w.scalar_type()).detach();
  const at::Tensor magNormScale = (magnitude / norm).view({1, -1});
  const at::Tensor loraResult = at::linear(at::linear(x, loraA), loraB);
  if (baseResult.defined()) {
    const at::Tensor& b = hasBias ? bias : base.bias;
    if (b.defined()) baseResult = baseResult - b;
  } else {
    baseResult = at::linear(x, w);
  }
  return (magNormScale - 1) * baseResult + magNormScale * loraResult * scaling;
}

at::Tensor ModuleAdapter::deltaWeight(const Linear& base) const {
  at::Tensor d = at::matmul(loraB.to(at::kFloat), loraA.to(at::kFloat)) * scaling;
  return base.fanInFanOut ? d.t() : d;
}

}  // namespace peftdesk
