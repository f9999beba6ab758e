// The main window driven like a user: the demo model and dataset preselected, Start clicked on the
// run dashboard (Qt Quick), the curves gain points and the dashboard's step moves; Pause holds the
// step, Resume continues, Stop-and-save leaves a checkpoint and the adapter, the run is found on
// the Runs page and resumed from there to the end, and what the dashboard shows then equals the
// run's metrics.jsonl. A probe timer on the GUI thread measures event-loop latency while training
// runs (reported, not asserted: no timed tests). Also: invalid hyper-parameters are refused with
// the form's labels and the refusal goes once they are fixed; a Model page error refuses Start; a
// failed start leaves nothing of the previous run on screen; Stop asks before discarding.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <nlohmann/json.hpp>

#include "app_settings.h"
#include "curves_widget.h"
#include "form_binder.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "model_page.h"
#include "quick_panel.h"
#include "run_dashboard.h"
#include "run_draft.h"
#include "runs_page.h"
#include "train_page.h"
#include "training_controller.h"

using namespace peftdesk;


namespace {

// Fires every 5 ms and records how late each tick is: the GUI thread's responsiveness.
class LatencyProbe : public QObject {
 public:
  LatencyProbe() {
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(kIntervalMs);
    connect(&timer_, &QTimer::timeout, this, [this] {
      const qint64 now = clock_.nsecsElapsed();
      if (last_ > 0) gapsMs_.push_back(static_cast<double>(now - last_) / 1e6 - kIntervalMs);
      last_ = now;
    });
    clock_.start();
    timer_.start();
  }
  double percentile(double q) {
    if (gapsMs_.empty()) return 0;
    std::vector<double> g = gapsMs_;
    std::sort(g.begin(), g.end());
    return std::max(0.0, g[std::min(g.size() - 1, static_cast<size_t>(q * static_cast<double>(g.size())))]);
  }
  size_t samples() const { return gapsMs_.size(); }

 private:
  static constexpr int kIntervalMs = 5;
  QTimer timer_;
  QElapsedTimer clock_;
  qint64 last_ = 0;
  std::vector<double> gapsMs_;
};

}  // namespace

