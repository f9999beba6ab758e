// Chat templates and encoding (issue 5): for tokenizers that carry their own Jinja template
// (Qwen2.5, Qwen3, Phi-3 from ../shared/testdata; Phi-4, Phi-4-mini and Granite 3.1's templates from
// tests/data/chat_templates in a copy of such a folder), "auto" picks the right row and the encoded
// conversation equals transformers' apply_chat_template ids (run live), with labels exactly on the
// assistant turns; every built-in row renders and masks a 2-turn chat; truncation, mask_history,
// train_on_prompt, packing and the consistency check behave.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include "peftdesk/chat_template.h"
#include "peftdesk/error.h"
#include "peftdesk/tokenizer.h"
#include "test_support.h"

using namespace peftdesk;
using nlohmann::json;

namespace {

Example conversation(const std::string& system, const std::vector<std::pair<std::string, std::string>>& exchanges) {
  Example ex;
  ex.system = system;
  for (const auto& [q, a] : exchanges) {
    ex.turns.push_back({Role::User, q});
    ex.turns.push_back({Role::Assistant, a});
  }
  return ex;
}

const std::vector<Example>& conversations() {
  static const std::vector<Example> kAll = {
      conversation("", {{"What is 2 + 2?", "4."}}),
      conversation("You are terse.", {{"Hi there", "Hello!"}, {"Name three colors.", "Red, green and blue."}}),
      conversation("", {{"用中文回答：天空是什么颜色？", "天空通常是蓝色的。"}, {"Und auf Deutsch?", "Der Himmel ist blau."}}),
      conversation("System with\nnewlines  and  spaces", {{" leading space", "trailing space "}, {"a\n\nb", "c\n"}}),
      // Reasoning in the answers: Qwen3 drops it before the last question and keeps the last one's.
      conversation("", {{"Think first: 3 x 4?", "<think>\n3 x 4 = 12\n</think>\n\n12."}, {"And 5 x 6?", "<think>five sixes</think>\n30."}}),
  };
  return kAll;
}

json messagesJson(const Example& ex) {
  json m = json::array();
  if (!ex.system.empty()) m.push_back({{"role", "system"}, {"content", ex.system}});
  for (const auto& t : ex.turns) m.push_back({{"role", t.role == Role::User ? "user" : "assistant"}, {"content", t.content}});
  return m;
}

}  // namespace

