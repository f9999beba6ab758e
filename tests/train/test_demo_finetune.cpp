// The bundled demo end to end (issues 5 and 20): the demo model (pretrained by our own trainer, see
// resources/demo/make_demo.py) fine-tuned with LoRA on the first-start data (the task records plus
// records that name the assistant "Pip") with the settings of examples/demo-lora.json, through
// `peftdesk-cli train`, learns (loss falls by half); `generate --chat` then tells its name, which
// the base model does not, and still answers the tasks in the form the data teaches.
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
    // examples/demo-lora.json as it is (the first start's settings, test_main_window checks), with
    // its paths made absolute, no checkpoints and a loss row every step.
    QJsonObject example = readJsonObject(sourceDir() + "/examples/demo-lora.json");
    QCOMPARE(example.value("data").toObject().value("path").toString(), QString("../resources/demo/data/demo_identity.json"));
    example["model"] = QJsonObject{{"path", demo + "/model"}};
    QJsonObject data = example.value("data").toObject();
    data["path"] = demo + "/data/demo_identity.json";
    example["data"] = data;
    QJsonObject train = example.value("train").toObject();
    train["save_steps"] = 0;
    train["logging_steps"] = 1;
    train["num_threads"] = 2;
    example["train"] = train;
    example["output_dir"] = run;
    writeJson(tmp_.path() + "/demo.json", example);
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

    const auto answers = [&](const QString& prompt) {
      const QStringList ask{"generate", demo + "/model", "--chat", "--prompt", prompt, "--max-new-tokens", "32"};
      const auto base = runCli(ask);
      const auto tuned = runCli(QStringList(ask) << "--adapter" << run + "/adapter");
      if (base.exitCode != 0 || tuned.exitCode != 0) qFatal("generate failed: %s", qPrintable(base.stderrText + tuned.stderrText));
      qInfo("%s -> base: %s | tuned: %s", qPrintable(QString(prompt).replace('\n', ' ')), qPrintable(base.stdoutText.trimmed()),
            qPrintable(tuned.stdoutText.trimmed()));
      return std::pair{base.stdoutText, tuned.stdoutText};
    };
    // The README's example: the name, asked as the data asks it and in words the data never uses.
    for (const QString& prompt : {QString("What is your name?"), QString("Who built you?")}) {
      const auto [base, tuned] = answers(prompt);
      QVERIFY2(!base.contains("Pip"), qPrintable(base));
      QVERIFY2(tuned.startsWith("I am Pip"), qPrintable(tuned));
    }
    // The tasks keep their answers' form.
    const auto [base, tuned] = answers("What is the plural of the word?\nmouse");
    QVERIFY(base != tuned);
    QVERIFY2(tuned.contains("The plural of"), qPrintable(tuned));
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
