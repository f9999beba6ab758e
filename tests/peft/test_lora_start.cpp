// PiSSA and OLoRA starts of LoRA (init_lora_weights pissa / pissa_niter_N / olora) beyond what
// test_peft_parity checks for every fixture (counts, PEFT's raw adapters loaded by us, our saved
// adapters in PEFT, gradients; merges in test_export): our start equals PEFT's (A₀ and B₀ up to the
// sign of each singular pair, their product), starts as a no-op, the file we save is PEFT's
// converted plain LoRA (config keys, shapes, update s·(BA − B₀A₀)), pissa_niter_N's randomized start
// is as good as the exact one, and every combination we do not offer is refused by field.
#include <ATen/ATen.h>

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "peftdesk/adapter_config.h"
#include "peftdesk/adapter_math.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "peftdesk/model.h"
#include "peftdesk/safetensors.h"
#include "test_support.h"

using namespace peftdesk;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const std::vector<std::string> kCases{"pissa_qv_down", "pissa_gpt2", "pissa_patterns", "olora_all_linear_rslora"};
const std::string kPrefix = "base_model.model.";

std::string peftCase(const std::string& name) { return (test::fixturesDir() + "/peft/").toStdString() + name; }
std::string caseBase(const std::string& name) {
  return (test::fixturesDir() + "/models/").toStdString() + readJsonFile(peftCase(name) + "/expected.json")["base"].get<std::string>();
}

at::Tensor tensorOf(const SafetensorsFile& f, const std::string& name) {
  const std::vector<float> v = test::floatTensor(f, name);
  return at::tensor(std::vector<double>(v.begin(), v.end()), at::kDouble).view(f.at(name).shape);
}

// Module names ("base_model.model.<module>.lora_A.weight" → "<module>") of an adapter file.
std::vector<std::string> modulesOf(const SafetensorsFile& f) {
  std::vector<std::string> out;
  const std::string leaf = ".lora_A.weight";
  for (const auto& info : f.tensors())
    if (info.name.size() > leaf.size() && info.name.compare(info.name.size() - leaf.size(), leaf.size(), leaf) == 0)
      out.push_back(info.name.substr(kPrefix.size(), info.name.size() - kPrefix.size() - leaf.size()));
  return out;
}

double relativeDiff(const at::Tensor& a, const at::Tensor& b) {
  const double scale = std::max(b.abs().max().item<double>(), 1e-30);
  return (a - b).abs().max().item<double>() / scale;
}

json fileJson(const fs::path& p) { return readJsonFile(p); }

}  // namespace

