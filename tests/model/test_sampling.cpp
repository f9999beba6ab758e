// Generation's logits processing against transformers' own (issue 19): repetition penalty,
// temperature, top-k and top-p, alone and together, greedy and sampling, on the same logits and
// tokens seen — the processors `generate` builds for those settings, run live
// (tests/reference/logits_processors.py). The processed scores (removed tokens at -inf) must be
// equal: the next-token distribution is their softmax. Then sampling itself: a fixed seed gives a
// fixed draw, and draws follow that distribution.
#include <ATen/ATen.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "model/generation.h"
#include "peftdesk/safetensors.h"
#include "test_support.h"

using namespace peftdesk;

namespace {

struct Setting {
  const char* name;
  double temperature;
  int topK;
  double topP;
  double repetitionPenalty;
};

const Setting kSettings[] = {
    {"greedy_penalty", 0.0, 0, 1.0, 1.3},      {"temperature", 0.7, 0, 1.0, 1.0},
    {"hot", 1.8, 0, 1.0, 1.0},                 {"top_k", 1.0, 5, 1.0, 1.0},
    {"top_p", 1.0, 0, 0.9, 1.0},               {"top_p_small", 0.8, 0, 0.05, 1.0},
    {"penalty", 1.0, 0, 1.0, 1.2},             {"penalty_below_one", 1.0, 0, 1.0, 0.8},
    {"all", 1.5, 20, 0.85, 1.15},              {"all_large_k", 1.3, 1000, 0.95, 1.05},
};

GenerationOptions optionsOf(const Setting& s) {
  GenerationOptions o;
  o.temperature = s.temperature;
  o.topK = s.topK;
  o.topP = s.topP;
  o.repetitionPenalty = s.repetitionPenalty;
  return o;
}

}  // namespace

class TestSampling : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY2(QFile::exists(test::fixturesDir() + "/models/llama_gqa/config.json"), "fixture_tiny_models did not run");
  }

  void processingEqualsTransformers() {
    const QString python = test::pythonPath();
    QVERIFY2(!python.isEmpty() && QFile::exists(python), "reference python missing (PEFTDESK_PYTHON)");
    QTemporaryDir tmp;
    at::manual_seed(20261203);
    const int64_t V = 512;
    std::map<std::string, at::Tensor> in;
    std::map<std::string, at::Tensor> seen;
    QJsonArray jobs;
    int i = 0;
    for (const Setting& s : kSettings) {
      // Logits with ties and negative and positive scores; seen tokens with repeats.
      at::Tensor logits = at::randn({V}) * 3;
      logits.narrow(0, 10, 4).fill_(2.5f);
      in[s.name] = logits;
      seen[s.name] = at::randint(0, V, {12 + i++}, at::kLong);
      QJsonArray ids;
      for (int64_t k = 0; k < seen[s.name].size(0); ++k) ids.append(static_cast<qint64>(seen[s.name][k].item<int64_t>()));
      jobs.append(QJsonObject{{"name", s.name}, {"seen", ids}, {"temperature", s.temperature}, {"top_k", s.topK},
                              {"top_p", s.topP}, {"repetition_penalty", s.repetitionPenalty}});
    }
    std::vector<TensorBytes> views;
    for (const auto& [name, t] : in) views.push_back({name, DType::F32, {V}, t.data_ptr<float>(), static_cast<size_t>(V) * sizeof(float)});
    writeSafetensors((tmp.path() + "/IN.safetensors").toStdString(), views);
    QFile jf(tmp.path() + "/jobs.json");
    QVERIFY(jf.open(QIODevice::WriteOnly));
    jf.write(QJsonDocument(jobs).toJson());
    jf.close();
    const QString outFile = tmp.path() + "/OUT.safetensors";
    const auto r = test::runProcess(python, {test::sourceDir() + "/tests/reference/logits_processors.py",
                                             test::fixturesDir() + "/models/llama_gqa", jf.fileName(), outFile}, 300000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const auto ref = SafetensorsFile::open(outFile.toStdString());
    for (const Setting& s : kSettings) {
      const at::Tensor ours = processSamplingLogits(in[s.name].clone(), seen[s.name], optionsOf(s));
      const std::vector<float> theirs = test::floatTensor(*ref, s.name);
      int64_t kept = 0, differ = 0;
      for (int64_t k = 0; k < V; ++k) {
        const float a = ours[k].item<float>(), b = theirs[static_cast<size_t>(k)];
        if (!(a == b || (std::isinf(a) && std::isinf(b) && a < 0 && b < 0))) ++differ;
        if (!std::isinf(a)) ++kept;
      }
      qInfo("%-18s %lld of %lld tokens kept, %lld scores differ from transformers", s.name, static_cast<long long>(kept),
            static_cast<long long>(V), static_cast<long long>(differ));
      QVERIFY2(differ == 0, s.name);
      if (s.topK > 0 && s.topK < V && s.topP >= 1.0) QVERIFY2(kept >= s.topK && kept < V, s.name);  // ties at the k-th score are kept
    }
  }

  void drawsFollowTheDistribution() {
    // A fixed generator seed gives the same draw; 20,000 draws land on each kept token about as
    // often as its probability says, and never on a removed one.
    at::manual_seed(7);
    const at::Tensor logits = at::randn({40}) * 2;
    const at::Tensor seen = at::tensor({3, 3, 17}, at::kLong);
    GenerationOptions o = optionsOf(kSettings[8]);  // all processors
    o.topK = 10;
    const at::Tensor probs = processSamplingLogits(logits.clone(), seen, o).softmax(0);
    at::Generator a = at::detail::createCPUGenerator(123), b = at::detail::createCPUGenerator(123);
    QCOMPARE(chooseNextToken(logits.clone(), seen, o, a), chooseNextToken(logits.clone(), seen, o, b));
    at::Generator g = at::detail::createCPUGenerator(99);
    std::vector<int> counts(40, 0);
    const int n = 20000;
    for (int k = 0; k < n; ++k) ++counts[static_cast<size_t>(chooseNextToken(logits.clone(), seen, o, g))];
    for (int t = 0; t < 40; ++t) {
      const double p = probs[t].item<double>();
      if (p == 0) {
        QVERIFY2(counts[t] == 0, qPrintable(QString("removed token %1 drawn").arg(t)));
        continue;
      }
      const double sd = std::sqrt(n * p * (1 - p));
      QVERIFY2(std::fabs(counts[t] - n * p) <= 5 * sd + 1, qPrintable(QString("token %1: %2 draws for p=%3").arg(t).arg(counts[t]).arg(p)));
    }
  }
};

QTEST_GUILESS_MAIN(TestSampling)
#include "test_sampling.moc"
