// Kill-and-resume (issue 5 proof): a run is SIGKILLed at random moments — during start-up,
// steps, evaluation and checkpoint writes (a checkpoint every step) — and resumed with --resume
// until it finishes. Its metrics (loss, lr, grad norm, tokens, epoch, eval loss) and final adapter
// must equal, bit for bit, those of an uninterrupted run with the same configuration; no manual
// cleanup is ever done between attempts. Shuffling, LoRA dropout (generator state), gradient
// accumulation and a held-out split are all on, so every piece of resume state matters.
#include <QElapsedTimer>
#include <QProcess>
#include <QThread>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

#include "test_support.h"
#include "train_test_util.h"

using namespace peftdesk::test;

namespace {

QJsonObject resumeRun(const QString& outputDir) {
  QJsonObject run = scenarioRun("cosine_accum", outputDir, /*withInitAdapter=*/false);
  run["method"] = QJsonObject{{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 4}, {"lora_alpha", 8},
                              {"lora_dropout", 0.1}, {"target_modules", QJsonArray{"q_proj", "v_proj", "up_proj"}}};
  QJsonObject data = run.value("data").toObject();
  data["shuffle"] = true;
  data["val_size"] = 0.2;
  run["data"] = data;
  QJsonObject train = run.value("train").toObject();
  train["max_steps"] = 300;
  train["save_steps"] = 1;
  train["save_total_limit"] = 2;
  train["eval_steps"] = 25;
  run["train"] = train;
  return run;
}

// Metrics without the wall-clock fields.
QVector<QJsonObject> comparableRows(const QString& runDir) {
  QVector<QJsonObject> rows = metricsRows(runDir);
  for (auto& r : rows) {
    r.remove("tokens_per_s");
    r.remove("elapsed_s");
    r.remove("peak_rss_bytes");  // the process's memory, not the run's state
  }
  return rows;
}

}  // namespace

class TestResume : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void killedRunsResumeBitIdentical() {
    const QString straightDir = tmp_.path() + "/straight";
    writeJson(tmp_.path() + "/straight.json", resumeRun(straightDir));
    QElapsedTimer timer;
    timer.start();
    auto r = runCli({"train", tmp_.path() + "/straight.json", "--quiet"}, 300000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const qint64 straightMs = timer.elapsed();
    const auto expected = comparableRows(straightDir);
    QCOMPARE(expected.size(), qsizetype(300 + 12));  // a row per step + an eval row every 25 steps

    const QString killedDir = tmp_.path() + "/killed";
    const QString runJson = tmp_.path() + "/killed.json";
    writeJson(runJson, resumeRun(killedDir));
    QRandomGenerator rng(20261122);
    int kills = 0, attempts = 0;
    bool finished = false;
    while (!finished && attempts < 60) {
      ++attempts;
      QProcess p;
      QStringList args{"train", runJson, "--quiet"};
      if (attempts > 1) args << "--resume";
      p.start(QStringLiteral(PEFTDESK_CLI_PATH), args);
      QVERIFY(p.waitForStarted());
      // Kill at a random moment (start-up included) in each of the first 25 attempts; the window is
      // short enough that most attempts die and each makes some progress.
      const quint32 windowMs = static_cast<quint32>(std::min<qint64>(straightMs / 2, 600));
      const int killAfterMs = kills < 25 ? static_cast<int>(rng.bounded(windowMs)) : -1;
      if (killAfterMs >= 0 && !p.waitForFinished(killAfterMs)) {
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        p.waitForFinished();
        ++kills;
        continue;
      }
      p.waitForFinished(300000);
      const QString err = QString::fromUtf8(p.readAllStandardError());
      QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(QString("attempt %1: %2").arg(attempts).arg(err)));
      finished = true;
    }
    QVERIFY(finished);
    qInfo("run finished after %d SIGKILLs (%d attempts; uninterrupted run %lld ms)", kills, attempts, static_cast<long long>(straightMs));
    QVERIFY2(kills >= 10, "too few kills landed to prove anything");

