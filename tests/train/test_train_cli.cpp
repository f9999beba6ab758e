// `peftdesk-cli train` at its edges: malformed data is refused before anything is written, with
// every bad record named by file and line (or skipped and counted with on_bad_record = skip); a
// bad RUN.json lists all its problems; --dry-run prints the plan; --set overrides reach the run.
#include <QTemporaryDir>
#include <QtTest>

#include "test_support.h"
#include "train_test_util.h"

using namespace peftdesk::test;

class TestTrainCli : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

  QString demoRun(const QString& name, const QString& dataPath, const QJsonObject& dataExtra = {}) {
    QJsonObject data{{"path", dataPath}, {"cutoff_len", 64}};
    for (auto it = dataExtra.begin(); it != dataExtra.end(); ++it) data[it.key()] = it.value();
    const QString path = tmp_.path() + "/" + name + ".json";
    writeJson(path, QJsonObject{{"model", QJsonObject{{"path", sourceDir() + "/resources/demo/model"}}},
                                {"method", QJsonObject{{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 4}, {"target_modules", "all-linear"}}},
                                {"data", data},
                                {"train", QJsonObject{{"max_steps", 3}, {"save_steps", 0}, {"num_threads", 2}}},
                                {"output_dir", tmp_.path() + "/" + name}});
    return path;
  }

 private slots:
  void malformedDataIsRefusedBeforeAnythingIsWritten() {
    const QString data = tmp_.path() + "/bad.jsonl";
    QFile f(data);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"instruction\": \"a\", \"output\": \"b\"}\n{\"instruction\": \"a\"\n{\"instruction\": \"c\", \"output\": \"d\"}\n"
            "{\"instruction\": 5, \"output\": \"x\"}\n{\"instruction\": \"e\", \"output\": \"f\"}\n");
    f.close();
    auto r = runCli({"train", demoRun("refused", data)});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.stderrText.contains("2 malformed records") && r.stderrText.contains("bad.jsonl:2: record 1") &&
                 r.stderrText.contains("bad.jsonl:4: record 3: field 'instruction'") && r.stderrText.contains("on_bad_record"),
             qPrintable(r.stderrText));
    QVERIFY(!QDir(tmp_.path() + "/refused").exists());

    r = runCli({"train", demoRun("skipped", data, {{"on_bad_record", "skip"}}), "--quiet"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QVERIFY2(r.stderrText.contains("skipped 2 malformed records"), qPrintable(r.stderrText));
    QFile log(tmp_.path() + "/skipped/log.txt");
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY(log.readAll().contains("skipped 2 malformed records"));
  }

  void badConfigurationListsEveryProblem() {
    const QString path = tmp_.path() + "/badrun.json";
    writeJson(path, QJsonObject{{"model", QJsonObject{{"path", sourceDir() + "/resources/demo/model"}}},
                                {"data", QJsonObject{{"path", sourceDir() + "/resources/demo/data/demo_alpaca.json"}, {"cutoff_len", 0}}},
                                {"train", QJsonObject{{"learning_rate", -1}, {"warmup_step", 3}}},
                                {"output_dir", tmp_.path() + "/never"}});
    const auto r = runCli({"train", path});
    QCOMPARE(r.exitCode, 1);
    for (const char* s : {"3 problems", "field 'data.cutoff_len'", "field 'train.learning_rate'", "did you mean 'train.warmup_steps'"}) {
      QVERIFY2(r.stderrText.contains(s), qPrintable(r.stderrText));
    }
    QVERIFY(!QDir(tmp_.path() + "/never").exists());
    const auto unknownSet = runCli({"train", path, "--set", "train.lerning_rate=1"});
    QCOMPARE(unknownSet.exitCode, 2);
    QVERIFY2(unknownSet.stderrText.contains("train.learning_rate"), qPrintable(unknownSet.stderrText));
  }

  void unknownChatTemplateFamilyIsWarnedAbout() {
    // The demo model's files with a Jinja chat template of no known family.
    const QString model = tmp_.path() + "/odd-model";
    QDir().mkpath(model);
    for (const QString& f : QDir(sourceDir() + "/resources/demo/model").entryList(QDir::Files)) {
      QVERIFY(QFile::copy(sourceDir() + "/resources/demo/model/" + f, model + "/" + f));
    }
    QJsonObject cfg = readJsonObject(model + "/tokenizer_config.json");
    cfg["chat_template"] = "{% for m in messages %}<<{{ m.role }}>> {{ m.content }}\n{% endfor %}";
    QFile::remove(model + "/tokenizer_config.json");
    writeJson(model + "/tokenizer_config.json", cfg);
    const QString run = tmp_.path() + "/odd.json";
    writeJson(run, QJsonObject{{"model", QJsonObject{{"path", model}}},
                               {"data", QJsonObject{{"path", sourceDir() + "/resources/demo/data/demo_alpaca.json"}}},
                               {"output_dir", tmp_.path() + "/odd"}});
    const auto r = runCli({"train", run, "--dry-run"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QVERIFY2(r.stderrText.contains("not one of the built-in families"), qPrintable(r.stderrText));
    // With the template named, no warning.
    const auto named = runCli({"train", run, "--dry-run", "--set", "data.template=default"});
    QVERIFY2(!named.stderrText.contains("built-in families"), qPrintable(named.stderrText));
  }

  void dryRunAndOverrides() {
    const QString run = demoRun("dry", sourceDir() + "/resources/demo/data/demo_alpaca.json");
    auto r = runCli({"train", run, "--dry-run", "--set", "train.max_steps=7", "--set", "data.val_size=0.25"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QVERIFY2(r.stdoutText.contains("266 records read, 199 training rows") && r.stdoutText.contains("67 evaluation rows") &&
                 r.stdoutText.contains("steps: 7") && r.stdoutText.contains("template default"),
             qPrintable(r.stdoutText));
    QVERIFY(!QDir(tmp_.path() + "/dry").exists());
    r = runCli({"train", run, "--quiet", "--set", "train.max_steps=2"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QCOMPARE(metricsRows(tmp_.path() + "/dry").size(), qsizetype(2));
    QCOMPARE(readJsonObject(tmp_.path() + "/dry/run.json").value("train").toObject().value("max_steps").toInt(), 2);
  }

  // train.optim: the memory estimate counts what the chosen optimizer keeps (with r = 64 on the
  // demo model every LoRA matrix has 4096 elements or more: 2 bytes per element plus two fp32
  // absmax per 256, against 8 bytes), and an unknown optimizer is refused with the choices.
  void optimizerChoiceReachesTheEstimate() {
    const QString run = tmp_.path() + "/optim.json";
    writeJson(run, QJsonObject{{"model", QJsonObject{{"path", sourceDir() + "/resources/demo/model"}}},
                               {"method", QJsonObject{{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 64}, {"target_modules", "all-linear"}}},
                               {"data", QJsonObject{{"path", sourceDir() + "/resources/demo/data/demo_alpaca.json"}, {"cutoff_len", 64}}},
                               {"train", QJsonObject{{"max_steps", 3}}},
                               {"output_dir", tmp_.path() + "/optim"}});
    auto optimizerBytes = [&](const QString& optim) {
      const auto r = runCli({"train", run, "--dry-run", "--json", "--set", "train.optim=" + optim});
      if (r.exitCode != 0) qWarning("%s", qPrintable(r.stderrText));
      return QJsonDocument::fromJson(r.stdoutText.toUtf8()).object().value("estimate").toObject().value("parts").toObject().value("optimizer").toDouble();
    };
    const double fp32 = optimizerBytes("adamw_torch"), eightBit = optimizerBytes("adamw_8bit");
    QVERIFY(fp32 > 0);
    QCOMPARE(eightBit, fp32 / 8.0 * (2.0 + 8.0 / 256.0));
    QCOMPARE(optimizerBytes("paged_adamw_32bit"), fp32);  // on the CPU paging changes nothing
    const auto bad = runCli({"train", run, "--dry-run", "--set", "train.optim=sgd"});
    QVERIFY(bad.exitCode != 0);
    QVERIFY2(bad.stderrText.contains("train.optim") && bad.stderrText.contains("adamw_8bit"), qPrintable(bad.stderrText));
  }
};

QTEST_GUILESS_MAIN(TestTrainCli)
#include "test_train_cli.moc"
