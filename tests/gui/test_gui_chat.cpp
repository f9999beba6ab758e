// The Chat page with a LoRA run trained on the demo by the CLI: Runs ▸ Chat opens the base and the
// run's adapter side by side; a message typed and sent streams a reply into each pane, and each
// reply equals `peftdesk-cli generate --chat` with the same template, system prompt and sampling
// settings (greedy, sampled with a seed, and on a 4-bit NF4 base); a second message continues
// each pane's own conversation (equal to `generate --ids` on the rendered conversation); Stop
// keeps what was generated and skips the panes not started; mid-reply the model and the panes
// cannot be changed (and the status line is right afterwards); a language switch keeps the
// streamed text; each pane's first turn is not processed again; Stop while loading is a stop,
// not a failure; the model is reloaded only when the ticked adapters, their files or the
// precision change, and an unticked adapter that went missing does not matter; Clear empties
// every pane; a model folder that cannot be loaded is reported and the message is given back; a
// folder without an adapter is refused; the settings survive a restart without a message sent.
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTemporaryDir>
#include <functional>
#include <QtTest>
#include <nlohmann/json.hpp>

#include "app_settings.h"
#include "chat_controller.h"
#include "chat_page.h"
#include "chat_pane.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "precision_box.h"
#include "peftdesk/chat_engine.h"
#include "peftdesk/chat_template.h"
#include "peftdesk/tokenizer.h"
#include "runs_page.h"
#include "test_support.h"

using namespace peftdesk;
using json = nlohmann::json;

class TestGuiChat : public QObject {
  Q_OBJECT

  QString demo() const { return test::sourceDir() + "/resources/demo/model"; }
  QString adapter() const { return QDir(runDir_ + "/adapter").absolutePath(); }

  // What `peftdesk-cli generate --chat` answers to `prompt` (a first message) with these options.
  QString cliReply(const QString& prompt, const QStringList& options, bool withAdapter) {
    QStringList args{"generate", demo(), "--chat", "--prompt", prompt, "--json"};
    args << options;
    if (withAdapter) args << "--adapter" << adapter();
    const test::ProcessResult r = test::runCli(args);
    if (r.exitCode != 0) return "CLI failed: " + r.stderrText;
    return QString::fromStdString(json::parse(r.stdoutText.toStdString())["text"].get<std::string>());
  }

  static QString joined(const std::vector<int32_t>& ids) {
    QStringList out;
    for (int32_t id : ids) out << QString::number(id);
    return out.join(',');
  }

  // What a separate `peftdesk-cli generate --ids` process answers to `conversation` rendered with
  // the template and system prompt (the template's end marker as the stop).
  QString cliContinue(const std::vector<Turn>& conversation, const std::string& templateName, const std::string& system, int maxNew,
                      bool withAdapter) {
    auto tok = Tokenizer::load(demo().toStdString());
    std::vector<int32_t> stops;
    const std::vector<int32_t> ids = encodeChatPrompt(conversation, system, resolveChatTemplate(templateName, *tok), *tok, &stops);
    QStringList args{"generate", demo(), "--ids", joined(ids), "--max-new-tokens", QString::number(maxNew), "--json"};
    if (!stops.empty()) args << "--stop-id" << joined(stops);
    if (withAdapter) args << "--adapter" << adapter();
    const test::ProcessResult r = test::runCli(args);
    if (r.exitCode != 0) return "CLI failed: " + r.stderrText;
    return QString::fromStdString(tok->decode(json::parse(r.stdoutText.toStdString())["ids"].get<std::vector<int32_t>>(), true));
  }

  // Tokens of `conversation` rendered with the template and system prompt (a reply's prompt).
  qint64 renderedLength(const std::vector<Turn>& conversation, const std::string& templateName, const std::string& system) {
    auto tok = Tokenizer::load(demo().toStdString());
    return static_cast<qint64>(encodeChatPrompt(conversation, system, resolveChatTemplate(templateName, *tok), *tok).size());
  }