class TestChatTemplate : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  // `jinja`: a model's own template (tests/data/chat_templates, see PROVENANCE.md there) put into a
  // copy of the tokenizer folder, for families whose tokenizer we may not ship: the template's
  // rendering is what is compared, with a tokenizer both sides share.
  void idsEqualApplyChatTemplate_data() {
    QTest::addColumn<QString>("tokenizer");
    QTest::addColumn<QString>("jinja");
    QTest::addColumn<QString>("expectedTemplate");
    // The default system block a template writes when a conversation has none and PeftDesk leaves
    // out (Granite's is dated): the reference text must start with it, and it is cut off there.
    QTest::addColumn<QString>("omittedDefaultSystem");
    QTest::newRow("qwen2.5") << "qwen2.5" << "" << "qwen" << "";
    QTest::newRow("qwen3") << "qwen3" << "" << "qwen3" << "";
    QTest::newRow("phi-3-mini") << "phi-3-mini" << "" << "phi" << "";
    QTest::newRow("phi-4-mini") << "phi-3-mini" << "phi4_mini.jinja" << "phi4_mini" << "";
    QTest::newRow("phi-4") << "qwen3" << "phi4.jinja" << "phi4" << "";
    QTest::newRow("granite-3.1") << "qwen3" << "granite3.jinja" << "granite3"
                                 << "<|start_of_role|>system<|end_of_role|>Knowledge Cutoff Date: April 2024.\nToday's Date: ";
  }
  void idsEqualApplyChatTemplate() {
    QFETCH(QString, tokenizer);
    QFETCH(QString, jinja);
    QFETCH(QString, expectedTemplate);
    QFETCH(QString, omittedDefaultSystem);
    if (test::testDataDir().isEmpty()) QSKIP("../shared/testdata not found");
    if (test::pythonPath().isEmpty()) QSKIP("PEFTDESK_PYTHON not set");
    QString dir = test::testDataDir() + "/tokenizers/" + tokenizer;
    if (!jinja.isEmpty()) {
      const QString copy = tmp_.path() + "/" + QString(QTest::currentDataTag());
      QVERIFY(QDir().mkpath(copy));
      for (const QString& f : QDir(dir).entryList(QDir::Files)) QVERIFY(QFile::copy(dir + "/" + f, copy + "/" + f));
      QFile config(copy + "/tokenizer_config.json"), templ(test::sourceDir() + "/tests/data/chat_templates/" + jinja);
      QVERIFY(config.open(QIODevice::ReadOnly) && templ.open(QIODevice::ReadOnly));
      json c = json::parse(config.readAll().toStdString());
      c["chat_template"] = templ.readAll().toStdString();
      config.close();
      QFile::remove(config.fileName());
      QVERIFY(config.open(QIODevice::WriteOnly));
      config.write(QByteArray::fromStdString(c.dump(1)));
      config.close();
      dir = copy;
    }
    const auto tok = Tokenizer::load(dir.toStdString());
    const ChatTemplate& tmpl = resolveChatTemplate("auto", *tok);
    QCOMPARE(QString::fromStdString(chatTemplateName(tmpl)), expectedTemplate);
    // Markers are single tokens of the model's own tokenizer. (The tokenizer-only Phi-3 folder has no
    // generation_config.json listing <|end|> as EOS: that one warning is expected there.)
    for (const auto& p : checkTemplateConsistency(tmpl, *tok)) {
      QVERIFY2((tokenizer == "phi-3-mini" && p.find("not an EOS id") != std::string::npos) ||
                   (expectedTemplate == "phi4" && p.find("<|im_sep|>") != std::string::npos) ||  // not a token of Qwen3's vocabulary
                   (expectedTemplate == "granite3" &&                                              // nor Granite's role tags and EOS
                    (p.find("<|start_of_role|>") != std::string::npos || p.find("<|end_of_role|>") != std::string::npos ||
                     p.find("<|end_of_text|>") != std::string::npos)),
               p.c_str());
    }

    json all = json::array();
    for (const auto& ex : conversations()) all.push_back(messagesJson(ex));
    const QString input = tmp_.path() + "/" + QString(QTest::currentDataTag()) + ".json";
    QFile f(input);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(all.dump()));
    f.close();
    const QString script = R"(
import json, sys
sys.path.insert(0, sys.argv[4])
from transformers import AutoTokenizer
from refcommon import fast_tokenizer
# The template rendered by transformers, tokenized as apply_chat_template(tokenize=True) does (no
# added BOS), by the folder's tokenizer.json as written (refcommon.fast_tokenizer).
tok = AutoTokenizer.from_pretrained(sys.argv[1])
fast = fast_tokenizer(sys.argv[1])
omitted = sys.argv[3]
def render(messages, **kw):
    text = tok.apply_chat_template(messages, tokenize=False, **kw)
    if omitted and not any(m["role"] == "system" for m in messages):
        if not text.startswith(omitted):
            sys.exit("no default system block to omit: " + repr(text[:200]))
        text = text[text.index("<|end_of_text|>\n", len(omitted)) + len("<|end_of_text|>\n"):]
    return text
ids_of = lambda messages, **kw: fast(render(messages, **kw), add_special_tokens=False)["input_ids"]
out = []
for messages in json.load(open(sys.argv[2])):
    ids = ids_of(messages)
    # Assistant spans: tokens added by each assistant message (prefix renders differ only there).
    spans = []
    for k, m in enumerate(messages):
        if m["role"] != "assistant": continue
        before = ids_of(messages[:k], add_generation_prompt=True)
        spans.append(len(before))
    out.append({"ids": ids, "assistant_starts": spans})
