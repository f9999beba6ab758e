// See lora_start.h. The arithmetic follows PEFT 0.21.2's LoraLayer.pissa_init / olora_init
// (peft/tuners/lora/layer.py) and torch's svd_lowrank (torch/_lowrank.py, Halko et al. 2009,
// algorithms 4.4 and 5.1) step for step, in fp32 on the weight's device.
#include "peft/methods/lora_start.h"

#include <tuple>
#include <utility>

#include "model/decoder.h"
#include "peftdesk/error.h"

namespace peftdesk {
namespace {

// torch.svd_lowrank(W, q, niter): an approximate rank-q SVD from a random basis refined by niter
// subspace iterations; returns U [m, q], S [q], V [n, q].
std::tuple<at::Tensor, at::Tensor, at::Tensor> svdLowRank(at::Tensor w, int64_t q, int niter, at::Generator& gen) {
  const bool transposed = w.size(0) < w.size(1);
  if (transposed) w = w.t();
  // The random start is drawn on the host (the same on every device), then moved to W's device.
  const at::Tensor start = at::randn({w.size(1), q}, gen, at::TensorOptions().dtype(at::kFloat)).to(w.device());
  at::Tensor basis = std::get<0>(at::linalg_qr(at::matmul(w, start)));
  for (int i = 0; i < niter; ++i) {
    basis = std::get<0>(at::linalg_qr(at::matmul(w.t(), basis)));
    basis = std::get<0>(at::linalg_qr(at::matmul(w, basis)));
  }
  auto [u, s, vh] = at::linalg_svd(at::matmul(basis.t(), w), /*full_matrices=*/false);
  at::Tensor left = at::matmul(basis, u), right = vh.t();
  if (transposed) std::swap(left, right);
  return {left, s, right};
}

}  // namespace

LoraStart loraStartFromBase(const Linear& lin, const std::string& moduleName, const LoraSettings& l, int64_t r, double scaling,
                            at::Generator* generator, const std::string& source) {
  const ErrorContext where{source, -1, -1, "init_lora_weights"};
  const int64_t in = lin.inFeatures(), out = lin.outFeatures();
  if (lin.quantized())
    throw Error(ErrorCategory::Unsupported,
                "init_lora_weights '" + l.init + "' needs the base weights in 16 or 32 bits (" + moduleName +
                    " is 4-bit): PEFT computes PiSSA in 16 or 32 bits and quantizes the residual afterwards, and there is no "
                    "reference yet for a start on a 4-bit base; load the model without 4-bit quantization",
                where);
  if (moduleName.find(".experts.") != std::string::npos)
    throw Error(ErrorCategory::Unsupported, "init_lora_weights '" + l.init + "' cannot start " + moduleName + ": PEFT 0.21 has no PiSSA / OLoRA for a mixture-of-experts layer's fused experts", where);
  if (l.init == "olora" && lin.fanInFanOut)
    throw Error(ErrorCategory::Unsupported, "init_lora_weights 'olora' cannot start " + moduleName + ": PEFT's OLoRA does not handle GPT-2's Conv1D layout", where);
  if (lin.weight.is_meta()) return {at::zeros({r, in}, at::kFloat), at::zeros({out, r}, at::kFloat)};  // a shapes-only model: counting
  const at::Tensor dense = lin.denseWeight().detach();
  const at::Tensor w = (lin.fanInFanOut ? dense.t() : dense).to(at::kFloat).contiguous();
  if (l.init == "olora") {
    auto [q, rr] = at::linalg_qr(w);  // reduced
    return {rr.slice(0, 0, r).contiguous(), q.slice(1, 0, r).contiguous()};
  }
  at::Tensor u, s, vh;
  const int iterations = pissaIterations(l.init);
  if (iterations < 0) {
    std::tie(u, s, vh) = at::linalg_svd(w, /*full_matrices=*/false);
    u = u.slice(1, 0, r);
    s = s.slice(0, 0, r);
    vh = vh.slice(0, 0, r);
  } else {
    if (!generator)
      throw Error(ErrorCategory::Unsupported,
                  "a saved '" + l.init + "' adapter cannot be loaded exactly: its start came from a random basis that is not in the file "
                  "(PEFT's own loader draws a new one). Save it converted to a plain LoRA (PEFT: path_initial_model_for_weight_conversion)",
                  where);
    at::Tensor v;
    std::tie(u, s, v) = svdLowRank(w, r, iterations, *generator);
    vh = v.t();
  }
  const at::Tensor root = at::diag(at::sqrt(s / scaling));
  return {at::matmul(root, vh), at::matmul(u, root)};
}

}  // namespace peftdesk
