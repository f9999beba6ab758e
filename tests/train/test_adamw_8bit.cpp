// bitsandbytes' 8-bit and 32-bit AdamW (train/adamw_bnb.h) against the reference vectors of
// tests/reference/make_optim8bit_vectors.py: the maps are bitsandbytes' own, the code lookup is the
// kernel's bisection, and ten updates of every case (fp32 / bf16 / fp16 parameters, 8-bit states
// with a partial last block, an all-zero block, NaN / Inf and tiny gradients; the fp32-state path
// of small tensors and of the 32-bit optimizer) give the emulator's bytes and bits: every compare
// is == 0 mismatches. Also: the errata the study predicts, an exact resume from saved state, and a
// state of another optimizer refused by name.
// LibTorch headers first: they use the identifier `slots`, which QtCore defines as a macro.
#include "train/adamw_bnb.h"
#include "model/tensor_bridge.h"
#include "peftdesk_codec/optim_codec.h"

#include <QFile>
#include <QJsonArray>
#include <QtTest>

#include <cstring>

#include "peftdesk/error.h"
#include "peftdesk/quant4bit.h"
#include "peftdesk/safetensors.h"
#include "test_support.h"
#include "train/adamw.h"

using namespace peftdesk;

namespace {

QString vectorsDir() { return test::fixturesDir() + "/optim8bit"; }

struct Vectors {
  std::map<std::string, at::Tensor> tensors;
};

Vectors readVectors(const QString& name) {
  Vectors v;
  const auto file = SafetensorsFile::open((vectorsDir() + "/" + name + ".safetensors").toStdString());
  for (const auto& info : file->tensors()) v.tensors[info.name] = loadTensor(WeightRef{file, &info}).clone();
  return v;
}

// Elements whose bytes differ (NaN patterns included): bit-identical means 0.
int64_t differingElements(const at::Tensor& a, const at::Tensor& b) {
  if (a.scalar_type() != b.scalar_type() || a.numel() != b.numel()) return -1;
  const at::Tensor x = a.contiguous().reshape(-1), y = b.contiguous().reshape(-1);
  const int64_t size = x.element_size();
  const auto* p = static_cast<const uint8_t*>(x.data_ptr());
  const auto* q = static_cast<const uint8_t*>(y.data_ptr());
  int64_t n = 0;
  for (int64_t i = 0; i < x.numel(); ++i) n += std::memcmp(p + i * size, q + i * size, size) != 0;
  return n;
}

AdamWSettings settingsOf(const QJsonObject& hyper) {
  AdamWSettings s;
  s.beta1 = hyper.value("beta1").toDouble();
  s.beta2 = hyper.value("beta2").toDouble();
  s.eps = hyper.value("eps").toDouble();
  s.weightDecay = hyper.value("weight_decay").toDouble();
  return s;
}

}  // namespace

class TestAdamW8bit : public QObject {
  Q_OBJECT
  QJsonObject index_;

 private slots:
  void initTestCase() {
    QFile f(vectorsDir() + "/index.json");
    if (!f.open(QIODevice::ReadOnly)) QFAIL("fixtures missing: run through ctest (fixture_optim8bit_vectors)");
    index_ = QJsonDocument::fromJson(f.readAll()).object();
    QVERIFY(index_.value("cases").toArray().size() >= 6);
  }

  // Both maps equal bitsandbytes' create_dynamic_map(signed=True / False), every bit.
  void mapsAreBitsandbytesMaps() {
    Vectors v = readVectors("maps");
    const at::Tensor ours1 = at::from_blob(const_cast<float*>(quant::dynamicMap().data()), {256}, at::kFloat);
    const at::Tensor ours2 = at::from_blob(const_cast<float*>(quant::dynamicMapUnsigned().data()), {256}, at::kFloat);
    QCOMPARE(differingElements(ours1, v.tensors.at("qmap1")), int64_t{0});
    QCOMPARE(differingElements(ours2, v.tensors.at("qmap2")), int64_t{0});
    QCOMPARE(quant::dynamicMapUnsigned().front(), 0.0f);
    QCOMPARE(quant::dynamicMapUnsigned().back(), 1.0f);
  }

