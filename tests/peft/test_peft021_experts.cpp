// PEFT 0.21's LoRA on transformers 5's fused Qwen3-MoE experts (core/peft/fused_experts.cpp),
// against a committed adapter and the logits PEFT 0.21.2 + transformers 5.25 computed with it
// (tests/data/peft021_qwen3_moe, made by tests/reference/make_peft021_moe_fixture.py): loaded into
// PeftDesk's per-expert modules the logits agree (the adapter itself moves them by ~0.9), also
// re-exported (in the same fused layout, tensors bit for bit) and merged into the weights; a
// config naming another fused parameter is refused by name; combining such an adapter is refused;
// as a method to train, dropout is refused (as PEFT does) and `params` counts what the file holds.
// (Training it against PEFT 0.21 live: test_training_equivalence's Qwen3-MoE run; counts and
// gradients: test_peft_parity.)
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

    // Re-exported, the adapter is written back in its own fused layout: the same config, every
    // tensor bit for bit (splitting into experts and fusing back only moves values), the same logits;
    // merged into the weights, too.
    auto r = test::runCli({"export", dir() + "/base", "--adapter", dir() + "/adapter", "--out", tmp_.filePath("re-exported")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    std::ifstream original((dir() + "/adapter/adapter_config.json").toStdString()), again(tmp_.filePath("re-exported/adapter_config.json").toStdString());
    const nlohmann::json originalConfig = nlohmann::json::parse(original), againConfig = nlohmann::json::parse(again);
    QCOMPARE(againConfig["target_parameters"], originalConfig["target_parameters"]);
    QCOMPARE(againConfig["target_modules"], originalConfig["target_modules"]);
    QCOMPARE(againConfig["rank_pattern"], originalConfig["rank_pattern"]);
    const auto before = SafetensorsFile::open((dir() + "/adapter/adapter_model.safetensors").toStdString());
    const auto after = SafetensorsFile::open(tmp_.filePath("re-exported/adapter_model.safetensors").toStdString());
    QCOMPARE(after->tensors().size(), before->tensors().size());
    for (const auto& t : before->tensors()) {
      const TensorInfo* u = after->find(t.name);
      QVERIFY2(u && u->shape == t.shape, t.name.c_str());
      QVERIFY2(test::floatTensor(*after, t.name) == test::floatTensor(*before, t.name), t.name.c_str());
    }
    QVERIFY(test::maxAbsDiff(forward({"--adapter", tmp_.filePath("re-exported")}), ours) == 0.0);
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
    // As a method to train, with dropout, which PEFT's LoRA on fused parameters cannot have: refused
    // by name (without it `params` counts what the adapter file holds).
    c = nlohmann::json::parse(std::ifstream((dir() + "/adapter/adapter_config.json").toStdString()));
    c["lora_dropout"] = 0.1;
    std::ofstream(bad.toStdString() + "/adapter_config.json") << c.dump();
    r = test::runCli({"params", dir() + "/base", "--method", bad + "/adapter_config.json"});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.stderrText.contains("lora_dropout must be 0 with target_parameters"), qPrintable(r.stderrText));
    r = test::runCli({"params", dir() + "/base", "--method", dir() + "/adapter/adapter_config.json", "--json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    int64_t saved = 0;
    const auto file = SafetensorsFile::open((dir() + "/adapter/adapter_model.safetensors").toStdString());
    for (const auto& t : file->tensors()) {
      int64_t n = 1;
      for (const int64_t d : t.shape) n *= d;
      saved += n;
    }
    QCOMPARE(nlohmann::json::parse(r.stdoutText.toStdString())["trainable_params"].get<int64_t>(), saved);
  }

  // rank_pattern keys meet the per-expert expansion: one that names a per-expert projection
  // ("gate_proj") does not change the fused parameters' rank (PEFT matches patterns against the
  // fused names: the count stays that of the file), and one that matches experts and other modules
  // alike is refused by name rather than giving gate and up different ranks.
  void rankPatternKeysAndFusedExperts() {
    const nlohmann::json original = nlohmann::json::parse(std::ifstream((dir() + "/adapter/adapter_config.json").toStdString()));
    const auto count = [&](const nlohmann::json& config, QString* error) -> int64_t {
      const QString path = tmp_.filePath("pattern-method.json");
      std::ofstream(path.toStdString()) << config.dump();
      const auto r = test::runCli({"params", dir() + "/base", "--method", path, "--json"});
      if (r.exitCode != 0) {
        *error = r.stderrText;
        return -1;
      }
      return nlohmann::json::parse(r.stdoutText.toStdString())["trainable_params"].get<int64_t>();
    };
    QString error;
    const int64_t plain = count(original, &error);
    QVERIFY2(plain > 0, qPrintable(error));
    nlohmann::json named = original;
    named["rank_pattern"]["gate_proj"] = 2;
    QCOMPARE(count(named, &error), plain);
    nlohmann::json both = original;
    both["rank_pattern"][".*"] = 6;
    QCOMPARE(count(both, &error), int64_t(-1));
    QVERIFY2(error.contains("matches both the experts' modules and others") && error.contains("rank_pattern"), qPrintable(error));
  }
};

QTEST_GUILESS_MAIN(TestPeft021Experts)
#include "test_peft021_experts.moc"
