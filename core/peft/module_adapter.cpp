// See module_adapter.h.
#include "peft/module_adapter.h"

namespace peftdesk {

at::Tensor ModuleAdapter::forward(const Linear& base, const at::Tensor& x) const {
  const at::Tensor none;
  const WrappedBase wrapped{base, hasCopy ? weightCopy : none, hasBias ? bias : biasCopy, hasBias || hasCopy};
  return method ? method->forward(wrapped, x, training) : wrapped(x);
}

at::Tensor ModuleAdapter::mergedWeight(const Linear& base) const {
  // A 4-bit base is merged into its dequantized weights (a 16-bit export of a QLoRA run).
  const at::Tensor w = hasCopy ? weightCopy.detach() : base.denseWeight();
  return method ? method->mergedWeight(base, w) : w;
}

at::Tensor ModuleAdapter::mergedBias(const Linear& base) const {
  const at::Tensor b = hasBias ? bias.detach() : hasCopy ? biasCopy.detach() : base.bias;
  return method ? method->mergedBias(base, b) : b;
}

}  // namespace peftdesk
