// The optimizer's two kernels: on the CPU (and so on every CI machine) the trainer uses the
// single-tensor path that tracks torch.optim.AdamW bit for bit (test_training_equivalence); on a
// GPU it uses torch's fused AdamW. The fused call is checked here on LibTorch's CPU kernel of the
// same operator: same updates as the single-tensor path to float rounding, with per-group rates
// (LoRA+), decay flags, tensors without a gradient left alone, and an exact resume of its state.
// LibTorch headers first: they use the identifier `slots`, which QtCore defines as a macro.
#include "train/adamw.h"

#include <QtTest>


using namespace peftdesk;

namespace {

struct Params {
  std::vector<at::Tensor> tensors;
  std::vector<OptimParam> optim;
};

Params makeParams() {
  at::manual_seed(7);
  Params p;
  // A bf16 tensor among fp32 ones (a trained bias of a bf16 base beside fp32 LoRA matrices): the
  // fused kernel takes one dtype per call, so the optimizer must group by dtype too.
  p.tensors = {at::randn({8, 16}), at::randn({16, 8}), at::randn({16}).to(at::kBFloat16), at::randn({4})};
  for (auto& t : p.tensors) t.set_requires_grad(true);
  const double lr = 1e-2;
  p.optim = {{"a", &p.tensors[0], lr, true}, {"b", &p.tensors[1], lr * 16, true}, {"bias", &p.tensors[2], lr, false},
             {"unused", &p.tensors[3], lr, true}};
  return p;
}

void setGrads(Params& p, int step) {
  at::manual_seed(100 + step);
  for (size_t i = 0; i + 1 < p.tensors.size(); ++i) p.tensors[i].mutable_grad() = at::randn(p.tensors[i].sizes()).to(p.tensors[i].scalar_type());
  p.tensors.back().mutable_grad() = at::Tensor();  // no gradient: must not move
}

// Over the tensors of one dtype (the fused kernel computes a bf16 tensor's update in fp32 and
// rounds once; the single-tensor path rounds every operation: they differ by bf16 ulps).
double maxDiff(const Params& a, const Params& b, at::ScalarType only = at::kFloat) {
  double d = 0;
  for (size_t i = 0; i < a.tensors.size(); ++i) {
    if (a.tensors[i].scalar_type() != only) continue;
    d = std::max(d, (a.tensors[i].to(at::kDouble) - b.tensors[i].to(at::kDouble)).abs().max().item<double>());
  }
  return d;
}

}  // namespace

class TestAdamWKernels : public QObject {
  Q_OBJECT
 private slots:
  void autoIsSingleTensorOnTheCpu() {
    Params p = makeParams();
    QVERIFY(!AdamW(p.optim, AdamWSettings{}).fused());
    QVERIFY(AdamW(p.optim, AdamWSettings{0.9, 0.999, 1e-8, 0.0, AdamWKernel::Fused}).fused());
  }

  void fusedMatchesSingleTensor() {
    Params single = makeParams(), fused = makeParams();
    const at::Tensor unusedBefore = single.tensors.back().detach().clone();
    AdamWSettings s{0.9, 0.95, 1e-8, 0.1, AdamWKernel::SingleTensor};
    AdamW a(single.optim, s);
    s.kernel = AdamWKernel::Fused;
    AdamW b(fused.optim, s);
    for (int step = 0; step < 6; ++step) {
      setGrads(single, step);
      setGrads(fused, step);
      const double schedule = 1.0 - 0.1 * step;
      a.step(schedule);
      b.step(schedule);
    }
    const double d = maxDiff(single, fused);
    qInfo("fused vs single-tensor AdamW after 6 steps: max |diff| %.3g", d);
    QVERIFY2(d <= 1e-6, qPrintable(QString("fused vs single-tensor max |diff| %1").arg(d)));
    QVERIFY(d >= 0);
    QVERIFY(at::equal(fused.tensors.back(), unusedBefore));
    const double bf16 = maxDiff(single, fused, at::kBFloat16);
    QVERIFY2(bf16 <= 0.02, qPrintable(QString("bf16 tensor: fused vs single-tensor max |diff| %1").arg(bf16)));
    QVERIFY(!at::equal(fused.tensors.front(), makeParams().tensors.front()));  // it did move
  }

  // Saved after 3 steps and loaded into a fresh optimizer, the fused kernel continues exactly as
  // the uninterrupted one (its per-tensor step counts come from the saved step).
  void fusedResumesExactly() {
    AdamWSettings s{0.9, 0.999, 1e-8, 0.0, AdamWKernel::Fused};
    Params whole = makeParams();
    AdamW a(whole.optim, s);
    for (int step = 0; step < 6; ++step) {
      setGrads(whole, step);
      a.step(1.0);
    }
    Params first = makeParams();
    std::map<std::string, at::Tensor> state;
    std::vector<at::Tensor> saved;
    {
      AdamW b(first.optim, s);
      for (int step = 0; step < 3; ++step) {
        setGrads(first, step);
        b.step(1.0);
      }
      for (const auto& [k, v] : b.state()) state[k] = v.clone();
    }
    AdamW c(first.optim, s);
    c.loadState(state, 3);
    for (int step = 3; step < 6; ++step) {
      setGrads(first, step);
      c.step(1.0);
    }
    QCOMPARE(maxDiff(whole, first), 0.0);
    QCOMPARE(maxDiff(whole, first, at::kBFloat16), 0.0);
  }
};

QTEST_APPLESS_MAIN(TestAdamWKernels)
#include "test_adamw_kernels.moc"