class TestGuiTraining : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(workspace_.isValid());
    test::useScratchSettings(workspace_.path());
  }

  void invalidInputsAreRefusedInline() {
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showPage(ui::MainWindow::Page::Train);
    ui::TrainPage* page = w.trainPage();
    ui::FormBinder* form = page->binder();

    // Negative learning rate, typed.
    auto* lr = qobject_cast<QLineEdit*>(form->editor("train.learning_rate"));
    QVERIFY(lr);
    lr->selectAll();
    QTest::keyClicks(lr, "-1e-4");
    QVERIFY2(form->problemText("train.learning_rate").contains("greater than 0"), qPrintable(form->problemText("train.learning_rate")));
    test::quickClick(page->dashboardView(), "startButton");
    QVERIFY(!w.controller()->isActive());
    // The banner names the field as the form does, not by its RUN.json key.
    QVERIFY2(page->bannerText().contains(QString::fromUtf8("Train ▸ Learning rate")), qPrintable(page->bannerText()));
    QVERIFY2(!page->bannerText().contains("train.learning_rate"), qPrintable(page->bannerText()));
    lr->selectAll();
    QTest::keyClicks(lr, "3e-3");
    QVERIFY(form->problemText("train.learning_rate").isEmpty());
    // Fixed: the "cannot start" banner goes with the problem (it listed only this one).
    QVERIFY2(page->bannerText().isEmpty(), qPrintable(page->bannerText()));

    // Batch size 0 with the keyboard.
    auto* batch = qobject_cast<QSpinBox*>(form->editor("train.per_device_train_batch_size"));
    QVERIFY(batch);
    batch->setFocus();
    batch->selectAll();
    QTest::keyClicks(batch, "0");
    QVERIFY2(form->problemText("train.per_device_train_batch_size").contains("at least 1"),
             qPrintable(form->problemText("train.per_device_train_batch_size")));
    batch->selectAll();
    QTest::keyClicks(batch, "8");
    QVERIFY(form->problemText("train.per_device_train_batch_size").isEmpty());

    // An output folder that cannot be written.
    const std::string saved = w.draft()->value("output_dir").get<std::string>();
    w.draft()->set("output_dir", "/proc/peftdesk-run");
    QVERIFY2(form->problemText("output_dir").contains("not writable"), qPrintable(form->problemText("output_dir")));
    // One that already holds a run.
    QTemporaryDir holder;
    QFile f(holder.filePath("run.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{}");
    f.close();
    w.draft()->set("output_dir", holder.path().toStdString());
    QVERIFY2(form->problemText("output_dir").contains("already holds a run"), qPrintable(form->problemText("output_dir")));
    page->startAction()->trigger();
    QVERIFY(!w.controller()->isActive());
    QVERIFY2(page->bannerText().contains(QString::fromUtf8("Train ▸ Output folder")), qPrintable(page->bannerText()));
    w.draft()->set("output_dir", saved);
    QVERIFY(form->problemText("output_dir").isEmpty());
    QVERIFY2(page->bannerText().isEmpty(), qPrintable(page->bannerText()));
  }

  // A folder the Model page cannot open leaves the form's previous model in place: Start must not
  // train that one. The dashboard says so; opening a model again lifts the refusal.
  void aModelPageErrorRefusesStart() {
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    ui::TrainPage* page = w.trainPage();
    const QString model = QString::fromStdString(w.draft()->value("model.path").get<std::string>());
    QVERIFY2(test::quickText(page->dashboardView(), "planText").contains(ui::modelDisplayName(model)),
             qPrintable(test::quickText(page->dashboardView(), "planText")));
    QTemporaryDir notAModel;
    QVERIFY(!w.modelPage()->openModel(notAModel.path()));
    w.showPage(ui::MainWindow::Page::Train);
    QVERIFY(!page->startRun());
    QVERIFY(!w.controller()->isActive());
    QVERIFY2(page->bannerText().contains("Model page") && page->bannerText().contains(QDir::toNativeSeparators(notAModel.path())),
             qPrintable(page->bannerText()));
    QVERIFY2(test::quickText(page->dashboardView(), "planText").contains("not a model"), qPrintable(test::quickText(page->dashboardView(), "planText")));
    QVERIFY(w.modelPage()->openModel(model));
    QVERIFY2(page->bannerText().isEmpty(), qPrintable(page->bannerText()));
    QVERIFY2(test::quickText(page->dashboardView(), "planText").contains(ui::modelDisplayName(model)),
             qPrintable(test::quickText(page->dashboardView(), "planText")));
  }

  // After a run, a start that fails before anything ran (unreadable data) shows that failure and
  // nothing of the earlier run: no 100 %, no Resume of a folder that holds no run.
  void aFailedStartShowsNothingStale() {
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showPage(ui::MainWindow::Page::Train);
    ui::TrainPage* page = w.trainPage();
    ui::QuickPanel* view = page->dashboardView();
    w.draft()->set("output_dir", workspace_.filePath("gui-before-fail").toStdString());
    w.draft()->set("train.max_steps", 3);
    w.draft()->set("train.save_steps", 0);
    QVERIFY(page->startRun());
    QTRY_VERIFY_WITH_TIMEOUT(!w.controller()->isActive(), 120000);
    QCOMPARE(test::quickText(view, "stateText"), QString("Finished"));
    QVERIFY2(test::quickText(view, "stepText").startsWith("Step 3 / 3"), qPrintable(test::quickText(view, "stepText")));

    // The form is saved for the next window: put the demo data back however this test ends.
    struct RestoreData {
      ui::RunDraft* draft;
      nlohmann::json path, dataset;
      ~RestoreData() {
        draft->set("data.path", path);
        draft->set("data.dataset", dataset);
      }
    } restore{w.draft(), w.draft()->value("data.path"), w.draft()->value("data.dataset")};
    QTemporaryDir dataDir;
    QFile broken(dataDir.filePath("broken.json"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("[{\"instruction\": \"a\", \"output\": ");  // cut off mid-record
    broken.close();
    w.draft()->set("data.path", broken.fileName().toStdString());
    w.draft()->set("data.dataset", nullptr);
    const QString failDir = workspace_.filePath("gui-fail");
    w.draft()->set("output_dir", failDir.toStdString());
    QVERIFY2(page->binder()->refreshProblems() == 0, "the broken file must pass the form's checks and fail at the start");
    QVERIFY(page->startRun());
    QTRY_VERIFY_WITH_TIMEOUT(!w.controller()->isActive(), 60000);
    QVERIFY2(page->bannerText().startsWith("Failed"), qPrintable(page->bannerText()));
    QVERIFY(!QFile::exists(failDir + "/run.json"));
    QCOMPARE(test::quickText(view, "stateText"), QString("Failed"));
    QVERIFY2(!test::quickText(view, "stepText").contains("3 / 3"), qPrintable(test::quickText(view, "stepText")));
    QCOMPARE(test::quickText(view, "lossText"), QString::fromUtf8("—"));
    QCOMPARE(page->dashboard()->progress(), 0.0);
    QVERIFY(!page->resumeAction()->isEnabled());
    QVERIFY(!test::quickEnabled(view, "resumeButton"));
    QVERIFY(page->startAction()->isEnabled());
  }

  // Stop without saving asks first; "Keep training" keeps the run going, "Stop without saving"
  // ends it with no adapter written (decision 40).
  void stopAsksBeforeDiscarding() {
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showPage(ui::MainWindow::Page::Train);
    ui::TrainPage* page = w.trainPage();
    const QString runDir = workspace_.filePath("gui-stop-ask");
    w.draft()->set("output_dir", runDir.toStdString());
    w.draft()->set("train.max_steps", 100000);
    w.draft()->set("train.save_steps", 0);
    QVERIFY(page->startRun());
    QTRY_VERIFY_WITH_TIMEOUT(page->dashboard()->step() >= 2, 60000);
    auto answer = [](const QString& buttonText) {
      QTimer::singleShot(200, [buttonText] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        QVERIFY(box);
        QCOMPARE(box->objectName(), QString("confirm_stop"));
        QCOMPARE(box->defaultButton()->text(), QString("Stop and save"));
        for (QAbstractButton* b : box->buttons())
          if (b->text() == buttonText) b->click();
      });
    };
    answer("Keep training");
    test::quickClick(page->dashboardView(), "stopButton");
    QVERIFY(w.controller()->isActive());
    const qint64 before = page->dashboard()->step();
    QTRY_VERIFY_WITH_TIMEOUT(page->dashboard()->step() > before, 20000);
    // This time from the keyboard: the page's shortcut (Alt+T, as the action's mnemonic says),
    // with the focus on the dashboard.
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    page->dashboardView()->setFocus();
    QTRY_VERIFY(page->dashboardView()->hasFocus());
    answer("Stop without saving");
    QTest::keyClick(page->dashboardView(), Qt::Key_T, Qt::AltModifier);
    QTRY_VERIFY_WITH_TIMEOUT(!w.controller()->isActive(), 60000);
    QCOMPARE(test::quickText(page->dashboardView(), "stateText"), QString("Stopped"));
    QVERIFY(!QFile::exists(runDir + "/adapter/adapter_model.safetensors"));
    QVERIFY(QDir(runDir + "/checkpoints").entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
  }

  void trainPauseStopSaveResume() {
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showPage(ui::MainWindow::Page::Train);
    ui::TrainPage* page = w.trainPage();
    const QString runDir = workspace_.filePath("gui-run");
    w.draft()->set("output_dir", runDir.toStdString());
    w.draft()->set("train.max_steps", 400);
    w.draft()->set("train.save_steps", 0);
    w.draft()->set("train.eval_steps", 10);
    w.draft()->set("train.logging_steps", 1);
    QVERIFY(page->binder()->refreshProblems() == 0);
    ui::QuickPanel* view = page->dashboardView();
    QVERIFY2(view->errorText().isEmpty(), qPrintable(view->errorText()));
    QCOMPARE(test::quickText(view, "stateText"), QString("Ready"));

    LatencyProbe probe;
    test::quickClick(view, "startButton");
    QVERIFY(w.controller()->isActive());
    QTRY_VERIFY_WITH_TIMEOUT(page->curves()->plottedPoints("loss") >= 5, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(page->dashboard()->step() >= 5, 10000);
    QCOMPARE(page->dashboard()->totalSteps(), 400);
    QCOMPARE(test::quickText(view, "stateText"), QString("Running"));
    QCOMPARE(test::quickText(view, "deviceText"), QString("on cpu"));
    QVERIFY(!test::quickEnabled(view, "startButton"));
    QTRY_VERIFY_WITH_TIMEOUT(page->curves()->plottedPoints("eval") >= 1, 60000);
    QVERIFY(page->curves()->replotCount() > 0);

    // Pause: the step holds.
    test::quickClick(view, "pauseButton");
    QTRY_VERIFY_WITH_TIMEOUT(page->bannerText().contains("Paused"), 10000);
    QCOMPARE(test::quickText(view, "stateText"), QString("Paused"));
    const qint64 held = page->dashboard()->step();
    QTest::qWait(400);
    QCOMPARE(page->dashboard()->step(), held);
    QVERIFY(test::quickEnabled(view, "resumeButton"));
    test::quickClick(view, "resumeButton");
    QTRY_VERIFY_WITH_TIMEOUT(page->dashboard()->step() > held + 3, 20000);

    // Stop and save: a checkpoint at the stop step, the run can be resumed.
    test::quickClick(view, "stopAndSaveButton");
    QTRY_VERIFY_WITH_TIMEOUT(!w.controller()->isActive(), 60000);
    QVERIFY2(page->bannerText().contains("Stopped at step"), qPrintable(page->bannerText()));
    const double p50 = probe.percentile(0.50), p99 = probe.percentile(0.99);
    const QString report = QStringLiteral("event-loop latency during training: p50 %1 ms, p99 %2 ms, max %3 ms over %4 ticks")
                               .arg(p50, 0, 'f', 2).arg(p99, 0, 'f', 2).arg(probe.percentile(1.0), 0, 'f', 2).arg(probe.samples());
    qInfo("%s", qPrintable(report));
    QFile out(QDir::currentPath() + "/gui_latency.txt");
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(report.toUtf8() + "\n");
    out.close();
    const QStringList checkpoints = QDir(runDir + "/checkpoints").entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QVERIFY2(!checkpoints.isEmpty(), "no checkpoint after stop-and-save");
    const qint64 stoppedAt = page->dashboard()->step();
    QVERIFY(checkpoints.contains(QStringLiteral("step-%1").arg(stoppedAt)));
    QVERIFY(QFile::exists(runDir + "/adapter/adapter_model.safetensors"));  // stop-and-save writes the adapter too
    QCOMPARE(test::quickText(view, "stateText"), QString("Stopped"));
    QVERIFY2(test::quickText(view, "checkpointText").contains(QStringLiteral("the last at step %1").arg(stoppedAt)),
             qPrintable(test::quickText(view, "checkpointText")));

    // Find the run on the Runs page and resume it from there (the rest of the 400 steps).
    QVERIFY(page->resumeAction()->isEnabled());
    w.showPage(ui::MainWindow::Page::Runs);
    ui::RunsPage* runs = w.runsPage();
    test::refreshAndWait(runs);
    QVERIFY(runs->selectRun(runDir));
    QCOMPARE(QString::fromStdString(runs->run(runDir)->state), QString("stopped"));
    QCOMPARE(runs->run(runDir)->step, static_cast<int64_t>(stoppedAt));
    QTRY_VERIFY_WITH_TIMEOUT(runs->curves()->plottedPoints("loss") >= stoppedAt, 5000);  // from metrics.jsonl
    QVERIFY(runs->resumeButton()->isEnabled());
    QTest::mouseClick(runs->resumeButton(), Qt::LeftButton);
    QCOMPARE(w.currentPage(), ui::MainWindow::Page::Train);
    QVERIFY(w.controller()->isActive());
    QTRY_VERIFY_WITH_TIMEOUT(!w.controller()->isActive(), 480000);  // the rest of 400 steps: ~20 s alone, 260 s seen with both cores busy
    QVERIFY2(page->bannerText().contains("Finished"), qPrintable(page->bannerText() + "\n" + page->logText()));
    QVERIFY(QFile::exists(runDir + "/adapter/adapter_model.safetensors"));
    QCOMPARE(page->dashboard()->step(), 400);
    // The whole run's history, not only the resumed steps (logging and evaluating as configured),
    // and the legend beside the curves, not over them.
    QCOMPARE(page->curves()->plottedPoints("loss"), 400);
    QCOMPARE(page->curves()->plottedPoints("eval"), 40);
    QVERIFY(!page->curves()->legendCoversCurves());
    checkDashboardAgainstMetrics(view, runDir, stoppedAt);
    QVERIFY(test::quickEnabled(view, "startButton"));
    for (const char* name : {"pauseButton", "resumeButton", "stopAndSaveButton", "stopButton"}) QVERIFY2(!test::quickEnabled(view, name), name);
    QTest::qWait(100);  // the dashboard draws its last change on the next frame
    w.grab().save(QDir::currentPath() + "/page_train.png");
    test::refreshAndWait(runs);
    QCOMPARE(QString::fromStdString(runs->run(runDir)->state), QString("finished"));
  }

  void closingDuringARunStopsAndSaves() {
    const QString runDir = workspace_.filePath("gui-close");
    {
      ui::MainWindow w;
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      w.draft()->set("output_dir", runDir.toStdString());
      w.draft()->set("train.max_steps", 100000);
      w.draft()->set("train.save_steps", 0);
      QVERIFY(w.trainPage()->startRun());
      QTRY_VERIFY_WITH_TIMEOUT(w.trainPage()->dashboard()->step() >= 3, 60000);
      // Answer the confirmation like a user would.
      QTimer::singleShot(200, &w, [] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (box) box->button(QMessageBox::Yes)->click();
      });
      QVERIFY(w.close());
      QVERIFY(!w.controller()->isActive());
    }
    const QStringList checkpoints = QDir(runDir + "/checkpoints").entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QVERIFY2(checkpoints.size() == 1, qPrintable(checkpoints.join(',')));
    QFile status(runDir + "/status.json");
    QVERIFY(status.open(QIODevice::ReadOnly));
    QVERIFY(status.readAll().contains("\"stopped\""));
  }

 private:
  // What the dashboard shows at the end of the resumed run equals the run's own record: the last
  // step's loss (logging every step, so the row's mean is that step's loss), the last evaluation,
  // the step count and where it resumed, the checkpoint written, the device.
  void checkDashboardAgainstMetrics(ui::QuickPanel* view, const QString& runDir, qint64 resumedAt) {
    QFile metrics(runDir + "/metrics.jsonl");
    QVERIFY(metrics.open(QIODevice::ReadOnly));
    nlohmann::json lastStep, lastEval;
    std::vector<double> losses;
    for (const QByteArray& line : metrics.readAll().split('\n')) {
      if (line.trimmed().isEmpty()) continue;
      const nlohmann::json row = nlohmann::json::parse(line.toStdString());
      if (row.contains("loss")) lastStep = row, losses.push_back(row.at("loss").get<double>());
      if (row.contains("eval_loss")) lastEval = row;
    }
    QCOMPARE(lastStep.at("step").get<int>(), 400);
    QCOMPARE(test::quickText(view, "lossText"), QString::number(lastStep.at("loss").get<double>(), 'f', 4));
    QCOMPARE(test::quickText(view, "stateText"), QString("Finished"));
    QCOMPARE(test::quickText(view, "stepText"), QStringLiteral("Step 400 / 400 (resumed at %1) · epoch %2").arg(resumedAt).arg(lastStep.at("epoch").get<double>(), 0, 'f', 2));
    const QString eval = test::quickText(view, "evalText");
    QVERIFY2(eval.startsWith(QStringLiteral("%1 at step %2").arg(QString::number(lastEval.at("eval_loss").get<double>(), 'f', 4)).arg(lastEval.at("step").get<int>())),
             qPrintable(eval));
    QCOMPARE(test::quickText(view, "checkpointText"), QString("1 written, the last at step 400"));
    QCOMPARE(test::quickText(view, "deviceText"), QString("on cpu"));
    QCOMPARE(test::quickText(view, "gpuText"), QString("no GPU in use"));
    QVERIFY(!test::quickEnabled(view, "gpuGauge"));
    const double ram = test::quickItemValue(view, "ramGauge");
    QVERIFY2(ram > 0 && ram <= 1, qPrintable(QString::number(ram)));
    QVERIFY2(test::quickText(view, "ramText").contains("used by PeftDesk"), qPrintable(test::quickText(view, "ramText")));
    // The trend: the mean of the last 25 step losses against the 25 before, flat under 5 %.
    const QString trend = test::quickText(view, "trendText");
    QVERIFY(losses.size() >= 50);
    const double recent = std::accumulate(losses.end() - 25, losses.end(), 0.0) / 25;
    const double before = std::accumulate(losses.end() - 50, losses.end() - 25, 0.0) / 25;
    const double change = (recent - before) / std::fabs(before);
    const QString percent = QLocale().toString(std::fabs(change) * 100.0, 'f', 1);
    const QString expected = std::fabs(change) * 100.0 < 5.0 ? QString("flat over the last 50 steps")
                             : change < 0                    ? QString("▼ %1 % over the last 50 steps").arg(percent)
                                                             : QString("▲ %1 % over the last 50 steps").arg(percent);
    QCOMPARE(trend, expected);
    QCOMPARE(test::quickItemValue(view, "progressBar"), 1.0);
  }

  QTemporaryDir workspace_;
};

QTEST_MAIN(TestGuiTraining)
#include "test_gui_training.moc"
