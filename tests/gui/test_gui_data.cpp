// The Data page on real files: the bundled demo set (count, paged preview, token inspector whose
// trained / masked split matches the example's prompt and response, length histogram against the
// cutoff), a LLaMA-Factory data folder (entries listed with the unusable ones explained),
// malformed JSON Lines (problems with file and line), a column mapping edited in the table, and a
// missing dataset refused inline.
#include <QCheckBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "app_settings.h"
#include "data_page.h"
#include "form_binder.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "run_draft.h"
#include "test_support.h"

using namespace peftdesk;

class TestGuiData : public QObject {
  Q_OBJECT

  ui::DataPage* page() { return window_->dataPage(); }
  void waitForAnalysis() { QTRY_VERIFY_WITH_TIMEOUT(!page()->analysing(), 60000); }

 private slots:
  void initTestCase() {
    test::useScratchSettings(tmp_.path());
    window_ = std::make_unique<ui::MainWindow>();
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    window_->showPage(ui::MainWindow::Page::Data);
  }

  void demoDataset() {
    waitForAnalysis();
    QVERIFY2(page()->analysisError().isEmpty(), qPrintable(page()->analysisError()));
    QFile f(QString::fromStdString(window_->draft()->value("data.path").get<std::string>()));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonArray records = QJsonDocument::fromJson(f.readAll()).array();
    QCOMPARE(static_cast<int>(page()->preview()->data.examples.size()), records.size());
    QVERIFY(page()->summaryText().contains("format alpaca"));
    QCOMPARE(page()->problemList()->count(), 0);
    // An absent key shows the core's default: shuffle is on unless turned off.
    QVERIFY(window_->draft()->value("data.shuffle").is_null());
    auto* shuffle = qobject_cast<QCheckBox*>(page()->binder()->editor("data.shuffle"));
    QVERIFY(shuffle && shuffle->isChecked());

    // Paged preview: 50 rows a page, row text from the records.
    QCOMPARE(page()->previewTable()->rowCount(), 50);
    QCOMPARE(page()->previewPageCount(), (records.size() + 49) / 50);
    page()->showPreviewPage(1);
    QCOMPARE(page()->previewTable()->item(0, 0)->text(), QString("50"));
    const QString instruction = records[50].toObject().value("instruction").toString();
    bool found = false;
    for (int c = 0; c < page()->previewTable()->columnCount(); ++c) found |= page()->previewTable()->item(0, c)->text().startsWith(instruction.left(30));
    QVERIFY2(found, qPrintable(instruction));

    // Token inspector: the trained tokens are the response (+ end marker), the masked ones hold the prompt.
    auto* example = page()->findChild<QSpinBox*>("example");
    example->setValue(3);
    QVERIFY(page()->inspectedTokens() > 0);
    QVERIFY(page()->inspectedTrainedTokens() > 0 && page()->inspectedTrainedTokens() < page()->inspectedTokens());
    const auto ex = inspectExample(*page()->preview(), 3);
    std::string trained, masked;
    for (size_t i = 0; i < ex.encoded.inputIds.size(); ++i) (ex.encoded.labels[i] == kIgnoreLabel ? masked : trained) += ex.pieces[i];
    const QJsonObject rec = records[3].toObject();
    QVERIFY2(QString::fromStdString(trained).contains(rec.value("output").toString().left(20)), trained.c_str());
    QVERIFY2(QString::fromStdString(masked).contains(rec.value("instruction").toString().left(20)), masked.c_str());
    QVERIFY(!QString::fromStdString(masked).contains(rec.value("output").toString()));
    QCOMPARE(page()->inspectedTrainedTokens(), static_cast<int>(std::count_if(ex.encoded.labels.begin(), ex.encoded.labels.end(),
                                                                            [](int32_t l) { return l != kIgnoreLabel; })));
    QVERIFY(page()->inspectorHtml().contains("#c8e6c9"));

    // A small cutoff truncates: the histogram counts it and the inspector marks the cut.
    window_->draft()->set("data.cutoff_len", 24);
    waitForAnalysis();
    QVERIFY(page()->histogramOverCutoff() > 0);
    int overCount = 0;
    for (int64_t n : page()->preview()->lengths) overCount += n > 24;
    QCOMPARE(page()->histogramOverCutoff(), overCount);
    int truncatedIndex = -1;
    for (size_t i = 0; i < page()->preview()->lengths.size() && truncatedIndex < 0; ++i)
      if (page()->preview()->lengths[i] > 24) truncatedIndex = static_cast<int>(i);
    QVERIFY(page()->inspect(truncatedIndex));
    QVERIFY(page()->inspectedTruncated());
    QCOMPARE(page()->inspectedTokens(), 24);
    QVERIFY(page()->inspectorHtml().contains("✂"));
    window_->grab().save(QDir::currentPath() + "/page_data.png");
    // Cutoff 0 typed: refused inline by the core's validator.
    auto* cutoff = qobject_cast<QSpinBox*>(page()->binder()->editor("data.cutoff_len"));
    QVERIFY(cutoff);
    cutoff->setFocus();
    cutoff->selectAll();
    QTest::keyClicks(cutoff, "0");
    QVERIFY2(page()->binder()->problemText("data.cutoff_len").contains("at least 1"), qPrintable(page()->binder()->problemText("data.cutoff_len")));
    window_->draft()->set("data.cutoff_len", 128);
    QVERIFY(page()->binder()->problemText("data.cutoff_len").isEmpty());
  }