class TestLoraStart : public QObject {
  Q_OBJECT
 private slots:
  void startEqualsPeftsAndIsANoOp() {
    // A fresh adapter's saved file holds our A₀ in lora_A's rows r..2r and −B₀ in lora_B's
    // columns; PEFT's init/ folder holds its A₀ and B₀.
    const std::vector<std::vector<int32_t>> rows{{1, 5, 9, 3, 7, 2}};
    for (const std::string& name : kCases) {
      const json config = fileJson(peftCase(name) + "/adapter/adapter_config.json");
      auto model = Model::load(caseBase(name));
      const Logits plain = model->forward(rows);
      model->addAdapter("fresh", parseAdapterConfig(config, "adapter_config.json"), 11);
      model->setActiveAdapter("fresh");
      const double noOp = test::maxAbsDiff(model->forward(rows).values, plain.values);
      QVERIFY2(noOp <= 1e-6, qPrintable(QString::fromStdString(name) + ": fresh adapter moves the logits by " + QString::number(noOp)));
      QTemporaryDir tmp;
      model->saveAdapter("fresh", tmp.path().toStdString());
      const auto ours = SafetensorsFile::open(tmp.path().toStdString() + "/adapter_model.safetensors");
      const auto peft = SafetensorsFile::open(peftCase(name) + "/init/adapter_model.safetensors");
      const bool olora = name.rfind("olora", 0) == 0;
      double worstProduct = 0, worstFactor = 0;
      for (const std::string& m : modulesOf(*peft)) {
        const at::Tensor a0 = tensorOf(*peft, kPrefix + m + ".lora_A.weight"), b0 = tensorOf(*peft, kPrefix + m + ".lora_B.weight");
        const int64_t r = a0.size(0);
        const at::Tensor ourA = tensorOf(*ours, kPrefix + m + ".lora_A.weight"), ourB = tensorOf(*ours, kPrefix + m + ".lora_B.weight");
        QCOMPARE(ourA.size(0), 2 * r);
        // Trainable half = start half at step 0.
        QVERIFY(at::equal(ourA.slice(0, 0, r), ourA.slice(0, r, 2 * r)));
        QVERIFY(at::equal(ourB.slice(1, 0, r), -ourB.slice(1, r, 2 * r)));
        const at::Tensor a = ourA.slice(0, r, 2 * r), b = -ourB.slice(1, r, 2 * r);
        worstProduct = std::max(worstProduct, relativeDiff(b.matmul(a), b0.matmul(a0)));
        // Singular pairs are defined up to a joint sign (PiSSA); QR's is the backend's (OLoRA).
        const at::Tensor sign = olora ? at::ones({r, 1}, at::kDouble) : at::sign((a * a0).sum(1, true));
        worstFactor = std::max({worstFactor, relativeDiff(a * sign, a0), relativeDiff(b * sign.t(), b0)});
      }
      qInfo("%s: start vs PEFT: B0A0 %.3g, factors %.3g (relative to their largest entry)", name.c_str(), worstProduct, worstFactor);
      QVERIFY2(worstProduct <= 1e-5 && worstFactor <= 1e-5, name.c_str());  // measured 0 and 0 (same LAPACK as the reference)
    }
  }

  void savedFileIsPeftsConvertedLora() {
    const std::vector<std::vector<int32_t>> rows = test::idRows(QJsonArray{QJsonArray{1, 5, 9, 3, 7, 2}});
    for (const std::string& name : kCases) {
      auto model = Model::load(caseBase(name));
      model->loadAdapter(peftCase(name) + "/adapter", "raw");
      QTemporaryDir tmp;
      const fs::path ours = tmp.path().toStdString();
      model->saveAdapter("raw", ours);
      const fs::path peftDir = peftCase(name) + "/converted";
      const json mine = fileJson(ours / "adapter_config.json"), theirs = fileJson(peftDir / "adapter_config.json");
      for (const char* key : {"r", "lora_alpha", "init_lora_weights", "rank_pattern", "alpha_pattern", "use_rslora"})
        QVERIFY2(mine.value(key, json()) == theirs.value(key, json()),
                 qPrintable(QString("%1 %2: ours %3, PEFT %4").arg(name.c_str(), key, mine.value(key, json()).dump().c_str(), theirs.value(key, json()).dump().c_str())));
      const auto a = SafetensorsFile::open(ours / "adapter_model.safetensors");
      const auto b = SafetensorsFile::open(peftDir / "adapter_model.safetensors");
      QCOMPARE(a->tensors().size(), b->tensors().size());
      double worst = 0;
      for (const std::string& m : modulesOf(*b)) {
        const std::string A = kPrefix + m + ".lora_A.weight", B = kPrefix + m + ".lora_B.weight";
        QCOMPARE(a->at(A).shape, b->at(A).shape);
        QCOMPARE(a->at(B).shape, b->at(B).shape);
        worst = std::max(worst, relativeDiff(tensorOf(*a, B).matmul(tensorOf(*a, A)), tensorOf(*b, B).matmul(tensorOf(*b, A))));
      }
      qInfo("%s: converted update B'A' vs PEFT's: %.3g relative", name.c_str(), worst);
      QVERIFY2(worst <= 1e-5, name.c_str());
      // PEFT's converted folder is a plain LoRA: we load it exactly; ours gives the same function.
      const auto expected = SafetensorsFile::open(peftCase(name) + "/expected.safetensors");
      const auto fixtureRows = test::idRows(test::readJsonObject(QString::fromStdString(peftCase(name) + "/expected.json")).value("rows").toArray());
      auto fresh = Model::load(caseBase(name));
      fresh->loadAdapter(peftDir, "peft");
      fresh->loadAdapter(ours, "ours");
      fresh->setActiveAdapter("peft");
      QCOMPARE(test::maxDiffOnRealTokens(fresh->forward(fixtureRows), test::floatTensor(*expected, "converted_logits"), fixtureRows), 0.0);
      fresh->setActiveAdapter("ours");
      const double d = test::maxDiffOnRealTokens(fresh->forward(fixtureRows), test::floatTensor(*expected, "converted_logits"), fixtureRows);
      qInfo("%s: our converted file vs PEFT's, logits %.3g", name.c_str(), d);
      QVERIFY2(d <= 5e-7, name.c_str());
      // And it is what the raw adapter computed (s·(BA − B₀A₀) on the original base).
      model->setActiveAdapter("raw");
      fresh->setActiveAdapter("ours");
      QVERIFY(test::maxAbsDiff(fresh->forward(rows).values, model->forward(rows).values) <= 5e-7);
    }
  }

