// The IA3 row: keys (spec §4), a learned scale per output row (or per input column on
// feed-forward modules, applied before the frozen layer), PEFT's ia3.Linear forward and merge.
#include "peft/method_part.h"
#include "peft/method_registry.h"
#include "peft/config_reader.h"

namespace peftdesk {
namespace {

class Ia3Part final : public MethodPart {
 public:
  at::Tensor scale;  // [out, 1], or [1, in] on a feed-forward module; fp32
  bool feedForward = false;

  at::Tensor forward(const WrappedBase& base, const at::Tensor& x, bool) const override {
    if (feedForward) {
      // Scale the input, then the frozen layer in the activation dtype.
      return base((x.to(scale.scalar_type()) * scale.flatten()).to(x.scalar_type()));
    }
    const at::Tensor result = base(x);
    return (result * scale.flatten()).to(result.scalar_type());
  }
  at::Tensor mergedWeight(const Linear& lin, const at::Tensor& w) const override {
    const at::Tensor l = lin.fanInFanOut ? scale.detach().t() : scale.detach();
    return at::mul(w, l).to(w.scalar_type());
  }
  at::Tensor mergedBias(const Linear&, const at::Tensor& b) const override {
    if (!b.defined() || feedForward) return b;
    return at::mul(b, scale.detach().reshape(b.sizes())).to(b.scalar_type());
  }
  std::vector<PartTensor> tensors() override { return {{"ia3_l", "ia3_l", "ia3_l", &scale}}; }
};

void parseIa3(const ConfigReader& r, AdapterConfig& c) {
  Ia3Settings& s = c.ia3;
  s.targets = r.selector("target_modules", true);
  s.feedforward = r.selector("feedforward_modules", false);
  s.exclude = r.selector("exclude_modules", false);
  s.fanInFanOut = r.boolean("fan_in_fan_out", false);
  s.initOnes = r.boolean("init_ia3_weights", true);
  s.modulesToSave = r.strings("modules_to_save");
  if (s.targets.kind == ModuleSelector::Kind::List && s.feedforward.kind == ModuleSelector::Kind::List) {
    for (const auto& f : s.feedforward.names) {
      bool found = false;
      for (const auto& t : s.targets.names) found = found || t == f;
      if (!found) r.fail("feedforward_modules", "'" + f + "' is not in target_modules (feedforward_modules must be a subset)");
    }
  }
}

std::shared_ptr<MethodPart> attachIa3(const AttachContext& ctx) {
  auto part = std::make_shared<Ia3Part>();
  part->feedForward = ctx.target.feedforward;
  part->scale = ctx.target.feedforward ? at::ones({1, ctx.linear.inFeatures()}, at::kFloat) : at::ones({ctx.linear.outFeatures(), 1}, at::kFloat);
  if (ctx.generator && !ctx.config.ia3.initOnes) part->scale = method_init::roundThrough(part->scale.normal_(0, 1, *ctx.generator), ctx.baseDtype);
  part->scale.set_requires_grad(true);
  return part;
}

}  // namespace

extern const PeftMethodRow kIa3Method{PeftType::Ia3, "IA3", &parseIa3, TargetKeys::Ia3, &attachIa3, nullptr};

}  // namespace peftdesk
