// The BOTTLENECK row: AdapterHub's bottleneck adapters (Pfeiffer = seq_bn, Houlsby = double_seq_bn)
// on the decoder's residual sites. At a site after a sub-block with input h and output g, as the
// `adapters` 1.3.0 library's Adapter.pre_forward / forward / post_forward compute it for decoders
// without a layer norm around the sub-block (Llama, Mistral; Qwen2 / Qwen3 through its plugin
// interface; study §4.3):
//   x = original_ln_before ? g + h : g;   skip = residual_before_ln ? g : x
//   h' = (dropout(scaling · Up(act(Down(x)))) + skip) + h
// The adapter computes in fp32 (the library creates its modules in fp32) and its result joins the
// stream in the base dtype. Not mergeable: the bottleneck is non-linear.
#include <cmath>

#include "peft/config_reader.h"
#include "peft/method_part.h"
#include "peft/method_registry.h"
#include "peft/methods/bottleneck_keys.h"

namespace peftdesk {
namespace {

// The non-linearities parsing admits (bottleneck_keys.cpp), as transformers' get_activation computes them.
using Activation = at::Tensor (*)(const at::Tensor&);
struct ActivationRow {
  const char* name;
  Activation apply;
};
const ActivationRow kActivationRows[] = {
    {"relu", [](const at::Tensor& x) { return at::relu(x); }},
    {"swish", [](const at::Tensor& x) { return at::silu(x); }},
    {"silu", [](const at::Tensor& x) { return at::silu(x); }},
    {"gelu", [](const at::Tensor& x) { return at::gelu(x); }},
    {"gelu_pytorch_tanh", [](const at::Tensor& x) { return at::gelu(x, "tanh"); }},
    // transformers' NewGELUActivation, operation for operation
    {"gelu_new", [](const at::Tensor& x) { return 0.5 * x * (1.0 + at::tanh(std::sqrt(2.0 / M_PI) * (x + 0.044715 * at::pow(x, 3.0)))); }},
    {"tanh", [](const at::Tensor& x) { return at::tanh(x); }},
    {"sigmoid", [](const at::Tensor& x) { return at::sigmoid(x); }},
    {"leakyrelu", [](const at::Tensor& x) { return at::leaky_relu(x, 0.01); }},
    {"leaky_relu", [](const at::Tensor& x) { return at::leaky_relu(x, 0.01); }},
    {"linear", [](const at::Tensor& x) { return x; }},
};

Activation activationNamed(const std::string& name, const AdapterConfig& config) {
  for (const ActivationRow& row : kActivationRows)
    if (name == row.name) return row.apply;
  throw Error(ErrorCategory::Unsupported, "unsupported activation '" + name + "'", {config.source, -1, -1, bottleneckField(config, "non_linearity")});
}

class BottleneckPart final : public SitePart {
 public:
  at::Tensor downWeight, downBias, upWeight, upBias;  // [m, H], [m], [H, m], [H]; fp32
  BottleneckSettings settings;
  Activation activation = nullptr;

