// The adapter commands from the command line: params output (text in PEFT's format and the
// stable JSON), and bad adapters / method files that must fail with one clear line, a non-zero
// exit code and nothing written.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "test_support.h"

namespace {
QString model() { return peftdesk::test::fixturesDir() + "/models/llama_gqa"; }
QString peftCase(const QString& c) { return peftdesk::test::fixturesDir() + "/peft/" + c; }

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content) {
  const QString path = dir.path() + "/" + name;
  QDir().mkpath(QFileInfo(path).path());
  QFile f(path);
  f.open(QIODevice::WriteOnly);
  f.write(content);
  return path;
}
}  // namespace

class TestCliAdapters : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

  void expectFailure(const QStringList& args, const QStringList& mustContain, int exitCode = 1) {
    const auto r = peftdesk::test::runCli(args);
    QVERIFY2(r.exitCode == exitCode, qPrintable(QString("exit %1: %2").arg(r.exitCode).arg(r.stderrText)));
    const QString line = r.stderrText.trimmed();
    QVERIFY2(!line.contains('\n'), qPrintable(line));
    for (const auto& s : mustContain) QVERIFY2(line.contains(s), qPrintable("'" + s + "' not in: " + line));
  }

 private slots:
  void paramsTextAndJson() {
    auto r = peftdesk::test::runCli({"params", model(), "--method", peftCase("dora") + "/adapter/adapter_config.json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QVERIFY2(r.stdoutText.startsWith("trainable params: 5,760 || all params: 112,576 || trainable%: 5.1165"), qPrintable(r.stdoutText));
    r = peftdesk::test::runCli({"params", model(), "--method", peftCase("lora_patterns_layers") + "/adapter", "--json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const QJsonObject j = QJsonDocument::fromJson(r.stdoutText.toUtf8()).object();
    QCOMPARE(j.value("trainable_params").toInteger(), 1920);
    QCOMPARE(j.value("all_params").toInteger(), 108736);
    QCOMPARE(j.value("peft_type").toString(), QString("LORA"));
    QVERIFY(j.value("adapter_file_bytes").toInteger() > 1920 * 4);
    // The tree: layer 1 q_proj has a rank-6 A (rank_pattern), layer 0 has nothing trainable.
    bool sawQ = false;
    for (const auto& mv : j.value("modules").toArray()) {
      const QJsonObject m = mv.toObject();
      if (m.value("layer").toInt(-1) == 0) QCOMPARE(m.value("trainable_params").toInteger(), 0);
      if (m.value("module").toString() == "model.layers.1.self_attn.q_proj") {
        for (const auto& pv : m.value("params").toArray()) {
          const QJsonObject p = pv.toObject();
          if (p.value("part").toString() == "lora_A") {
            QCOMPARE(p.value("shape").toArray(), (QJsonArray{6, 64}));
            QVERIFY(p.value("trainable").toBool());
            sawQ = true;
          }
        }
      }
    }
    QVERIFY(sawQ);
  }

  void unmatchedTargetsReported() {
    const QString m = writeFile(tmp_, "partial.json", R"({"peft_type": "LORA", "r": 4, "target_modules": ["q_proj", "c_attn"]})");
    const auto r = peftdesk::test::runCli({"params", model(), "--method", m, "--json"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(r.stdoutText.toUtf8()).object().value("unmatched_targets").toArray(), QJsonArray{"c_attn"});
  }

  void badMethods() {
    expectFailure({"params", model(), "--method", writeFile(tmp_, "m1.json", R"({"peft_type": "VERA", "r": 4})")},
                  {"m1.json", "peft_type", "unsupported peft_type 'VERA'"});
    expectFailure({"params", model(), "--method", writeFile(tmp_, "m2.json", R"({"peft_type": "LORA", "r": 0})")},
                  {"m2.json", "field 'r'", "positive"});
    expectFailure({"params", model(), "--method", writeFile(tmp_, "m3.json", R"({"peft_type": "LORA", "target_modules": ["query", "value"]})")},
                  {"m3.json", "target_modules", "matched no module", "q_proj"});
    expectFailure({"params", model(), "--method", writeFile(tmp_, "m4.json", R"({"peft_type": "LORA", )")}, {"m4.json", "invalid JSON"});
    expectFailure({"params", model(), "--method", tmp_.path() + "/missing.json"}, {"missing.json", "not found"});
  }

  void badAdapters() {
    // Adapter for a different base: GPT-2 LoRA on a Llama model (targets match nothing) and a
    // Llama adapter on the Qwen2 model with other shapes (shape mismatch names the tensor).
    const QString out = tmp_.path() + "/never.safetensors";
    expectFailure({"forward", model(), "--adapter", peftCase("lora_gpt2") + "/adapter", "--ids", "1,2", "--out", out},
                  {"adapter_config.json", "matched no module"});
    QTemporaryDir other;
    QFile::copy(peftCase("lora_qv_default") + "/adapter/adapter_config.json", other.path() + "/adapter_config.json");
    QFile::copy(peftCase("lora_qv_default") + "/adapter/adapter_model.safetensors", other.path() + "/adapter_model.safetensors");
    expectFailure({"forward", peftdesk::test::fixturesDir() + "/models/llama_odd_headdim", "--adapter", other.path(), "--ids", "1,2", "--out", out},
                  {"adapter_model.safetensors", "q_proj.lora_A.weight", "different base"});
    // Corrupt adapter file.
    QFile f(other.path() + "/adapter_model.safetensors");
    QVERIFY(f.resize(f.size() / 2));
    expectFailure({"forward", model(), "--adapter", other.path(), "--ids", "1,2", "--out", out}, {"adapter_model.safetensors", "truncated"});
    // Tensor of another config: an IA3 file under a LoRA config.
    QFile::remove(other.path() + "/adapter_model.safetensors");
    QFile::copy(peftCase("ia3_default") + "/adapter/adapter_model.safetensors", other.path() + "/adapter_model.safetensors");
    expectFailure({"forward", model(), "--adapter", other.path(), "--ids", "1,2", "--out", out}, {"adapter_model.safetensors", "missing"});
    QVERIFY(!QFile::exists(out));
    // Pickle adapters are refused.
    QFile::remove(other.path() + "/adapter_model.safetensors");
    writeFile(other, "adapter_model.bin", "pickle");
    expectFailure({"generate", model(), "--adapter", other.path(), "--ids", "1,2"}, {"adapter_model.bin", "pickle"});
    // Export into nothing: no folder is created by a failing export.
    expectFailure({"export", model(), "--adapter", other.path(), "--out", tmp_.path() + "/exp", "--merge"}, {"pickle"});
    QVERIFY(!QDir(tmp_.path() + "/exp").exists());
  }
};

QTEST_GUILESS_MAIN(TestCliAdapters)
#include "test_cli_adapters.moc"
