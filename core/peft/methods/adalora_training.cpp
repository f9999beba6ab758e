// AdaLoRA's training additions (method_training.h), as PEFT 0.21's AdaLoraModel and RankAllocator:
// - every micro-batch's loss gets orth_reg_weight · mean over all A and B of ‖AAᵀ − I‖_F and
//   ‖BᵀB − I‖_F (Frobenius norm, not squared);
// - after every optimizer step t (0-based, gradients as the step used them, after clipping):
//   t < total_step − tfinal: the sensitivity |p ⊙ ∇p| of every A, E, B entry goes into two EMAs
//     (importance Ī, uncertainty Ū); from step tinit + 1, on steps divisible by deltaT, the budget
//     int((init − target)·c³ + target), c = 1 − (t − tinit)/(total − tfinal − tinit), keeps the
//     best-scoring singular triplets (score: Ī·Ū of E plus the row / column means of A's and B's)
//     and zeroes E of the others;
//   t = total_step − tfinal (or the first applied step after it): one last allocation at the
//     target budget, EMAs cleared;
//   t > total_step − tfinal: the final pattern re-applied (E may regrow in between).
// Where PEFT's torch.kthvalue fails (the budget still equals the initial one, k = 0) nothing is
// pruned and the pattern keeps every triplet. The EMAs and the kept patterns go into checkpoints.
#include <c10/core/GradMode.h>

#include <cmath>

#include "peft/adapter_set.h"
#include "peft/method_training.h"
#include "peft/methods/adalora.h"
#include "peftdesk/error.h"

namespace peftdesk {
namespace {

class AdaLoraTraining final : public MethodTraining {
 public:
  explicit AdaLoraTraining(Adapter& adapter) : s_(adapter.config.adalora), source_(adapter.config.source) {
    for (size_t i = 0; i < adapter.modules.size(); ++i) {
      AdaLoraPart* part = asAdaLoraPart(adapter.modules[i].second->method.get());
      if (!part) continue;
      targets_.push_back({adapter.moduleNames[i], part});
      initBudget_ += part->loraA.size(0);
    }
    targetBudget_ = s_.targetR * static_cast<int64_t>(targets_.size());
  }

  void checkCanTrain() const override {
    auto fail = [&](const char* field, const std::string& why) { throw Error(ErrorCategory::Config, why, {source_, -1, -1, field}); };
    if (s_.totalStep <= 0) fail("total_step", "AdaLoRA's schedule needs its length in optimizer steps");
    if (s_.targetR < 0 || s_.targetR > s_.initR)
      fail("target_r", "must be between 0 and init_r (" + std::to_string(s_.initR) + "), found " + std::to_string(s_.targetR));
    if (s_.tinit < 0) fail("tinit", "must be 0 or more, found " + std::to_string(s_.tinit));
    if (s_.tfinal < 0) fail("tfinal", "must be 0 or more, found " + std::to_string(s_.tfinal));
    if (s_.deltaT < 1) fail("deltaT", "must be 1 or more, found " + std::to_string(s_.deltaT));
    if (!(s_.beta1 > 0 && s_.beta1 < 1)) fail("beta1", "must be between 0 and 1 (exclusive)");
    if (!(s_.beta2 > 0 && s_.beta2 < 1)) fail("beta2", "must be between 0 and 1 (exclusive)");
    if (!s_.rankPattern.empty())
      throw Error(ErrorCategory::Unsupported,
                  "this AdaLoRA adapter was already pruned by training (its rank_pattern is set): continuing the rank allocation from it is "
                  "not supported; train a fresh AdaLoRA adapter, or load this one for chat, evaluation or export",
                  {source_, -1, -1, "rank_pattern"});
  }

  at::Tensor lossTerm() const override {
    if (targets_.empty()) return {};
    at::Tensor sum;
    for (const Target& t : targets_) {
      const at::Tensor covA = at::matmul(t.part->loraA, t.part->loraA.t());
      const at::Tensor covB = at::matmul(t.part->loraB.t(), t.part->loraB);
      for (const at::Tensor& cov : {covA, covB}) {
        const at::Tensor norm = at::linalg_vector_norm(cov - at::eye(cov.size(0), cov.options()), 2);
        sum = sum.defined() ? sum + norm : norm;
      }
    }
    return sum / static_cast<double>(2 * targets_.size()) * s_.orthRegWeight;
  }

  void afterOptimizerStep(int64_t step) override {
    c10::NoGradGuard noGrad;
    const int64_t finalStart = s_.totalStep - s_.tfinal;
    if (step < finalStart) {
      updateImportance();
      int64_t budget = 0;
      if (maskDue(step, &budget)) maskToBudget(budget);
    } else if (!finalPatternMade()) {
      // Step total_step − tfinal, or the first applied step after it when that one was skipped
      // (non-finite): the last allocation, at the target budget.
      if (emaImportance_.empty()) updateImportance();  // no applied step before it: this one's estimate
      maskToBudget(targetBudget_);
      emaImportance_.clear();
      emaUncertainty_.clear();
    } else {
      for (Target& t : targets_)
        if (t.part->keep.defined()) t.part->loraE.masked_fill_(t.part->keep.logical_not().view({-1, 1}), 0.0);
    }
  }

  std::map<std::string, at::Tensor> state() const override {
    std::map<std::string, at::Tensor> out;
    for (const auto& [name, t] : emaImportance_) out["ema_importance." + name] = t;
    for (const auto& [name, t] : emaUncertainty_) out["ema_uncertainty." + name] = t;
    for (const Target& t : targets_)
      if (t.part->keep.defined()) out["kept." + t.module] = t.part->keep.to(at::kByte);
    return out;
  }

