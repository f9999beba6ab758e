// The Chat page with a LoRA run trained on the demo by the CLI: Runs ▸ Chat opens the base and the
// run's adapter side by side; a message typed and sent streams a reply into each pane, and each
// reply equals `peftdesk-cli generate --chat` with the same template, system prompt and sampling
// settings (greedy, sampled with a seed, and on a 4-bit NF4 base); a second message continues each pane's own
// conversation; Stop keeps what was generated and skips the panes not started; Clear empties
// every pane; a model folder that cannot be loaded is reported and the message is given back;
// a folder without an adapter is refused; the settings survive a restart.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTemporaryDir>
#include <functional>
#include <QtTest>
#include <nlohmann/json.hpp>

#include "chat_controller.h"
#include "chat_page.h"
#include "chat_pane.h"
#include "gui_test_support.h"
#include "main_window.h"
#include "peftdesk/chat_engine.h"
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
    auto engine = ChatEngine::open(demo().toStdString(), {adapter().toStdString()});
    ChatOptions o;
    o.templateName = "alpaca";
    o.system = "Answer briefly.";
    o.generation.maxNewTokens = 24;
    for (const auto& [key, before, row] : {std::tuple{QString("base"), baseBefore, std::string("base")},
                                           std::tuple{adapter(), adapterBefore, std::string("chat-lora")}}) {
      const auto& h = page->history(key);
      QCOMPARE(h.size(), size_t{4});
      QCOMPARE(text(h[1]), text(before[1]));
      QCOMPARE(text(h[2]), QString("And 5 plus 6?"));
      std::vector<Turn> conv(h.begin(), h.begin() + 3);
      QCOMPARE(text(h[3]), QString::fromStdString(engine->reply(row, conv, o).text));
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
    page->precision()->setCurrentIndex(page->precision()->findData("nf4"));
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
    connect(controller, &ui::ChatController::piece, &page, [&page] { QTest::mouseClick(page.stopButton(), Qt::LeftButton); });
    QSignalSpy idle(&page, &ui::ChatPage::idle);
    page.send("Tell me a long story.");
    QVERIFY(idle.wait(120000));
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
      page.temperature()->setValue(0.35);
      page.seed()->setValue(77);
      page.setModelDir(demo());
      QSignalSpy idle(&page, &ui::ChatPage::idle);
      page.maxNewTokens()->setValue(3);
      page.send("Hi");
      QVERIFY(idle.wait(60000));
    }
    ui::ChatPage again;
    QCOMPARE(again.templateBox()->currentData().toString(), QString("llama3"));
    QCOMPARE(again.systemPrompt()->toPlainText(), QString("Be kind."));
    QCOMPARE(again.temperature()->value(), 0.35);
    QCOMPARE(again.maxNewTokens()->value(), 3);
    QCOMPARE(again.seed()->value(), 77);
  }

 private:
  QTemporaryDir tmp_;
  QString runDir_;
};

QTEST_MAIN(TestGuiChat)
#include "test_gui_chat.moc"
