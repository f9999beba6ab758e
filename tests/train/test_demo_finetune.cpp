// The bundled demo end to end (issue 5): the demo model (pretrained by our own trainer, see
// resources/demo/make_demo.py) fine-tuned with LoRA on the demo alpaca data through
// `peftdesk-cli train` learns (loss falls by half), and `generate --chat` answers differently with
// the adapter than without, in the answer format the data teaches.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include "test_support.h"
#include "train_test_util.h"

using namespace peftdesk::test;

class TestDemoFinetune : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void loraOnTheDemoChangesItsAnswers() {
    const QString demo = sourceDir() + "/resources/demo";
    const QString run = tmp_.path() + "/demo-run";
    writeJson(tmp_.path() + "/demo.json",
              QJsonObject{{"model", QJsonObject{{"path", demo + "/model"}}},
                          {"method", QJsonObject{{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 16}, {"lora_alpha", 32},
                                                 {"target_modules", "all-linear"}}},
                          {"data", QJsonObject{{"path", demo + "/data/demo_alpaca.json"}, {"cutoff_len", 128}, {"val_size", 0.1}}},
                          {"train", QJsonObject{{"learning_rate", 3e-3}, {"num_train_epochs", 4}, {"per_device_train_batch_size", 8},
                                                {"gradient_accumulation_steps", 1}, {"warmup_steps", 5}, {"save_steps", 0},
                                                {"eval_steps", 30}, {"num_threads", 2}}},
                          {"output_dir", run}});
    auto r = runCli({"train", tmp_.path() + "/demo.json", "--quiet"}, 300000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QVector<double> losses, evalLosses;
    for (const auto& row : metricsRows(run)) {
      if (row.contains("loss")) losses.push_back(row.value("loss").toDouble());
      if (row.contains("eval_loss")) evalLosses.push_back(row.value("eval_loss").toDouble());
    }
    QVERIFY(losses.size() > 20 && evalLosses.size() >= 2);
    double first = 0, last = 0;
    for (int i = 0; i < 5; ++i) first += losses[i] / 5, last += losses[losses.size() - 1 - i] / 5;
    qInfo("demo LoRA: mean loss of the first 5 steps %.3f, last 5 %.3f; eval loss %.3f -> %.3f", first, last, evalLosses.first(), evalLosses.last());
    QVERIFY(last < first / 2);
    QVERIFY(evalLosses.last() < evalLosses.first());

    const QStringList ask{"generate", demo + "/model", "--chat", "--prompt", "What is the plural of the word?\nmouse", "--max-new-tokens", "16"};
    const auto base = runCli(ask);
    const auto tuned = runCli(QStringList(ask) << "--adapter" << run + "/adapter");
    QVERIFY2(base.exitCode == 0 && tuned.exitCode == 0, qPrintable(base.stderrText + tuned.stderrText));
    qInfo("base: %s | tuned: %s", qPrintable(base.stdoutText.trimmed()), qPrintable(tuned.stdoutText.trimmed()));
    QVERIFY(base.stdoutText != tuned.stdoutText);
    QVERIFY2(tuned.stdoutText.contains("The plural of"), qPrintable(tuned.stdoutText));
  }

  // A resumed run continues with the chat template it started with: when "auto" now resolves to
  // another row (here the model folder gained a ChatML template; in life, a newer PeftDesk knows the
  // model's template), the resume is refused by name instead of training on other tokens.
  void resumeKeepsTheChatTemplateItStartedWith() {
    const QString model = tmp_.path() + "/demo-model";
    QVERIFY(QDir().mkpath(model));
    for (const QString& f : QDir(sourceDir() + "/resources/demo/model").entryList(QDir::Files))
      QVERIFY(QFile::copy(sourceDir() + "/resources/demo/model/" + f, model + "/" + f));
    const QString run = tmp_.path() + "/template-run";
    writeJson(tmp_.path() + "/template.json",
              QJsonObject{{"model", QJsonObject{{"path", model}}},
                          {"method", QJsonObject{{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 4}, {"target_modules", QJsonArray{"q_proj"}}}},
                          {"data", QJsonObject{{"path", sourceDir() + "/resources/demo/data/demo_alpaca.json"}, {"cutoff_len", 64}, {"max_samples", 8}}},
                          {"train", QJsonObject{{"max_steps", 2}, {"per_device_train_batch_size", 2}, {"gradient_accumulation_steps", 1},
                                                {"save_steps", 0}, {"num_threads", 2}}},
                          {"output_dir", run}});
    auto r = runCli({"train", tmp_.path() + "/template.json", "--quiet"}, 300000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const QString configPath = model + "/tokenizer_config.json";
    QJsonObject tokenizerConfig = readJsonObject(configPath);
    QVERIFY(!tokenizerConfig.contains("chat_template"));  // "auto" → the default row
    tokenizerConfig["chat_template"] = "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}";
    QFile::remove(configPath);
    writeJson(configPath, tokenizerConfig);
    r = runCli({"train", tmp_.path() + "/template.json", "--resume", "--quiet"}, 300000);
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.stderrText.contains("trained with chat template 'default'") && r.stderrText.contains("now resolves to 'chatml'") &&
                 r.stderrText.contains("data.template"),
             qPrintable(r.stderrText));
  }
};

QTEST_GUILESS_MAIN(TestDemoFinetune)
#include "test_demo_finetune.moc"
