// The main window, offscreen: opens the bundled demo model and shows the same architecture
// summary as `peftdesk-cli info --json`; a broken folder shows an inline error, not a crash.
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTemporaryDir>
#include <QtTest>

#include "main_window.h"
#include "model_page.h"
#include "resource_locator.h"
#include "test_support.h"

using namespace peftdesk;

class TestMainWindow : public QObject {
  Q_OBJECT
 private slots:
  void opensDemoModel() {
    const QString demo = ui::demoModelDir();
    QVERIFY2(!demo.isEmpty(), "bundled demo model not found (resources/demo/model)");
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy opened(w.modelPage(), &ui::ModelPage::modelOpened);
    QVERIFY(w.modelPage()->openModel(demo));
    QCOMPARE(opened.count(), 1);
    QVERIFY(w.windowTitle().contains("model"));

    const auto r = test::runCli({"info", demo, "--json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject info = QJsonDocument::fromJson(r.stdoutText.toUtf8()).object();
    const ui::ModelPage* page = w.modelPage();
    QVERIFY(page->summaryValue(tr("Architecture")).startsWith(info.value("architecture").toString()));
    QCOMPARE(page->summaryValue(tr("Parameters")), QLocale().toString(info.value("num_parameters").toInteger()));
    QCOMPARE(page->summaryValue(tr("Layers")), QString::number(info.value("num_hidden_layers").toInt()));
    QCOMPARE(page->summaryValue(tr("Vocabulary")), QString::number(info.value("vocab_size").toInt()));
    QVERIFY(page->summaryValue(tr("Tokenizer files")).contains("tokenizer.model"));
    QVERIFY(page->errorText().isEmpty());

    // A screenshot for humans reviewing CI artifacts.
    w.grab().save(QDir::currentPath() + "/main_window.png");
  }

  void brokenFolderShowsInlineError() {
    QTemporaryDir empty;
    ui::MainWindow w;
    w.show();
    QVERIFY(!w.modelPage()->openModel(empty.path()));
    QVERIFY2(w.modelPage()->errorText().contains("config.json not found"), qPrintable(w.modelPage()->errorText()));
    QVERIFY(w.modelPage()->errorText().contains(empty.path()));
    QCOMPARE(w.modelPage()->summaryValue(tr("Architecture")), QString());
  }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