  void randomizedStartIsAsGoodAsTheExactOne() {
    // pissa_niter_4 (torch's svd_lowrank): the same seed gives the same start; the start is a
    // no-op; ‖W − s·B₀A₀‖ is within 1 % of the best rank-r error (the exact SVD's tail).
    const std::string modelDir = (test::fixturesDir() + "/models/llama_gqa").toStdString();
    const json config = {{"peft_type", "LORA"}, {"r", 4}, {"lora_alpha", 8}, {"target_modules", {"q_proj", "down_proj"}}, {"init_lora_weights", "pissa_niter_4"}};
    auto model = Model::load(modelDir);
    const std::vector<std::vector<int32_t>> rows{{1, 5, 9, 3, 7}};
    const Logits plain = model->forward(rows);
    model->addAdapter("a", parseAdapterConfig(config, "x"), 5);
    model->addAdapter("b", parseAdapterConfig(config, "x"), 5);
    model->setActiveAdapter("a");
    QVERIFY(test::maxAbsDiff(model->forward(rows).values, plain.values) <= 1e-6);
    QTemporaryDir tmp;
    const std::string da = tmp.path().toStdString() + "/a", db = tmp.path().toStdString() + "/b";
    model->saveAdapter("a", da);
    model->saveAdapter("b", db);
    const auto fa = SafetensorsFile::open(da + "/adapter_model.safetensors"), fb = SafetensorsFile::open(db + "/adapter_model.safetensors");
    const auto weights = SafetensorsFile::open(modelDir + "/model.safetensors");
    const std::vector<std::string> modules = modulesOf(*fa);
    QCOMPARE(modules.size(), size_t(4));
    for (const std::string& m : modules) {
      const std::string A = kPrefix + m + ".lora_A.weight", B = kPrefix + m + ".lora_B.weight";
      QVERIFY(at::equal(tensorOf(*fa, A), tensorOf(*fb, A)));
      const at::Tensor startA = tensorOf(*fa, A).slice(0, 4, 8), startB = -tensorOf(*fa, B).slice(1, 4, 8);
      const at::Tensor w = tensorOf(*weights, m + ".weight");
      const double residual = at::linalg_matrix_norm(w - 2.0 * startB.matmul(startA), "fro").item<double>();
      const at::Tensor sv = at::linalg_svdvals(w);
      const double best = sv.slice(0, 4).pow(2).sum().sqrt().item<double>();
      qInfo("%s: ||W - s B0 A0|| = %.6g, best rank-4 error %.6g", m.c_str(), residual, best);
      QVERIFY2(residual <= 1.01 * best, m.c_str());
    }
    // A raw pissa_niter file cannot be re-derived: its random basis is not in it.
    const fs::path raw = tmp.path().toStdString() + "/raw";
    fs::copy(da, raw, fs::copy_options::recursive);
    json cfg = fileJson(raw / "adapter_config.json");
    cfg["init_lora_weights"] = "pissa_niter_4";
    cfg["r"] = 8;
    std::ofstream(raw / "adapter_config.json") << cfg.dump();
    const QString e = test::errorOf([&] { model->loadAdapter(raw, "raw"); });
    QVERIFY2(e.contains("init_lora_weights") && e.contains("random basis"), qPrintable(e));
  }