    const auto got = comparableRows(killedDir);
    QCOMPARE(got.size(), expected.size());
    for (int i = 0; i < got.size(); ++i) {
      QVERIFY2(got[i] == expected[i], qPrintable(QString("metrics row %1 differs:\n%2\n%3").arg(i)
                                                     .arg(QString::fromUtf8(QJsonDocument(got[i]).toJson(QJsonDocument::Compact)))
                                                     .arg(QString::fromUtf8(QJsonDocument(expected[i]).toJson(QJsonDocument::Compact)))));
    }
    QCOMPARE(fileBytes(killedDir + "/adapter/adapter_model.safetensors"), fileBytes(straightDir + "/adapter/adapter_model.safetensors"));
    // Nothing half-written left behind; only the newest save_total_limit checkpoints kept.
    const QStringList entries = QDir(killedDir + "/checkpoints").entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    QVERIFY2(entries == (QStringList{"step-299", "step-300"}), qPrintable(entries.join(", ")));
    QCOMPARE(readJsonObject(killedDir + "/status.json").value("state").toString(), QString("finished"));
  }

  void ctrlCStopsAndSavesThenResumeFinishes() {
    const QString dir = tmp_.path() + "/interrupted";
    writeJson(tmp_.path() + "/interrupted.json", resumeRun(dir));
    QProcess p;
    p.start(QStringLiteral(PEFTDESK_CLI_PATH), {"train", tmp_.path() + "/interrupted.json"});
    QVERIFY(p.waitForStarted());
    // Wait until the run is under way (a few metrics rows), then press Ctrl-C once.
    QElapsedTimer t;
    t.start();
    while (metricsRows(dir).size() < 5 && t.elapsed() < 60000) QThread::msleep(20);
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitCode(), 130);
    QVERIFY2(err.contains("--resume"), qPrintable(err));
    const QJsonObject status = readJsonObject(dir + "/status.json");
    QCOMPARE(status.value("state").toString(), QString("stopped"));
    const int stoppedAt = status.value("step").toInt();
    QVERIFY(stoppedAt >= 5 && stoppedAt < 300);
    QVERIFY2(QDir(dir + "/checkpoints/step-" + QString::number(stoppedAt)).exists(), "stop-and-save wrote no checkpoint at the stop step");
    QVERIFY(QFile::exists(dir + "/adapter/adapter_model.safetensors"));
    // Progress lines went to stderr (not a terminal here: one line per logging step).
    QVERIFY2(err.contains("step 1/300"), qPrintable(err.left(2000)));
    const auto r = runCli({"train", tmp_.path() + "/interrupted.json", "--quiet", "--resume"}, 300000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QCOMPARE(comparableRows(dir), comparableRows(tmp_.path() + "/straight"));
  }

  void resumeRefusesAChangedConfiguration() {
    const QString dir = tmp_.path() + "/changed";
    QJsonObject run = resumeRun(dir);
    QJsonObject train = run.value("train").toObject();
    train["max_steps"] = 3;
    run["train"] = train;
    writeJson(tmp_.path() + "/changed.json", run);
    auto r = runCli({"train", tmp_.path() + "/changed.json", "--quiet"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const QByteArray metricsBefore = fileBytes(dir + "/metrics.jsonl");
    r = runCli({"train", tmp_.path() + "/changed.json", "--quiet", "--resume", "--set", "train.learning_rate=0.5"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.stderrText.contains("train.learning_rate"), qPrintable(r.stderrText));
    QCOMPARE(fileBytes(dir + "/metrics.jsonl"), metricsBefore);
    // A fresh start into the same folder is refused too, and touches nothing.
    r = runCli({"train", tmp_.path() + "/changed.json", "--quiet"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.stderrText.contains("--resume"), qPrintable(r.stderrText));
    QCOMPARE(fileBytes(dir + "/metrics.jsonl"), metricsBefore);
    // Resume-neutral keys may change: a finished run resumes to "finished" without new rows.
    r = runCli({"train", tmp_.path() + "/changed.json", "--quiet", "--resume", "--set", "train.logging_steps=5"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QCOMPARE(fileBytes(dir + "/metrics.jsonl"), metricsBefore);
  }
};

QTEST_GUILESS_MAIN(TestResume)
#include "test_resume.moc"