print(json.dumps(out))
)";
    const auto r = test::runProcess(test::pythonPath(), {"-c", script, dir, input, omittedDefaultSystem, test::sourceDir() + "/tests/reference"}, 300000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const json ref = json::parse(r.stdoutText.toStdString());
    EncodeOptions o;
    o.cutoffLen = 4096;
    for (size_t c = 0; c < conversations().size(); ++c) {
      const EncodedExample e = encodeExample(conversations()[c], tmpl, *tok, o);
      const std::vector<int32_t> expected = ref[c]["ids"].get<std::vector<int32_t>>();
      QVERIFY2(e.inputIds == expected, qPrintable(QString("%1 conversation %2: ids differ from apply_chat_template").arg(tokenizer).arg(c)));
      QVERIFY(!e.truncated);
      // Labels: masked up to each assistant start, learned from there to the end of that turn.
      const auto starts = ref[c]["assistant_starts"].get<std::vector<size_t>>();
      for (size_t a = 0; a < starts.size(); ++a) {
        const size_t start = starts[a];
        QVERIFY2(e.labels[start - 1] == kIgnoreLabel, qPrintable(QString("%1/%2: prompt token learned").arg(tokenizer).arg(c)));
        QVERIFY2(e.labels[start] == e.inputIds[start], qPrintable(QString("%1/%2: first answer token masked").arg(tokenizer).arg(c)));
      }
      int64_t learned = 0;
      for (int32_t l : e.labels) learned += l != kIgnoreLabel;
      QVERIFY(learned > 0 && learned < static_cast<int64_t>(e.labels.size()));
    }
  }

  // Generation prompts of Qwen3 with thinking off (the default: the empty think block, as
  // enable_thinking=False) and on (no block, enable_thinking=True), after a history whose answers
  // carry reasoning, equal apply_chat_template(add_generation_prompt=True).
  void qwen3GenerationPromptWithAndWithoutThinking() {
    if (test::testDataDir().isEmpty()) QSKIP("../shared/testdata not found");
    if (test::pythonPath().isEmpty()) QSKIP("PEFTDESK_PYTHON not set");
    const QString dir = test::testDataDir() + "/tokenizers/qwen3";
    const auto tok = Tokenizer::load(dir.toStdString());
    const ChatTemplate& tmpl = resolveChatTemplate("auto", *tok);
    const std::vector<Turn> turns = {{Role::User, "Hi"}, {Role::Assistant, "<think>\ngreet back\n</think>\n\nHello!"}, {Role::User, "Zähle bis drei."}};
    json messages = json::array({{{"role", "system"}, {"content", "Be brief."}}});
    for (const auto& t : turns) messages.push_back({{"role", t.role == Role::User ? "user" : "assistant"}, {"content", t.content}});
    const QString script = R"(
import json, sys
from transformers import AutoTokenizer
tok = AutoTokenizer.from_pretrained(sys.argv[1])
m = json.loads(sys.argv[2])
print(json.dumps({"off": tok.apply_chat_template(m, tokenize=True, return_dict=False, add_generation_prompt=True, enable_thinking=False),
                  "on": tok.apply_chat_template(m, tokenize=True, return_dict=False, add_generation_prompt=True, enable_thinking=True)}))
)";
    const auto r = test::runProcess(test::pythonPath(), {"-c", script, dir, QString::fromStdString(messages.dump())}, 300000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const json ref = json::parse(r.stdoutText.toStdString());
    QVERIFY(ref["off"] != ref["on"]);
    QCOMPARE(json(encodeChatPrompt(turns, "Be brief.", tmpl, *tok)), ref["off"]);
    QCOMPARE(json(encodeChatPrompt(turns, "Be brief.", tmpl, *tok, nullptr, /*thinking=*/true)), ref["on"]);
  }

  void everyBuiltInTemplateRendersAndMasks() {
    if (test::testDataDir().isEmpty()) QSKIP("../shared/testdata not found");
    const auto tok = Tokenizer::load((test::testDataDir() + "/tokenizers/qwen3").toStdString());
    const Example ex = conversation("Be brief.", {{"one", "two"}, {"three", "four"}});
    for (const auto& name : chatTemplateNames()) {
      const ChatTemplate& t = resolveChatTemplate(name, *tok);
      EncodeOptions o;
      const EncodedExample e = encodeExample(ex, t, *tok, o);
      QVERIFY2(!e.inputIds.empty() && e.inputIds.size() == e.labels.size(), name.c_str());
      const std::string text = tok->decode(e.inputIds, false);
      for (const char* word : {"one", "two", "three", "four"}) QVERIFY2(text.find(word) != std::string::npos, (name + ": " + text).c_str());
      // The learned tokens decode to the answers (+ end markers), never to the questions.
      std::vector<int32_t> learned;
      for (size_t i = 0; i < e.labels.size(); ++i)
        if (e.labels[i] != kIgnoreLabel) learned.push_back(e.labels[i]);
      const std::string learnedText = tok->decode(learned, true);
      QVERIFY2(learnedText.find("two") != std::string::npos && learnedText.find("four") != std::string::npos, (name + ": " + learnedText).c_str());
      // ("empty" has no separators: a token can straddle question and answer and goes to the answer.)
      if (name != "empty") {
        QVERIFY2(learnedText.find("one") == std::string::npos && learnedText.find("three") == std::string::npos, (name + ": " + learnedText).c_str());
      }
    }
    try {
      resolveChatTemplate("llama9", *tok);
      QFAIL("no error");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("llama3") && QString(e.what()).contains("chatml") && QString(e.what()).contains("data.template"), e.what());
    }
  }

  void maskingTruncationAndPacking() {
    if (test::testDataDir().isEmpty()) QSKIP("../shared/testdata not found");
    const auto tok = Tokenizer::load((test::testDataDir() + "/tokenizers/qwen3").toStdString());
    const ChatTemplate& t = resolveChatTemplate("chatml", *tok);
    const Example ex = conversation("", {{"first question", "first answer"}, {"second question", "second answer"}});
    EncodeOptions o;
    const EncodedExample plain = encodeExample(ex, t, *tok, o);
    o.maskHistory = true;
    const EncodedExample lastOnly = encodeExample(ex, t, *tok, o);
    o.maskHistory = false;
    o.trainOnPrompt = true;
    const EncodedExample all = encodeExample(ex, t, *tok, o);
    auto learned = [](const EncodedExample& e) {
      int64_t n = 0;
      for (int32_t l : e.labels) n += l != kIgnoreLabel;
      return n;
    };
    QVERIFY(learned(lastOnly) < learned(plain));
    QCOMPARE(learned(all), static_cast<int64_t>(all.inputIds.size()));
    QVERIFY(tok->decode(std::vector<int32_t>(lastOnly.labels.end() - 4, lastOnly.labels.end()), false).find("answer") != std::string::npos);

    // Truncation: never longer than cutoff_len, labels aligned, the answer keeps some tokens.
    Example longEx = conversation("", {{std::string(2000, 'q'), std::string(2000, 'a')}});
    for (int64_t cutoff : {16, 64, 255}) {
      EncodeOptions c;
      c.cutoffLen = cutoff;
      const EncodedExample e = encodeExample(longEx, t, *tok, c);
      QVERIFY(e.truncated);
      QVERIFY(static_cast<int64_t>(e.inputIds.size()) <= cutoff);
      QCOMPARE(e.labels.size(), e.inputIds.size());
      QVERIFY(learned(e) > 0);
    }

    // Packing: nothing split, order and labels kept.
    std::vector<EncodedExample> parts;
    for (int i = 0; i < 5; ++i) parts.push_back(encodeExample(conversation("", {{"q" + std::to_string(i), "a"}}), t, *tok, EncodeOptions()));
    const size_t each = parts[0].inputIds.size();
    const auto packed = packExamples(parts, static_cast<int64_t>(each * 2 + 1));
    QCOMPARE(packed.size(), size_t(3));
    QCOMPARE(packed[0].inputIds.size(), each * 2);
    std::vector<int32_t> flat, flatLabels, orig, origLabels;
    for (const auto& p : packed) flat.insert(flat.end(), p.inputIds.begin(), p.inputIds.end());
    for (const auto& p : packed) flatLabels.insert(flatLabels.end(), p.labels.begin(), p.labels.end());
    for (const auto& p : parts) orig.insert(orig.end(), p.inputIds.begin(), p.inputIds.end());
    for (const auto& p : parts) origLabels.insert(origLabels.end(), p.labels.begin(), p.labels.end());
    QVERIFY(flat == orig && flatLabels == origLabels);
  }

  void consistencyCheckFlagsAForeignTemplate() {
    if (test::testDataDir().isEmpty()) QSKIP("../shared/testdata not found");
    const auto qwen = Tokenizer::load((test::testDataDir() + "/tokenizers/qwen3").toStdString());
    const auto problems = checkTemplateConsistency(resolveChatTemplate("llama3", *qwen), *qwen);
    QVERIFY(!problems.empty());
    QVERIFY2(problems.front().find("<|eot_id|>") != std::string::npos, problems.front().c_str());  // non-empty: checked above
    QVERIFY(!checkTemplateConsistency(resolveChatTemplate("empty", *qwen), *qwen).empty());
    QVERIFY(checkTemplateConsistency(resolveChatTemplate("chatml", *qwen), *qwen).empty());
  }
};

QTEST_GUILESS_MAIN(TestChatTemplate)
#include "test_chat_template.moc"
