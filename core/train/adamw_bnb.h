// bitsandbytes' AdamW (AdamW8bit, PagedAdamW8bit, PagedAdamW32bit of bitsandbytes 0.48.2): with
// 8-bit states both moments are kept as uint8 codes of bitsandbytes' dynamic maps (signed for m,
// unsigned for v) with one fp32 absmax per 256 elements; tensors under 4096 elements, and every
// tensor with 32-bit states, keep fp32 moments and bitsandbytes' 32-bit arithmetic (decoupled decay
// after the step). The per-element rules are codec/include/peftdesk_codec/optim_codec.h; the
// update runs through the peftdesk::adam_* operators (train/optim_ops.h), so it is one code path
// for every device that has them.
//
// Paged (PagedAdamW8bit / PagedAdamW32bit) on a GPU: the two moments of tensors with 100 000
// elements or more live in pinned host memory that the kernels read and write directly (CUDA's
// unified addressing), so they take no GPU memory at all; bitsandbytes instead uses managed memory
// the driver may evict under pressure. The arithmetic is the non-paged one; on the CPU paged and
// non-paged are the same optimizer.
//
// State names in optimizer.safetensors (bitsandbytes' state_dict keys, per parameter NAME):
// "state1.NAME" / "state2.NAME" (U8, the parameter's shape), "absmax1.NAME" / "absmax2.NAME" (F32
// [ceil(n / 256)]), "qmap1" / "qmap2" once (F32 [256]); fp32-state tensors "exp_avg.NAME" /
// "exp_avg_sq.NAME".
#pragma once

#include "train/optimizer.h"

namespace peftdesk {

class BitsandbytesAdamW final : public Optimizer {
 public:
  // stateBits 8 or 32. The parameters must be contiguous.
  BitsandbytesAdamW(std::vector<OptimParam> params, AdamWSettings settings, int stateBits, bool paged = false);
  ~BitsandbytesAdamW() override;

  void step(double lrMultiplier) override;
  std::map<std::string, at::Tensor> state() const override;
  void loadState(const std::map<std::string, at::Tensor>& state, int64_t steps) override;
  // Whether parameter i keeps 8-bit moments.
  bool eightBit(size_t i) const { return slots_.at(i).eightBit; }

 private:
  struct Slot {
    bool eightBit = false;
    bool pagedOut = false;
    at::Tensor state1, state2, absmax1, absmax2;  // 8-bit
    at::Tensor expAvg, expAvgSq;                  // 32-bit
  };
  AdamWSettings s_;
  std::vector<Slot> slots_;
  // Paged moments are host memory a GPU kernel may still be writing: read or free them only after
  // the device has caught up.
  void waitForPagedMoments() const;
  at::Tensor qmap1_, qmap2_;  // on the parameters' device, shared by every tensor
};

}  // namespace peftdesk
