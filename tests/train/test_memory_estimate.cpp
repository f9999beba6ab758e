// The memory estimate of `train --dry-run --json` against what a run really takes: LoRA (bf16; fp32
// on a CPU without AVX-512, see computeDtype) and
// QLoRA (NF4 base, gradient checkpointing) on two model sizes, without and with LoRA dropout, each
// against the peak resident memory of a real 3-step `peftdesk-cli train` process (its
// peak_rss_bytes, VmHWM): LoRA within 15 %, checkpointed QLoRA within 20 % (see the data rows).
// One CPU thread: with more, the same run's peak varies by ~10 % from run to run (the order in
// which threads free memory). Also the shape of the estimate: parts sum to the peak,
// checkpointing and 4-bit shrink what they should, a GPU adds its runtime and slack.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "peftdesk/memory_estimate.h"
#include "peftdesk/model.h"
#include "peftdesk/parameter_plan.h"
#include "test_support.h"
#include "train_test_util.h"

using namespace peftdesk;

namespace {

double mib(double bytes) { return bytes / (1024.0 * 1024.0); }

// The compute dtype of the runs: bf16 as users run it, where the CPU has AVX-512 (where these bounds
// were measured, 2026-12-03). Without it LibTorch's bf16 matrix products are about 20 times slower
// (one step of the small LoRA run: 207 s in bf16, 9 s in fp32, an AVX2-only AMD EPYC, 2026-12-04),
// past the test's time: there the same runs are checked in fp32.
const char* computeDtype() { return __builtin_cpu_supports("avx512f") ? "bf16" : "fp32"; }

}  // namespace

