// See linear4bit.h. Dequantization here is the portable ATen path (table lookup × block absmax
// in fp32, then one cast), numerically identical to the CPU reference.
#include "quant/linear4bit.h"

#include "model/tensor_bridge.h"
#include "peftdesk/error.h"

namespace peftdesk {
namespace {

quant::ElementType elementTypeOf(at::ScalarType t) {
  if (t == at::kBFloat16) return quant::ElementType::BF16;
  if (t == at::kHalf) return quant::ElementType::F16;
  return quant::ElementType::F32;
}

}  // namespace

std::shared_ptr<Quant4bitWeight> Quant4bitWeight::quantize(const at::Tensor& weight, const QuantizationOptions& o) {
  const at::Tensor w = weight.contiguous();
  quant::Quantized4bit q = quant::quantize4bit(w.data_ptr(), elementTypeOf(w.scalar_type()), w.sizes().vec(), o.type,
                                               o.blocksize, o.doubleQuant);
  return fromState(std::move(q.packed), std::move(q.state));
}

std::shared_ptr<Quant4bitWeight> Quant4bitWeight::fromState(std::vector<uint8_t> packed, quant::QuantState4bit state) {
  auto q = std::make_shared<Quant4bitWeight>();
  q->packed_ = std::move(packed);
  q->state_ = std::move(state);
  q->packedTensor_ = at::from_blob(q->packed_.data(), {static_cast<int64_t>(q->packed_.size())}, at::kByte);
  if (q->state_.doubleQuant) {
    // Keep only the 8-bit statistics resident (≈ 4.13 bits/parameter); absmax is rebuilt per use.
    q->state_.absmax.clear();
    q->state_.absmax.shrink_to_fit();
    q->qabsmax_ = at::from_blob(q->state_.qabsmax.data(), {static_cast<int64_t>(q->state_.qabsmax.size())}, at::kByte);
    q->nestedAbsmax_ = at::from_blob(q->state_.nestedAbsmax.data(), {static_cast<int64_t>(q->state_.nestedAbsmax.size())}, at::kFloat);
    q->nestedCode_ = at::from_blob(q->state_.nestedCode.data(), {static_cast<int64_t>(q->state_.nestedCode.size())}, at::kFloat);
  } else {
    q->absmax_ = at::from_blob(q->state_.absmax.data(), {static_cast<int64_t>(q->state_.absmax.size())}, at::kFloat);
  }
  q->code_ = at::from_blob(q->state_.code.data(), {static_cast<int64_t>(q->state_.code.size())}, at::kFloat);
  return q;
}

at::Tensor Quant4bitWeight::dequantize(at::ScalarType dtype) const {
  const int64_t n = state_.numel();
  // Element 2k is the high nibble of byte k, element 2k+1 the low one.
  const at::Tensor codes = at::stack({at::bitwise_right_shift(packedTensor_, 4), at::bitwise_and(packedTensor_, 15)}, 1)
                               .reshape({-1})
                               .narrow(0, 0, n)
                               .to(at::kLong);
  at::Tensor absmax = absmax_;
  if (state_.doubleQuant) {
    // absmax = dyn[q] · nested_absmax[block / 256] + offset, in fp32 (spec §6.4).
    const int64_t nb = qabsmax_.numel();
    const at::Tensor nested = nestedAbsmax_.repeat_interleave(state_.nestedBlocksize).narrow(0, 0, nb);
    absmax = nestedCode_.index_select(0, qabsmax_.to(at::kLong)) * nested + state_.offset;
  }
  const at::Tensor scale = absmax.repeat_interleave(state_.blocksize).narrow(0, 0, n);
  return (code_.index_select(0, codes) * scale).view(state_.shape).to(dtype);
}

uint64_t Quant4bitWeight::residentBytes() const {
  uint64_t b = packed_.size() + state_.code.size() * 4;
  if (state_.doubleQuant) {
    b += state_.qabsmax.size() + state_.nestedAbsmax.size() * 4 + state_.nestedCode.size() * 4 + 4;
  } else {
    b += state_.absmax.size() * 4;
  }
  return b;
}

}  // namespace peftdesk
