// See linear4bit.h. Dequantization and the GEMV are the peftdesk:: operators (quant4bit_ops.h:
// the vectorised CPU kernels over the intra-op threads, or the CUDA library's kernels); the
// autograd function keeps only a handle on the 4-bit weight between forward and backward.
#include "quant/linear4bit.h"

#include <ATen/Parallel.h>
#include <torch/csrc/autograd/custom_function.h>

#include <cstring>
#include <map>

#include "peftdesk/error.h"
#include "peftdesk/quant4bit_reference.h"
#include "quant/quant4bit_ops.h"

namespace peftdesk {

std::shared_ptr<Quant4bitWeight> Quant4bitWeight::quantize(const at::Tensor& weight, const QuantizationOptions& o, c10::Device device) {
  auto q = std::make_shared<Quant4bitWeight>();
  q->state_ = quant::stateFor4bit(weight.sizes().vec(), ops::elementTypeOf(weight.scalar_type()), o.type, o.blocksize);
  // On the weight's target device: a GPU quantizes with its kernel (the dense copy there is one
  // layer's, freed on return), the CPU with the codec over its threads; the bytes are the same.
  auto [packed, absmax] = ops::quantize4bit(weight.to(device), o.type, o.blocksize);
  q->packed_ = std::move(packed);
  if (o.doubleQuant && absmax.numel() > 0) {
    ops::DoubleQuantized dq = ops::quantizeAbsmax(absmax);
    q->qabsmax_ = std::move(dq.qabsmax);
    q->nestedAbsmax_ = std::move(dq.nestedAbsmax);
    q->state_.doubleQuant = true;
    q->state_.nestedBlocksize = 256;
    q->state_.nestedCode = quant::dynamicMapCpuBackend();
    q->state_.offset = dq.offset;
  } else {
    q->absmax_ = std::move(absmax);
  }
  return q;
}

namespace {
template <typename T>
at::Tensor onDevice(const std::vector<T>& v, at::ScalarType type, c10::Device device) {
  at::Tensor host = at::empty({static_cast<int64_t>(v.size())}, at::TensorOptions(type));
  if (!v.empty()) std::memcpy(host.data_ptr(), v.data(), v.size() * sizeof(T));
  return host.to(device);
}
template <typename T>
std::vector<T> toHost(const at::Tensor& t) {
  const at::Tensor c = t.cpu().contiguous();
  return std::vector<T>(c.data_ptr<T>(), c.data_ptr<T>() + c.numel());
}
}  // namespace

std::shared_ptr<Quant4bitWeight> Quant4bitWeight::fromState(std::vector<uint8_t> packed, quant::QuantState4bit state, c10::Device device) {
  auto q = std::make_shared<Quant4bitWeight>();
  q->packed_ = onDevice(packed, at::kByte, device);
  if (state.doubleQuant) {
    // Keep only the 8-bit statistics resident (≈ 4.13 bits/parameter); absmax is decoded per use.
    q->qabsmax_ = onDevice(state.qabsmax, at::kByte, device);
    q->nestedAbsmax_ = onDevice(state.nestedAbsmax, at::kFloat, device);
  } else {
    q->absmax_ = onDevice(state.absmax, at::kFloat, device);
  }
  state.absmax.clear();
  state.absmax.shrink_to_fit();
  state.qabsmax.clear();
  state.qabsmax.shrink_to_fit();
  state.nestedAbsmax.clear();
  state.nestedAbsmax.shrink_to_fit();
  q->state_ = std::move(state);
  return q;
}

at::Tensor Quant4bitWeight::dequantize(at::ScalarType dtype) const {
  at::Tensor out = at::empty(state_.shape, at::TensorOptions().dtype(dtype).device(device()));
  dequantizeInto(out);
  return out;
}

at::Tensor Quant4bitWeight::absmax() const {
  if (!state_.doubleQuant) return absmax_;
  return ops::decodeAbsmax(qabsmax_, nestedAbsmax_, state_.nestedCode, state_.offset, state_.nestedBlocksize);
}

void Quant4bitWeight::dequantizeInto(const at::Tensor& out) const {
  const int64_t n = state_.numel();
  if (!out.is_contiguous() || out.numel() != n)
    throw Error(ErrorCategory::Runtime, "4-bit dequantize: output must be contiguous with " + std::to_string(n) + " elements");
  ops::dequantize4bitInto(packed_, absmax(), state_.code, state_.blocksize, out);
}

quant::QuantState4bit Quant4bitWeight::hostState() const {
  quant::QuantState4bit s = state_;
  if (s.doubleQuant) {
    s.qabsmax = toHost<uint8_t>(qabsmax_);
    s.nestedAbsmax = toHost<float>(nestedAbsmax_);
  } else {
    s.absmax = toHost<float>(absmax_);
  }
  return s;
}

std::vector<uint8_t> Quant4bitWeight::hostPacked() const { return toHost<uint8_t>(packed_); }

uint64_t Quant4bitWeight::residentBytes() const {
  uint64_t b = packed_.numel() + state_.code.size() * 4;
  if (state_.doubleQuant) {
    b += qabsmax_.numel() + nestedAbsmax_.numel() * 4 + state_.nestedCode.size() * 4 + 4;
  } else {
    b += absmax_.numel() * 4;
  }
  return b;
}

namespace {

// On the CPU one dense-weight buffer per thread and dtype, grown to the largest layer seen and
// reused (glibc would otherwise map and unmap it per layer). Elsewhere a new tensor per call: the
// device's caching allocator reuses the block, and a per-thread buffer would outlive the model (and
// the memory a finished run gives back).
at::Tensor scratchWeight(const Quant4bitWeight& w, at::ScalarType dtype) {
  if (!w.device().is_cpu()) return w.dequantize(dtype);
  thread_local std::map<int, at::Tensor> buffers;
  const c10::Device d = w.device();
  at::Tensor& buf = buffers[static_cast<int>(dtype)];
  const int64_t n = w.state().numel();
  if (!buf.defined() || buf.numel() < n) {
    buf = at::Tensor();  // free the smaller one first
    buf = at::empty({n}, at::TensorOptions().dtype(dtype).device(d));
  }
  at::Tensor view = buf.narrow(0, 0, n).view({w.outFeatures(), w.inFeatures()});
  w.dequantizeInto(view);
  return view;
}

struct WeightHandle : torch::CustomClassHolder {
  explicit WeightHandle(std::shared_ptr<const Quant4bitWeight> w) : weight(std::move(w)) {}
  std::shared_ptr<const Quant4bitWeight> weight;
};

// A generation step (a few rows, no autograd): the fused GEMV reads the 4-bit weight once instead
// of writing and re-reading a dense copy. Same weights as the dense path, fp32 accumulation (the
// order differs from a GEMM's, so the last bits of y may too).
at::Tensor fusedGemv4bit(const at::Tensor& x, const Quant4bitWeight& w, const at::Tensor& bias) {
  const int64_t k = w.inFeatures(), n = w.outFeatures();
  at::Tensor y = ops::gemv4bit(x.reshape({-1, k}).to(at::kFloat), w.packed(), w.absmax(), w.state().code, w.state().blocksize, n,
                               x.scalar_type());
  if (bias.defined()) y.add_(bias.to(at::kFloat));
  auto sizes = x.sizes().vec();
  sizes.back() = n;
  return y.to(x.scalar_type()).view(sizes);
}

bool fusedGemvApplies(const at::Tensor& x, const Quant4bitWeight& w) {
  return x.numel() / w.inFeatures() <= 4 && ops::gemv4bitAvailable(x, w.inFeatures());
}

at::Tensor plainLinear4bit(const at::Tensor& x, const Quant4bitWeight& w, const at::Tensor& bias) {
  const at::Tensor dense = scratchWeight(w, x.scalar_type());
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
    if (ctx->needs_input_grad(0)) gx = at::matmul(gy, scratchWeight(*handle->weight, gy.scalar_type()));
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