  void llamaFactoryFolder() {
    const QString dir = test::testDataDir() + "/datasets/llama-factory";
    if (!QFileInfo(dir + "/dataset_info.json").exists()) QSKIP("../shared/testdata/datasets/llama-factory missing");
    window_->draft()->set("data.path", dir.toStdString());
    waitForAnalysis();
    // Several usable entries and none chosen: the core asks to choose.
    QVERIFY2(page()->analysisError().contains("data.dataset"), qPrintable(page()->analysisError()));
    QListWidget* entries = page()->entryList();
    QVERIFY(entries->isVisible());
    int alpacaRow = -1, unusable = 0;
    for (int i = 0; i < entries->count(); ++i) {
      if (entries->item(i)->data(Qt::UserRole).toString() == "alpaca_en_demo") alpacaRow = i;
      if (!(entries->item(i)->flags() & Qt::ItemIsEnabled)) ++unusable;
    }
    QVERIFY(alpacaRow >= 0);
    QVERIFY(unusable > 0);  // hub-only / preference / multimodal entries, with their reason
    entries->item(alpacaRow)->setCheckState(Qt::Checked);
    QCOMPARE(QString::fromStdString(window_->draft()->value("data.dataset").dump()), QString("\"alpaca_en_demo\""));
    waitForAnalysis();
    QVERIFY2(page()->analysisError().isEmpty(), qPrintable(page()->analysisError()));
    QFile records(dir + "/alpaca_en_demo.json");
    QVERIFY(records.open(QIODevice::ReadOnly));
    QCOMPARE(static_cast<int>(page()->preview()->data.examples.size()), QJsonDocument::fromJson(records.readAll()).array().size());
    window_->draft()->set("data.dataset", nullptr);
  }

  void malformedRecordsAndColumnMapping() {
    // JSON Lines with renamed columns and one broken line (line 3).
    const QString file = tmp_.filePath("renamed.jsonl");
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"q\": \"What is 2+2?\", \"a\": \"4\"}\n"
            "{\"q\": \"Capital of France?\", \"a\": \"Paris\"}\n"
            "{\"q\": \"broken\", \"a\": }\n"
            "{\"q\": \"Colour of the sky?\", \"a\": \"Blue\"}\n");
    f.close();
    window_->draft()->set("data.path", file.toStdString());
    window_->draft()->set("data.format", "alpaca");
    waitForAnalysis();
    QVERIFY2(page()->problemList()->count() >= 1, qPrintable(page()->summaryText() + page()->analysisError()));
    bool line3 = false;
    for (int i = 0; i < page()->problemList()->count(); ++i) line3 |= page()->problemList()->item(i)->text().contains("renamed.jsonl:3");
    QVERIFY2(line3, qPrintable(page()->problemList()->item(0)->text()));

    // Map instruction → q and output → a in the table.
    QTableWidget* columns = page()->columnTable();
    for (int r = 0; r < columns->rowCount(); ++r) {
      if (columns->item(r, 0)->text() == "prompt") columns->item(r, 1)->setText("q");
      if (columns->item(r, 0)->text() == "response") columns->item(r, 1)->setText("a");
    }
    const auto mapping = window_->draft()->value("data.columns");
    QCOMPARE(QString::fromStdString(mapping.value("prompt", "")), QString("q"));
    QCOMPARE(QString::fromStdString(mapping.value("response", "")), QString("a"));
    waitForAnalysis();
    QCOMPARE(static_cast<int>(page()->preview()->data.examples.size()), 3);
    QCOMPARE(page()->problemList()->count(), 1);  // only the broken line is left
  }

  void missingDatasetRefusedInline() {
    window_->draft()->set("data.path", tmp_.filePath("nope.json").toStdString());
    QVERIFY2(page()->binder()->problemText("data.path").isEmpty(), "data.path belongs to the path binder");
    const auto problems = window_->draft()->problemsFor("data.path");
    QCOMPARE(static_cast<int>(problems.size()), 1);
    QVERIFY(QString::fromStdString(problems[0].message).contains("not found"));
    auto* label = page()->findChild<QLabel*>("data.path.error");
    QVERIFY(label && label->isVisible() && label->text().contains("not found"));
    waitForAnalysis();
    QVERIFY(page()->analysisError().contains("not found"));
  }

  void cleanupTestCase() { window_.reset(); }

 private:
  QTemporaryDir tmp_;
  std::unique_ptr<ui::MainWindow> window_;
};

QTEST_MAIN(TestGuiData)
#include "test_gui_data.moc"
