// Rotary position embeddings exactly as transformers computes them (spec §2.4, §2.5): inverse
// frequencies per rope type in float32, cos/sin in float32 then cast to the activation dtype,
// rotate-half pairing (dimension i with i + d/2).
#pragma once

#include <ATen/ATen.h>

#include "peftdesk/model_config.h"

namespace peftdesk {

class Rope {
 public:
  Rope(const ModelConfig& config, at::ScalarType dtype);
  // cos, sin: [B, T, d] in the activation dtype for position ids [B, T].
  // `positionEnd` = largest position + 1 when the caller knows it (-1: read it from the device;
  // only dynamic NTK scaling needs it). The inverse frequencies are computed on the host, as
  // transformers does, and copied to the positions' device on first use.
  std::pair<at::Tensor, at::Tensor> cosSin(const at::Tensor& positionIds, int64_t positionEnd = -1);
  const at::Tensor& invFreq() const { return invFreq_; }
  double attentionScaling() const { return attentionScaling_; }

 private:
  at::Tensor defaultInvFreq(double theta) const;
  at::Tensor longRopeInvFreq(const std::vector<double>& factors) const;
  ModelConfig config_;
  at::ScalarType dtype_;
  int64_t rotDim_;
  at::Tensor invFreq_;          // float32 [d/2]
  double attentionScaling_ = 1.0;
  int64_t dynamicSeqLen_ = 0;   // sequence length the dynamic inv_freq was grown for
  at::Tensor originalInvFreq_;
  at::Tensor longInvFreq_;      // longrope: built the first time a sequence passes the original context
};

// q·cos + rotate_half(q)·sin with cos/sin [B, T, r] broadcast over heads of q [B, H, T, d]; when
// r < d only the first r dimensions of each head rotate (partial rotary), the rest pass through.
// cos / sin in float32 with x in a lower dtype (OLMo 2): computed in float32, cast back to x's dtype.
at::Tensor applyRotary(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin);

}  // namespace peftdesk
