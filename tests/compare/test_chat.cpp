// ChatEngine on the bundled demo model with a LoRA adapter trained here by the real trainer: a
// reply of the base or of the adapter (greedy, or sampled with a seed) equals what a separate
// `peftdesk-cli generate` process gives for the same rendered prompt; the streamed pieces add up
// to the reply; switching adapters in place leaves the base's replies unchanged; a conversation
// longer than the context loses its oldest exchanges and still fits (also with a reply budget
// beyond the context); each row's keys and values are kept between turns (a cached reply equals a
// fresh one; prefix tuning starts afresh); a stop ends the reply at that very token; unknown rows,
// a conversation not ending with the user and a message longer than the context are refused.
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>

#include "peftdesk/chat_engine.h"
#include "peftdesk/chat_template.h"
#include "peftdesk/error.h"
#include "peftdesk/tokenizer.h"
#include "test_support.h"

using namespace peftdesk;
using json = nlohmann::json;

class TestChat : public QObject {
  Q_OBJECT

  QString demo() const { return test::sourceDir() + "/resources/demo/model"; }

  // `peftdesk-cli generate --ids` on the ids the engine rendered: a separate process, a separate load.
  json cliGenerate(const std::vector<int32_t>& ids, const QStringList& extra) {
    QString idList;
    for (int32_t id : ids) idList += (idList.isEmpty() ? "" : ",") + QString::number(id);
    QStringList args{"generate", demo(), "--ids", idList, "--json"};
    args << extra;
    const test::ProcessResult r = test::runCli(args);
    if (r.exitCode != 0) qWarning().noquote() << r.stderrText;
    return r.exitCode == 0 ? json::parse(r.stdoutText.toStdString()) : json();
  }

  std::vector<int32_t> rendered(const std::vector<Turn>& turns, std::vector<int32_t>* stops = nullptr) {
    if (!tokenizer_) tokenizer_ = Tokenizer::load(demo().toStdString());
    return encodeChatPrompt(turns, "", resolveChatTemplate("auto", *tokenizer_), *tokenizer_, stops);
  }

  static QStringList stopArgs(const std::vector<int32_t>& stops) {
    QString s;
    for (int32_t id : stops) s += (s.isEmpty() ? "" : ",") + QString::number(id);
    return {"--stop-id", s};
  }

 private slots:
  void initTestCase() {
    const json lora = {{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 8}, {"lora_alpha", 16}, {"target_modules", "all-linear"}};
    run_ = test::trainDemoRun(tmp_.filePath("lora"), lora, {{"train", {{"max_steps", 20}}}});
    QVERIFY2(!run_.isEmpty(), "training the chat adapter failed");
    prefixRun_ = test::trainDemoRun(tmp_.filePath("prefix"), {{"peft_type", "PREFIX_TUNING"}, {"task_type", "CAUSAL_LM"}, {"num_virtual_tokens", 6}},
                                    {{"train", {{"max_steps", 10}}}});
    QVERIFY2(!prefixRun_.isEmpty(), "training the prefix adapter failed");
    engine_ = ChatEngine::open(demo().toStdString(), {(run_ + "/adapter").toStdString()});
    QCOMPARE(engine_->rowNames(), (std::vector<std::string>{"base", "lora"}));
    QCOMPARE(engine_->contextLength(), int64_t{512});
  }

  void replyEqualsCliGenerate() {
    const std::vector<Turn> conv = {{Role::User, "What is 3 plus 4?"}};
    std::vector<int32_t> stops;
    const std::vector<int32_t> ids = rendered(conv, &stops);
    for (const char* row : {"base", "lora"}) {
      ChatOptions o;
      o.generation.maxNewTokens = 24;
      std::string streamed;
      const ChatReply r = engine_->reply(row, conv, o, [&](const std::string& piece) {
        streamed += piece;
        return true;
      });
      QCOMPARE(r.promptTokens, static_cast<int64_t>(ids.size()));
      QCOMPARE(r.droppedTurns, int64_t{0});
      QVERIFY(!r.tokens.empty());
      QCOMPARE(streamed, r.text);
      QStringList extra{"--max-new-tokens", "24"};
      extra << stopArgs(stops);
      if (std::string(row) == "lora") extra << "--adapter" << run_ + "/adapter";
      const json cli = cliGenerate(ids, extra);
      QVERIFY(!cli.is_null());
      QCOMPARE(r.tokens, cli["ids"].get<std::vector<int32_t>>());
      QCOMPARE(std::string(stopReasonName(r.reason)), cli["stop_reason"].get<std::string>());
    }
  }

