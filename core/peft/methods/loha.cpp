// The LOHA row (PEFT's LoHa, peft/tuners/loha): ΔW = ((w1a·w1b) ∘ (w2a·w2b))·alpha/r, a
// Hadamard product of two rank-r products (so rank up to r²) at LoRA's two-factor cost per pair.
// Tensors hada_w1_a, hada_w2_a [out, r] and hada_w1_b, hada_w2_b [r, in]; PEFT's init: all
// kaiming-uniform except hada_w2_b = 0 (a no-op start), or all random with init_weights false.
#include "peft/method_registry.h"
#include "peft/methods/lycoris.h"

namespace peftdesk {
namespace {

class LohaPart final : public LycorisPart {
 public:
  at::Tensor w1a, w1b, w2a, w2b;

  at::Tensor deltaWeight() const override { return (at::matmul(w1a, w1b) * at::matmul(w2a, w2b)) * scaling; }
  std::vector<PartTensor> tensors() override {
    return {{"hada_w1_a", "hada_w1_a", "hada_w1_a", &w1a},
            {"hada_w1_b", "hada_w1_b", "hada_w1_b", &w1b},
            {"hada_w2_a", "hada_w2_a", "hada_w2_a", &w2a},
            {"hada_w2_b", "hada_w2_b", "hada_w2_b", &w2b}};
  }
};

void parseLoha(const ConfigReader& r, AdapterConfig& c) { readLycorisKeys(r, c, {"true", "false"}); }

std::shared_ptr<MethodPart> attachLoha(const AttachContext& ctx) {
  using namespace method_init;
  requireLinearModule(ctx, "LoHa");
  const int64_t in = ctx.linear.inFeatures(), out = ctx.linear.outFeatures(), r = ctx.target.r;
  auto part = std::make_shared<LohaPart>();
  part->scaling = ctx.target.alpha / static_cast<double>(r);
  part->rankDropout = ctx.config.lycoris.rankDropout;
  part->moduleDropout = ctx.config.lycoris.moduleDropout;
  part->rankDropoutScale = true;
  part->w1a = at::zeros({out, r}, at::kFloat);
  part->w1b = at::zeros({r, in}, at::kFloat);
  part->w2a = at::zeros({out, r}, at::kFloat);
  part->w2b = at::zeros({r, in}, at::kFloat);
  if (ctx.generator) {
    at::Generator& gen = *ctx.generator;
    kaimingUniform(part->w1a, gen);  // PEFT's draw order
    kaimingUniform(part->w1b, gen);
    kaimingUniform(part->w2a, gen);
    if (ctx.config.lycoris.init == "false") kaimingUniform(part->w2b, gen);
  }
  for (PartTensor& t : part->tensors()) {
    if (ctx.generator) *t.tensor = roundThrough(*t.tensor, ctx.baseDtype);
    t.tensor->set_requires_grad(true);
  }
  return part;
}

}  // namespace

extern const PeftMethodRow kLohaMethod{PeftType::Loha, "LOHA", &parseLoha, TargetKeys::Rank, &attachLoha, nullptr};

}  // namespace peftdesk
