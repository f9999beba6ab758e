// Kill-and-resume (issue 5 proof, made stronger by issue 19): a run is SIGKILLed over its whole
// length — at random moments drawn up to the time left (start-up, steps, evaluation, checkpoint
// writes: a checkpoint every step), just after randomly drawn steps (watching metrics.jsonl, so
// every part of the run gets such kills however fast or loaded the machine is), and inside the
// checkpoint writer at each of its stages (a test hook, PEFTDESK_TEST_CHECKPOINT_KILL) — and
// resumed with --resume until it finishes. Its metrics (loss, lr, grad norm, tokens, epoch, eval loss) and final adapter
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
#include <functional>

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

// `makeRun(dir)`'s run in `tmp`/<name>_straight without a break, and in `tmp`/<name>_killed
// SIGKILLed right after its second checkpoint, then resumed; both must finish (QVERIFY inside:
// the caller returns when QTest::currentTestFailed()).
void runStraightAndKilledThenResumed(const QString& tmp, const QString& name, const std::function<QJsonObject(const QString&)>& makeRun) {
  const QString straight = tmp + "/" + name + "_straight", killed = tmp + "/" + name + "_killed";
  writeJson(straight + ".json", makeRun(straight));
  writeJson(killed + ".json", makeRun(killed));
  auto r = runCli({"train", straight + ".json", "--quiet"}, 300000);
  QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("PEFTDESK_TEST_CHECKPOINT_KILL", "renamed:2");
  p.setProcessEnvironment(env);
  p.start(QStringLiteral(PEFTDESK_CLI_PATH), {"train", killed + ".json", "--quiet"});
  QVERIFY(p.waitForFinished(300000));
  QCOMPARE(p.exitStatus(), QProcess::CrashExit);
  const int stoppedAt = comparableRows(killed).isEmpty() ? 0 : comparableRows(killed).last().value("step").toInt();
  const int total = readJsonObject(killed + ".json").value("train").toObject().value("max_steps").toInt();
  QVERIFY2(stoppedAt > 0 && stoppedAt < total, qPrintable(QString::number(stoppedAt)));
  r = runCli({"train", killed + ".json", "--quiet", "--resume"}, 300000);
  QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
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

    // Start-up time: the wall time the training steps themselves did not take.
    double trainingMs = 0;
    for (const auto& row : metricsRows(straightDir)) trainingMs = std::max(trainingMs, row.value("elapsed_s").toDouble() * 1000);
    const double stepMs = trainingMs / 300;
    const qint64 startupMs = std::max<qint64>(200, straightMs - static_cast<qint64>(trainingMs));

    const QString killedDir = tmp_.path() + "/killed";
    const QString runJson = tmp_.path() + "/killed.json";
    writeJson(runJson, resumeRun(killedDir));
    // The plan: 15 kills inside the checkpoint writer (each of its 5 stages 3 times) at steps
    // spread over the run (10, 30, ..., 290), a kill at a random moment before each of them
    // (drawn up to the time left until it), then random kills over what is left of the run, until
    // one comes too late and the run finishes.
    const QStringList stages{"staging", "tensors", "manifest", "renamed", "removing"};
    const int kStageKills = 15;
    QRandomGenerator rng(20261122);
    QMap<QString, int> stageHits, timedLandings;
    QVector<int> killSteps, timedKillSteps;
    int kills = 0, attempts = 0, stageKillsDone = 0, timedKills = 0;
    bool finished = false;
    const auto stepsDone = [&] {
      const auto rows = metricsRows(killedDir);
      int step = 0;
      for (const auto& r : rows) step = std::max(step, r.value("step").toInt());
      return step;
    };
    // The newest step in metrics.jsonl, read from the file's tail (cheap enough to poll).
    const auto lastStep = [&] {
      QFile f(killedDir + "/metrics.jsonl");
      if (!f.open(QIODevice::ReadOnly)) return 0;
      f.seek(std::max<qint64>(0, f.size() - 4096));
      const QList<QByteArray> lines = f.readAll().split('\n');
      for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
        const QJsonDocument doc = QJsonDocument::fromJson(*it);
        if (doc.isObject()) return doc.object().value("step").toInt();
      }
      return 0;
    };
    const auto stagingLeft = [&] {
      return !QDir(killedDir + "/checkpoints").entryList({".staging-step-*"}, QDir::Dirs | QDir::Hidden).isEmpty();
    };
    // Each attempt carries the hook for the next planned writer kill (while any remain), so an
    // attempt whose random moment comes after that step dies there instead of running on: the
    // plan holds however fast the machine is. The time a step takes is re-measured from every
    // attempt, since the uninterrupted run may have shared the cores with other tests.
    // Timed attempts alternate between a random moment (which may come after the writer hook has
    // fired; then the next attempt is timed again) and a random step (a kill just after it).
    double msPerStep = stepMs;
    bool timedNext = true;
    int timedAttempts = 0, endKills = 0;
    while (!finished && attempts < 120) {
      ++attempts;
      const int before = stepsDone();
      QProcess p;
      QStringList args{"train", runJson, "--quiet"};
      if (attempts > 1) args << "--resume";
      const bool writerKillsLeft = stageKillsDone < kStageKills;
      const int nextTarget = 10 + 20 * stageKillsDone;
      const QString stage = writerKillsLeft ? stages[stageKillsDone % stages.size()] : QString();
      if (writerKillsLeft) {
        // "removing" happens when an old checkpoint is pruned (save_total_limit 2): from the 3rd write on.
        const int nth = std::max(stage == "removing" ? 3 : 1, nextTarget - before);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PEFTDESK_TEST_CHECKPOINT_KILL", QString("%1:%2").arg(stage).arg(nth));
        p.setProcessEnvironment(env);
      }
      // Once every step is done, two kills in the finishing phase are enough.
      const bool timed = (timedNext || !writerKillsLeft) && timedKills < 40 && !(before >= 300 && endKills >= 2);
      const bool byStep = timed && timedAttempts++ % 2 == 1;
      QElapsedTimer attemptTimer;
      attemptTimer.start();
      p.start(QStringLiteral(PEFTDESK_CLI_PATH), args);
      QVERIFY(p.waitForStarted());
      // The time or steps left: until the next planned writer kill while those remain, else
      // until the end of the run.
      const int untilStep = writerKillsLeft ? nextTarget : 300;
      bool killedByTest = false;
      if (byStep && untilStep - before > 1) {
        // Just after a step drawn before the writer hook's step: up to one step's time later.
        const int killStep = before + 1 + static_cast<int>(rng.bounded(static_cast<quint32>(untilStep - before - 1)));
        QElapsedTimer waited;
        waited.start();
        while (p.state() != QProcess::NotRunning && lastStep() < killStep && waited.elapsed() < 300000) p.waitForFinished(3);
        if (p.state() != QProcess::NotRunning && lastStep() < killStep) {
          ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
          p.waitForFinished(10000);
          QFAIL(qPrintable(QString("attempt %1: step %2 not reached in 300 s (a hung resume?)").arg(attempts).arg(killStep)));
        }
        if (p.state() != QProcess::NotRunning && !p.waitForFinished(static_cast<int>(rng.bounded(static_cast<quint32>(msPerStep) + 1)))) {
          ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
          killedByTest = true;
        }
      } else if (timed) {
        // A random moment up to the time left.
        const double leftMs = startupMs + std::max(1, untilStep - before) * msPerStep;
        const int killAfterMs = static_cast<int>(rng.bounded(static_cast<quint32>(leftMs)));
        if (!p.waitForFinished(killAfterMs)) {
          ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
          killedByTest = true;
        }
      }
      // After a non-timed attempt the next is timed; a timed one that did not land is tried again.
      timedNext = !timed || !killedByTest;
      if (p.state() != QProcess::NotRunning) QVERIFY(p.waitForFinished(300000));
      const QString err = QString::fromUtf8(p.readAllStandardError());
      const int after = stepsDone();
      if (after - before >= 3) msPerStep = std::max(1.0, double(attemptTimer.elapsed() - startupMs) / (after - before));
      if (writerKillsLeft && err.contains("test hook: SIGKILL at checkpoint stage " + stage)) {
        QVERIFY2(p.exitStatus() == QProcess::CrashExit, qPrintable(QString("attempt %1 (%2)").arg(attempts).arg(stage)));
        ++stageHits[stage];
        ++stageKillsDone;
        ++kills;
        killSteps << after;
        continue;
      }
      if (killedByTest) {
        ++kills;
        ++timedKills;
        killSteps << after;
        timedKillSteps << after;
        if (before >= 300) ++endKills;
        timedLandings[after == before ? "start-up (no new step)" : stagingLeft() ? "inside a checkpoint write" : "between checkpoint writes"]++;
        continue;
      }
      QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(QString("attempt %1: %2").arg(attempts).arg(err)));
      QVERIFY2(!writerKillsLeft, "the run finished before every planned writer kill");
      finished = true;
    }
    QVERIFY(finished);
    qInfo("run finished after %d SIGKILLs (%d attempts; uninterrupted run %lld ms, start-up %lld ms, %.1f ms a step)", kills, attempts,
          static_cast<long long>(straightMs), static_cast<long long>(startupMs), stepMs);
    for (const QString& st : stages) qInfo("  checkpoint writer, stage %-8s: %d kills", qPrintable(st), stageHits.value(st));
    for (auto it = timedLandings.begin(); it != timedLandings.end(); ++it) qInfo("  random moment, %s: %d kills", qPrintable(it.key()), it.value());
    QStringList at;
    for (int st : killSteps) at << QString::number(st);
    qInfo("  steps done at each kill: %s", qPrintable(at.join(' ')));
    for (const QString& st : stages) QVERIFY2(stageHits.value(st) == kStageKills / stages.size(), qPrintable("stage " + st));
    QVERIFY2(timedKills >= 10, "too few random kills landed");
    QVERIFY2(timedLandings.value("start-up (no new step)") > 0 && timedLandings.value("between checkpoint writes") > 0,
             "random kills did not land both in start-up and during training");
    // Random kills in every third of the run (the writer kills are there by plan).
    for (const auto& [lo, hi] : std::vector<std::pair<int, int>>{{0, 100}, {100, 200}, {200, 300}}) {
      QVERIFY2(std::any_of(timedKillSteps.begin(), timedKillSteps.end(), [&](int st) { return st >= lo && st < hi; }),
               qPrintable(QString("no random kill between steps %1 and %2").arg(lo).arg(hi)));
    }

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

  void pissaStartResumesBitIdentical() {
    // A PiSSA start is re-derived from the base when a run resumes (the checkpoint holds A and B,
    // not A₀ and B₀): killed right after its second checkpoint, the resumed run's every logged
    // number equals an uninterrupted run's.
    const auto pissaRun = [](const QString& dir) {
      QJsonObject run = resumeRun(dir);
      QJsonObject method = run.value("method").toObject();
      method["init_lora_weights"] = "pissa";
      run["method"] = method;
      QJsonObject train = run.value("train").toObject();
      train["max_steps"] = 30;
      train["save_steps"] = 10;
      train["eval_steps"] = 10;
      run["train"] = train;
      return run;
    };
    const QString straight = tmp_.path() + "/pissa_straight", killed = tmp_.path() + "/pissa_killed";
    runStraightAndKilledThenResumed(tmp_.path(), "pissa", pissaRun);
    if (QTest::currentTestFailed()) return;
    QCOMPARE(comparableRows(killed), comparableRows(straight));
  }

  void bottleneckResumesBitIdentical() {
    // Bottleneck adapters (AdapterHub's format in every checkpoint, dropout on): killed right after
    // the second checkpoint, the resumed run logs every number an uninterrupted run logs and saves
    // the same adapter, byte for byte.
    const auto bottleneckRun = [](const QString& dir) {
      QJsonObject run = resumeRun(dir);
      run["method"] = QJsonObject{{"peft_type", "BOTTLENECK"}, {"config", "double_seq_bn"}, {"reduction_factor", 8}, {"dropout", 0.1}};
      QJsonObject train = run.value("train").toObject();
      train["max_steps"] = 20;
      train["save_steps"] = 5;
      train["eval_steps"] = 10;
      run["train"] = train;
      return run;
    };
    const QString straight = tmp_.path() + "/bottleneck_straight", killed = tmp_.path() + "/bottleneck_killed";
    runStraightAndKilledThenResumed(tmp_.path(), "bottleneck", bottleneckRun);
    if (QTest::currentTestFailed()) return;
    QVERIFY(QFile::exists(killed + "/checkpoints/step-20/adapter/adapter.safetensors"));
    QCOMPARE(comparableRows(killed), comparableRows(straight));
    QVERIFY(!fileBytes(straight + "/adapter/adapter.safetensors").isEmpty());
    QCOMPARE(fileBytes(killed + "/adapter/adapter.safetensors"), fileBytes(straight + "/adapter/adapter.safetensors"));
    QCOMPARE(fileBytes(killed + "/adapter/adapter_config.json"), fileBytes(straight + "/adapter/adapter_config.json"));
  }

  void adaloraResumesBitIdentical() {
    // AdaLoRA's rank allocation keeps state across steps (importance EMAs, the kept pattern): killed
    // right after its second checkpoint (step 10, inside the budget phase), the resumed run logs
    // every number an uninterrupted run logs and saves the same pruned adapter, byte for byte.
    // total_step is left unset: the run's 30 steps.
    const auto adaloraRun = [](const QString& dir) {
      QJsonObject run = resumeRun(dir);
      run["method"] = QJsonObject{{"peft_type", "ADALORA"}, {"task_type", "CAUSAL_LM"}, {"init_r", 4}, {"target_r", 2}, {"lora_alpha", 8},
                                  {"lora_dropout", 0.1}, {"tinit", 2}, {"tfinal", 8}, {"deltaT", 1},
                                  {"target_modules", QJsonArray{"q_proj", "v_proj", "up_proj"}}};
      QJsonObject train = run.value("train").toObject();
      train["max_steps"] = 30;
      train["save_steps"] = 5;
      train["eval_steps"] = 10;
      run["train"] = train;
      return run;
    };
    const QString straight = tmp_.path() + "/adalora_straight", killed = tmp_.path() + "/adalora_killed";
    runStraightAndKilledThenResumed(tmp_.path(), "adalora", adaloraRun);
    if (QTest::currentTestFailed()) return;
    QVERIFY(QFile::exists(killed + "/checkpoints/step-30/method_state.safetensors"));  // every checkpoint carries the state
    QCOMPARE(comparableRows(killed), comparableRows(straight));
    QCOMPARE(fileBytes(killed + "/adapter/adapter_model.safetensors"), fileBytes(straight + "/adapter/adapter_model.safetensors"));
    QCOMPARE(fileBytes(killed + "/adapter/adapter_config.json"), fileBytes(straight + "/adapter/adapter_config.json"));
    // The schedule ran to its end: the saved adapter is pruned to the target budget, 2 x 6 targets
    // (q, v and up of 2 layers; ties in the scores could prune more).
    const QJsonObject config = readJsonObject(straight + "/adapter/adapter_config.json");
    QCOMPARE(config.value("total_step").toInt(), 30);
    int kept = 0;
    const QJsonObject pattern = config.value("rank_pattern").toObject();
    QCOMPARE(pattern.size(), 6);
    for (const auto& v : pattern)
      for (const auto& b : v.toArray()) kept += b.toBool() ? 1 : 0;
    QVERIFY2(kept > 0 && kept <= 12, qPrintable(QString::number(kept)));
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
