// Runs page, issue 22: "Run on a cluster…" writes the selected run as a LLaMA-Factory job (the
// effective batch shown and kept as the GPU count changes; a count that cannot keep it disables
// writing; a method LLaMA-Factory lacks refused by name, nothing written), and "Add LLaMA-Factory
// run…" brings a real LLaMA-Factory output folder back as a run with its curves and adapter.
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "app_settings.h"
#include "cluster_job_dialog.h"
#include "curves_widget.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "peftdesk/json_file.h"
#include "peftdesk/run_config.h"
#include "runs_page.h"
#include "test_support.h"
#include "train/yaml_reader.h"

using namespace peftdesk;
using nlohmann::json;

class TestGuiCluster : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::unique_ptr<ui::MainWindow> window_;

  // A run folder holding what a run writes first (its resolved run.json), with `method`.
  QString runFolder(const QString& name, const json& method) {
    const QString demo = test::sourceDir() + "/resources/demo";
    const QString dir = window_->runsPage()->workspace() + "/" + name;
    json run{{"model", {{"path", (demo + "/model").toStdString()}}},
             {"method", method},
             {"data", {{"path", (demo + "/data/demo_alpaca.json").toStdString()}, {"template", "chatml"}, {"val_size", 0.1}}},
             {"train", {{"per_device_train_batch_size", 2}, {"gradient_accumulation_steps", 4}, {"max_steps", 20}, {"eval_steps", 5}}},
             {"output_dir", dir.toStdString()}};
    std::vector<ConfigProblem> problems;
    const RunConfig c = parseRunConfig(run, (dir + "/run.json").toStdString(), &problems);
    if (!problems.empty()) qWarning("%s: %s", problems[0].field.c_str(), problems[0].message.c_str());
    QDir().mkpath(dir);
    QFile f(dir + "/run.json");
    if (f.open(QIODevice::WriteOnly)) f.write(QByteArray::fromStdString(c.resolved.dump(2)));
    return dir;
  }

  ui::ClusterJobDialog* openDialog(const QString& runDir) {
    ui::RunsPage* runs = window_->runsPage();
    test::refreshAndWait(runs);
    if (!runs->selectRun(runDir) || !runs->clusterButton()->isEnabled()) return nullptr;
    QTest::mouseClick(runs->clusterButton(), Qt::LeftButton);
    return runs->findChild<ui::ClusterJobDialog*>();
  }

 private slots:
  void initTestCase() {
    test::useScratchSettings(tmp_.path());
    window_ = std::make_unique<ui::MainWindow>();
    window_->runsPage()->setWorkspace(tmp_.filePath("ws"));
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    window_->showPage(ui::MainWindow::Page::Runs);
  }

  void runOnACluster() {
    const QString runDir = runFolder("lora-run", {{"peft_type", "LORA"}, {"r", 8}, {"lora_alpha", 16}, {"target_modules", "all-linear"}});
    ui::ClusterJobDialog* dialog = openDialog(runDir);
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto* gpus = dialog->findChild<QSpinBox*>("cluster_gpus");
    auto* write = dialog->findChild<QPushButton*>("cluster_write");
    QVERIFY(gpus && write);
    // 3 GPUs cannot keep 2 × 4: said, and writing is off.
    gpus->setFocus();
    gpus->selectAll();
    QTest::keyClicks(gpus, "3");
    QVERIFY2(dialog->batchText().contains("cannot keep"), qPrintable(dialog->batchText()));
    QVERIFY(!write->isEnabled());
    gpus->selectAll();
    QTest::keyClicks(gpus, "2");
    QVERIFY2(dialog->batchText().contains("accumulation 2 × 2 GPU(s) = 8"), qPrintable(dialog->batchText()));
    QVERIFY(write->isEnabled());
    auto* parallel = dialog->findChild<QComboBox*>("cluster_parallel");
    parallel->setCurrentIndex(parallel->findData("zero3"));
    const QString out = tmp_.filePath("jobs/lora-run");
    dialog->findChild<QLineEdit*>("cluster_output")->setText(out);
    QSignalSpy done(dialog, &ui::ClusterJobDialog::finished);
    QTest::mouseClick(write, Qt::LeftButton);
    QVERIFY(done.wait(60000));
    QVERIFY2(done.first().first().toBool(), qPrintable(dialog->messageText()));
    QVERIFY2(dialog->messageText().contains("launch.sh") && dialog->messageText().contains("val_size"), qPrintable(dialog->messageText()));
    const json y = readYamlFile((out + "/job.yaml").toStdString());
    QCOMPARE(y["gradient_accumulation_steps"].get<int>(), 2);
    QCOMPARE(y["deepspeed"].get<std::string>(), std::string("ds_z3_config.json"));
    QCOMPARE(y["template"].get<std::string>(), std::string("chatml"));
    QVERIFY(QFileInfo::exists(out + "/ds_z3_config.json") && QFileInfo::exists(out + "/data/dataset_info.json"));
    dialog->grab().save(QDir::currentPath() + "/dialog_cluster_job.png");
    dialog->close();
  }

  void methodLlamaFactoryLacksIsRefused() {
    const QString runDir = runFolder("ia3-run", {{"peft_type", "IA3"}, {"target_modules", {"q_proj", "down_proj"}}, {"feedforward_modules", {"down_proj"}}});
    ui::ClusterJobDialog* dialog = openDialog(runDir);
    QVERIFY(dialog);
    const QString out = tmp_.filePath("jobs/ia3-run");
    dialog->setOutputDir(out);
    QSignalSpy done(dialog, &ui::ClusterJobDialog::finished);
    QVERIFY(dialog->write());
    QVERIFY(done.wait(60000));
    QVERIFY(!done.first().first().toBool());
    QVERIFY2(dialog->messageText().contains("method.peft_type") && dialog->messageText().contains("no IA3"), qPrintable(dialog->messageText()));
    QVERIFY(!QFileInfo::exists(out));
    dialog->close();
  }

  // The output of a real LLaMA-Factory run (fixture llamafactory_run) comes back as a finished run:
  // listed, selected, its loss / learning-rate / gradient-norm / eval curves drawn from
  // trainer_state.json, and its adapter usable by Chat and Export.
  void addLlamaFactoryRun() {
    const QString output = test::fixturesDir() + "/llamafactory_run/job/output";
    if (!QFileInfo::exists(output + "/trainer_state.json"))
      QSKIP("fixture llamafactory_run not made (LLaMA-Factory reference environment not installed: scripts/setup.sh)");
    ui::RunsPage* runs = window_->runsPage();
    QSignalSpy imported(runs, &ui::RunsPage::llamaFactoryImported);
    QVERIFY(runs->importLlamaFactoryRun(output));
    QVERIFY(imported.wait(60000));
    const QString dir = imported.first().at(0).toString();
    QVERIFY2(imported.first().at(1).toString().isEmpty(), qPrintable(imported.first().at(1).toString()));
    QCOMPARE(QDir(dir).dirName(), QString("job-llamafactory"));  // the job folder's name, not "output"
    const RunSummary* r = runs->run(dir);
    QVERIFY(r);
    QCOMPARE(QString::fromStdString(r->state), QString("finished"));
    QCOMPARE(r->step, int64_t{6});
    QCOMPARE(QString::fromStdString(r->method), QString("LORA"));
    QCOMPARE(runs->selectedRun(), dir);
    QTRY_COMPARE(runs->curves()->plottedPoints("loss"), 6);
    QTRY_COMPARE(runs->curves()->plottedPoints("eval"), 3);
    QTRY_VERIFY(runs->curves()->plottedPoints("grad_norm") == 6);
    QVERIFY(runs->chatButton()->isEnabled() && runs->exportButton()->isEnabled());
    QVERIFY2(runs->detailsText().contains("LLaMA-Factory"), qPrintable(runs->detailsText()));
    // A second import of the same folder gets a fresh name.
    QVERIFY(runs->importLlamaFactoryRun(output));
    QVERIFY(imported.wait(60000));
    QCOMPARE(QDir(imported.last().at(0).toString()).dirName(), QString("job-llamafactory-2"));
    window_->grab().save(QDir::currentPath() + "/page_runs_llamafactory.png");
    // A folder that is not a run: the reason, nothing added.
    QDir().mkpath(tmp_.filePath("empty-output"));
    QVERIFY(runs->importLlamaFactoryRun(tmp_.filePath("empty-output")));
    QTimer::singleShot(300, [] {
      if (auto* box = QApplication::activeModalWidget()) box->close();
    });
    QVERIFY(imported.wait(60000));
    QVERIFY2(imported.last().at(1).toString().contains("job.yaml"), qPrintable(imported.last().at(1).toString()));
  }
};

QTEST_MAIN(TestGuiCluster)
#include "test_gui_cluster.moc"