  // The closed-form lookup equals the kernel's bisection on every code, every midpoint and its
  // neighbours, ±0, 1, values past 1, NaN and random values, for both maps.
  void lookupIsTheKernelsBisection() {
    Vectors v = readVectors("maps");
    for (int which : {1, 2}) {
      const std::vector<float>& map = which == 1 ? quant::dynamicMap() : quant::dynamicMapUnsigned();
      float mid[255];
      codec::pdMidpoints(map.data(), mid);
      const at::Tensor xs = v.tensors.at("lookup_x" + std::to_string(which));
      const at::Tensor want = v.tensors.at("lookup_code" + std::to_string(which));
      const float* x = xs.data_ptr<float>();
      const uint8_t* w = want.data_ptr<uint8_t>();
      int64_t wrong = 0;
      for (int64_t i = 0; i < xs.numel(); ++i) wrong += codec::pdOptimCode(x[i], mid) != w[i];
      QVERIFY(xs.numel() > 25000);
      QCOMPARE(wrong, int64_t{0});
    }
  }

  void updatesEqualTheReference_data() {
    QTest::addColumn<QString>("name");
    for (const auto& c : index_.value("cases").toArray()) {
      const QString name = c.toObject().value("name").toString();
      QTest::newRow(qPrintable(name)) << name;
    }
  }
  void updatesEqualTheReference() {
    QFETCH(QString, name);
    QJsonObject spec;
    for (const auto& c : index_.value("cases").toArray())
      if (c.toObject().value("name").toString() == name) spec = c.toObject();
    Vectors v = readVectors(name);
    at::Tensor p = v.tensors.at("p0").clone();
    p.set_requires_grad(true);
    const QJsonObject hyper = index_.value("hyper").toObject();
    std::vector<OptimParam> params = {{"x", &p, hyper.value("lr").toDouble(), true}};
    BitsandbytesAdamW optimizer(params, settingsOf(hyper), spec.value("bits").toInt());
    QCOMPARE(optimizer.eightBit(0), spec.value("eight_bit_states").toBool());
    const int steps = spec.value("steps").toInt();
    for (int t = 1; t <= steps; ++t) {
      const std::string s = std::to_string(t);
      p.mutable_grad() = v.tensors.at("g" + s);
      optimizer.step(1.0);
      const auto state = optimizer.state();
      QCOMPARE(differingElements(p.detach(), v.tensors.at("p" + s)), int64_t{0});
      if (optimizer.eightBit(0)) {
        QCOMPARE(differingElements(state.at("state1.x"), v.tensors.at("state1_" + s)), int64_t{0});
        QCOMPARE(differingElements(state.at("state2.x"), v.tensors.at("state2_" + s)), int64_t{0});
        QCOMPARE(differingElements(state.at("absmax1.x"), v.tensors.at("absmax1_" + s)), int64_t{0});
        QCOMPARE(differingElements(state.at("absmax2.x"), v.tensors.at("absmax2_" + s)), int64_t{0});
      } else {
        QCOMPARE(differingElements(state.at("exp_avg.x"), v.tensors.at("m" + s)), int64_t{0});
        QCOMPARE(differingElements(state.at("exp_avg_sq.x"), v.tensors.at("v" + s)), int64_t{0});
      }
    }
  }

  // What the study reads from bitsandbytes' kernel (§4), on the fp32 case after step 1: an all-zero
  // block stores state1 255 / state2 0 with absmax 0; a NaN or Inf gradient leaves the parameter
  // alone and erases the moments; negative tiny moments and -0 never store the +0 code.
  void kernelBehavioursAfterStepOne() {
    Vectors v = readVectors("fp32_8bit");
    at::Tensor p = v.tensors.at("p0").clone();
    p.set_requires_grad(true);
    const QJsonObject hyper = index_.value("hyper").toObject();
    BitsandbytesAdamW optimizer({{"x", &p, hyper.value("lr").toDouble(), true}}, settingsOf(hyper), 8);
    p.mutable_grad() = v.tensors.at("g1");
    optimizer.step(1.0);
    const auto state = optimizer.state();
    const at::Tensor s1 = state.at("state1.x"), s2 = state.at("state2.x");
    QVERIFY(s1.slice(0, 256, 512).eq(255).all().item<bool>());
    QVERIFY(s2.slice(0, 256, 512).eq(0).all().item<bool>());
    QCOMPARE(state.at("absmax1.x")[1].item<float>(), 0.0f);
    QCOMPARE(state.at("absmax2.x")[1].item<float>(), 0.0f);
    for (int64_t lane : {5 * 256 + 3, 5 * 256 + 11}) {
      QCOMPARE(p[lane].item<float>(), v.tensors.at("p0")[lane].item<float>());
      QCOMPARE(int(s1[lane].item<uint8_t>()), 127);
      QCOMPARE(int(s2[lane].item<uint8_t>()), 0);
    }
    QCOMPARE(int(s1[2 * 256 + 7].item<uint8_t>()), 126);  // g = -1e-12
    QCOMPARE(int(s1[2 * 256 + 8].item<uint8_t>()), 127);  // g = +1e-12
    QCOMPARE(int(s1[2 * 256 + 9].item<uint8_t>()), 126);  // g = -0.0
  }

