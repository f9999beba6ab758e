// The main window, offscreen: opens the bundled demo model and shows the same architecture
// summary as `peftdesk-cli info --json`; lists the models in the Hugging Face cache and opens one;
// a broken folder shows an inline error, not a crash.
// Every page is screenshotted into the build folder; the language switches to Simplified Chinese
// and back at run time with a complete translation; the keyboard walks the Train form in order;
// the form state survives a restart.
#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMap>
#include <QMenuBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyleOptionComboBox>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>
#include <nlohmann/json.hpp>

#include "peftdesk/device.h"

#include "app_settings.h"
#include "chat_page.h"
#include "field_tables.h"
#include "first_run_guide.h"
#include "form_binder.h"
#include "language.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "run_draft.h"
#include "quick_panel.h"
#include "train_page.h"
#include "cached_models_view.h"
#include "method_page.h"
#include "model_page.h"
#include "resource_locator.h"
#include "test_support.h"

using namespace peftdesk;

namespace {

// What a .ts file holds: counts, the (context, source) keys, and the translation of each.
struct TsFile {
  int messages = 0, unfinished = 0, empty = 0;
  QSet<QString> sources;                // "context\nsource"
  QMap<QString, QString> translation;   // "context\nsource" -> the first form
  QString error;
};

TsFile readTs(const QString& path) {
  TsFile ts;
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    ts.error = "cannot open " + path;
    return ts;
  }
  QXmlStreamReader xml(&f);
  QString context, source;
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) continue;
    if (xml.name() == QLatin1String("name")) context = xml.readElementText();
    if (xml.name() == QLatin1String("message")) ++ts.messages;
    if (xml.name() == QLatin1String("source")) source = xml.readElementText();
    if (xml.name() == QLatin1String("translation")) {
      const bool flagged = xml.attributes().value("type") == QLatin1String("unfinished");
      const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
      ts.unfinished += flagged;
      ts.empty += text.trimmed().isEmpty();
      const QString key = context + "\n" + source;
      ts.sources.insert(key);
      ts.translation.insert(key, text.trimmed());
    }
  }
  if (xml.hasError()) ts.error = xml.errorString();
  return ts;
}

}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    peftdesk::initCudaSupport();  // as the GUI's main() does first
    QVERIFY(workspace_.isValid());
    test::useScratchSettings(workspace_.path());
  }

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
    QCOMPARE(page->summaryValue(tr("Memory at NF4 (QLoRA)")), QLocale().formattedDataSize(info.value("memory_nf4_bytes").toInteger(), 1, QLocale::DataSizeTraditionalFormat));
    QVERIFY(page->errorText().isEmpty());

    // A screenshot for humans reviewing CI artifacts.
    w.grab().save(QDir::currentPath() + "/main_window.png");
  }

  // The Model page lists what is in the Hugging Face cache (HF_HUB_CACHE) and opens a row.
  void listsCachedModelsAndOpensOne() {
    QTemporaryDir cache;
    const QString demo = ui::demoModelDir();
    QVERIFY(!demo.isEmpty());
    const QString rev = QStringLiteral("1111111111222222222233333333334444444444");
    const QString snapshot = cache.path() + "/hub/models--peftdesk--demo/snapshots/" + rev;
    QVERIFY(QDir().mkpath(snapshot));
    for (const QString& f : QDir(demo).entryList(QDir::Files)) QVERIFY(QFile::link(QDir(demo).filePath(f), snapshot + "/" + f));
    QVERIFY(QDir().mkpath(cache.path() + "/hub/models--peftdesk--demo/refs"));
    QFile ref(cache.path() + "/hub/models--peftdesk--demo/refs/main");
    QVERIFY(ref.open(QIODevice::WriteOnly));
    ref.write(rev.toUtf8());
    ref.close();
    qputenv("HF_HUB_CACHE", (cache.path() + "/hub").toUtf8());
    qputenv("MODELSCOPE_CACHE", (cache.path() + "/modelscope").toUtf8());
    ui::ModelPage page;
    QSignalSpy scanned(page.cachedModels(), &ui::CachedModelsView::scanned);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTRY_VERIFY_WITH_TIMEOUT(scanned.count() > 0, 20000);  // may already have arrived while the window was exposed
    qunsetenv("HF_HUB_CACHE");
    qunsetenv("MODELSCOPE_CACHE");
    ui::CachedModelsView* list = page.cachedModels();
    QCOMPARE(list->rowCount(), 1);
    QCOMPARE(list->rowText(0, 0), QString("peftdesk/demo"));
    QCOMPARE(list->rowText(0, 1), QString("1111111111 (main)"));
    QCOMPARE(list->rowText(0, 6), QString("ready"));
    QSignalSpy opened(&page, &ui::ModelPage::modelOpened);
    list->activateRow(0);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(page.modelDir(), snapshot);
    QVERIFY(page.errorText().isEmpty());
    QVERIFY(!page.summaryValue(tr("Parameters")).isEmpty());
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

  void screenshotOfEveryPage() {
    ui::MainWindow w;
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const std::pair<ui::MainWindow::Page, const char*> pages[] = {{ui::MainWindow::Page::Model, "model"}, {ui::MainWindow::Page::Data, "data"},
                                                                  {ui::MainWindow::Page::Method, "method"}, {ui::MainWindow::Page::Train, "train"},
                                                                  {ui::MainWindow::Page::Runs, "runs"}, {ui::MainWindow::Page::Compare, "compare"},
                                                                  {ui::MainWindow::Page::Chat, "chat"}};
    QTest::qWait(800);  // background counts and data analysis
    for (const auto& [page, name] : pages) {
      w.showPage(page);
      QCOMPARE(w.currentPage(), page);
      QTest::qWait(150);
      const QImage shot = w.grab().toImage();
      QVERIFY(!shot.isNull());
      // Not a blank window: many distinct colours.
      QSet<QRgb> colours;
      for (int y = 0; y < shot.height(); y += 7)
        for (int x = 0; x < shot.width(); x += 7) colours.insert(shot.pixel(x, y));
      QVERIFY2(colours.size() > 8, name);
      QVERIFY(shot.save(QDir::currentPath() + QStringLiteral("/screen_%1.png").arg(name)));
    }
  }

  // A 1366×768 laptop (or 1280×720) holds the whole window: the minimum size fits, and at 1280×720
  // every page shows each label and field whole — no label narrower than its text, no widget
  // cut off by its parent, no form that needs a horizontal scroll bar.
  void fitsA1280x720Screen_data() {
    QTest::addColumn<QString>("language");
    for (const QString& code : ui::LanguageSwitcher::available()) QTest::newRow(qPrintable(code)) << code;
  }

  // In every language (translations are longer or shorter than English).
  void fitsA1280x720Screen() {
    QFETCH(QString, language);
    ui::MainWindow w;
    const auto backToEnglish = qScopeGuard([&w] { w.setLanguage("en"); });  // the setting outlives the window
    QVERIFY(w.setLanguage(language));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTest::qWait(800);  // background counts and data analysis
    const std::pair<ui::MainWindow::Page, const char*> pages[] = {{ui::MainWindow::Page::Model, "model"}, {ui::MainWindow::Page::Data, "data"},
                                                                  {ui::MainWindow::Page::Method, "method"}, {ui::MainWindow::Page::Train, "train"},
                                                                  {ui::MainWindow::Page::Runs, "runs"}, {ui::MainWindow::Page::Compare, "compare"},
                                                                  {ui::MainWindow::Page::Chat, "chat"}};
    QStringList problems;
    for (const auto& [page, name] : pages) {
      w.showPage(page);
      QTest::qWait(100);
      const QSize minimum = w.minimumSizeHint().expandedTo(w.minimumSize());
      if (minimum.width() > 1280 || minimum.height() > 720)
        problems << QStringLiteral("%1: the window needs at least %2×%3").arg(name).arg(minimum.width()).arg(minimum.height());
    }
    w.resize(1280, 720);
    QTest::qWait(200);
    if (w.size() != QSize(1280, 720)) problems << QStringLiteral("the window stays %1×%2 when made 1280×720").arg(w.width()).arg(w.height());
    for (const auto& [page, name] : pages) {
      w.showPage(page);
      QTest::qWait(150);
      QWidget* current = w.findChild<QStackedWidget*>()->currentWidget();
      for (QScrollArea* area : current->findChildren<QScrollArea*>()) {
        if (area->isVisible() && area->horizontalScrollBar()->isVisible())
          problems << QStringLiteral("%1: %2 scrolls sideways").arg(name, area->objectName().isEmpty() ? QString::fromLatin1(area->widget()->metaObject()->className()) : area->objectName());
      }
      for (QWidget* child : current->findChildren<QWidget*>()) {
        if (!child->isVisible() || !child->parentWidget() || qobject_cast<QScrollBar*>(child)) continue;
        if (child->parentWidget()->objectName() == QLatin1String("qt_scrollarea_viewport")) continue;  // scrolled on purpose
        auto* label = qobject_cast<QLabel*>(child);
        if (label && !label->wordWrap() && !label->text().isEmpty() && label->width() < label->minimumSizeHint().width())
          problems << QStringLiteral("%1: label \"%2\" is %3 px wide, its text needs %4").arg(name, label->text().left(40)).arg(label->width()).arg(label->minimumSizeHint().width());
        if (label && label->wordWrap() && !label->text().isEmpty() && label->height() < label->heightForWidth(label->width()))
          problems << QStringLiteral("%1: label \"%2\" is %3 px high, its text needs %4").arg(name, label->text().left(40)).arg(label->height()).arg(label->heightForWidth(label->width()));
        // A choice box at least as wide as its current choice (they may shrink to a short choice).
        auto* combo = qobject_cast<QComboBox*>(child);
        if (combo && !combo->currentText().isEmpty()) {
          QStyleOptionComboBox opt;
          opt.initFrom(combo);
          const int textPx = combo->fontMetrics().horizontalAdvance(combo->currentText());
          const QRect textRect = combo->style()->subControlRect(QStyle::CC_ComboBox, &opt, QStyle::SC_ComboBoxEditField, combo);
          if (textRect.width() < textPx)
            problems << QStringLiteral("%1: choice \"%2\" shows %3 px of its %4").arg(name, combo->currentText()).arg(textRect.width()).arg(textPx);
        }
        const QRect inParent = child->geometry();
        const QRect parentRect = child->parentWidget()->rect();
        if (!parentRect.contains(inParent) && !inParent.intersected(parentRect).isEmpty() && child->parentWidget()->metaObject()->className() != QByteArray("QTabBar"))
          problems << QStringLiteral("%1: %2 \"%3\" is cut off by its parent %4 (%5 vs %6)")
                          .arg(name, QString::fromLatin1(child->metaObject()->className()), child->objectName(),
                               QString::fromLatin1(child->parentWidget()->metaObject()->className()))
                          .arg(QStringLiteral("%1,%2 %3×%4").arg(inParent.x()).arg(inParent.y()).arg(inParent.width()).arg(inParent.height()),
                               QStringLiteral("%1×%2").arg(parentRect.width()).arg(parentRect.height()));
      }
      w.grab().save(QDir::currentPath() + QStringLiteral("/screen_1280x720_%1%2.png").arg(name, language == "en" ? QString() : "_" + language));
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
  }

  // Runs go to ~/.local/share/PeftDesk/runs as README says ($XDG_DATA_HOME; QStandardPaths' test
  // folders here); runs an earlier version left in Qt's per-application folder are still found.
  void defaultRunsFolderIsTheDocumentedOne() {
    const QString dataHome = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    const QString documented = dataHome + "/PeftDesk/runs";
    const QString earlier = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + "/runs";
    QVERIFY2(earlier != documented, qPrintable(earlier));
    QDir(documented).removeRecursively();
    QDir(earlier).removeRecursively();
    QCOMPARE(ui::defaultWorkspaceDir(), documented);
    QVERIFY(QDir().mkpath(earlier + "/lora-20261101-120000"));
    QCOMPARE(ui::defaultWorkspaceDir(), earlier);
    QVERIFY(QDir().mkpath(documented));
    QCOMPARE(ui::defaultWorkspaceDir(), documented);
    QDir(documented).removeRecursively();
    QDir(earlier).removeRecursively();
  }

  // Every language has every message translated; Simplified Chinese is reviewed (nothing marked
  // unfinished), Japanese, Korean and Russian are not (every message marked unfinished, and the
  // Language menu says so); all have the same source texts, and each loads and switches the window.
  void translationsAreComplete() {
    const QStringList languages = ui::LanguageSwitcher::available();
    QCOMPARE(languages, (QStringList{"en", "zh_CN", "ja", "ko", "ru"}));
    QMap<QString, TsFile> files;
    for (const QString& code : languages.mid(1)) {
      files[code] = readTs(test::sourceDir() + "/translations/peftdesk_" + code + ".ts");
      const TsFile& ts = files[code];
      QVERIFY2(ts.error.isEmpty(), qPrintable(code + ": " + ts.error));
      QVERIFY(ts.messages > 300);
      QVERIFY2(ts.empty == 0, qPrintable(QString("%1: %2 message(s) without a translation").arg(code).arg(ts.empty)));
      // Reviewed: nothing left unfinished. Unreviewed: some (all, as shipped; a review accepts
      // entries in Qt Linguist and may be committed in parts until the menu's note goes).
      const bool reviewed = ui::LanguageSwitcher::reviewed(code);
      QVERIFY2(reviewed ? ts.unfinished == 0 : ts.unfinished > 0, qPrintable(QString("%1: %2 unfinished").arg(code).arg(ts.unfinished)));
      QVERIFY(ui::LanguageSwitcher::displayName(code) != code);
    }
    for (const QString& code : languages.mid(2)) QCOMPARE(files[code].sources, files["zh_CN"].sources);
    QVERIFY(ui::LanguageSwitcher::displayName("ru").contains(QString::fromUtf8("не проверен")));
    // Messages name form fields by page and label, never by RUN.json key.
    QCOMPARE(ui::formLabel("train.learning_rate"), QString("Train ▸ Learning rate"));
    QCOMPARE(ui::formLabel("data.dataset"), QString("Data ▸ Datasets in this folder (dataset_info.json)"));
    QCOMPARE(ui::formLabel("model.path"), QString("Model ▸ Model folder"));

    ui::MainWindow w;
    const auto backToEnglish = qScopeGuard([&w] { w.setLanguage("en"); });  // the setting outlives the window
    auto* nav = w.findChild<QListWidget*>("pages");
    for (const QString& code : languages.mid(1)) {
      QVERIFY2(w.setLanguage(code), qPrintable(code));
      QCOMPARE(nav->item(3)->text(), files[code].translation.value("peftdesk::ui::MainWindow\nTrain"));
      QVERIFY(nav->item(3)->text() != "Train");
    }
    QVERIFY(w.setLanguage("en"));
    QCOMPARE(nav->item(3)->text(), QString("Train"));
  }

  // The first start's form is examples/demo-lora.json (which test_demo_finetune trains and checks
  // for a visible change), apart from its paths, output folder and how often it logs.
  void firstStartIsTheDemoExample() {
    nlohmann::json form = ui::RunDraft::defaultDocument(ui::demoModelDir(), ui::demoDataFile(), QDir::tempPath());
    QFile f(test::sourceDir() + "/examples/demo-lora.json");
    QVERIFY(f.open(QIODevice::ReadOnly));
    nlohmann::json example = nlohmann::json::parse(f.readAll().toStdString());
    QCOMPARE(QFileInfo(QString::fromStdString(form["data"]["path"].get<std::string>())).fileName(),
             QFileInfo(QString::fromStdString(example["data"]["path"].get<std::string>())).fileName());
    for (nlohmann::json* doc : {&form, &example}) {
      doc->erase("model");
      doc->erase("output_dir");
      (*doc)["data"].erase("path");
      (*doc)["train"].erase("logging_steps");
    }
    QVERIFY2(form == example, qPrintable(QString::fromStdString(form.dump() + "\n" + example.dump())));
  }

  void languageSwitchesAtRunTime() {
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto* nav = w.findChild<QListWidget*>("pages");
    QVERIFY(nav);
    QCOMPARE(nav->item(3)->text(), QString("Train"));
    QCOMPARE(w.trainPage()->startAction()->text(), QString("&Start"));
    ui::QuickPanel* dashboard = w.trainPage()->dashboardView();
    QCOMPARE(test::quickText(dashboard, "lossCaption"), QString("Loss"));
    QCOMPARE(test::quickText(dashboard, "stateText"), QString("Ready"));
    QCOMPARE(test::quickText(dashboard, "startButton"), QString("Start"));
    // A status-bar message showing across the switch is made again in the new language.
    QTemporaryDir tmp;
    QVERIFY(w.saveRunJson(tmp.filePath("RUN.json")));
    QVERIFY(w.statusBar()->currentMessage().startsWith("Saved "));
    // Form labels translate themselves (TranslatedLabel): the Chat page's message label.
    QLabel* messageLabel = nullptr;
    for (auto* l : w.chatPage()->findChildren<QLabel*>())
      if (l->buddy() && l->buddy()->objectName() == "chat_input") messageLabel = l;
    QVERIFY(messageLabel);
    QCOMPARE(messageLabel->text(), QString("Messa&ge (Ctrl+Enter sends)"));
    auto* zh = w.findChild<QAction*>("language_zh_CN");
    QVERIFY(zh);
    zh->trigger();
    QVERIFY2(w.statusBar()->currentMessage().startsWith(QString::fromUtf8("已保存 ")), qPrintable(w.statusBar()->currentMessage()));
    QTRY_COMPARE(messageLabel->text(), QString::fromUtf8("消息（Ctrl+Enter 发送）(&G)"));
    QCOMPARE(w.languages()->language(), QString("zh_CN"));
    QCOMPARE(nav->item(3)->text(), QString::fromUtf8("训练"));
    // Widgets receive LanguageChange through the event loop.
    QTRY_COMPARE(w.trainPage()->startAction()->text(), QString::fromUtf8("开始(&S)"));
    // The Qt Quick dashboard: its own qsTr() texts, the C++ figures and the actions' texts.
    QTRY_COMPARE(test::quickText(dashboard, "lossCaption"), QString::fromUtf8("损失"));
    QCOMPARE(test::quickText(dashboard, "stateText"), QString::fromUtf8("就绪"));
    QCOMPARE(test::quickText(dashboard, "startButton"), QString::fromUtf8("开始"));
    QTRY_COMPARE(test::quickText(w.methodPage()->chooser(), "name_qlora"), QString::fromUtf8("QLoRA（4 位基础模型）"));
    auto* lr = w.trainPage()->binder()->editor("train.learning_rate");
    QCOMPARE(lr->toolTip(), QString::fromUtf8("AdamW 的峰值学习率，例如 LoRA 用 2e-4，全量微调用 1e-5"));
    QVERIFY(w.menuBar()->actions().first()->text().contains(QString::fromUtf8("文件")));
    w.showPage(ui::MainWindow::Page::Train);
    w.grab().save(QDir::currentPath() + "/screen_train_zh_CN.png");
    w.showPage(ui::MainWindow::Page::Chat);
    QTRY_COMPARE(w.chatPage()->sendButton()->text(), QString::fromUtf8("发送"));
    // Dates and numbers follow the language.
    QCOMPARE(QLocale().language(), QLocale::Chinese);
    QVERIFY2(QLocale().toString(QDate(2026, 12, 3), QLocale::LongFormat).contains(QString::fromUtf8("月")), qPrintable(QLocale().toString(QDate(2026, 12, 3), QLocale::LongFormat)));
    w.grab().save(QDir::currentPath() + "/screen_chat_zh_CN.png");
    // Remembered for the next start.
    QCOMPARE(ui::AppSettings().value(ui::Setting::Language).toString(), QString("zh_CN"));
    QVERIFY(w.setLanguage("en"));
    QCOMPARE(nav->item(3)->text(), QString("Train"));
    QTRY_COMPARE(w.trainPage()->startAction()->text(), QString("&Start"));
    QTRY_COMPARE(test::quickText(dashboard, "lossCaption"), QString("Loss"));
    QVERIFY(QLocale().language() != QLocale::Chinese);
    QTRY_COMPARE(test::quickText(w.methodPage()->chooser(), "name_qlora"), QString("QLoRA (4-bit base)"));
  }

  void keyboardWalksTheTrainFormInOrder() {
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showPage(ui::MainWindow::Page::Train);
    ui::FormBinder* form = w.trainPage()->binder();
    // The widgets Tab visits, in the order it visits them (QWidget::focusNextPrevChild walks the
    // focus chain and stops at enabled, visible widgets that take Tab focus); checked on the
    // chain itself so it holds without a window manager to activate the window.
    auto nextTabStop = [](QWidget* from) {
      QWidget* w = from->nextInFocusChain();
      while (w != from && !((w->focusPolicy() & Qt::TabFocus) && w->isVisible() && w->isEnabled() && !w->focusProxy())) w = w->nextInFocusChain();
      return w;
    };
    auto owns = [](QWidget* editor, QWidget* w) { return editor == w || editor->isAncestorOf(w); };
    QWidget* at = form->editor(ui::trainFields().front().key);
    for (size_t i = 1; i < ui::trainFields().size(); ++i) {
      QWidget* expected = form->editor(ui::trainFields()[i].key);
      QVERIFY2(!expected->toolTip().isEmpty(), ui::trainFields()[i].key);
      // Skip the stops inside the previous editor (a spin box's line edit).
      do {
        at = nextTabStop(at);
      } while (owns(form->editor(ui::trainFields()[i - 1].key), at));
      QVERIFY2(owns(expected, at), qPrintable(QString("%1: Tab reached %2").arg(ui::trainFields()[i].key, at->objectName())));
    }
  }

  void gettingStartedGuide() {
    ui::AppSettings().setValue(ui::Setting::GuideDismissed, false);  // as on a first start
    {
      ui::MainWindow w;
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      w.showPage(ui::MainWindow::Page::Model);
      ui::FirstRunGuide* guide = w.guide();
      QVERIFY(guide->isVisible());
      QCOMPARE(guide->step(), 0);
      QVERIFY2(guide->text().contains("step 1 of 4: Model"), qPrintable(guide->text()));
      auto* next = guide->findChild<QPushButton*>("guide_next");
      const ui::MainWindow::Page pages[] = {ui::MainWindow::Page::Data, ui::MainWindow::Page::Method, ui::MainWindow::Page::Train};
      for (int i = 0; i < 3; ++i) {
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(guide->step(), i + 1);
        QCOMPARE(w.currentPage(), pages[i]);
      }
      QVERIFY(guide->text().contains("Press Start"));
      QCOMPARE(next->text(), QString("Done"));
      w.showPage(ui::MainWindow::Page::Data);  // by hand: the guide follows
      QCOMPARE(guide->step(), 1);
      w.grab().save(QDir::currentPath() + "/screen_guide.png");
      QTest::mouseClick(guide->findChild<QPushButton*>("guide_close"), Qt::LeftButton);
      QVERIFY(!guide->isVisible());
    }
    ui::MainWindow again;
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QVERIFY2(!again.guide()->isVisible(), "a closed guide stays closed after a restart");
    again.findChild<QAction*>("help_guide")->trigger();
    QVERIFY(again.guide()->isVisible());
    QCOMPARE(again.currentPage(), ui::MainWindow::Page::Model);
    QCOMPARE(again.guide()->step(), 0);
  }

  void aboutShowsTheRuntime() {
    ui::MainWindow w;
    const QString about = w.aboutText();
    QVERIFY2(about.contains("PeftDesk 0.1.0"), qPrintable(about));
    QVERIFY2(about.contains("LibTorch 2."), qPrintable(about));
    QVERIFY2(about.contains("CUDA"), qPrintable(about));
    QVERIFY2(about.contains("CPU:"), qPrintable(about));
    const test::ProcessResult cli = test::runCli({"--version"});
    QCOMPARE(cli.exitCode, 0);
    // The same runtime line as the command line's --version.
    const QString line = cli.stdoutText.trimmed();
    QVERIFY2(line.indexOf('(') > 0 && line.endsWith(')'), qPrintable(line));
    const QString runtime = line.mid(line.indexOf('(') + 1).chopped(1);
    QVERIFY2(runtime.contains("LibTorch") && runtime.contains("CPU"), qPrintable(line));
    QVERIFY2(about.contains(runtime.toHtmlEscaped()), qPrintable(about + " vs " + runtime));
  }

  // The Device row of the Train page and the device boxes of Chat and Compare: automatic and CPU,
  // then one row per GPU or a disabled row saying why none is usable; the choice is the RUN.json
  // key train.device (and Chat's / Compare's load options).
  void deviceChoice() {
    ui::MainWindow w;
    auto* device = qobject_cast<QComboBox*>(w.trainPage()->binder()->editor("train.device"));
    QVERIFY(device);
    QCOMPARE(device->itemData(0).toString(), QString("auto"));
    QCOMPARE(device->itemData(1).toString(), QString("cpu"));
    QCOMPARE(device->currentData().toString(), QString("auto"));  // the core's default, key absent
    const CudaStatus& cuda = cudaStatus();
    if (!cuda.usable) {
      QCOMPARE(device->count(), 3);
      QVERIFY2(device->itemText(2).contains(QString::fromStdString(cuda.reason)), qPrintable(device->itemText(2)));
      auto* model = qobject_cast<QStandardItemModel*>(device->model());
      QVERIFY(model && !model->item(2)->isEnabled());
    } else {
      QCOMPARE(device->count(), 2 + static_cast<int>(cuda.devices.size()));
      QCOMPARE(device->itemData(2).toString(), QString("cuda:0"));
    }
    device->setCurrentIndex(1);
    emit device->activated(1);
    QCOMPARE(w.draft()->value("train.device"), nlohmann::json("cpu"));
    // A RUN.json naming a GPU this machine lacks shows it as such, not as "automatic".
    if (!cuda.usable || cuda.devices.size() < 8) {
      w.draft()->set("train.device", "cuda:7");
      QCOMPARE(device->currentData().toString(), QString("cuda:7"));
      QVERIFY2(device->currentText().contains("cuda:7") && device->currentText().contains(tr("not on this machine")), qPrintable(device->currentText()));
    }
    w.draft()->set("train.device", "auto");
    QCOMPARE(device->currentData().toString(), QString("auto"));
    for (const char* name : {"chat_device", "compare_device"}) {
      auto* box = w.findChild<QComboBox*>(name);
      QVERIFY2(box, name);
      QCOMPARE(box->itemData(0).toString(), QString("auto"));
      QCOMPARE(box->itemData(1).toString(), QString("cpu"));
    }
    // Chat remembers the choice with its other options (what its next load uses).
    auto* chatDevice = w.findChild<QComboBox*>("chat_device");
    chatDevice->setCurrentIndex(1);
    auto saved = nlohmann::json::parse(ui::AppSettings().value(ui::Setting::ChatOptions).toString().toStdString());
    QCOMPARE(saved.value("device", std::string()), std::string("cpu"));
    chatDevice->setCurrentIndex(0);
    saved = nlohmann::json::parse(ui::AppSettings().value(ui::Setting::ChatOptions).toString().toStdString());
    QCOMPARE(saved.value("device", std::string()), std::string("auto"));
    w.findChild<QComboBox*>("compare_device")->setCurrentIndex(1);
    QCOMPARE(ui::AppSettings().value(ui::Setting::CompareDevice).toString(), QString("cpu"));
    w.findChild<QComboBox*>("compare_device")->setCurrentIndex(0);
  }

  void formStateSurvivesARestart() {
    {
      ui::MainWindow w;
      w.draft()->set("train.learning_rate", 1.5e-4);
      w.draft()->set("data.cutoff_len", 77);
      w.showPage(ui::MainWindow::Page::Method);
    }
    ui::MainWindow again;
    QCOMPARE(again.draft()->value("train.learning_rate").get<double>(), 1.5e-4);
    QCOMPARE(again.draft()->value("data.cutoff_len").get<int>(), 77);
    QCOMPARE(again.currentPage(), ui::MainWindow::Page::Method);
  }

  void damagedRunJsonOpens() {
    // A RUN.json is a person's file: each field of the window's own saved draft removed, null or of
    // another type opens, every page shows it (an exception out of an event handler would end the
    // test), and what is wrong is listed against a named field.
    ui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const nlohmann::json seed = w.draft()->document();
    const QString file = workspace_.filePath("damaged.json");
    int opened = 0, withProblems = 0;
    for (const auto& [section, value] : seed.items()) {
      std::vector<std::string> keys{section};
      if (value.is_object())
        for (const auto& [key, unused] : value.items()) keys.push_back(section + "/" + key);
      for (const std::string& key : keys) {
        const nlohmann::json::json_pointer at("/" + key);
        for (const nlohmann::json& replacement : {nlohmann::json(), nlohmann::json("text"), nlohmann::json(7), nlohmann::json::array(),
                                                  nlohmann::json::object(), nlohmann::json("removed")}) {
          nlohmann::json doc = seed;
          if (replacement == "removed") doc.at(at.parent_pointer()).erase(at.back());
          else doc.at(at) = replacement;
          QFile f(file);
          QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
          f.write(QByteArray::fromStdString(doc.dump()));
          f.close();
          QVERIFY2(w.openRunJson(file), key.c_str());
          for (ui::MainWindow::Page page : {ui::MainWindow::Page::Model, ui::MainWindow::Page::Data, ui::MainWindow::Page::Method,
                                            ui::MainWindow::Page::Train}) {
            w.showPage(page);
            QCoreApplication::processEvents();
          }
          ui::RunDraft::methodLabel(w.draft()->document());
          const auto problems = w.draft()->problems();
          for (const auto& p : problems) QVERIFY2(!p.field.empty() && !p.message.empty(), key.c_str());
          ++opened;
          if (!problems.empty()) ++withProblems;
        }
      }
    }
    qInfo("%d damaged RUN.json files opened, %d with problems listed by field", opened, withProblems);
    QVERIFY(withProblems > opened / 3);
  }

 private:
  QTemporaryDir workspace_;
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
