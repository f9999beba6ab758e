// The export dialog on a run trained by the CLI: a PEFT adapter with a model card that our CLI
// loads; a merged fp32 model whose logits equal base + adapter; an existing non-empty folder is
// refused and left untouched; an export cancelled at each stage (held there by a test seam) leaves nothing; the Runs page opens
// the dialog for the selected run. GGUF: the merged model and the LoRA adapter equal the CLI's files,
// with a Modelfile; a cancel while the GGUF is written leaves nothing.
#include <QFile>
#include <QMutex>
#include <QPushButton>
#include <QSemaphore>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>

#include "app_settings.h"
#include "export_dialog.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "peftdesk/safetensors.h"
#include "runs_page.h"
#include "test_support.h"

using namespace peftdesk;

class TestGuiExport : public QObject {
  Q_OBJECT

  QString demo() const { return test::sourceDir() + "/resources/demo/model"; }

 private slots:
  void initTestCase() {
    test::useScratchSettings(tmp_.path());
    const QString run = test::trainDemoRun(
        tmp_.filePath("run"), {{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 16}, {"lora_alpha", 32}, {"target_modules", "all-linear"}});
    QVERIFY2(!run.isEmpty(), "training the run to export failed");
    runDir_ = tmp_.filePath("run");
  }

  void adapterWithModelCard() {
    ui::ExportDialog d(runDir_);
    d.setOutputDir(tmp_.filePath("adapter-out"));
    QSignalSpy done(&d, &ui::ExportDialog::finished);
    QVERIFY(d.startExport());
    QVERIFY(done.wait(60000));
    QVERIFY2(done.first().first().toBool(), qPrintable(d.messageText()));
    for (const char* f : {"adapter_config.json", "adapter_model.safetensors", "README.md"}) QVERIFY2(QFile::exists(tmp_.filePath("adapter-out/") + f), f);
    QFile card(tmp_.filePath("adapter-out/README.md"));
    QVERIFY(card.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(card.readAll());
    QVERIFY(text.contains("library_name: peft"));
    QVERIFY(text.contains("| r | `16` |"));
    QVERIFY(text.contains("final training loss"));
    const auto r = test::runCli({"generate", demo(), "--adapter", tmp_.filePath("adapter-out"), "--prompt", "What is 2 plus 2?", "--max-new-tokens", "3"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
  }

  void mergedEqualsBasePlusAdapter() {
    ui::ExportDialog d(runDir_);
    d.setMerged(true);
    d.setDtype("fp32");
    d.setOutputDir(tmp_.filePath("merged-out"));
    QSignalSpy done(&d, &ui::ExportDialog::finished);
    QVERIFY(d.startExport());
    QVERIFY(done.wait(120000));
    QVERIFY2(done.first().first().toBool(), qPrintable(d.messageText()));
    QVERIFY(d.messageText().contains("Merge checked"));
    const QString ids = "1,999,370,45,12;1,5,6";
    auto a = test::runCli({"forward", tmp_.filePath("merged-out"), "--ids", ids, "--out", tmp_.filePath("merged.safetensors")});
    QVERIFY2(a.exitCode == 0, qPrintable(a.stderrText));
    auto b = test::runCli({"forward", demo(), "--adapter", runDir_ + "/adapter", "--ids", ids, "--out", tmp_.filePath("adapter.safetensors")});
    QVERIFY2(b.exitCode == 0, qPrintable(b.stderrText));
    const auto fa = SafetensorsFile::open(tmp_.filePath("merged.safetensors").toStdString());
    const auto fb = SafetensorsFile::open(tmp_.filePath("adapter.safetensors").toStdString());
    QVERIFY(test::maxAbsDiff(test::floatTensor(*fa, "logits"), test::floatTensor(*fb, "logits")) < 1e-4);
  }

  // GGUF (issue 22): the dialog's merged GGUF is the file `peftdesk-cli export --gguf` writes from
  // the merged fp32 folder above (the same fp32 merge), its LoRA GGUF the CLI's --gguf-lora file, each
  // with a Modelfile naming the run's chat template; a cancel while the GGUF is written leaves nothing.
  void ggufMergedAndLora() {
    const QString run = QDir(runDir_).dirName();
    ui::ExportDialog d(runDir_);
    d.setGguf("q8_0");
    d.setOutputDir(tmp_.filePath("gguf-out"));
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    d.grab().save(QDir::currentPath() + "/dialog_export_gguf.png");
    QSignalSpy done(&d, &ui::ExportDialog::finished);
    QVERIFY(d.startExport());
    QVERIFY(done.wait(120000));
    QVERIFY2(done.first().first().toBool(), qPrintable(d.messageText()));
    const QString gguf = tmp_.filePath("gguf-out/" + run + "-q8_0.gguf");
    QVERIFY2(QFile::exists(gguf), qPrintable(d.messageText()));
    QFile modelfile(tmp_.filePath("gguf-out/Modelfile"));
    QVERIFY(modelfile.open(QIODevice::ReadOnly));
    const QString mf = QString::fromUtf8(modelfile.readAll());
    QVERIFY2(mf.contains("FROM ./" + run + "-q8_0.gguf") && mf.contains("TEMPLATE \"\"\"") && mf.contains("PARAMETER stop"), qPrintable(mf));
    QVERIFY(d.messageText().contains("Modelfile (template "));
    auto r = test::runCli({"export", tmp_.filePath("merged-out"), "--gguf", "q8_0", "--name", run, "--out", tmp_.filePath("cli-merged.gguf")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QFile a(gguf), b(tmp_.filePath("cli-merged.gguf"));
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QVERIFY(a.readAll() == b.readAll());

    ui::ExportDialog l(runDir_);
    l.setGguf("f32", /*lora=*/true, /*modelfile=*/false);
    l.setOutputDir(tmp_.filePath("gguf-lora"));
    QSignalSpy loraDone(&l, &ui::ExportDialog::finished);
    QVERIFY(l.startExport());
    QVERIFY(loraDone.wait(120000));
    QVERIFY2(loraDone.first().first().toBool(), qPrintable(l.messageText()));
    QVERIFY(!QFile::exists(tmp_.filePath("gguf-lora/Modelfile")));
    r = test::runCli({"export", demo(), "--adapter", runDir_ + "/adapter", "--gguf", "f32", "--gguf-lora", "--name", run, "--out",
                      tmp_.filePath("cli-lora.gguf")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QFile c(tmp_.filePath("gguf-lora/" + run + "-lora-f32.gguf")), e(tmp_.filePath("cli-lora.gguf"));
    QVERIFY(c.open(QIODevice::ReadOnly) && e.open(QIODevice::ReadOnly));
    QVERIFY(c.readAll() == e.readAll());
  }

  void ggufCancelLeavesNothing() {
    std::atomic<bool> reached{false};
    QSemaphore release;
    ui::ExportDialog c(runDir_);
    c.setGguf("f16");
    const QString out = tmp_.filePath("gguf-cancelled");
    c.setOutputDir(out);
    c.setStageHookForTests([&](const QString& s) {
      if (s != "gguf") return;
      reached = true;
      release.tryAcquire(1, 120000);
    });
    QSignalSpy done(&c, &ui::ExportDialog::finished);
    QVERIFY(c.startExport());
    QTRY_VERIFY_WITH_TIMEOUT(reached.load(), 120000);
    c.cancel();
    release.release();
    QVERIFY(done.wait(120000));
    QCOMPARE(done.first().first().toBool(), false);
    QVERIFY2(c.messageText().contains("nothing was written"), qPrintable(c.messageText()));
    QVERIFY(!QFileInfo::exists(out));
    for (const QString& e : QDir(tmp_.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot))
      QVERIFY2(!e.startsWith(".peftdesk-gguf-merge"), qPrintable(e));
  }

  void refusesNonEmptyFolder() {
    ui::ExportDialog d(runDir_);
    d.setOutputDir(runDir_);  // holds the run
    QVERIFY(!d.startExport());
    QVERIFY(d.messageText().contains("not empty"));
    QVERIFY(QFile::exists(runDir_ + "/adapter/adapter_model.safetensors"));
  }

  void cancelAtEachStageLeavesNothing_data() {
    QTest::addColumn<QString>("stage");
    for (const char* s : {"merging", "writing", "checking", "publishing"}) QTest::newRow(s) << QString(s);
  }

  void cancelAtEachStageLeavesNothing() {
    // The export is held at the start of a stage (test seam) while Cancel is pressed, so the cancel
    // path always runs: nothing at the output folder, no staging folder left, the dialog says so.
    QFETCH(QString, stage);
    // Declared before the dialog, so they outlive its worker even when a check below fails.
    std::atomic<bool> reached{false};
    QSemaphore release;
    QStringList seen;
    QMutex seenLock;
    ui::ExportDialog c(runDir_);
    c.setMerged(true);
    c.setMergeCheck(true);
    const QString out = tmp_.filePath("cancelled-" + stage);
    c.setOutputDir(out);
    c.setStageHookForTests([&](const QString& s) {
      {
        QMutexLocker lock(&seenLock);
        seen << s;
      }
      if (s != stage) return;
      reached = true;
      release.tryAcquire(1, 120000);  // never blocks the worker past a failed test
    });
    QSignalSpy done(&c, &ui::ExportDialog::finished);
    QVERIFY(c.startExport());
    QTRY_VERIFY_WITH_TIMEOUT(reached.load(), 120000);
    QVERIFY(c.running());
    c.cancel();
    release.release();
    QVERIFY(done.wait(120000));
    QCOMPARE(done.first().first().toBool(), false);
    QVERIFY2(c.messageText().contains("cancelled") && c.messageText().contains("nothing was written"), qPrintable(c.messageText()));
    QVERIFY(!QFileInfo::exists(out));
    {
      QMutexLocker lock(&seenLock);
      QCOMPARE(seen.last(), stage);  // nothing ran past the cancelled stage
    }
    QDir parent(tmp_.path());
    for (const QString& e : parent.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot))
      QVERIFY2(!e.contains("partial") && !e.startsWith(".cancelled") && !e.contains("staging"), qPrintable(e));
  }

  void runsPageOpensTheDialog() {
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showPage(ui::MainWindow::Page::Runs);
    QSignalSpy refreshed(w.runsPage(), &ui::RunsPage::refreshed);
    w.runsPage()->refresh();
    QVERIFY(refreshed.wait(10000));
    QVERIFY(w.runsPage()->selectRun(runDir_));
    QVERIFY(w.runsPage()->exportButton()->isEnabled());
    QTest::mouseClick(w.runsPage()->exportButton(), Qt::LeftButton);
    auto* dialog = w.runsPage()->findChild<ui::ExportDialog*>();
    QVERIFY(dialog && dialog->isVisible());
    dialog->grab().save(QDir::currentPath() + "/dialog_export.png");
    dialog->reject();
  }

 private:
  QTemporaryDir tmp_;
  QString runDir_;
};

QTEST_MAIN(TestGuiExport)
#include "test_gui_export.moc"
