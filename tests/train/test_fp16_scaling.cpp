// fp16 training uses dynamic loss scaling (torch.amp.GradScaler's rule): the rule itself, and a
// real fp16 run that learns, records the scale in its checkpoints and resumes to the same losses.
// bf16 and fp32 runs are untouched by it (test_training_equivalence stays exact). Also: a run
// folder written before train.deterministic existed still resumes (keys added later with their
// neutral default do not count as a changed configuration).
#include <QtTest>

#include "test_support.h"
#include "train/loss_scale.h"
#include "train_test_util.h"

using namespace peftdesk;

class TestFp16Scaling : public QObject {
  Q_OBJECT

  // Drops the run's last checkpoint and its adapter, resumes, and expects the uninterrupted losses.
  void resumeMatches(const QString& runJson, const QString& run, const QString& lastCheckpoint, const QVector<QJsonObject>& whole) {
    QVERIFY(QDir(run + "/checkpoints/" + lastCheckpoint).removeRecursively());
    QVERIFY(QDir(run + "/adapter").removeRecursively());
    const auto r = test::runCli({"train", runJson, "--resume", "--quiet"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const auto resumed = test::metricsRows(run);
    QCOMPARE(resumed.size(), whole.size());
    for (int i = 0; i < whole.size(); ++i) QCOMPARE(resumed[i].value("loss").toDouble(), whole[i].value("loss").toDouble());
  }

 private slots:
  void growthAndBackoff() {
    LossScale s;
    QCOMPARE(s.scale, 65536.0);
    QVERIFY(!s.update(false));  // overflow: skip and halve
    QCOMPARE(s.scale, 32768.0);
    QCOMPARE(s.goodSteps, int64_t(0));
    for (int i = 0; i < LossScale::kGrowthInterval - 1; ++i) QVERIFY(s.update(true));
    QCOMPARE(s.scale, 32768.0);
    QVERIFY(s.update(true));  // the 2000th finite step in a row doubles it
    QCOMPARE(s.scale, 65536.0);
    QCOMPARE(s.goodSteps, int64_t(0));
    QVERIFY(s.update(true));
    QVERIFY(!s.update(false));
    QCOMPARE(s.goodSteps, int64_t(0));
  }

  void fp16RunScalesAndResumes() {
    QTemporaryDir tmp;
    const QString run = tmp.path() + "/run";
    QJsonObject cfg = test::scenarioRun("cosine_accum", run);
    QJsonObject train = cfg.value("train").toObject();
    train["precision"] = "fp16";
    train["max_steps"] = 6;
    train["save_steps"] = 3;
    train["device"] = "cpu";
    cfg["train"] = train;
    test::writeJson(tmp.path() + "/RUN.json", cfg);
    auto r = test::runCli({"train", tmp.path() + "/RUN.json", "--quiet"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const auto whole = test::metricsRows(run);
    QCOMPARE(whole.size(), 6);
    for (const auto& row : whole) QVERIFY(std::isfinite(row.value("loss").toDouble()));
    QVERIFY(whole.last().value("loss").toDouble() < whole.first().value("loss").toDouble() + 0.5);
    const QJsonObject state = test::readJsonObject(run + "/checkpoints/step-3/trainer_state.json");
    const QString log = QString::fromUtf8(test::fileBytes(run + "/log.txt"));
    const int overflows = log.count("fp16 gradients overflowed");
    // Every finite step counts toward growth; an overflow halves the scale and restarts the count.
    QVERIFY2(state.contains("loss_scale") && state.value("loss_scale").toDouble() > 0, qPrintable(QJsonDocument(state).toJson()));
    if (overflows == 0) {
      QCOMPARE(state.value("loss_scale").toDouble(), 65536.0);
      QCOMPARE(state.value("loss_scale_good_steps").toInt(), 3);
    }
    // Resume from step 3: the same losses as the uninterrupted run.
    resumeMatches(tmp.path() + "/RUN.json", run, "step-6", whole);
  }

  void runFromBeforeALaterKeyResumes() {
    QTemporaryDir tmp;
    const QString run = tmp.path() + "/run";
    QJsonObject cfg = test::scenarioRun("cosine_accum", run);
    QJsonObject train = cfg.value("train").toObject();
    train["max_steps"] = 4;
    train["save_steps"] = 2;
    cfg["train"] = train;
    test::writeJson(tmp.path() + "/RUN.json", cfg);
    auto r = test::runCli({"train", tmp.path() + "/RUN.json", "--quiet"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const auto whole = test::metricsRows(run);
    // The run folder as an older PeftDesk wrote it: no train.deterministic or train.optim in run.json.
    QJsonObject written = test::readJsonObject(run + "/run.json");
    QJsonObject writtenTrain = written.value("train").toObject();
    QVERIFY(writtenTrain.contains("deterministic") && writtenTrain.contains("optim"));
    writtenTrain.remove("deterministic");
    writtenTrain.remove("optim");
    written["train"] = writtenTrain;
    test::writeJson(run + "/run.json", written);
    resumeMatches(tmp.path() + "/RUN.json", run, "step-4", whole);
    if (QTest::currentTestFailed()) return;
    // Asking for deterministic kernels is a change an exact resume refuses.
    r = test::runCli({"train", tmp.path() + "/RUN.json", "--resume", "--quiet", "--set", "train.deterministic=true"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.stderrText.contains("train.deterministic"), qPrintable(r.stderrText));
    // And so is another optimizer.
    r = test::runCli({"train", tmp.path() + "/RUN.json", "--resume", "--quiet", "--set", "train.optim=adamw_8bit"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.stderrText.contains("train.optim"), qPrintable(r.stderrText));
  }
};

QTEST_APPLESS_MAIN(TestFp16Scaling)
#include "test_fp16_scaling.moc"