  void restore(const std::map<std::string, at::Tensor>& state, const std::string& source) override {
    emaImportance_.clear();
    emaUncertainty_.clear();
    std::map<std::string, at::Tensor*> tensors;
    for (Target& t : targets_) {
      t.part->keep = at::Tensor();
      for (const PartTensor& p : t.part->tensors()) tensors[t.module + "." + p.memoryLeaf] = p.tensor;
    }
    for (const auto& [key, value] : state) {
      const size_t dot = key.find('.');
      const std::string kind = key.substr(0, dot), name = key.substr(dot + 1);
      auto misfit = [&] { return Error(ErrorCategory::Format, "AdaLoRA state does not fit this adapter (different method or model?)", {source, -1, -1, {}, key}); };
      if (kind == "ema_importance" || kind == "ema_uncertainty") {
        const auto it = tensors.find(name);
        if (it == tensors.end() || it->second->sizes() != value.sizes()) throw misfit();
        (kind == "ema_importance" ? emaImportance_ : emaUncertainty_)[name] = value.to(it->second->device()).clone();
      } else if (kind == "kept") {
        Target* target = nullptr;
        for (Target& t : targets_)
          if (t.module == name) target = &t;
        if (!target || value.dim() != 1 || value.size(0) != target->part->loraE.size(0)) throw misfit();
        target->part->keep = value.to(target->part->loraE.device()).to(at::kBool);
      } else {
        throw misfit();
      }
    }
  }

 private:
  struct Target {
    std::string module;
    AdaLoraPart* part;
  };

  // After the final allocation the estimates are gone and every target has its pattern; before it
  // the estimates exist from the first applied step on (or, with none applied, no pattern exists).
  bool finalPatternMade() const {
    if (!emaImportance_.empty()) return false;
    for (const Target& t : targets_)
      if (!t.part->keep.defined()) return false;
    return true;
  }

  // PEFT's budget_schedule: whether step t prunes, and to which budget.
  bool maskDue(int64_t t, int64_t* budget) const {
    if (t <= s_.tinit) return false;
    const double c = 1.0 - static_cast<double>(t - s_.tinit) / static_cast<double>(s_.totalStep - s_.tfinal - s_.tinit);
    *budget = static_cast<int64_t>(static_cast<double>(initBudget_ - targetBudget_) * std::pow(c, 3.0) + static_cast<double>(targetBudget_));
    return t % s_.deltaT == 0;
  }

  void updateImportance() {
    for (Target& t : targets_) {
      for (const PartTensor& p : t.part->tensors()) {
        const at::Tensor& w = *p.tensor;
        const at::Tensor sensitivity = w.grad().defined() ? (w.detach() * w.grad()).abs() : at::zeros_like(w.detach());
        const std::string name = t.module + "." + p.memoryLeaf;
        auto& importance = emaImportance_[name];
        auto& uncertainty = emaUncertainty_[name];
        if (!importance.defined()) importance = at::zeros_like(sensitivity);
        if (!uncertainty.defined()) uncertainty = at::zeros_like(sensitivity);
        importance = importance * s_.beta1 + sensitivity * (1.0 - s_.beta1);
        uncertainty = uncertainty * s_.beta2 + (sensitivity - importance).abs() * (1.0 - s_.beta2);
      }
    }
  }

  at::Tensor score(const std::string& name) const {
    const auto i = emaImportance_.find(name), u = emaUncertainty_.find(name);
    if (i == emaImportance_.end() || u == emaUncertainty_.end())
      throw Error(ErrorCategory::Runtime, "AdaLoRA's rank allocation has no importance estimate for " + name + " yet");
    return i->second * u->second;
  }

  void maskToBudget(int64_t budget) {
    std::vector<at::Tensor> tripletScores, all;
    for (const Target& t : targets_) {
      const at::Tensor a = at::mean(score(t.module + ".lora_A"), {1}, /*keepdim=*/true);
      const at::Tensor b = at::mean(score(t.module + ".lora_B"), {0}, /*keepdim=*/false).view({-1, 1});
      const at::Tensor triplet = score(t.module + ".lora_E").view(-1) + at::cat({a, b}, 1).sum(1).view(-1);
      tripletScores.push_back(triplet.view({-1, 1}));
      all.push_back(triplet);
    }
    const int64_t k = initBudget_ - budget;
    if (k <= 0) {  // nothing to prune (PEFT's kthvalue raises here)
      for (Target& t : targets_) t.part->keep = at::ones({t.part->loraE.size(0)}, t.part->loraE.options().dtype(at::kBool));
      return;
    }
    const double threshold = std::get<0>(at::kthvalue(at::cat(all), k)).item<double>();
    for (size_t i = 0; i < targets_.size(); ++i) {
      const at::Tensor pruned = tripletScores[i] <= threshold;
      targets_[i].part->loraE.masked_fill_(pruned, 0.0);
      targets_[i].part->keep = pruned.logical_not().view(-1);
    }
  }

  AdaLoraSettings s_;
  std::string source_;
  std::vector<Target> targets_;
  int64_t initBudget_ = 0, targetBudget_ = 0;
  std::map<std::string, at::Tensor> emaImportance_, emaUncertainty_;  // by "<module>.lora_A" etc.
};

}  // namespace

std::unique_ptr<MethodTraining> adaLoraTraining(Adapter& adapter) { return std::make_unique<AdaLoraTraining>(adapter); }

}  // namespace peftdesk
