// See optimizer.h: the shared parts of every optimizer and the factory over the optimizer table.
#include "train/optimizer.h"

#include "peftdesk/error.h"
#include "train/adamw.h"
#include "train/adamw_bnb.h"
#include "train/optim_ops.h"

namespace peftdesk {

void Optimizer::zeroGrad() {
  for (auto& p : params_) p.tensor->mutable_grad() = at::Tensor();
}

void Optimizer::restore(const std::map<std::string, at::Tensor>& state, const std::string& key, at::Tensor& into) {
  auto it = state.find(key);
  if (it == state.end()) {
    throw Error(ErrorCategory::Format, "optimizer state is missing a tensor (a checkpoint of another optimizer?)",
                {"optimizer.safetensors", -1, -1, {}, key});
  }
  if (it->second.sizes() != into.sizes()) throw Error(ErrorCategory::Format, "optimizer state tensor has the wrong shape", {"optimizer.safetensors", -1, -1, {}, key});
  if (it->second.scalar_type() != into.scalar_type()) {
    throw Error(ErrorCategory::Format, std::string("optimizer state tensor is ") + c10::toString(it->second.scalar_type()) + ", expected " +
                                           c10::toString(into.scalar_type()),
                {"optimizer.safetensors", -1, -1, {}, key});
  }
  into.copy_(it->second);
}

std::unique_ptr<Optimizer> makeOptimizer(const OptimizerKind& kind, std::vector<OptimParam> params, const AdamWSettings& settings) {
  if (kind.family == OptimizerFamily::TorchAdamW) return std::make_unique<AdamW>(std::move(params), settings);
  if (!params.empty()) {
    const at::Tensor& first = *params.front().tensor;
    if (!ops::adamBnbAvailable(first)) {
      throw Error(ErrorCategory::Unsupported,
                  std::string(kind.name) + " has no implementation for " + first.device().str() + " in this build: choose adamw_torch, or train on the CPU",
                  {{}, -1, -1, "train.optim"});
    }
  }
  return std::make_unique<BitsandbytesAdamW>(std::move(params), settings, kind.stateBits, kind.paged);
}

}  // namespace peftdesk