  void sampledReplyFollowsTheSeed() {
    const std::vector<Turn> conv = {{Role::User, "Name a colour."}};
    std::vector<int32_t> stops;
    const std::vector<int32_t> ids = rendered(conv, &stops);
    ChatOptions o;
    o.generation.maxNewTokens = 20;
    o.generation.temperature = 0.9;
    o.generation.topK = 40;
    o.generation.topP = 0.95;
    o.generation.repetitionPenalty = 1.1;
    o.generation.seed = 1234;
    const ChatReply r = engine_->reply("lora", conv, o);
    QStringList extra{"--max-new-tokens", "20", "--temperature", "0.9", "--top-k", "40", "--top-p", "0.95", "--repetition-penalty", "1.1",
                      "--seed", "1234", "--adapter", run_ + "/adapter"};
    extra << stopArgs(stops);
    const json cli = cliGenerate(ids, extra);
    QVERIFY(!cli.is_null());
    QCOMPARE(r.tokens, cli["ids"].get<std::vector<int32_t>>());
    // The same seed, the same reply — also when all but the last prompt token come from the cache.
    const ChatReply again = engine_->reply("lora", conv, o);
    QCOMPARE(again.reusedPromptTokens, again.promptTokens - 1);
    QCOMPARE(again.tokens, r.tokens);
  }

  void switchingAdaptersLeavesTheBaseAlone() {
    const std::vector<Turn> conv = {{Role::User, "Write one short sentence about rain."}};
    ChatOptions o;
    o.generation.maxNewTokens = 32;
    const ChatReply before = engine_->reply("base", conv, o);
    const ChatReply adapted = engine_->reply("lora", conv, o);
    const ChatReply after = engine_->reply("base", conv, o);
    QCOMPARE(after.tokens, before.tokens);
    QCOMPARE(after.reusedPromptTokens, after.promptTokens - 1);  // the base's own cache, untouched by the adapter's reply
    QVERIFY2(adapted.tokens != before.tokens, "the trained adapter should change the greedy reply");
  }

  void multiTurnContinuesTheHistory() {
    ChatOptions o;
    o.generation.maxNewTokens = 16;
    std::vector<Turn> conv = {{Role::User, "Hello."}};
    const ChatReply first = engine_->reply("lora", conv, o);
    conv.push_back({Role::Assistant, first.text});
    conv.push_back({Role::User, "And then?"});
    std::vector<int32_t> stops;
    const std::vector<int32_t> ids = rendered(conv, &stops);
    const ChatReply second = engine_->reply("lora", conv, o);
    QCOMPARE(second.promptTokens, static_cast<int64_t>(ids.size()));
    QVERIFY(second.promptTokens > first.promptTokens);
    // The first turn's keys and values are reused: at least its whole prompt is not processed again.
    QVERIFY2(second.reusedPromptTokens >= first.promptTokens && second.reusedPromptTokens < second.promptTokens,
             qPrintable(QString("%1 reused of %2 (first prompt %3)").arg(second.reusedPromptTokens).arg(second.promptTokens).arg(first.promptTokens)));
    QStringList extra{"--max-new-tokens", "16", "--adapter", run_ + "/adapter"};
    extra << stopArgs(stops);
    const json cli = cliGenerate(ids, extra);
    QVERIFY(!cli.is_null());
    QCOMPARE(second.tokens, cli["ids"].get<std::vector<int32_t>>());
  }

