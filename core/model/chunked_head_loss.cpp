// See chunked_head_loss.h.
#include "model/chunked_head_loss.h"

#include <torch/csrc/autograd/custom_function.h>

#include "model/decoder.h"

namespace peftdesk {
namespace {

class ChunkedHeadLoss : public torch::autograd::Function<ChunkedHeadLoss> {
 public:
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& hidden, const at::Tensor& weight,
                            const at::Tensor& bias, const at::Tensor& targets, int64_t chunkRows, double divisor, double softcap) {
    const LogitsTransform transform{divisor, softcap};
    // No bias is an empty tensor here (autograd's inputs must be defined).
    const at::Tensor b = bias.numel() > 0 ? bias : at::Tensor();
    ctx->save_for_backward({hidden, weight, bias, targets});
    ctx->saved_data["rows"] = chunkRows;
    ctx->saved_data["divisor"] = divisor;
    ctx->saved_data["softcap"] = softcap;
    const int64_t n = hidden.size(0);
    at::Tensor sum = at::zeros({}, hidden.options().dtype(at::kFloat));
    for (int64_t start = 0; start < n; start += chunkRows) {
      const int64_t len = std::min(chunkRows, n - start);
      const at::Tensor logits = transform.apply(at::linear(hidden.narrow(0, start, len), weight, b)).to(at::kFloat);
      sum.add_(at::cross_entropy_loss(logits, targets.narrow(0, start, len), {}, at::Reduction::Sum, -100));
    }
    return sum;
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const at::Tensor& hidden = saved[0];
    const at::Tensor& weight = saved[1];
    const at::Tensor bias = saved[2].numel() > 0 ? saved[2] : at::Tensor();
    const at::Tensor& targets = saved[3];
    const int64_t chunkRows = ctx->saved_data["rows"].toInt();
    const LogitsTransform transform{ctx->saved_data["divisor"].toDouble(), ctx->saved_data["softcap"].toDouble()};
    const bool wantHidden = ctx->needs_input_grad(0), wantWeight = ctx->needs_input_grad(1);
    const bool wantBias = bias.defined() && ctx->needs_input_grad(2);
    const at::Tensor g = grads.at(0).to(at::kFloat);
    const int64_t n = hidden.size(0);
    at::Tensor gradHidden = wantHidden ? at::empty_like(hidden) : at::Tensor();
    at::Tensor gradWeight = wantWeight ? at::zeros_like(weight) : at::Tensor();
    at::Tensor gradBias = wantBias ? at::zeros_like(bias) : at::Tensor();
    for (int64_t start = 0; start < n; start += chunkRows) {
      const int64_t len = std::min(chunkRows, n - start);
      const at::Tensor h = hidden.narrow(0, start, len);
      const at::Tensor t = targets.narrow(0, start, len);
      const at::Tensor raw = at::linear(h, weight, bias);
      const at::Tensor logits = (transform.identity() ? raw : transform.apply(raw)).to(at::kFloat);
      // d(sum of -log softmax[target]) / d logits = softmax - onehot (rows with ignore_index: 0).
      at::Tensor d = at::softmax(logits, 1);
      const at::Tensor valid = t.ne(-100);
      d.scatter_add_(1, t.clamp_min(0).unsqueeze(1), at::full({len, 1}, -1.0f, d.options()));
      d.mul_(valid.unsqueeze(1).to(at::kFloat)).mul_(g);
      at::Tensor dc = d.to(hidden.scalar_type());
      if (!transform.identity()) dc = transform.backward(dc, raw);
      if (wantHidden) gradHidden.narrow(0, start, len).copy_(at::matmul(dc, weight));
      if (wantWeight) gradWeight.add_(at::matmul(dc.t(), h));
      if (wantBias) gradBias.add_(dc.sum(0));
    }
    return {gradHidden, gradWeight, gradBias, at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor()};
  }
};

}  // namespace

at::Tensor chunkedHeadLossSum(const at::Tensor& hidden, const at::Tensor& weight, const at::Tensor& bias, const at::Tensor& targets,
                              int64_t chunkRows, const LogitsTransform& transform) {
  const at::Tensor noBias = at::empty({0}, weight.options());
  return ChunkedHeadLoss::apply(hidden, weight, bias.defined() ? bias : noBias, targets, std::max<int64_t>(1, chunkRows),
                                transform.divisor, transform.softcap);
}

}  // namespace peftdesk