  static QString text(const Turn& t) { return QString::fromStdString(t.content); }

  void sendAndWait(ui::ChatPage* page, const QString& message) {
    QSignalSpy idle(page, &ui::ChatPage::idle);
    page->input()->setFocus();
    page->input()->setPlainText(message);
    QTest::mouseClick(page->sendButton(), Qt::LeftButton);
    QVERIFY(page->busy());
    QVERIFY(page->stopButton()->isEnabled());
    QVERIFY(!page->sendButton()->isEnabled());
    QVERIFY(idle.wait(120000));
    QVERIFY(!page->busy());
  }

 private slots:
  void initTestCase() {
    test::useScratchSettings(tmp_.path());
    runDir_ = test::trainDemoRun(tmp_.filePath("chat-lora"),
                                 {{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 8}, {"lora_alpha", 16}, {"target_modules", "all-linear"}},
                                 {{"train", {{"max_steps", 20}}}});
    QVERIFY2(!runDir_.isEmpty(), "training the chat run failed");
  }

  void chatSideBySide() {
    ui::MainWindow w;
    w.resize(1300, 850);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showPage(ui::MainWindow::Page::Runs);
    test::refreshAndWait(w.runsPage());
    QVERIFY(w.runsPage()->selectRun(runDir_));
    QVERIFY(w.runsPage()->chatButton()->isEnabled());
    QTest::mouseClick(w.runsPage()->chatButton(), Qt::LeftButton);
    QCOMPARE(w.currentPage(), ui::MainWindow::Page::Chat);
    ui::ChatPage* page = w.chatPage();
    QCOMPARE(QDir(page->modelDir()), QDir(demo()));
    QCOMPARE(page->activeRows(), (QStringList{"base", adapter()}));
    QCOMPARE(page->findChild<QSplitter*>("chat_panes")->count(), 2);
    QVERIFY(page->pane("base") && page->pane(adapter()));

    page->templateBox()->setCurrentIndex(page->templateBox()->findData("alpaca"));
    page->systemPrompt()->setPlainText("Answer briefly.");
    page->maxNewTokens()->setValue(24);
    page->temperature()->setValue(0);
    auto* controller = page->findChild<ui::ChatController*>();
    QVERIFY(controller);
    QSignalSpy pieces(controller, &ui::ChatController::piece);
    const QString first = "What is 3 plus 4?";
    sendAndWait(page, first);
    QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));
    QVERIFY(page->input()->toPlainText().isEmpty());
    int streamed[2] = {0, 0};
    for (const auto& args : pieces) ++streamed[args.at(0).toInt()];
    const QStringList greedy{"--template", "alpaca", "--system", "Answer briefly.", "--max-new-tokens", "24"};
    for (const QString& key : {QString("base"), adapter()}) {
      const auto& h = page->history(key);
      QCOMPARE(h.size(), size_t{2});
      QCOMPARE(h[0].role, Role::User);
      QCOMPARE(text(h[0]), first);
      QCOMPARE(h[1].role, Role::Assistant);
      QCOMPARE(text(h[1]), cliReply(first, greedy, key != "base"));
      QVERIFY(page->pane(key)->transcriptText().contains(first));
      QVERIFY(page->pane(key)->transcriptText().contains(text(h[1]).trimmed()));
      QVERIFY2(page->pane(key)->statsText().contains("token"), qPrintable(page->pane(key)->statsText()));
    }
    QVERIFY2(streamed[0] >= 2 && streamed[1] >= 2, "replies should arrive piece by piece");
    QVERIFY2(text(page->history("base")[1]) != text(page->history(adapter())[1]), "the adapter should answer differently from the base");

    // A second message continues each pane's own conversation (Ctrl+Enter sends).
    const std::vector<Turn> baseBefore = page->history("base");
    const std::vector<Turn> adapterBefore = page->history(adapter());
    QSignalSpy idle(page, &ui::ChatPage::idle);
    page->input()->setPlainText("And 5 plus 6?");
    QTest::keyClick(page->input(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(idle.wait(120000));
    for (const auto& [key, before] : {std::pair{QString("base"), baseBefore}, std::pair{adapter(), adapterBefore}}) {
      const auto& h = page->history(key);
      QCOMPARE(h.size(), size_t{4});
      QCOMPARE(text(h[1]), text(before[1]));
      QCOMPARE(text(h[2]), QString("And 5 plus 6?"));
      const std::vector<Turn> conv(h.begin(), h.begin() + 3);
      QCOMPARE(text(h[3]), cliContinue(conv, "alpaca", "Answer briefly.", 24, key != "base"));
      // Each pane's first turn is not processed again (its keys and values were kept).
      const QRegularExpressionMatch m = QRegularExpression("(\\d+) of (\\d+) prompt tokens kept").match(page->pane(key)->statsText());
      QVERIFY2(m.hasMatch(), qPrintable(page->pane(key)->statsText()));
      QVERIFY2(m.captured(1).toLongLong() >= renderedLength({h[0]}, "alpaca", "Answer briefly."), qPrintable(page->pane(key)->statsText()));
      QVERIFY(m.captured(1).toLongLong() < m.captured(2).toLongLong());
    }

    // Sampled with a seed: the same as the CLI with the same seed; Clear first.
    QTest::mouseClick(page->clearButton(), Qt::LeftButton);
    QVERIFY(page->history("base").empty() && page->history(adapter()).empty());
    QVERIFY(!page->pane("base")->transcriptText().contains(first));
    page->temperature()->setValue(0.8);
    page->topK()->setValue(50);
    page->topP()->setValue(0.9);
    page->repetitionPenalty()->setValue(1.1);
    page->seed()->setValue(11);
    sendAndWait(page, first);
    const QStringList sampled{"--template", "alpaca", "--system", "Answer briefly.", "--max-new-tokens", "24", "--temperature", "0.8",
                              "--top-k", "50", "--top-p", "0.9", "--repetition-penalty", "1.1", "--seed", "11"};
    QCOMPARE(text(page->history("base")[1]), cliReply(first, sampled, false));
    QCOMPARE(text(page->history(adapter())[1]), cliReply(first, sampled, true));
    w.grab().save(QDir::currentPath() + "/screen_chat.png");

    // A 4-bit NF4 base (how QLoRA trains): the model is reloaded; replies equal the CLI's on the
    // same quantized base.
    QSignalSpy loading(controller, &ui::ChatController::loading);
    page->precision()->setKey("nf4");
    page->temperature()->setValue(0);
    QTest::mouseClick(page->clearButton(), Qt::LeftButton);
    sendAndWait(page, first);
    QCOMPARE(loading.count(), 1);
    QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));
    const QStringList nf4 = QStringList(greedy) << "--quant" << "nf4" << "--dtype" << "bf16";
    QCOMPARE(text(page->history("base")[1]), cliReply(first, nf4, false));
    QCOMPARE(text(page->history(adapter())[1]), cliReply(first, nf4, true));

    // One pane when only the adapter is ticked.
    page->setActiveRows({adapter()});
    QCOMPARE(page->findChild<QSplitter*>("chat_panes")->count(), 1);
    QVERIFY(!page->pane("base"));
    QCOMPARE(page->history(adapter()).size(), size_t{2});  // its conversation is kept
  }

  void stopKeepsWhatWasGenerated() {
    // The demo model ends its replies within a few tokens; a copy whose end-of-sequence token is
    // one it never generates replies at full length, so Stop lands while the reply streams.
    const QString model = tmp_.filePath("no-eos-model");
    QVERIFY(QDir().mkpath(model));
    for (const QString& f : QDir(demo()).entryList(QDir::Files)) QVERIFY(QFile::copy(demo() + "/" + f, model + "/" + f));
    const auto edit = [&](const QString& file, const std::function<void(json&)>& change) {
      QFile in(model + "/" + file);
      QVERIFY(in.open(QIODevice::ReadOnly));
      json j = json::parse(in.readAll().toStdString());
      in.close();
      change(j);
      QFile out(model + "/" + file);
      QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
      out.write(QByteArray::fromStdString(j.dump(2)));
    };
    edit("tokenizer_config.json", [](json& j) { j["eos_token"] = "<unk>"; });
    edit("special_tokens_map.json", [](json& j) { j["eos_token"]["content"] = "<unk>"; });
    edit("generation_config.json", [](json& j) { j["eos_token_id"] = 0; });
    edit("config.json", [](json& j) { j["eos_token_id"] = 0; });

    ui::ChatPage page;
    page.resize(1000, 700);
    page.show();
    page.setModelDir(model);
    QVERIFY(page.addAdapter(runDir_));
    page.setActiveRows({"base", adapter()});
    page.templateBox()->setCurrentIndex(page.templateBox()->findData("empty"));
    page.systemPrompt()->clear();
    page.maxNewTokens()->setValue(480);
    page.temperature()->setValue(0);
    auto* controller = page.findChild<ui::ChatController*>();
    bool checked = false, refused = false, kept = false;
    connect(controller, &ui::ChatController::piece, &page, [&](int pane) {
      if (pane != 0 || checked) return;
      checked = true;
      // Mid-reply the model and the panes stay as they are (the conversations stay whole).
      refused = !page.setModelDir(demo()) && !page.addAdapter(runDir_) && !page.setActiveRows({"base"}) &&
                page.errorText().contains("in progress");
      kept = QDir(page.modelDir()) == QDir(model) && page.pane("base") && page.pane(adapter()) && page.activeRows().size() == 2;
      QTest::mouseClick(page.stopButton(), Qt::LeftButton);
    });
    QSignalSpy idle(&page, &ui::ChatPage::idle);
    page.send("Tell me a long story.");
    QVERIFY(idle.wait(120000));
    QVERIFY(checked);
    QVERIFY2(refused, qPrintable(page.errorText()));
    QVERIFY(kept);
    QVERIFY2(page.errorText().isEmpty(), "the refusal is cleared once the reply ended");
    QVERIFY2(page.statusText().startsWith("Loaded the base"), qPrintable(page.statusText()));  // not the status of the refusal's time
    const auto& base = page.history("base");
    QCOMPARE(base.size(), size_t{2});
    QVERIFY(!base[1].content.empty());
    QVERIFY2(page.pane("base")->statsText().contains("token"), qPrintable(page.pane("base")->statsText()));
    QVERIFY2(page.pane("base")->statsText().contains("stopped"), qPrintable(page.pane("base")->statsText()));
    QVERIFY(page.history(adapter()).empty());  // not started: its message is not in its conversation
    QVERIFY2(page.pane(adapter())->statsText().contains("Stopped before"), qPrintable(page.pane(adapter())->statsText()));
    QVERIFY(page.sendButton()->isEnabled());
    QVERIFY(!page.stopButton()->isEnabled());
  }

  void languageSwitchKeepsTheStreamedText() {
    ui::ChatPane pane("base");
    pane.showConversation({{Role::User, "Hi there"}});
    pane.beginReply();
    pane.appendPiece("Hello");
    pane.appendPiece(", world");
    QEvent change(QEvent::LanguageChange);
    QCoreApplication::sendEvent(&pane, &change);
    QVERIFY2(pane.transcriptText().contains("Hi there"), qPrintable(pane.transcriptText()));
    QVERIFY2(pane.transcriptText().endsWith("Hello, world"), qPrintable(pane.transcriptText()));
    pane.appendPiece("!");
    QVERIFY(pane.transcriptText().endsWith("Hello, world!"));
    // Once the reply is part of the conversation, a redraw shows it once.
    pane.showConversation({{Role::User, "Hi there"}, {Role::Assistant, "Hello, world!"}});
    QCoreApplication::sendEvent(&pane, &change);
    QCOMPARE(pane.transcriptText().count("Hello, world!"), 1);
  }

  void stopWhileLoadingIsAStop() {
    ui::ChatPage page;
    page.show();
    page.setModelDir(demo());
    auto* controller = page.findChild<ui::ChatController*>();
    QSignalSpy stopped(controller, &ui::ChatController::loadStopped);
    QSignalSpy failed(controller, &ui::ChatController::openFailed);
    QSignalSpy idle(&page, &ui::ChatPage::idle);
    page.maxNewTokens()->setValue(4);
    page.send("Hello?");
    page.stop();  // before the job reaches the first tensor
    QVERIFY(idle.wait(60000));
    QCOMPARE(stopped.count(), 1);
    QCOMPARE(failed.count(), 0);
    QVERIFY2(page.errorText().isEmpty(), qPrintable(page.errorText()));
    QCOMPARE(page.statusText(), QString("Loading stopped."));
    QCOMPARE(page.input()->toPlainText(), QString("Hello?"));  // nothing was answered: given back
    QVERIFY(page.history("base").empty());
    QVERIFY2(page.pane("base")->statsText().contains("Stopped before"), qPrintable(page.pane("base")->statsText()));
    // The next send loads the model and replies.
    QTest::mouseClick(page.sendButton(), Qt::LeftButton);
    QVERIFY(idle.wait(60000));
    QCOMPARE(page.history("base").size(), size_t{2});
  }

  void reloadsOnlyWhenNeeded() {
    const QString copy = tmp_.filePath("lora-copy");
    QVERIFY(QDir().mkpath(copy));
    for (const QString& f : QDir(adapter()).entryList(QDir::Files)) QVERIFY(QFile::copy(adapter() + "/" + f, copy + "/" + f));
    ui::ChatPage page;
    page.show();
    page.setModelDir(demo());
    page.maxNewTokens()->setValue(3);
    QVERIFY(page.addAdapter(runDir_));
    QVERIFY(page.addAdapter(copy));
    QVERIFY(page.setActiveRows({"base", copy}));  // the run's adapter is listed, not ticked
    auto* controller = page.findChild<ui::ChatController*>();
    QSignalSpy loading(controller, &ui::ChatController::loading);
    QSignalSpy opened(controller, &ui::ChatController::opened);
    QSignalSpy idle(&page, &ui::ChatPage::idle);
    const auto sendOne = [&] {
      page.send("Hi");
      return idle.wait(60000) && page.errorText().isEmpty();
    };
    QVERIFY2(sendOne(), qPrintable(page.errorText()));
    QCOMPARE(loading.count(), 1);
    QCOMPARE(opened.last().at(0).toStringList(), (QStringList{"base", "lora-copy"}));  // only the ticked adapter is loaded
    QVERIFY(sendOne());
    QCOMPARE(loading.count(), 1);  // resident
    // An adapter written again since (a resumed run, an export over it) is loaded afresh.
    QFile weights(copy + "/adapter_model.safetensors");
    QVERIFY(weights.open(QIODevice::ReadWrite));
    QVERIFY(weights.setFileTime(QDateTime::currentDateTime().addSecs(60), QFileDevice::FileModificationTime));
    weights.close();
    QVERIFY(sendOne());
    QCOMPARE(loading.count(), 2);
    // Unticked, it is not loaded, so its folder going missing does not matter.
    QVERIFY(page.setActiveRows({"base"}));
    QVERIFY(QDir(copy).removeRecursively());
    QVERIFY2(sendOne(), qPrintable(page.errorText()));
    QCOMPARE(loading.count(), 3);
    QCOMPARE(page.history("base").size(), size_t{8});
    // Ticked again, the missing folder is named and the message given back.
    QVERIFY(page.setActiveRows({"base", copy}));
    page.send("Still there?");
    QVERIFY(idle.wait(60000));
    QVERIFY2(page.errorText().contains("lora-copy"), qPrintable(page.errorText()));
    QCOMPARE(page.input()->toPlainText(), QString("Still there?"));
    QCOMPARE(page.history("base").size(), size_t{8});
  }

  void refusalsLoseNothing() {
    ui::ChatPage page;
    page.show();
    QVERIFY(!page.addAdapter(tmp_.path()));
    QVERIFY(page.errorText().contains(QDir::toNativeSeparators(tmp_.path())));
    page.setModelDir(tmp_.filePath("no-such-model"));
    QSignalSpy idle(&page, &ui::ChatPage::idle);
    page.input()->setPlainText("Hello?");
    QTest::mouseClick(page.sendButton(), Qt::LeftButton);
    QVERIFY(idle.wait(60000));
    QVERIFY2(page.errorText().contains("no-such-model"), qPrintable(page.errorText()));
    QCOMPARE(page.input()->toPlainText(), QString("Hello?"));  // given back
    QVERIFY(page.history("base").empty());
    QVERIFY(page.pane("base")->statsText().contains("could not be loaded"));
    // The same page then works with a real model folder.
    page.setModelDir(demo());
    page.maxNewTokens()->setValue(4);
    QTest::mouseClick(page.sendButton(), Qt::LeftButton);
    QVERIFY(idle.wait(60000));
    QVERIFY2(page.errorText().isEmpty(), qPrintable(page.errorText()));
    QCOMPARE(page.history("base").size(), size_t{2});
  }

  void settingsSurviveARestart() {
    {
      ui::ChatPage page;
      page.templateBox()->setCurrentIndex(page.templateBox()->findData("llama3"));
      page.systemPrompt()->setPlainText("Be kind.");
      QVERIFY(!page.thinking()->isChecked());  // answers directly unless asked
      page.thinking()->setChecked(true);
      page.temperature()->setValue(0.35);
      page.seed()->setValue(77);
      page.maxNewTokens()->setValue(3);
      page.precision()->setKey("bf16");
    }  // nothing sent: kept as they changed
    ui::ChatPage again;
    QCOMPARE(again.templateBox()->currentData().toString(), QString("llama3"));
    QCOMPARE(again.systemPrompt()->toPlainText(), QString("Be kind."));
    QVERIFY(again.thinking()->isChecked());
    QCOMPARE(again.temperature()->value(), 0.35);
    QCOMPARE(again.maxNewTokens()->value(), 3);
    QCOMPARE(again.seed()->value(), 77);
    QCOMPARE(again.precision()->key(), QString("bf16"));
  }

  void damagedSettingsTakeDefaults() {
    // The settings file is a person's to edit: null or mistyped fields take their defaults, the
    // good ones are kept, and the page opens (a mistyped field once threw out of the constructor).
    ui::AppSettings settings;
    settings.setValue(ui::Setting::ChatOptions,
                      R"({"temperature": null, "top_k": "many", "seed": [1], "thinking": "yes", "system": 5,
                          "template": {"x": 1}, "max_new_tokens": 12, "top_p": 0.5, "precision": "bf16"})");
    ui::ChatPage page;
    QCOMPARE(page.temperature()->value(), 0.7);
    QCOMPARE(page.seed()->value(), 0);
    QVERIFY(!page.thinking()->isChecked());
    QCOMPARE(page.systemPrompt()->toPlainText(), QString());
    QCOMPARE(page.templateBox()->currentData().toString(), QString("auto"));
    QCOMPARE(page.maxNewTokens()->value(), 12);
    QCOMPARE(page.precision()->key(), QString("bf16"));
  }

 private:
  QTemporaryDir tmp_;
  QString runDir_;
};

QTEST_MAIN(TestGuiChat)
#include "test_gui_chat.moc"