  void anEditedHistoryReusesOnlyTheCommonPart() {
    // A conversation that starts differently from the row's last one (an edited first message)
    // reuses only the shared template tokens, and the reply still equals a fresh generation.
    ChatOptions o;
    o.generation.maxNewTokens = 12;
    const std::vector<Turn> first = {{Role::User, "Tell me about rivers."}};
    const ChatReply a = engine_->reply("lora", first, o);
    const std::vector<Turn> edited = {{Role::User, "Tell me about mountains."}};
    std::vector<int32_t> stops;
    const std::vector<int32_t> ids = rendered(edited, &stops);
    const ChatReply b = engine_->reply("lora", edited, o);
    const std::vector<int32_t> firstIds = rendered(first);
    QCOMPARE(a.promptTokens, static_cast<int64_t>(firstIds.size()));
    size_t common = 0;
    while (common < firstIds.size() && common < ids.size() && firstIds[common] == ids[common]) ++common;
    QCOMPARE(b.reusedPromptTokens, static_cast<int64_t>(common));
    QVERIFY(common < ids.size() - 1);
    QStringList extra{"--max-new-tokens", "12", "--adapter", run_ + "/adapter"};
    extra << stopArgs(stops);
    const json cli = cliGenerate(ids, extra);
    QVERIFY(!cli.is_null());
    QCOMPARE(b.tokens, cli["ids"].get<std::vector<int32_t>>());
  }

  void promptLearningAdaptersStartAfresh() {
    // A prefix-tuning adapter's virtual tokens are not tokens of the conversation: its replies keep
    // nothing between turns, and still equal the CLI's.
    auto engine = ChatEngine::open(demo().toStdString(), {(prefixRun_ + "/adapter").toStdString()});
    const std::string row = engine->rowNames().back();
    const std::vector<Turn> conv = {{Role::User, "What is 3 plus 4?"}};
    ChatOptions o;
    o.generation.maxNewTokens = 12;
    const ChatReply first = engine->reply(row, conv, o);
    const ChatReply second = engine->reply(row, conv, o);
    QCOMPARE(first.reusedPromptTokens, int64_t{0});
    QCOMPARE(second.reusedPromptTokens, int64_t{0});
    QCOMPARE(second.tokens, first.tokens);
    std::vector<int32_t> stops;
    const std::vector<int32_t> ids = rendered(conv, &stops);
    QStringList extra{"--max-new-tokens", "12", "--adapter", prefixRun_ + "/adapter"};
    extra << stopArgs(stops);
    const json cli = cliGenerate(ids, extra);
    QVERIFY(!cli.is_null());
    QCOMPARE(first.tokens, cli["ids"].get<std::vector<int32_t>>());
    // The base row of the same engine keeps its cache as usual.
    engine->reply("base", conv, o);
    QCOMPARE(engine->reply("base", conv, o).reusedPromptTokens, static_cast<int64_t>(ids.size()) - 1);
  }

  void longConversationDropsOldestExchanges() {
    std::vector<Turn> conv;
    const std::string filler = "Tell me about the weather in the mountains and the rivers and the fields today.";
    for (int i = 0; i < 30; ++i) {
      conv.push_back({Role::User, std::to_string(i) + " " + filler});
      conv.push_back({Role::Assistant, "It is sunny " + std::to_string(i) + " and the wind is calm over the fields."});
    }
    conv.push_back({Role::User, "Last question?"});
    QVERIFY(rendered(conv).size() > 512);
    ChatOptions o;
    o.generation.maxNewTokens = 64;
    const ChatReply r = engine_->reply("base", conv, o);
    QVERIFY(r.droppedTurns > 0);
    QCOMPARE(r.droppedTurns % 2, int64_t{0});
    QVERIFY(r.promptTokens + 64 <= 512);
    const std::vector<Turn> kept(conv.begin() + r.droppedTurns, conv.end());
    QCOMPARE(r.promptTokens, static_cast<int64_t>(rendered(kept).size()));
    // Keeping two more turns would not have fitted: only as much as needed was dropped.
    const std::vector<Turn> oneMore(conv.begin() + r.droppedTurns - 2, conv.end());
    QVERIFY(static_cast<int64_t>(rendered(oneMore).size()) + 64 > 512);
  }

  void stopEndsTheReply() {
    ChatOptions o;
    o.generation.maxNewTokens = 64;
    o.generation.temperature = 1.0;
    int calls = 0;
    const ChatReply r = engine_->reply("base", {{Role::User, "Count to fifty."}}, o, [&](const std::string&) { return ++calls < 3; });
    QCOMPARE(calls, 3);
    QCOMPARE(r.reason, StopReason::Callback);
    // The callback sees every token (also one that completes no text yet), so the stop is at once.
    QCOMPARE(r.tokens.size(), size_t{3});
  }

