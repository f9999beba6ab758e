// See rope.h. Every expression mirrors the order of operations of transformers'
// modeling_rope_utils (4.57) so float32 inverse frequencies are bit-identical; Python's
// `a / tensor` is `tensor.reciprocal() * a`, kept as such below.
#include "model/rope.h"

#include <cmath>

namespace peftdesk {

Rope::Rope(const ModelConfig& config, at::ScalarType dtype) : config_(config), dtype_(dtype), rotDim_(config.rotaryDim()) {
  const RopeScaling& rs = config.ropeScaling;
  at::Tensor inv = defaultInvFreq(config.ropeTheta);
  if (rs.type == "linear") {
    inv = inv / rs.factor;
  } else if (rs.type == "llama3") {
    const double oldContext = static_cast<double>(rs.originalMaxPositionEmbeddings);
    const double lowWavelen = oldContext / rs.lowFreqFactor;
    const double highWavelen = oldContext / rs.highFreqFactor;
    const at::Tensor wavelen = inv.reciprocal() * (2.0 * M_PI);
    at::Tensor invLlama = at::where(wavelen > lowWavelen, inv / rs.factor, inv);
    const at::Tensor smooth = (wavelen.reciprocal() * oldContext - rs.lowFreqFactor) / (rs.highFreqFactor - rs.lowFreqFactor);
    const at::Tensor smoothed = (1 - smooth) * invLlama / rs.factor + smooth * invLlama;
    const at::Tensor medium = at::logical_not(wavelen < highWavelen) * at::logical_not(wavelen > lowWavelen);
    inv = at::where(medium, smoothed, invLlama);
  } else if (rs.type == "yarn") {
    double factor = rs.factor;
    double original = static_cast<double>(config.maxPositionEmbeddings);
    if (rs.hasOriginalMax) {
      original = static_cast<double>(rs.originalMaxPositionEmbeddings);
      factor = static_cast<double>(config.maxPositionEmbeddings) / original;
    }
    auto mscaleOf = [](double scale, double m) { return scale <= 1 ? 1.0 : 0.1 * m * std::log(scale) + 1.0; };
    if (rs.attentionFactor > 0) {
      attentionScaling_ = rs.attentionFactor;
    } else if (rs.mscale != 0 && rs.mscaleAllDim != 0) {
      attentionScaling_ = mscaleOf(factor, rs.mscale) / mscaleOf(factor, rs.mscaleAllDim);
    } else {
      attentionScaling_ = mscaleOf(factor, 1.0);
    }
    const double dim = static_cast<double>(rotDim_);
    auto correctionDim = [&](double rotations) {
      return (dim * std::log(original / (rotations * 2 * M_PI))) / (2 * std::log(config.ropeTheta));
    };
    double low = correctionDim(rs.betaFast), high = correctionDim(rs.betaSlow);
    if (rs.truncate) {
      low = std::floor(low);
      high = std::ceil(high);
    }
    low = std::max(low, 0.0);
    high = std::min(high, dim - 1);
    if (low == high) high += 0.001;
    const at::Tensor posFreqs =
        at::pow(config.ropeTheta, at::arange(0, rotDim_, 2, at::kLong).to(at::kFloat) / static_cast<double>(rotDim_));
    const at::Tensor extrapolation = posFreqs.reciprocal() * 1.0;
    const at::Tensor interpolation = (posFreqs * factor).reciprocal() * 1.0;
    const at::Tensor ramp = at::clamp((at::arange(rotDim_ / 2, at::kFloat) - low) / (high - low), 0, 1);
    const at::Tensor extrapolationFactor = 1 - ramp;
    inv = interpolation * (1 - extrapolationFactor) + extrapolation * extrapolationFactor;
  } else if (rs.type == "longrope") {
    // Phi-3's LongRoPE: attention factor from the context extension, short factors until a
    // sequence passes the original context (cosSin switches to the long ones).
    const double original = static_cast<double>(rs.originalMaxPositionEmbeddings > 0 ? rs.originalMaxPositionEmbeddings
                                                                                     : config.maxPositionEmbeddings);
    attentionScaling_ = rs.attentionFactor > 0 ? rs.attentionFactor
                        : rs.factor <= 1.0    ? 1.0
                                              : std::sqrt(1 + std::log(rs.factor) / std::log(original));
    inv = longRopeInvFreq(rs.shortFactor);
  }
  invFreq_ = inv;
  originalInvFreq_ = inv;
}

// 1 / (factors · theta^(2i / d)) with the factors as a float32 tensor, in transformers' order.
at::Tensor Rope::longRopeInvFreq(const std::vector<double>& factors) const {
  const at::Tensor ext = at::tensor(factors, at::kDouble).to(at::kFloat);
  const at::Tensor shape = at::arange(0, rotDim_, 2, at::kLong).to(at::kFloat) / static_cast<double>(rotDim_);
  return (ext * at::pow(config_.ropeTheta, shape)).reciprocal() * 1.0;
}

at::Tensor Rope::defaultInvFreq(double theta) const {
  const at::Tensor exponents = at::arange(0, rotDim_, 2, at::kLong).to(at::kFloat) / static_cast<double>(rotDim_);
  return at::pow(theta, exponents).reciprocal() * 1.0;
}

std::pair<at::Tensor, at::Tensor> Rope::cosSin(const at::Tensor& positionIds, int64_t positionEnd) {
  const RopeScaling& rs = config_.ropeScaling;
  if (rs.type == "dynamic") {
    // NTK-aware growth once the sequence exceeds the trained context; reset when it is shorter.
    const int64_t seqLen = positionEnd >= 0 ? positionEnd : positionIds.max().item<int64_t>() + 1;
    const int64_t maxPos = config_.maxPositionEmbeddings;
    if (seqLen > dynamicSeqLen_ && seqLen > maxPos) {
      const double dim = static_cast<double>(rotDim_);
      const double base = config_.ropeTheta *
                          std::pow((rs.factor * seqLen / maxPos) - (rs.factor - 1), dim / (dim - 2));
      invFreq_ = defaultInvFreq(base);
      dynamicSeqLen_ = seqLen;
    } else if (seqLen < maxPos && dynamicSeqLen_ > maxPos) {
      invFreq_ = originalInvFreq_;
      dynamicSeqLen_ = maxPos;
    }
  }
  if (rs.type == "longrope") {
    // transformers switches by the longest position of this call: long factors past the original context.
    const int64_t seqLen = positionEnd >= 0 ? positionEnd : positionIds.max().item<int64_t>() + 1;
    const bool useLong = seqLen > rs.originalMaxPositionEmbeddings;
    if (useLong && !longInvFreq_.defined()) longInvFreq_ = longRopeInvFreq(rs.longFactor);
    at::Tensor& chosen = useLong ? longInvFreq_ : originalInvFreq_;
    if (chosen.device() != positionIds.device()) chosen = chosen.to(positionIds.device());
    invFreq_ = chosen;
  }
  if (invFreq_.device() != positionIds.device()) invFreq_ = invFreq_.to(positionIds.device());
  // [B, d/2, 1] @ [B, 1, T] in float32 (one product per element, so a broadcast multiply is exact).
  const at::Tensor freqs = positionIds.to(at::kFloat).unsqueeze(-1) * invFreq_.view({1, 1, -1});
  const at::Tensor emb = at::cat({freqs, freqs}, -1);
  at::Tensor cos = emb.cos(), sin = emb.sin();
  if (attentionScaling_ != 1.0) {
    cos = cos * attentionScaling_;
    sin = sin * attentionScaling_;
  }
  return {cos.to(dtype_), sin.to(dtype_)};
}

at::Tensor applyRotary(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin) {
  const int64_t rotary = cos.size(-1);
  if (rotary < x.size(-1)) {  // partial rotary (Phi-4-mini): the rest of each head passes through
    const at::Tensor rotated = applyRotary(x.narrow(-1, 0, rotary), cos, sin);
    return at::cat({rotated, x.narrow(-1, rotary, x.size(-1) - rotary)}, -1);
  }
  const int64_t half = x.size(-1) / 2;
  const at::Tensor rotated = at::cat({-x.narrow(-1, half, half), x.narrow(-1, 0, half)}, -1);
  const at::Tensor c = cos.unsqueeze(1), s = sin.unsqueeze(1);
  const at::Tensor out = x * c + rotated * s;
  return out.scalar_type() == x.scalar_type() ? out : out.to(x.scalar_type());  // float32 cos / sin (OLMo 2)
}

}  // namespace peftdesk