class TestMemoryEstimate : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

  QString model(const char* name) { return test::fixturesDir() + "/memory_models/" + name; }

  QString runFile(const QString& name, const QString& modelDir, bool qlora, double dropout = 0.0) {
    QJsonObject m{{"path", modelDir}};
    if (qlora) m["quantization"] = QJsonObject{{"bits", 4}, {"type", "nf4"}, {"double_quant", true}, {"compute_dtype", computeDtype()}};
    const QString path = tmp_.filePath(name + ".json");
    test::writeJson(path, QJsonObject{{"model", m},
                                      {"method", QJsonObject{{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 16}, {"lora_alpha", 32},
                                                             {"lora_dropout", dropout}, {"target_modules", "all-linear"}}},
                                      {"data", QJsonObject{{"path", test::sourceDir() + "/resources/demo/data/demo_alpaca.json"},
                                                           {"cutoff_len", 512}, {"packing", true}}},
                                      {"train", QJsonObject{{"max_steps", 3}, {"per_device_train_batch_size", 4},
                                                            {"gradient_accumulation_steps", 1}, {"precision", computeDtype()},
                                                            {"gradient_checkpointing", qlora}, {"save_steps", 0}, {"num_threads", 1},
                                                            {"device", "cpu"}}},
                                      {"output_dir", tmp_.filePath(name)}});
    return path;
  }

 private slots:
  void estimateIsCloseToPeakRss_data() {
    QTest::addColumn<QString>("size");
    QTest::addColumn<bool>("qlora");
    QTest::addColumn<double>("dropout");
    QTest::addColumn<double>("tolerance");
    // The checkpointed QLoRA runs' own peak moves most between identical runs: 1,095-1,250 MiB for
    // the medium one across processes of one binary (632-723 MiB for the small one), so they are
    // held to 20 %, the LoRA runs to the goal of 15 %.
    QTest::newRow("small LoRA") << "small" << false << 0.0 << 0.15;
    QTest::newRow("small QLoRA checkpointed") << "small" << true << 0.0 << 0.20;
    QTest::newRow("medium LoRA, dropout 0.05") << "medium" << false << 0.05 << 0.15;
    QTest::newRow("medium QLoRA checkpointed, dropout 0.05") << "medium" << true << 0.05 << 0.20;
  }

  void estimateIsCloseToPeakRss() {
    QFETCH(QString, size);
    QFETCH(bool, qlora);
    QFETCH(double, dropout);
    QFETCH(double, tolerance);
    const QString name = size + (qlora ? "-qlora" : "-lora");
    const QString run = runFile(name, model(size.toUtf8().constData()), qlora, dropout);

    const auto dry = test::runCli({"train", run, "--dry-run", "--json"});
    QVERIFY2(dry.exitCode == 0, qPrintable(dry.stderrText));
    const QJsonObject doc = QJsonDocument::fromJson(dry.stdoutText.toUtf8()).object();
    const QJsonObject estimate = doc.value("estimate").toObject();
    const double peak = estimate.value("peak_bytes").toDouble();
    double sum = 0;
    const QJsonObject parts = estimate.value("parts").toObject();
    for (auto it = parts.begin(); it != parts.end(); ++it) sum += it.value().toDouble();
    QCOMPARE(sum, peak);
    for (const char* key : {"runtime", "weights", "adapters", "gradients", "optimizer", "activations", "head", "backward"})
      QVERIFY2(parts.value(key).toDouble() > 0, key);
    QVERIFY(!QDir(tmp_.filePath(name)).exists());  // a dry run writes nothing

    const auto trained = test::runCli({"train", run, "--quiet"}, 600000);
    QVERIFY2(trained.exitCode == 0, qPrintable(trained.stderrText));
    double measured = 0;  // the trainer's own peak_rss_bytes (VmHWM) in its last metrics row
    for (const QJsonObject& row : test::metricsRows(tmp_.filePath(name))) measured = std::max(measured, row.value("peak_rss_bytes").toDouble());
    QVERIFY(measured > 0);
    const double ratio = peak / measured;
    qInfo("%s (%s): estimate %.0f MiB, measured peak RSS %.0f MiB (estimate / measured = %.3f)", qPrintable(name), computeDtype(), mib(peak), mib(measured),
          ratio);
    QVERIFY2(std::fabs(ratio - 1.0) <= tolerance, qPrintable(QStringLiteral("estimate / measured = %1").arg(ratio)));
  }

  // The formula's shape on one model, no run needed.
  void partsMoveTheWayTheyShould() {
    RunConfig c;
    c.modelPath = model("medium").toStdString();
    c.method = {{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 16}, {"lora_alpha", 32}, {"target_modules", "all-linear"}};
    c.precision = ComputeDType::BF16;
    const ModelInfo info = inspectModel(c.modelPath);
    const ParameterReport report = planParameters(c);
    BatchShape batch{4, 512, 0.5, 0};
    auto part = [](const MemoryEstimate& m, const std::string& key) {
      for (const MemoryPart& p : m.parts)
        if (p.key == key) return static_cast<double>(p.bytes);
      return -1.0;
    };
    const MemoryEstimate plain = estimateTrainingMemory(c, info, report, batch, false, 100 << 20);
    QCOMPARE(part(plain, "adapters"), 4.0 * static_cast<double>(report.trainableParams));
    QCOMPARE(part(plain, "optimizer"), 8.0 * static_cast<double>(report.trainableParams));
    QCOMPARE(part(plain, "weights"), 2.0 * static_cast<double>(info.numParameters));  // all embedding rows: distinct ids unknown

    BatchShape doubled = batch;
    doubled.rows = 8;
    const MemoryEstimate wider = estimateTrainingMemory(c, info, report, doubled, false, 100 << 20);
    QCOMPARE(part(wider, "activations"), 2.0 * part(plain, "activations"));

    c.gradientCheckpointing = true;
    const MemoryEstimate checkpointed = estimateTrainingMemory(c, info, report, batch, false, 100 << 20);
    QVERIFY(part(checkpointed, "activations") < part(plain, "activations") / 2);

    c.quantization.enabled = true;
    const MemoryEstimate fourBit = estimateTrainingMemory(c, info, report, batch, false, 100 << 20);
    // Each linear weight: 2 bytes dense, half a byte plus an absmax byte per 64 values in 4 bits.
    QCOMPARE(part(plain, "weights") - part(fourBit, "weights"), std::round(static_cast<double>(info.linearParameters) * (2.0 - 0.5 - 1.0 / 64)));

    // A start from the base keeps a frozen copy of A and B ("OLoRA" is olora, as PEFT reads it).
    RunConfig started = c;
    started.quantization.enabled = false;
    started.method["init_lora_weights"] = "OLoRA";
    QCOMPARE(part(estimateTrainingMemory(started, info, report, batch, false, 100 << 20), "adapters"), 8.0 * static_cast<double>(report.trainableParams));
    // AdaLoRA's allocator keeps two fp32 estimates per adapter element; other methods have no such part.
    RunConfig adalora = started;
    adalora.method = {{"peft_type", "ADALORA"}, {"task_type", "CAUSAL_LM"}, {"init_r", 8}, {"target_modules", "all-linear"}};
    const ParameterReport adaloraReport = planParameters(adalora);
    QCOMPARE(part(estimateTrainingMemory(adalora, info, adaloraReport, batch, false, 100 << 20), "method_state"),
             8.0 * static_cast<double>(adaloraReport.trainableParams));
    QCOMPARE(part(plain, "method_state"), -1.0);

    const MemoryEstimate gpu = estimateTrainingMemory(c, info, report, batch, true, 0);
    QVERIFY(part(gpu, "runtime") > 0 && part(gpu, "allocator") > 0);
    double sum = 0;
    for (const MemoryPart& p : gpu.parts) sum += static_cast<double>(p.bytes);
    QCOMPARE(static_cast<double>(gpu.peakBytes), sum);
  }

  void textDryRunShowsEachPart() {
    const auto r = test::runCli({"train", runFile("text", model("small"), true), "--dry-run"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    for (const char* s : {"memory at the peak (estimate):", "base weights (4-bit nf4)", "(gradient checkpointing)",
                          "AdamW moments", "output head and loss"})
      QVERIFY2(r.stdoutText.contains(s), qPrintable(r.stdoutText));
  }
};

QTEST_GUILESS_MAIN(TestMemoryEstimate)
#include "test_memory_estimate.moc"
