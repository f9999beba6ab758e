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
    // The counts PEFT printed for these adapters when the fixture was made (expected.json).
    const QJsonObject dora = peftdesk::test::readJsonObject(peftCase("dora") + "/expected.json");
    const qint64 doraTrainable = dora.value("trainable_params").toInteger(), doraAll = dora.value("all_params").toInteger();
    QVERIFY(doraTrainable > 0 && doraAll > doraTrainable);
    auto r = peftdesk::test::runCli({"params", model(), "--method", peftCase("dora") + "/adapter/adapter_config.json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    // PEFT's print_trainable_parameters line: thousands separators, percentage to 4 places.
    const QLocale english(QLocale::English);
    const QString line = QString("trainable params: %1 || all params: %2 || trainable%: %3")
                             .arg(english.toString(doraTrainable), english.toString(doraAll)).arg(100.0 * doraTrainable / doraAll, 0, 'f', 4);
    QVERIFY2(r.stdoutText.startsWith(line), qPrintable(r.stdoutText + " vs " + line));
    const QJsonObject patterns = peftdesk::test::readJsonObject(peftCase("lora_patterns_layers") + "/expected.json");
    r = peftdesk::test::runCli({"params", model(), "--method", peftCase("lora_patterns_layers") + "/adapter", "--json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const QJsonObject j = QJsonDocument::fromJson(r.stdoutText.toUtf8()).object();
    QCOMPARE(j.value("trainable_params").toInteger(), patterns.value("trainable_params").toInteger());
    QCOMPARE(j.value("all_params").toInteger(), patterns.value("all_params").toInteger());
    QCOMPARE(j.value("peft_type").toString(), QString("LORA"));
    QVERIFY(j.value("adapter_file_bytes").toInteger() > patterns.value("trainable_params").toInteger() * 4);
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

  void realModelSizesFromConfigAlone_data() {
    // spec §3.9 reference numbers (PEFT print_trainable_parameters on the real models); counted
    // from config.json alone, no weights.
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("expected");
    const QByteArray llama2 = R"({"model_type": "llama", "hidden_size": 4096, "intermediate_size": 11008, "num_hidden_layers": 32,
      "num_attention_heads": 32, "num_key_value_heads": 32, "vocab_size": 32000, "max_position_embeddings": 4096,
      "rms_norm_eps": 1e-05, "tie_word_embeddings": false})";
    const QByteArray qwen = R"({"model_type": "qwen2", "hidden_size": 896, "intermediate_size": 4864, "num_hidden_layers": 24,
      "num_attention_heads": 14, "num_key_value_heads": 2, "vocab_size": 151936, "max_position_embeddings": 32768,
      "rms_norm_eps": 1e-06, "rope_theta": 1000000.0, "tie_word_embeddings": true})";
    const QByteArray gpt2large = R"({"model_type": "gpt2", "n_embd": 1280, "n_layer": 36, "n_head": 20, "vocab_size": 50257, "n_positions": 1024})";
    QTest::newRow("Llama-2-7B LoRA r=8 q,v") << llama2 << QByteArray(R"({"peft_type": "LORA", "r": 8, "target_modules": ["q_proj", "v_proj"]})")
                                             << "trainable params: 4,194,304 || all params: 6,742,609,920 || trainable%: 0.0622";
    QTest::newRow("Qwen2.5-0.5B LoRA r=16 all-linear") << qwen << QByteArray(R"({"peft_type": "LORA", "r": 16, "target_modules": "all-linear"})")
                                                       << "trainable params: 8,798,208 || all params: 502,830,976 || trainable%: 1.7497";
    QTest::newRow("Llama-2-7B IA3 defaults") << llama2 << QByteArray(R"({"peft_type": "IA3"})")
                                             << "trainable params: 614,400 || all params: 6,739,030,016 || trainable%: 0.0091";
    QTest::newRow("GPT-2-large prefix 20") << gpt2large << QByteArray(R"({"peft_type": "PREFIX_TUNING", "num_virtual_tokens": 20})")
                                           << "trainable params: 1,843,200 || all params: 775,873,280 || trainable%: 0.2376";
  }
  void realModelSizesFromConfigAlone() {
    QFETCH(QByteArray, config);
    QFETCH(QByteArray, method);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    writeFile(dir, "config.json", config);
    const auto r = peftdesk::test::runCli({"params", dir.path(), "--method", writeFile(dir, "method.json", method)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QCOMPARE(r.stdoutText.section('\n', 0, 0), expected);
    // A model opened for shapes only refuses to compute instead of crashing.
    const auto f = peftdesk::test::runCli({"forward", dir.path(), "--ids", "1", "--out", dir.path() + "/x.safetensors"});
    QCOMPARE(f.exitCode, 1);
    QVERIFY2(f.stderrText.contains("no model.safetensors"), qPrintable(f.stderrText));
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