  // State saved after 3 steps and loaded into a fresh optimizer continues exactly as 5 steps in a
  // row (8-bit and fp32-state tensors side by side, per-tensor rates and a decay flag).
  void resumeFromSavedStateIsExact() {
    auto makeTensors = [] {
      at::manual_seed(3);
      std::vector<at::Tensor> t = {0.02 * at::randn({64, 80}), 0.02 * at::randn({100}), 0.02 * at::randn({96, 64}).to(at::kBFloat16)};
      for (auto& x : t) x.set_requires_grad(true);
      return t;
    };
    auto paramsOf = [](std::vector<at::Tensor>& t) {
      return std::vector<OptimParam>{{"a", &t[0], 1e-3, true}, {"bias", &t[1], 1e-3, false}, {"b", &t[2], 4e-3, true}};
    };
    auto setGrads = [](std::vector<at::Tensor>& t, int step) {
      at::manual_seed(50 + step);
      for (auto& x : t) x.mutable_grad() = (1e-2 * at::randn(x.sizes())).to(x.scalar_type());
    };
    AdamWSettings s;
    s.weightDecay = 0.01;
    std::vector<at::Tensor> straight = makeTensors();
    BitsandbytesAdamW a(paramsOf(straight), s, 8);
    for (int step = 1; step <= 5; ++step) {
      setGrads(straight, step);
      a.step(0.5);
    }
    std::vector<at::Tensor> first = makeTensors();
    std::map<std::string, at::Tensor> saved;
    {
      BitsandbytesAdamW b(paramsOf(first), s, 8);
      for (int step = 1; step <= 3; ++step) {
        setGrads(first, step);
        b.step(0.5);
      }
      for (const auto& [k, t] : b.state()) saved[k] = t.clone();
      QVERIFY(saved.count("qmap1") && saved.count("state1.a") && saved.count("exp_avg.bias") && saved.count("state2.b"));
      QCOMPARE(saved.at("state1.a").scalar_type(), at::kByte);
      QCOMPARE(saved.at("absmax1.a").numel(), int64_t{20});
    }
    BitsandbytesAdamW c(paramsOf(first), s, 8);
    c.loadState(saved, 3);
    for (int step = 4; step <= 5; ++step) {
      setGrads(first, step);
      c.step(0.5);
    }
    QCOMPARE(c.stepCount(), int64_t{5});
    for (size_t i = 0; i < straight.size(); ++i) QCOMPARE(differingElements(first[i].detach(), straight[i].detach()), int64_t{0});
    const auto sa = a.state(), sc = c.state();
    QCOMPARE(sa.size(), sc.size());
    for (const auto& [k, t] : sa) QCOMPARE(differingElements(t, sc.at(k)), int64_t{0});
  }

  // A checkpoint of PyTorch's AdamW does not load into the 8-bit optimizer: the missing tensor is named.
  void stateOfAnotherOptimizerIsRefusedByName() {
    at::Tensor t = at::zeros({64, 80});
    t.set_requires_grad(true);
    AdamW torchAdamW({{"w", &t, 1e-3, true}}, AdamWSettings{});
    BitsandbytesAdamW eightBit({{"w", &t, 1e-3, true}}, AdamWSettings{}, 8);
    try {
      eightBit.loadState(torchAdamW.state(), 1);
      QFAIL("loaded AdamW's moments as 8-bit states");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("state1.w") && QString(e.what()).contains("optimizer.safetensors"), e.what());
    }
  }
};

QTEST_GUILESS_MAIN(TestAdamW8bit)
#include "test_adamw_8bit.moc"
