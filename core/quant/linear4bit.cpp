// See linear4bit.h. Dequantization runs the vectorised CPU kernels of dequant4bit_fast.h over
// element ranges on the intra-op threads; the autograd function keeps only a handle on the
// 4-bit weight between forward and backward.
#include "quant/linear4bit.h"

#include <ATen/Parallel.h>
#include <torch/csrc/autograd/custom_function.h>

#include <array>

#include "model/tensor_bridge.h"
#include "peftdesk/dequant4bit_fast.h"
#include "peftdesk/error.h"
#include "peftdesk/quant4bit_reference.h"

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
  if (q->state_.doubleQuant) {
    // Keep only the 8-bit statistics resident (≈ 4.13 bits/parameter); absmax is rebuilt per use.
    q->state_.absmax.clear();
    q->state_.absmax.shrink_to_fit();
  }
  return q;
}

at::Tensor Quant4bitWeight::dequantize(at::ScalarType dtype) const {
  at::Tensor out = at::empty(state_.shape, at::TensorOptions().dtype(dtype));
  dequantizeInto(out);
  return out;
}

const float* Quant4bitWeight::absmaxData(std::vector<float>& storage) const {
  if (!state_.doubleQuant) return state_.absmax.data();
  storage = quant::dequantizeAbsmax(state_);
  return storage.data();
}

void Quant4bitWeight::dequantizeInto(const at::Tensor& out) const {
  const int64_t n = state_.numel();
  if (!out.is_contiguous() || out.numel() != n)
    throw Error(ErrorCategory::Runtime, "4-bit dequantize: output must be contiguous with " + std::to_string(n) + " elements");
  std::vector<float> decoded;
  const float* absmax = absmaxData(decoded);
  const quant::ElementType et = elementTypeOf(out.scalar_type());
  const int64_t esize = out.element_size();
  char* base = static_cast<char*>(out.data_ptr());
  const quant::CpuIsa isa = quant::bestCpuIsa();
  at::parallel_for(0, n, int64_t(1) << 16, [&](int64_t b, int64_t e) {
    quant::dequantize4bitRange(packed_.data(), state_.code.data(), absmax, state_.blocksize, b, e, et, base + b * esize, isa);
  });
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

namespace {

// One dense-weight buffer per thread and dtype, grown to the largest layer seen and reused.
at::Tensor hostScratchWeight(const Quant4bitWeight& w, at::ScalarType dtype) {
  thread_local std::array<at::Tensor, 3> buffers;
  at::Tensor& buf = buffers[static_cast<size_t>(elementTypeOf(dtype))];
  const int64_t n = w.state().numel();
  if (!buf.defined() || buf.numel() < n) {
    buf = at::Tensor();  // free the smaller one first
    buf = at::empty({n}, at::TensorOptions().dtype(dtype));
  }
  at::Tensor view = buf.narrow(0, 0, n).view({w.outFeatures(), w.inFeatures()});
  w.dequantizeInto(view);
  return view;
}

// The dense weight where `like` lives. Until the 4-bit operators have device implementations
// (the QLoRA-on-GPU issue), a layer of a model on another device dequantizes on the host and
// copies the dense weight over: correct, not fast.
at::Tensor scratchWeight(const Quant4bitWeight& w, const at::Tensor& like) {
  const at::Tensor host = hostScratchWeight(w, like.scalar_type());
  return like.device().is_cpu() ? host : host.to(like.device());
}

struct WeightHandle : torch::CustomClassHolder {
  explicit WeightHandle(std::shared_ptr<const Quant4bitWeight> w) : weight(std::move(w)) {}
  std::shared_ptr<const Quant4bitWeight> weight;
};

// A generation step (a few rows, no autograd): the fused GEMV reads the 4-bit weight once instead
// of writing and re-reading a dense copy. Same weights as the dense path, fp32 accumulation (the
// order differs from oneDNN's, so the last bits of y may too).
at::Tensor fusedGemv4bit(const at::Tensor& x, const Quant4bitWeight& w, const at::Tensor& bias) {
  const int64_t k = w.inFeatures(), n = w.outFeatures();
  const at::Tensor x2 = x.reshape({-1, k}).to(at::kFloat).contiguous();
  const int64_t m = x2.size(0);
  std::vector<float> decoded;
  const float* absmax = w.absmaxData(decoded);
  at::Tensor y = at::empty({m, n}, at::TensorOptions().dtype(at::kFloat));
  const quant::ElementType wt = elementTypeOf(x.scalar_type());
  at::parallel_for(0, n, 16, [&](int64_t b, int64_t e) {
    quant::gemv4bitRows(w.packed().data(), w.state().code.data(), absmax, w.state().blocksize, n, k, wt,
                        x2.data_ptr<float>(), m, b, e, y.data_ptr<float>());
  });
  if (bias.defined()) y.add_(bias.to(at::kFloat));
  auto sizes = x.sizes().vec();
  sizes.back() = n;
  return y.to(x.scalar_type()).view(sizes);
}

bool fusedGemvApplies(const at::Tensor& x, const Quant4bitWeight& w) {
  return x.device().is_cpu() && quant::gemv4bitRowsAvailable() && w.inFeatures() % 16 == 0 && x.numel() / w.inFeatures() <= 4;
}

at::Tensor plainLinear4bit(const at::Tensor& x, const Quant4bitWeight& w, const at::Tensor& bias) {
  const at::Tensor dense = scratchWeight(w, x);
  return at::linear(x, dense, bias.defined() ? std::optional<at::Tensor>(bias) : std::nullopt);
}

class Linear4bitFunction : public torch::autograd::Function<Linear4bitFunction> {
 public:
  // `bias` is an empty tensor for "no bias" (autograd records every tensor input, so it must be defined).
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& x, const at::Tensor& bias,
                            const std::shared_ptr<const Quant4bitWeight>& weight) {
    ctx->saved_data["weight"] = c10::IValue::make_capsule(c10::make_intrusive<WeightHandle>(weight));
    const bool hasBias = bias.numel() > 0;
    ctx->saved_data["bias_needs_grad"] = hasBias && bias.requires_grad();
    return plainLinear4bit(x, *weight, hasBias ? bias : at::Tensor());
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    const at::Tensor& gy = grads.at(0);
    const auto handle = c10::static_intrusive_pointer_cast<WeightHandle>(ctx->saved_data["weight"].toCapsule());
    at::Tensor gx;
    if (ctx->needs_input_grad(0)) gx = at::matmul(gy, scratchWeight(*handle->weight, gy));
    at::Tensor gb;
    if (ctx->saved_data["bias_needs_grad"].toBool()) gb = gy.reshape({-1, gy.size(-1)}).sum(0);
    return {gx, gb, at::Tensor()};
  }
};

}  // namespace

at::Tensor linear4bit(const at::Tensor& x, const std::shared_ptr<const Quant4bitWeight>& weight, const at::Tensor& bias) {
  const bool tracked = at::GradMode::is_enabled() && (x.requires_grad() || (bias.defined() && bias.requires_grad()));
  if (!tracked) return fusedGemvApplies(x, *weight) ? fusedGemv4bit(x, *weight, bias) : plainLinear4bit(x, *weight, bias);
  return Linear4bitFunction::apply(x, bias.defined() ? bias : at::empty({0}, x.options()), weight);
}

}  // namespace peftdesk
