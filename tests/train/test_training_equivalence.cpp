// Training equivalence (issue 5 proof): the same tiny Llama, pre-tokenized data, starting adapter
// and hyper-parameters as a PEFT + transformers reference loop (tests/reference/
// make_training_reference.py; CPU, fp32, no shuffling, no dropout) give per-step losses within
// 1e-6 relative for 20 steps, the same learning rates and pre-clip gradient norms within 1e-3
// (relative; equal to the bit on the two scenarios whose gradients are, on a CPU with AVX-512). Two scenarios
// on the tiny Llama: cosine + warm-up + accumulation + weight decay; LoRA+ (rsLoRA, all-linear) + linear +
// hard clipping. And one per model family on its tiny model (LoRA on every linear layer, the first
// scenario's optimiser): Qwen3, SmolLM3, Gemma 2 (soft-capped attention and logits), Gemma 3, OLMo 2, Granite,
// Phi-3 (fused projections), Qwen3-MoE (routed experts; attention LoRA only, as PEFT 0.21 trains
// expert LoRA in another parametrisation). LoHa and LoKr (decompose_both) with the first scenario's
// optimiser on the tiny Llama.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <cstring>

#include "peftdesk/json_file.h"
#include "peftdesk/safetensors.h"

#include "test_support.h"
#include "train_test_util.h"

using namespace peftdesk::test;