  void unsupportedCombinationsAreRefusedByField() {
    const auto refused = [](const json& extra) {
      json c = {{"peft_type", "LORA"}, {"r", 4}, {"target_modules", {"q_proj"}}};
      c.update(extra);
      return test::errorOf([&] { parseAdapterConfig(c, "method.json"); });
    };
    for (const json& extra : {json{{"init_lora_weights", "pissa"}, {"use_dora", true}},
                              json{{"init_lora_weights", "olora"}, {"use_rslora", true}, {"rank_pattern", {{"q_proj", 2}}}},
                              json{{"init_lora_weights", "pissa_niter_x"}}}) {
      const QString e = refused(extra);
      QVERIFY2(e.contains("init_lora_weights") && e.contains("method.json"), qPrintable(QString::fromStdString(extra.dump()) + ": " + e));
    }
    QVERIFY(refused({{"init_lora_weights", "pissa_niter_16"}}).isEmpty());
    // A 4-bit base: PEFT computes the start in 16 or 32 bits and quantizes the residual afterwards.
    LoadOptions fourBit;
    fourBit.quantization.enabled = true;
    auto quantized = Model::load((test::fixturesDir() + "/models/llama_gqa").toStdString(), fourBit);
    const json pissa = {{"peft_type", "LORA"}, {"r", 4}, {"target_modules", {"q_proj"}}, {"init_lora_weights", "pissa"}};
    QString e = test::errorOf([&] { quantized->addAdapter("x", parseAdapterConfig(pissa, "method.json"), 1); });
    QVERIFY2(e.contains("init_lora_weights") && e.contains("4-bit"), qPrintable(e));
    QVERIFY(quantized->adapterNames().empty());
    // OLoRA on GPT-2's Conv1D: PEFT's olora_init does not transpose it.
    auto gpt2 = Model::load((test::fixturesDir() + "/models/gpt2_tiny").toStdString());
    const json olora = {{"peft_type", "LORA"}, {"r", 2}, {"target_modules", {"c_attn"}}, {"init_lora_weights", "olora"}, {"fan_in_fan_out", true}};
    e = test::errorOf([&] { gpt2->addAdapter("x", parseAdapterConfig(olora, "method.json"), 1); });
    QVERIFY2(e.contains("Conv1D") && e.contains("init_lora_weights"), qPrintable(e));
  }

  void compareNeedsTheConvertedFile() {
    // A raw file's update depends on the base it started from: Compare refuses it by field; the
    // converted file we write is analysed like any LoRA, with singular values of s·(BA − B₀A₀).
    const std::string raw = peftCase("pissa_qv_down") + "/adapter";
    const QString e = test::errorOf([&] { analyzeAdapterWeights(raw); });
    QVERIFY2(e.contains("init_lora_weights") && e.contains("export it as an adapter"), qPrintable(e));
    const AdapterWeightStats stats = analyzeAdapterWeights(peftCase("pissa_qv_down") + "/converted");
    QCOMPARE(stats.deltas.size(), size_t(6));
    for (const ModuleDelta& d : stats.deltas) QCOMPARE(d.rank, int64_t(8));
  }
};

QTEST_GUILESS_MAIN(TestLoraStart)
#include "test_lora_start.moc"
