// PEFT 0.21's LoRA on transformers 5's fused Qwen3-MoE experts (core/peft/fused_experts.cpp),
// against a committed adapter and the logits PEFT 0.21.2 + transformers 5.25 computed with it
// (tests/data/peft021_qwen3_moe, made by tests/reference/make_peft021_moe_fixture.py): loaded into
// PeftDesk's per-expert modules the logits agree (the adapter itself moves them by ~0.9), also
// re-exported (PEFT 0.17's per-expert layout) and merged into the weights; a
// config naming another fused parameter is refused by name; combining such an adapter is refused,
// and target_parameters is not accepted as a method to train.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "peftdesk/safetensors.h"
#include "test_support.h"

using namespace peftdesk;

class TestPeft021Experts : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  QString dir() const { return test::sourceDir() + "/tests/data/peft021_qwen3_moe"; }

  std::vector<float> forward(const QStringList& extra) {
    const QString out = tmp_.filePath("logits.safetensors");
    QFile::remove(out);
    QStringList args{"forward", dir() + "/base", "--ids", "5,17,3,200,42,9,77,128;1,2,3,4,5,6,7,8", "--out", out};
    args << extra;
    const auto r = test::runCli(args);
    if (r.exitCode != 0) {
      qWarning("%s", qPrintable(r.stderrText));
      return {};
    }
    return test::floatTensor(*SafetensorsFile::open(out.toStdString()), "logits");
  }

 private slots:
  void logitsEqualPeft021() {
    const auto expected = test::floatTensor(*SafetensorsFile::open((dir() + "/expected.safetensors").toStdString()), "logits");
    const auto ours = forward({"--adapter", dir() + "/adapter"});
    QCOMPARE(ours.size(), expected.size());
    const double diff = test::maxAbsDiff(ours, expected);
    QVERIFY2(diff <= 1e-5, qPrintable(QString::number(diff)));  // measured 3.3e-7 (2026-12-03; the base alone differs by 1.5e-7 between transformers 4.57 and 5.25)
    const double adapterEffect = test::maxAbsDiff(forward({}), expected);
    QVERIFY2(adapterEffect > 0.1, qPrintable(QString::number(adapterEffect)));

    // Re-exported, the adapter is in PEFT 0.17's per-expert layout (no target_parameters) with the
    // same logits; merged into the weights, too.
    auto r = test::runCli({"export", dir() + "/base", "--adapter", dir() + "/adapter", "--out", tmp_.filePath("per-expert")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QFile cfg(tmp_.filePath("per-expert/adapter_config.json"));
    QVERIFY(cfg.open(QIODevice::ReadOnly));
    const QByteArray cfgText = cfg.readAll();
    QVERIFY(!cfgText.contains("target_parameters") && cfgText.contains("experts.0.gate_proj"));
    QVERIFY(test::maxAbsDiff(forward({"--adapter", tmp_.filePath("per-expert")}), ours) == 0.0);
    r = test::runCli({"export", dir() + "/base", "--adapter", dir() + "/adapter", "--out", tmp_.filePath("merged"), "--merge", "--dtype", "fp32"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const QString out = tmp_.filePath("merged-logits.safetensors");
    r = test::runCli({"forward", tmp_.filePath("merged"), "--ids", "5,17,3,200,42,9,77,128;1,2,3,4,5,6,7,8", "--out", out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const double merged = test::maxAbsDiff(test::floatTensor(*SafetensorsFile::open(out.toStdString()), "logits"), expected);
    QVERIFY2(merged <= 1e-5, qPrintable(QString::number(merged)));  // measured 6.6e-7
  }

  void refusesWhatItCannotRead() {
    // Another fused parameter: refused by name.
    const QString bad = tmp_.filePath("bad");
    QDir().mkpath(bad);
    QFile::copy(dir() + "/adapter/adapter_model.safetensors", bad + "/adapter_model.safetensors");
    std::ifstream in((dir() + "/adapter/adapter_config.json").toStdString());
    nlohmann::json c = nlohmann::json::parse(in);
    c["target_parameters"] = {"gate_up_proj", "experts.w13"};
    std::ofstream(bad.toStdString() + "/adapter_config.json") << c.dump();
    auto r = test::runCli({"forward", dir() + "/base", "--adapter", bad, "--ids", "1,2,3", "--out", tmp_.filePath("x.safetensors")});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.stderrText.contains("target_parameters") && r.stderrText.contains("'experts.w13' is not supported"), qPrintable(r.stderrText));
    // Combining (and weight analysis) read adapters without a model: refused by name, no broken output.
    r = test::runCli({"combine", "--adapter", dir() + "/adapter", "--weight", "1", "--method", "cat", "--out", tmp_.filePath("comb")});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.stderrText.contains("target_parameters") && r.stderrText.contains("not yet combined"), qPrintable(r.stderrText));
    QVERIFY(!QFile::exists(tmp_.filePath("comb/adapter_model.safetensors")));
    // As a method to train (params counts what a run would train): not accepted.
    r = test::runCli({"params", dir() + "/base", "--method", dir() + "/adapter/adapter_config.json"});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.stderrText.contains("target_parameters") && r.stderrText.contains("only when a PEFT adapter is loaded"), qPrintable(r.stderrText));
  }
};

QTEST_GUILESS_MAIN(TestPeft021Experts)
#include "test_peft021_experts.moc"