  void aHugeReplyBudgetKeepsTheHistory() {
    // "Max new tokens" beyond the context: the room kept for the reply is half the context, so a
    // short conversation is kept whole and a long one still keeps what fits.
    ChatOptions o;
    o.generation.maxNewTokens = 100000;
    std::vector<Turn> conv = {{Role::User, "Hello."}, {Role::Assistant, "Hi there."}, {Role::User, "How are you?"}};
    int calls = 0;
    const ChatReply shortOne = engine_->reply("base", conv, o, [&](const std::string&) { return ++calls < 4; });
    QCOMPARE(shortOne.droppedTurns, int64_t{0});
    QCOMPARE(shortOne.promptTokens, static_cast<int64_t>(rendered(conv).size()));
    conv.clear();
    for (int i = 0; i < 30; ++i) {
      conv.push_back({Role::User, std::to_string(i) + " Tell me about the weather in the mountains today."});
      conv.push_back({Role::Assistant, "It is sunny " + std::to_string(i) + " and calm."});
    }
    conv.push_back({Role::User, "Last question?"});
    calls = 0;
    const ChatReply longOne = engine_->reply("base", conv, o, [&](const std::string&) { return ++calls < 4; });
    QVERIFY(longOne.droppedTurns > 0);
    QVERIFY(longOne.droppedTurns < static_cast<int64_t>(conv.size()) - 1);
    QVERIFY(longOne.promptTokens + 256 <= 512);
    const std::vector<Turn> oneMore(conv.begin() + longOne.droppedTurns - 2, conv.end());
    QVERIFY(static_cast<int64_t>(rendered(oneMore).size()) + 256 > 512);
    // A message that nearly fills the context on its own: the reply gets what is left, no more
    // (and says the context is full when it did not end by itself).
    std::string big;
    for (int i = 0; i < 90; ++i) big += "rivers and ";
    while (rendered({{Role::User, big}}).size() < 511) big += " a";
    const std::vector<Turn> nearlyFull = {{Role::User, big}};
    const int64_t left = 512 - static_cast<int64_t>(rendered(nearlyFull).size());
    QCOMPARE(left, int64_t{1});
    const ChatReply tight = engine_->reply("base", nearlyFull, o);
    qInfo().noquote() << "a nearly full context:" << tight.tokens.size() << "of" << left << "tokens left," << stopReasonName(tight.reason);
    QVERIFY(static_cast<int64_t>(tight.tokens.size()) <= left);
    QVERIFY2(tight.reason == StopReason::StopToken || (tight.reason == StopReason::ContextFull && static_cast<int64_t>(tight.tokens.size()) == left),
             stopReasonName(tight.reason));
  }

  void refusals() {
    ChatOptions o;
    o.generation.maxNewTokens = 4;
    try {
      engine_->reply("nope", {{Role::User, "hi"}}, o);
      QFAIL("an unknown row was accepted");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("'nope'"), e.what());
    }
    try {
      engine_->reply("base", {{Role::User, "hi"}, {Role::Assistant, "hello"}}, o);
      QFAIL("a conversation ending with the assistant was accepted");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("must end with a user message"), e.what());
    }
    std::string huge;
    for (int i = 0; i < 400; ++i) huge += "mountains and rivers ";
    try {
      engine_->reply("base", {{Role::User, huge}}, o);
      QFAIL("a message longer than the context was accepted");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("context is 512 tokens"), e.what());
    }
    try {
      ChatEngine::open(demo().toStdString(), {tmp_.filePath("missing").toStdString()});
      QFAIL("a missing adapter folder was accepted");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("missing"), e.what());
    }
  }

 private:
  QTemporaryDir tmp_;
  QString run_;
  QString prefixRun_;
  std::unique_ptr<ChatEngine> engine_;
  std::unique_ptr<Tokenizer> tokenizer_;
};

QTEST_MAIN(TestChat)
#include "test_chat.moc"
