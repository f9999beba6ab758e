// The optimizer table (see optimizer_kinds.h). A new optimizer is a row here plus its class.
#include "peftdesk/optimizer_kinds.h"

namespace peftdesk {

const std::vector<OptimizerKind>& optimizerKinds() {
  static const std::vector<OptimizerKind> k = {
      {"adamw_torch", OptimizerFamily::TorchAdamW, 32, false, "PyTorch's AdamW: fp32 moments (8 bytes per trainable parameter)"},
      {"adamw_8bit", OptimizerFamily::BitsandbytesAdamW, 8, false,
       "bitsandbytes' AdamW8bit: both moments 8-bit blockwise (about 2 bytes per trainable parameter; tensors under 4096 elements keep fp32)"},
      {"paged_adamw_8bit", OptimizerFamily::BitsandbytesAdamW, 8, true,
       "bitsandbytes' PagedAdamW8bit: adamw_8bit whose moments of large tensors stay in host memory on a GPU (the same as adamw_8bit on the CPU)"},
      {"paged_adamw_32bit", OptimizerFamily::BitsandbytesAdamW, 32, true,
       "bitsandbytes' PagedAdamW32bit: fp32 moments with bitsandbytes' arithmetic (decay after the step), those of large tensors in host memory on a GPU"},
  };
  return k;
}

const OptimizerKind* findOptimizerKind(const std::string& name) {
  for (const auto& k : optimizerKinds())
    if (name == k.name) return &k;
  return nullptr;
}

std::vector<std::string> optimizerNames() {
  std::vector<std::string> out;
  for (const auto& k : optimizerKinds()) out.push_back(k.name);
  return out;
}

uint64_t optimizerStateBytes(const OptimizerKind& kind, int64_t numel, bool gpu) {
  const uint64_t n = static_cast<uint64_t>(numel < 0 ? 0 : numel);
  constexpr int64_t kMin8bit = 4096, kBlock = 256;
  const bool moments = !(kind.paged && gpu && numel >= kPagedMinElements);  // paged: the moments are in host memory
  if (kind.stateBits == 8 && numel >= kMin8bit) return (moments ? 2 * n : 0) + 2 * 4 * ((n + kBlock - 1) / kBlock);
  return moments ? 8 * n : 0;
}

}  // namespace peftdesk