  at::Tensor forward(const at::Tensor& h, const at::Tensor& g) const override {
    const BottleneckSettings& s = settings;
    const at::Tensor x = s.originalLnBefore ? g + h : g;
    const at::Tensor skip = s.residualBeforeLn ? g : x;
    const at::Tensor xf = x.to(downWeight.scalar_type());
    at::Tensor up = at::linear(activation(at::linear(xf, downWeight, downBias)), upWeight, upBias);
    if (s.scaling != 1.0) up = up * s.scaling;
    if (training && s.dropout > 0) up = at::dropout(up, s.dropout, true);
    return (up.to(g.scalar_type()) + skip) + h;
  }
  std::vector<PartTensor> tensors() override {
    return {{"adapter_down.0.weight", "adapter_down.0.weight", "adapter_down", &downWeight},
            {"adapter_down.0.bias", "adapter_down.0.bias", "adapter_down", &downBias},
            {"adapter_up.weight", "adapter_up.weight", "adapter_up", &upWeight},
            {"adapter_up.bias", "adapter_up.bias", "adapter_up", &upBias}};
  }
};

// nn.init.trunc_normal_(t, mean 0, std, a, b) as torch computes it: uniform on the normal CDF's
// image of [a, b], through erfinv, clamped.
void truncNormal(at::Tensor& t, double std, double a, double b, at::Generator& gen) {
  auto cdf = [](double x) { return (1.0 + std::erf(x / std::sqrt(2.0))) / 2.0; };
  const double l = cdf(a / std), u = cdf(b / std);
  t.uniform_(2 * l - 1, 2 * u - 1, gen);
  t.erfinv_();
  t.mul_(std * std::sqrt(2.0));
  t.clamp_(a, b);
}

const char* const kSupportedModels[] = {"llama", "mistral", "qwen2", "qwen3"};

// Python's float floor division (CPython's float_floor_div) for positive operands: the library's
// width int(hidden_size // reduction_factor) differs from floor(H / f) for factors such as 12.8
// (2048 // 12.8 = 159.0, while 2048 / 12.8 rounds to 160.0).
double pythonFloorDiv(double x, double y) {
  const double mod = std::fmod(x, y);
  const double div = (x - mod) / y;
  double floored = std::floor(div);
  if (div - floored > 0.5) floored += 1.0;
  return floored;
}

std::shared_ptr<SitePart> attachBottleneck(const SiteContext& ctx) {
  const BottleneckSettings& s = ctx.config.bottleneck;
  bool supported = false;
  for (const char* m : kSupportedModels) supported = supported || ctx.model.modelType == m;
  if (!supported || ctx.model.normPlacement != NormPlacement::Pre || ctx.model.residualMultiplier != 1.0)
    throw Error(ErrorCategory::Unsupported,
                "bottleneck adapters are available for llama, mistral, qwen2 and qwen3 models here, not for this base's model_type '" +
                    ctx.model.modelType + "' (the adapters library places them differently there, or does not support the model)",
                {ctx.config.source});
  const bool afterAttention = ctx.site.kind == ResidualSite::Kind::AfterAttention;
  if (afterAttention ? !s.mhAdapter : !s.outputAdapter) return nullptr;
  for (int64_t l : s.leaveOut)
    if (l == ctx.site.layer) return nullptr;
  double factor = s.reductionFactor;
  for (const auto& [layer, f] : s.reductionByLayer)
    if (layer == ctx.site.layer) factor = f;
  if (!(factor > 0))
    throw Error(ErrorCategory::Config,
                "the mapping gives no factor for layer " + std::to_string(ctx.site.layer) + " and has no \"default\" entry",
                {ctx.config.source, -1, -1, bottleneckField(ctx.config, "reduction_factor")});
  const int64_t H = ctx.model.hiddenSize;
  const int64_t m = std::max<int64_t>(1, static_cast<int64_t>(pythonFloorDiv(static_cast<double>(H), factor)));
  auto part = std::make_shared<BottleneckPart>();
  part->settings = s;
  part->activation = activationNamed(s.nonLinearity, ctx.config);
  const auto f32 = at::TensorOptions().dtype(at::kFloat);
  part->downWeight = at::zeros({m, H}, f32);
  part->downBias = at::zeros({m}, f32);
  part->upWeight = at::zeros({H, m}, f32);
  part->upBias = at::zeros({H}, f32);
  if (ctx.generator) {
    at::Generator& gen = *ctx.generator;
    if (s.initWeights == "bert") {
      part->downWeight.normal_(0.0, 0.02, gen);
      part->upWeight.normal_(0.0, 0.02, gen);
    } else if (s.initWeights == "mam_adapter") {
      method_init::kaimingUniform(part->downWeight, gen);  // the up projection stays zero: a no-op at start
    } else {  // houlsby
      truncNormal(part->downWeight, 1e-2, -2e-2, 2e-2, gen);
      truncNormal(part->upWeight, 1e-2, -2e-2, 2e-2, gen);
    }
  }
  for (const PartTensor& t : part->tensors()) t.tensor->set_requires_grad(true);
  return part;
}

}  // namespace

extern const PeftMethodRow kBottleneckMethod{
    PeftType::Bottleneck,
    "BOTTLENECK",
    &parseBottleneck,
    TargetKeys::None,
    nullptr,
    "is a small non-linear network on each block's residual stream, so it cannot be merged into the model; export the adapter itself",
    nullptr,
    nullptr,
    nullptr,
    &attachBottleneck};

}  // namespace peftdesk
