// See lycoris.h.
#include "peft/methods/lycoris.h"

#include "peft/methods/rank_keys.h"

namespace peftdesk {

void readLycorisKeys(const ConfigReader& r, AdapterConfig& c, const std::vector<std::string>& initChoices) {
  readRankKeys(r, c.lora, "alpha");
  LycorisSettings& s = c.lycoris;
  s.rankDropout = r.number("rank_dropout", 0.0);
  if (s.rankDropout < 0 || s.rankDropout >= 1) r.fail("rank_dropout", "must be in [0, 1)");
  s.moduleDropout = r.number("module_dropout", 0.0);
  if (s.moduleDropout < 0 || s.moduleDropout >= 1) r.fail("module_dropout", "must be in [0, 1)");
  if (r.has("init_weights")) {
    const auto& v = r.at("init_weights");
    s.init = v.is_boolean() ? (v.get<bool>() ? "true" : "false") : v.is_string() ? v.get<std::string>() : "";
    bool known = false;
    std::string choices;
    for (const auto& choice : initChoices) {
      known = known || choice == s.init;
      choices += (choices.empty() ? "" : ", ") + choice;
    }
    if (!known) r.fail("init_weights", "expected one of " + choices + ", found " + v.dump());
  }
  r.boolean("use_effective_conv2d", false);  // type-checked; it only changes convolution kernels
}

void requireLinearModule(const AttachContext& ctx, const char* method) {
  method_init::refuseExperts(ctx, method);
  if (ctx.linear.fanInFanOut)
    throw Error(ErrorCategory::Unsupported,
                std::string(method) + " cannot wrap " + ctx.target.name + ": PEFT applies it to nn.Linear modules only, not GPT-2's Conv1D",
                {ctx.config.source, -1, -1, "target_modules"});
}

at::Tensor LycorisPart::forward(const WrappedBase& base, const at::Tensor& x, bool training) const {
  at::Tensor result = base(x);
  // PEFT draws the module-dropout coin from the CPU generator on every training forward, even at
  // 0 (where it passes), so the random stream of later draws is the same as PEFT's.
  const bool skip = training && at::rand({1}).item<double>() <= moduleDropout;
  if (!skip) {
    at::Tensor delta = deltaWeight();
    if (training && rankDropout > 0) {
      at::Tensor keep = (at::rand({delta.size(0)}, at::kFloat) > rankDropout).to(at::kFloat).to(delta.device());
      if (rankDropoutScale) keep = keep / keep.mean();
      delta = delta * keep.view({-1, 1});
    }
    result = result + at::linear(x.to(delta.scalar_type()), delta);
  }
  return result.to(x.scalar_type());
}

at::Tensor LycorisPart::mergedWeight(const Linear&, const at::Tensor& w) const {
  // PEFT: weight.data += ΔW (in place: the sum in fp32, rounded once to the weight's dtype).
  return (w + deltaWeight().detach().to(w.device())).to(w.scalar_type());
}

}  // namespace peftdesk
