// The Model page's "Download from the Hugging Face Hub" against the local hub stand-in
// (tests/hub/hub_server.py): a repository id typed and Download clicked fetches the model into
// HF_HUB_CACHE, opens the snapshot and lists it among the machine's models; an unknown repository
// and a malformed id are said in full; Cancel during a stalled transfer stops, keeps the partial
// file, and the next Download continues it with a Range request; a gated model is refused without
// a token and with one that has no access (named as the Access token field's), and downloads with
// a good one typed into that (masked) field.
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

#include "../hub/hub_stand_in.h"
#include "cached_models_view.h"
#include "gui_test_support.h"
#include "hub_download_view.h"
#include "model_page.h"
#include "test_support.h"

using namespace peftdesk;
namespace fs = std::filesystem;

class TestGuiModelDownload : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  test::HubStandIn hub_;
  fs::path snapshot_;

  QPushButton* downloadButton(ui::HubDownloadView* view) {
    for (auto* b : view->findChildren<QPushButton*>())
      if (b->text() == "&Download" || b->text() == "&Cancel download") return b;
    return nullptr;
  }
  void type(ui::HubDownloadView* view, const QString& text) {
    view->repoEdit()->clear();
    QTest::keyClicks(view->repoEdit(), text);
  }

 private slots:
  void initTestCase() {
    test::useScratchSettings(tmp_.filePath("workspace"));
    const fs::path gqa = (test::fixturesDir() + "/models/llama_gqa").toStdString();
    if (!fs::exists(gqa / "model.safetensors")) QFAIL("fixtures missing: run through ctest (fixture_tiny_models)");
    const fs::path repo = fs::path(tmp_.path().toStdString()) / "repo";
    fs::create_directories(repo);
    for (const char* f : {"config.json", "generation_config.json", "model.safetensors"}) fs::copy_file(gqa / f, repo / f);
    QString error;
    QVERIFY2(hub_.start(tmp_.path(), {{"test-org/tiny", repo}, {"test-org/gated", repo, true}}, &error), qPrintable(error));
    qputenv("HF_ENDPOINT", QByteArray::fromStdString(hub_.endpoint()));
    qputenv("HF_HUB_CACHE", tmp_.filePath("hub").toUtf8());
    qputenv("MODELSCOPE_CACHE", tmp_.filePath("modelscope").toUtf8());
    // No token from this machine's own Hugging Face login either.
    qunsetenv("HF_TOKEN");
    qunsetenv("HUGGING_FACE_HUB_TOKEN");
    qputenv("HF_TOKEN_PATH", tmp_.filePath("no-token-file").toUtf8());
    qunsetenv("HF_HUB_OFFLINE");
    snapshot_ = fs::path(tmp_.filePath("hub").toStdString()) / "models--test-org--tiny" / "snapshots" / test::HubStandIn::kCommit;
  }

  void refusesWhatIsNotARepository() {
    ui::ModelPage page;
    page.show();
    ui::HubDownloadView* view = page.hubDownload();
    type(view, "not/a/repo");
    QTest::keyClick(view->repoEdit(), Qt::Key_Return);
    QVERIFY(!view->running());
    QVERIFY2(view->statusText().contains("'not/a/repo' is not a Hugging Face repository id"), qPrintable(view->statusText()));
    type(view, "test-org/missing");
    QSignalSpy finished(view, &ui::HubDownloadView::finished);
    QTest::mouseClick(downloadButton(view), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY2(view->statusText().startsWith("Download failed: no model 'test-org/missing'"), qPrintable(view->statusText()));
    QVERIFY(view->repoEdit()->isEnabled());
  }

  void cancelsAndContinues() {
    hub_.reset();
    const fs::path weights = fs::path(tmp_.path().toStdString()) / "repo" / "model.safetensors";
    const int stallAt = static_cast<int>(fs::file_size(weights) / 4);
    hub_.fault("model.safetensors", "stall", stallAt);
    ui::ModelPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    ui::HubDownloadView* view = page.hubDownload();
    type(view, "test-org/tiny");
    QSignalSpy finished(view, &ui::HubDownloadView::finished);
    // Enter in the revision field starts it too; the keyboard stays on the Cancel button.
    auto* revision = view->findChildren<QLineEdit*>().at(1);
    QVERIFY(revision != view->repoEdit());
    revision->setFocus();
    QTest::keyClick(revision, Qt::Key_Return);
    QVERIFY(view->running());
    QCOMPARE(downloadButton(view)->text(), QString("&Cancel download"));
    QVERIFY(!view->repoEdit()->isEnabled());
    QVERIFY(downloadButton(view)->hasFocus());
    // Wait until the stalled transfer holds its first bytes, then cancel with the button.
    const fs::path blobs = snapshot_.parent_path().parent_path() / "blobs";
    const auto partialBytes = [&]() -> uintmax_t {
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(blobs, ec))
        if (e.path().extension() == ".incomplete") return fs::file_size(e.path(), ec);
      return 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(partialBytes() == uintmax_t(stallAt), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(view->statusText().contains("model.safetensors"), 10000);
    QTest::mouseClick(downloadButton(view), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY2(view->statusText().startsWith("Cancelled."), qPrintable(view->statusText()));
    QCOMPARE(partialBytes(), uintmax_t(stallAt));
    QVERIFY(page.modelDir().isEmpty());
    // The list refreshes by itself and says the download is unfinished.
    QTRY_VERIFY_WITH_TIMEOUT(page.cachedModels()->rowText(0, 6).contains("download not finished"), 20000);

    QSignalSpy downloaded(view, &ui::HubDownloadView::downloaded);
    QSignalSpy opened(&page, &ui::ModelPage::modelOpened);
    QSignalSpy scanned(page.cachedModels(), &ui::CachedModelsView::scanned);
    QTest::mouseClick(downloadButton(view), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(downloaded.count(), 1, 30000);
    QCOMPARE(fs::path(downloaded.at(0).at(0).toString().toStdString()), snapshot_);
    QVERIFY2(view->statusText().startsWith("Downloaded: 3 files") && view->statusText().contains("1 file(s) continued where an earlier download stopped"),
             qPrintable(view->statusText()));
    QCOMPARE(ui::modelDisplayName(downloaded.at(0).at(0).toString()), QString("test-org/tiny"));
    QCOMPARE(opened.count(), 1);
    QCOMPARE(fs::path(page.modelDir().toStdString()), snapshot_);
    QVERIFY(page.errorText().isEmpty());
    int ranged = 0;
    for (const auto& v : hub_.requestLog())
      if (v.toObject()["range"].toString() == QString("bytes=%1-").arg(stallAt)) ++ranged;
    QCOMPARE(ranged, 1);
    // The list of the machine's models now has it, ready.
    QTRY_VERIFY_WITH_TIMEOUT(scanned.count() > 0 && !page.cachedModels()->scanning(), 20000);
    QCOMPARE(page.cachedModels()->rowText(0, 0), QString("test-org/tiny"));
    QCOMPARE(page.cachedModels()->rowText(0, 6), QString("ready"));
  }

  void accessTokenFieldForAGatedModel() {
    hub_.reset();
    ui::ModelPage page;
    page.show();
    ui::HubDownloadView* view = page.hubDownload();
    QCOMPARE(view->tokenEdit()->echoMode(), QLineEdit::Password);
    QSignalSpy finished(view, &ui::HubDownloadView::finished);
    type(view, "test-org/gated");
    QTest::keyClick(view->repoEdit(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QVERIFY2(view->statusText().contains("test-org/gated is a gated model") && view->statusText().contains("no token is set"),
             qPrintable(view->statusText()));
    QTest::keyClicks(view->tokenEdit(), "hf_noaccess");
    QTest::keyClick(view->tokenEdit(), Qt::Key_Return);  // Enter in the token field starts too
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
    QVERIFY2(view->statusText().contains("the token from the Access token field has no access to it yet"), qPrintable(view->statusText()));
    view->tokenEdit()->clear();
    QTest::keyClicks(view->tokenEdit(), "hf_good");
    QSignalSpy downloaded(view, &ui::HubDownloadView::downloaded);
    QTest::mouseClick(downloadButton(view), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 30000);
    QCOMPARE(finished.at(2).at(0).toBool(), true);
    QCOMPARE(downloaded.count(), 1);
    QVERIFY(downloaded.at(0).at(0).toString().contains("models--test-org--gated"));
    // The token went to the hub with the requests of this download, and not into the app's settings.
    int withToken = 0;
    for (const auto& v : hub_.requestLog())
      if (v.toObject()["authorization"].toString() == "Bearer hf_good") ++withToken;
    QVERIFY(withToken > 0);
    page.close();
    QSettings settings;
    settings.sync();
    QFile stored(settings.fileName());
    QVERIFY2(!stored.open(QIODevice::ReadOnly) || !stored.readAll().contains("hf_good"), qPrintable(stored.fileName()));
  }
};

QTEST_MAIN(TestGuiModelDownload)
#include "test_gui_model_download.moc"
