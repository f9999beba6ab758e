// The LOKR row (PEFT's LoKr, peft/tuners/lokr): ΔW = kron(W1, W2)·alpha/r with out = a·b and
// in = c·d split by lokrFactorization; W1 [a, c] is full (lokr_w1) unless decompose_both and
// r < max(a, c)/2 (then lokr_w1_a [a, r]·lokr_w1_b [r, c]); W2 [b, d] is full (lokr_w2) when
// r ≥ max(b, d)/2, else lokr_w2_a [b, r]·lokr_w2_b [r, d]. Init as PEFT: true = W1 side zero,
// "lycoris" = W2 side zero, false = all random.
#include "peft/methods/lokr.h"

#include "peft/method_registry.h"
#include "peft/methods/lycoris.h"

namespace peftdesk {

std::pair<int64_t, int64_t> lokrFactorization(int64_t dimension, int64_t factor) {
  if (factor > 0 && dimension % factor == 0) return {factor, dimension / factor};
  if (factor == -1) factor = dimension;
  int64_t m = 1, n = dimension;
  const int64_t length = m + n;
  while (m < n) {
    int64_t nextM = m + 1;
    while (dimension % nextM != 0) ++nextM;
    const int64_t nextN = dimension / nextM;
    if (nextM + nextN > length || nextM > factor) break;
    m = nextM;
    n = nextN;
  }
  if (m > n) std::swap(m, n);
  return {m, n};
}

namespace {

class LokrPart final : public LycorisPart {
 public:
  at::Tensor w1, w1a, w1b, w2, w2a, w2b;  // the full or the factored form of each side

  at::Tensor deltaWeight() const override {
    const at::Tensor left = w1.defined() ? w1 : at::matmul(w1a, w1b);
    const at::Tensor right = w2.defined() ? w2 : at::matmul(w2a, w2b);
    return at::kron(left, right.contiguous()) * scaling;
  }
  std::vector<PartTensor> tensors() override {
    std::vector<PartTensor> out;
    auto add = [&](const char* name, at::Tensor& t) {
      if (t.defined()) out.push_back({name, name, name, &t});
    };
    add("lokr_w1", w1);
    add("lokr_w1_a", w1a);
    add("lokr_w1_b", w1b);
    add("lokr_w2", w2);
    add("lokr_w2_a", w2a);
    add("lokr_w2_b", w2b);
    return out;
  }
};

void parseLokr(const ConfigReader& r, AdapterConfig& c) {
  readLycorisKeys(r, c, {"true", "false", "lycoris"});
  LycorisSettings& s = c.lycoris;
  s.decomposeBoth = r.boolean("decompose_both", false);
  s.decomposeFactor = r.integer("decompose_factor", -1);  // 0 and below -1 factor as (1, n), as PEFT's
  s.rankDropoutScale = r.boolean("rank_dropout_scale", false);
}

std::shared_ptr<MethodPart> attachLokr(const AttachContext& ctx) {
  using namespace method_init;
  requireLinearModule(ctx, "LoKr");
  const LycorisSettings& s = ctx.config.lycoris;
  const int64_t r = ctx.target.r;
  const auto [a, b] = lokrFactorization(ctx.linear.outFeatures(), s.decomposeFactor);
  const auto [c, d] = lokrFactorization(ctx.linear.inFeatures(), s.decomposeFactor);
  auto part = std::make_shared<LokrPart>();
  part->scaling = ctx.target.alpha / static_cast<double>(r);
  part->rankDropout = s.rankDropout;
  part->moduleDropout = s.moduleDropout;
  part->rankDropoutScale = s.rankDropoutScale;
  const bool fullLeft = !(s.decomposeBoth && static_cast<double>(r) < static_cast<double>(std::max(a, c)) / 2);
  const bool fullRight = !(static_cast<double>(r) < static_cast<double>(std::max(b, d)) / 2);
  if (fullLeft) {
    part->w1 = at::zeros({a, c}, at::kFloat);
  } else {
    part->w1a = at::zeros({a, r}, at::kFloat);
    part->w1b = at::zeros({r, c}, at::kFloat);
  }
  if (fullRight) {
    part->w2 = at::zeros({b, d}, at::kFloat);
  } else {
    part->w2a = at::zeros({b, r}, at::kFloat);
    part->w2b = at::zeros({r, d}, at::kFloat);
  }
  if (ctx.generator) {
    at::Generator& gen = *ctx.generator;
    // PEFT's order: the left side, then the right; zeros stay zero.
    const bool leftRandom = s.init != "true", rightRandom = s.init != "lycoris";
    if (fullLeft) {
      if (leftRandom) kaimingUniform(part->w1, gen);
    } else {
      if (leftRandom) kaimingUniform(part->w1a, gen);
      kaimingUniform(part->w1b, gen);
    }
    if (fullRight) {
      if (rightRandom) kaimingUniform(part->w2, gen);
    } else {
      kaimingUniform(part->w2a, gen);
      if (rightRandom) kaimingUniform(part->w2b, gen);
    }
  }
  for (PartTensor& t : part->tensors()) {
    if (ctx.generator) *t.tensor = roundThrough(*t.tensor, ctx.baseDtype);
    t.tensor->set_requires_grad(true);
  }
  return part;
}

}  // namespace

extern const PeftMethodRow kLokrMethod{PeftType::Lokr, "LOKR", &parseLokr, TargetKeys::Rank, &attachLokr, nullptr};

}  // namespace peftdesk