class TestTrainingEquivalence : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void perStepLossesMatchReference_data() {
    QTest::addColumn<QString>("scenario");
    QTest::newRow("cosine_accum") << "cosine_accum";
    QTest::newRow("loraplus_linear_clip") << "loraplus_linear_clip";
    QTest::newRow("loha_cosine") << "loha_cosine";
    QTest::newRow("lokr_cosine") << "lokr_cosine";
    QTest::newRow("pissa_cosine") << "pissa_cosine";
    QTest::newRow("adalora_cosine") << "adalora_cosine";
    for (const char* family : {"qwen3", "smollm3", "gemma2", "gemma3", "olmo2", "granite", "phi3", "qwen3_moe"})
      QTest::newRow(family) << QString("family_%1").arg(family);
  }
  void perStepLossesMatchReference() {
    QFETCH(QString, scenario);
    const QJsonArray reference = readJsonObject(trainingFixture(scenario + "/reference.json")).value("steps").toArray();
    QCOMPARE(reference.size(), qsizetype(20));
    const QString runDir = tmp_.path() + "/" + scenario;
    const QString runJson = tmp_.path() + "/" + scenario + ".json";
    writeJson(runJson, scenarioRun(scenario, runDir));
    const auto r = runCli({"train", runJson, "--quiet"}, 300000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const auto rows = metricsRows(runDir);
    QCOMPARE(rows.size(), reference.size());
    double maxLossDiff = 0, maxLossRel = 0, maxLrDiff = 0, maxNormRel = 0;
    for (int i = 0; i < rows.size(); ++i) {
      const QJsonObject ref = reference[i].toObject();
      QCOMPARE(rows[i].value("step").toInt(), i + 1);
      const double lossDiff = std::fabs(rows[i].value("loss").toDouble() - ref.value("loss").toDouble());
      maxLossDiff = std::max(maxLossDiff, lossDiff);
      maxLossRel = std::max(maxLossRel, lossDiff / std::fabs(ref.value("loss").toDouble()));
      maxLrDiff = std::max(maxLrDiff, std::fabs(rows[i].value("lr").toDouble() - ref.value("lr").toDouble()));
      const double refNorm = ref.value("grad_norm").toDouble();
      maxNormRel = std::max(maxNormRel, std::fabs(rows[i].value("grad_norm").toDouble() - refNorm) / refNorm);
    }
    qInfo("%s: max |loss - reference| %.3g (%.3g relative), max |lr - reference| %.3g, max relative grad-norm difference %.3g",
          qPrintable(scenario), maxLossDiff, maxLossRel, maxLrDiff, maxNormRel);
    // Where the difference comes from (measured 2026-12-03): the logged loss is reduced differently
    // — the reference rounds each micro-batch's mean to float32 and sums those, we sum the float32
    // cross-entropy sums in double and divide once — which alone moves it by up to 2.5e-7 relative
    // on a trajectory that is otherwise the same to the bit (cosine_accum and Phi-3: every
    // gradient norm equal for all 20 steps). On the other families the gradients differ in the
    // last bits from step 1 (the backward's op order, test_peft_parity's gradient check), and that
    // grows through the updates: grad norms up to 2.3e-4 relative (Gemma 3), losses up to 4.5e-7.
    QVERIFY2(maxLossRel <= 1e-6, qPrintable(QString::number(maxLossRel)));
    QVERIFY2(maxLrDiff <= 1e-15, qPrintable(QString::number(maxLrDiff)));
    if (scenario == "cosine_accum" || scenario == "family_phi3") {
      // Equal to the bit where it was measured, a CPU with AVX-512 (2026-12-03). On an AVX2-only
      // CPU (an AMD EPYC, 2026-12-04) the same binary — and the one before the optimizer table —
      // gets step 1 to the bit but gradients that differ in the last bit from step 2 (the
      // backward's CPU kernels there): 7.3e-7 / 2.9e-6 relative measured, held to 1e-5 there.
      if (__builtin_cpu_supports("avx512f")) {
        QCOMPARE(maxNormRel, 0.0);
      } else {
        qInfo("%s: no AVX-512 on this CPU: grad norms held to 1e-5 relative instead of == 0", qPrintable(scenario));
        QVERIFY2(maxNormRel <= 1e-5, qPrintable(QString::number(maxNormRel)));
      }
    } else {
      QVERIFY2(maxNormRel < 1e-3, qPrintable(QString::number(maxNormRel)));
    }
    // The run trained something: the last steps' losses are below the first ones' (the family runs
    // are about equality with the reference; OLMo 2's tiny model barely moves in 20 steps).
    if (!scenario.startsWith("family_")) QVERIFY(rows.last().value("loss").toDouble() < rows.first().value("loss").toDouble());
    QVERIFY(QFile::exists(runDir + "/adapter/adapter_model.safetensors"));
    if (scenario.startsWith("adalora")) {
      // The rank allocation pruned as PEFT's did: the same rank_pattern (the losses above differ
      // from step 5 on if one mask differs), the same kept shapes, values within 1e-4 relative.
      const nlohmann::json ours = peftdesk::readJsonFile((runDir + "/adapter/adapter_config.json").toStdString());
      const nlohmann::json peft = peftdesk::readJsonFile(trainingFixture(scenario + "/final_adapter/adapter_config.json").toStdString());
      QVERIFY(peft["rank_pattern"].is_object() && !peft["rank_pattern"].empty());
      QVERIFY2(ours["rank_pattern"] == peft["rank_pattern"], ours["rank_pattern"].dump().c_str());
      const auto mine = peftdesk::SafetensorsFile::open((runDir + "/adapter/adapter_model.safetensors").toStdString());
      const auto theirs = peftdesk::SafetensorsFile::open(trainingFixture(scenario + "/final_adapter/adapter_model.safetensors").toStdString());
      QCOMPARE(mine->tensors().size(), theirs->tensors().size());
      double worst = 0;
      for (const auto& t : theirs->tensors()) {
        const peftdesk::TensorInfo* u = mine->find(t.name);
        QVERIFY2(u && u->shape == t.shape, t.name.c_str());
        const std::vector<float> a = floatTensor(*mine, t.name), b = floatTensor(*theirs, t.name);
        double maxRef = 0, maxDiff = 0;
        for (size_t i = 0; i < b.size(); ++i) {
          maxRef = std::max(maxRef, std::fabs(double(b[i])));
          maxDiff = std::max(maxDiff, std::fabs(double(a[i]) - double(b[i])));
        }
        if (maxRef > 0) worst = std::max(worst, maxDiff / maxRef);
      }
      qInfo("%s: final adapter, largest |ours - PEFT| / max |PEFT| per tensor = %.3g", qPrintable(scenario), worst);
      QVERIFY2(worst <= 1e-4, qPrintable(QString::number(worst)));
      QCOMPARE(readJsonObject(runDir + "/status.json").value("state").toString(), QString("finished"));
      return;
    }
    // Every tensor the run trained moved away from where both runs started. A PiSSA run saves the
    // converted rank-2r LoRA: its trained half is lora_A's first r rows and lora_B's first r columns.
    {
      const auto start = peftdesk::SafetensorsFile::open(trainingFixture(scenario + "/init_adapter/adapter_model.safetensors").toStdString());
      const auto end = peftdesk::SafetensorsFile::open((runDir + "/adapter/adapter_model.safetensors").toStdString());
      int moved = 0, tensors = 0;
      for (const auto& t : start->tensors()) {
        ++tensors;
        const peftdesk::TensorInfo* u = end->find(t.name);
        QVERIFY2(u, t.name.c_str());
        std::vector<float> trained = floatTensor(*end, u->name);
        const std::vector<float> initial = floatTensor(*start, t.name);
        if (scenario.startsWith("pissa")) {
          QCOMPARE(trained.size(), 2 * initial.size());
          std::vector<float> half;
          const int64_t rows = t.shape[0], cols = t.shape[1];
          for (int64_t i = 0; i < rows; ++i)
            for (int64_t j = 0; j < cols; ++j) half.push_back(u->shape[0] == 2 * rows ? trained[i * cols + j] : trained[i * 2 * cols + j]);
          trained = half;
        }
        QCOMPARE(trained.size(), initial.size());
        moved += trained != initial ? 1 : 0;
      }
      QVERIFY(tensors > 0);
      QVERIFY2(moved == tensors, qPrintable(QString("%1 of %2 tensors changed").arg(moved).arg(tensors)));
    }
    QCOMPARE(readJsonObject(runDir + "/status.json").value("state").toString(), QString("finished"));
  }
};

QTEST_GUILESS_MAIN(TestTrainingEquivalence)
#include "test_training_equivalence.moc"
