// Chat templates and encoding (issue 5): for tokenizers that carry their own Jinja template
// (Qwen2.5, Qwen3, Phi-3 from ../shared/testdata; Phi-4, Phi-4-mini, Granite 3.1 and SmolLM3's templates from
// tests/data/chat_templates in a copy of such a folder), "auto" picks the right row and the encoded
// conversation equals transformers' apply_chat_template ids (run live), with labels exactly on the
// assistant turns; generation prompts with thinking on and off equal add_generation_prompt's;
// SmolLM3's computed system block (reasoning switches, override, persona, the day) case by case;
// every built-in row renders and masks a 2-turn chat; truncation, mask_history, train_on_prompt,
// packing and the consistency check behave.
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

const char* jinjaRole(Role role) {
  switch (role) {
    case Role::User: return "user";
    case Role::Observation: return "tool";
    case Role::System: return "system";
    case Role::Assistant:
    case Role::FunctionCall: break;
  }
  return "assistant";
}

json messagesJson(const Example& ex) {
  json m = json::array();
  if (!ex.system.empty()) m.push_back({{"role", "system"}, {"content", ex.system}});
  for (const auto& t : ex.turns) m.push_back({{"role", jinjaRole(t.role)}, {"content", t.content}});
  return m;
}

// The day the dated templates (SmolLM3) write in these tests, on both sides: the reference's
// strftime_now reads transformers' module clock, which the scripts set to this day.
constexpr const char* kTemplateDay = "2025-07-08";
const char* kFixClock = R"(
import datetime
import transformers.utils.chat_template_utils as ctu
class _Day(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls.fromisoformat(DAY + "T12:00:00")
def fix_clock(day):
    global DAY
    DAY = day
    ctu.datetime = _Day
)";

}  // namespace

class TestChatTemplate : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

  // The conversations handed to a reference script, as a file in the temporary folder ("" on failure).
  QString writeInput(const QString& name, const json& content) {
    const QString path = tmp_.path() + "/" + name;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(QByteArray::fromStdString(content.dump()));
    return path;
  }

  // A copy of a tokenizer folder from ../shared/testdata whose tokenizer_config.json carries the
  // chat template `jinja` (tests/data/chat_templates); "" = the folder itself.
  QString folderWithTemplate(const QString& tokenizer, const QString& jinja, const QString& tag) {
    const QString dir = test::testDataDir() + "/tokenizers/" + tokenizer;
    if (jinja.isEmpty()) return dir;
    const QString copy = tmp_.path() + "/" + tag;
    if (QDir(copy).exists()) return copy;
    if (!QDir().mkpath(copy)) return {};
    for (const QString& f : QDir(dir).entryList(QDir::Files))
      if (!QFile::copy(dir + "/" + f, copy + "/" + f)) return {};
    QFile config(copy + "/tokenizer_config.json"), templ(test::sourceDir() + "/tests/data/chat_templates/" + jinja);
    if (!config.open(QIODevice::ReadOnly) || !templ.open(QIODevice::ReadOnly)) return {};
    json c = json::parse(config.readAll().toStdString());
    c["chat_template"] = templ.readAll().toStdString();
    config.close();
    QFile::remove(config.fileName());
    if (!config.open(QIODevice::WriteOnly)) return {};
    config.write(QByteArray::fromStdString(c.dump(1)));
    return copy;
  }

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
    QTest::newRow("smollm3") << "qwen3" << "smollm3.jinja" << "smollm3" << "";
  }
  void idsEqualApplyChatTemplate() {
    QFETCH(QString, tokenizer);
    QFETCH(QString, jinja);
    QFETCH(QString, expectedTemplate);
    QFETCH(QString, omittedDefaultSystem);
    if (test::testDataDir().isEmpty()) QSKIP("../shared/testdata not found");
    if (test::pythonPath().isEmpty()) QSKIP("PEFTDESK_PYTHON not set");
    const QString dir = folderWithTemplate(tokenizer, jinja, QTest::currentDataTag());
    QVERIFY(!dir.isEmpty());
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
    const QString input = writeInput(QString(QTest::currentDataTag()) + ".json", all);
    QVERIFY(!input.isEmpty());
    const QString script = QString(kFixClock) + R"(
import json, sys
sys.path.insert(0, sys.argv[4])
from transformers import AutoTokenizer
from refcommon import fast_tokenizer
fix_clock(sys.argv[5])
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
    const auto r = test::runProcess(test::pythonPath(), {"-c", script, dir, input, omittedDefaultSystem, test::sourceDir() + "/tests/reference", kTemplateDay}, 300000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const json ref = json::parse(r.stdoutText.toStdString());
    EncodeOptions o;
    o.cutoffLen = 4096;
    o.templateDate = kTemplateDay;
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

  // Generation prompts with thinking off (the default: Qwen3's and SmolLM3's empty think block, as
  // enable_thinking=False) and on (enable_thinking=True), after a history whose answers carry
  // reasoning, equal apply_chat_template(add_generation_prompt=True); a template without a reasoning
  // mode (Phi-3, which ends a finished conversation with EOS) gives the same prompt either way.
  void generationPromptWithAndWithoutThinking_data() {
    QTest::addColumn<QString>("tokenizer");
    QTest::addColumn<QString>("jinja");
    QTest::addColumn<bool>("hasReasoningMode");
    QTest::newRow("qwen3") << "qwen3" << "" << true;
    QTest::newRow("smollm3") << "qwen3" << "smollm3.jinja" << true;
    QTest::newRow("phi-3-mini") << "phi-3-mini" << "" << false;
  }
  void generationPromptWithAndWithoutThinking() {
    QFETCH(QString, tokenizer);
    QFETCH(QString, jinja);
    QFETCH(bool, hasReasoningMode);
    if (test::testDataDir().isEmpty()) QSKIP("../shared/testdata not found");
    if (test::pythonPath().isEmpty()) QSKIP("PEFTDESK_PYTHON not set");
    const QString dir = folderWithTemplate(tokenizer, jinja, QString("generation-") + QTest::currentDataTag());
    QVERIFY(!dir.isEmpty());
    const auto tok = Tokenizer::load(dir.toStdString());
    const ChatTemplate& tmpl = resolveChatTemplate("auto", *tok);
    const std::vector<Turn> turns = {{Role::User, "Hi"}, {Role::Assistant, "<think>\ngreet back\n</think>\n\nHello!"}, {Role::User, "Zähle bis drei."}};
    json messages = json::array({{{"role", "system"}, {"content", "Be brief."}}});
    for (const auto& t : turns) messages.push_back({{"role", jinjaRole(t.role)}, {"content", t.content}});
    const QString script = QString(kFixClock) + R"(
import json, sys
sys.path.insert(0, sys.argv[4])
from transformers import AutoTokenizer
from refcommon import fast_tokenizer
fix_clock(sys.argv[3])
tok = AutoTokenizer.from_pretrained(sys.argv[1])
fast = fast_tokenizer(sys.argv[1])
m = json.loads(sys.argv[2])
prompt = lambda think: fast(tok.apply_chat_template(m, tokenize=False, add_generation_prompt=True, enable_thinking=think),
                            add_special_tokens=False)["input_ids"]
print(json.dumps({"off": prompt(False), "on": prompt(True)}))
)";
    const auto r = test::runProcess(test::pythonPath(),
                                    {"-c", script, dir, QString::fromStdString(messages.dump()), kTemplateDay, test::sourceDir() + "/tests/reference"}, 300000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const json ref = json::parse(r.stdoutText.toStdString());
    QCOMPARE(ref["off"] != ref["on"], hasReasoningMode);
    QCOMPARE(json(encodeChatPrompt(turns, "Be brief.", tmpl, *tok, nullptr, /*thinking=*/false, kTemplateDay)), ref["off"]);
    QCOMPARE(json(encodeChatPrompt(turns, "Be brief.", tmpl, *tok, nullptr, /*thinking=*/true, kTemplateDay)), ref["on"]);
  }

  // SmolLM3's template computes its system block: the reasoning mode from enable_thinking unless
  // the system text says /think or /no_think (removed from it, the rest right-stripped as Python
  // does, Unicode spaces included), /system_override for a bare block, a persona per mode when
  // there is no text, the day in the header; /no_think puts an empty think block after every
  // assistant header; tool results are user turns; answers lose their leading newlines. Every case:
  // ids equal apply_chat_template's (the day fixed on both sides), labels start at each answer,
  // and the generation prompt before the last answer equals add_generation_prompt's. With no day
  // given, today's is written (as the reference's unpatched clock).
  void smolLM3ReasoningModesToolsAndDay() {
    if (test::testDataDir().isEmpty()) QSKIP("../shared/testdata not found");
    if (test::pythonPath().isEmpty()) QSKIP("PEFTDESK_PYTHON not set");
    const QString dir = folderWithTemplate("qwen3", "smollm3.jinja", "smollm3-modes");
    QVERIFY(!dir.isEmpty());
    const auto tok = Tokenizer::load(dir.toStdString());
    const ChatTemplate& tmpl = resolveChatTemplate("auto", *tok);
    QCOMPARE(QString::fromStdString(chatTemplateName(tmpl)), QString("smollm3"));
    QVERIFY(checkTemplateConsistency(tmpl, *tok).empty());
    struct Case {
      Example ex;
      bool thinking;
    };
    Example tools = conversation("Use the tools.", {});
    tools.turns = {{Role::User, "Weather in Paris?"},
                   {Role::FunctionCall, "{\"name\": \"weather\", \"arguments\": {\"city\": \"Paris\"}}"},
                   {Role::Observation, "{\"temperature\": 21}"},
                   {Role::Assistant, "\n\nIt is 21 °C in Paris."}};
    const std::vector<Case> cases = {
        {conversation("", {{"What is 2 + 2?", "4."}}), true},
        {conversation("", {{"Hi", "\nHello!"}, {"Name three colors.", "Red, green and blue."}}), false},
        {conversation("Be terse. /no_think", {{"Why is the sky blue?", "<think>\nRayleigh\n</think>\nScattering."}}), true},
        {conversation("/think Explain your steps.", {{"3 x 4?", "<think>\n3 x 4 = 12\n</think>\n\n12."}}), false},
        {conversation("/system_override You are Ada. /think", {{"Who are you?", "Ada."}}), false},
        {conversation("/no_think", {{"用中文回答：天空是什么颜色？", "天空通常是蓝色的。"}}), true},
        {conversation("Antworte auf Deutsch.\u3000 \n\t", {{"Und der Himmel?", "Blau."}}), true},
        {tools, false},
    };
    json all = json::array();
    for (const auto& c : cases) all.push_back({{"messages", messagesJson(c.ex)}, {"thinking", c.thinking}});
    const QString input = writeInput("smollm3-cases.json", all);
    QVERIFY(!input.isEmpty());
    const QString script = QString(kFixClock) + R"(
import json, sys
sys.path.insert(0, sys.argv[3])
from transformers import AutoTokenizer
from refcommon import fast_tokenizer
tok = AutoTokenizer.from_pretrained(sys.argv[1])
fast = fast_tokenizer(sys.argv[1])
ids_of = lambda messages, **kw: fast(tok.apply_chat_template(messages, tokenize=False, **kw), add_special_tokens=False)["input_ids"]
cases = json.load(open(sys.argv[2]))
today = ids_of(cases[0]["messages"], enable_thinking=cases[0]["thinking"])
fix_clock(sys.argv[4])
out = []
for case in cases:
    m, think = case["messages"], case["thinking"]
    starts = [len(ids_of(m[:k], add_generation_prompt=True, enable_thinking=think)) for k in range(len(m)) if m[k]["role"] == "assistant"]
    out.append({"ids": ids_of(m, enable_thinking=think), "assistant_starts": starts,
                "prompt": ids_of(m[:-1], add_generation_prompt=True, enable_thinking=think)})
print(json.dumps({"cases": out, "today": today}))
)";
    const auto r = test::runProcess(test::pythonPath(), {"-c", script, dir, input, test::sourceDir() + "/tests/reference", kTemplateDay}, 300000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const json ref = json::parse(r.stdoutText.toStdString());
    for (size_t c = 0; c < cases.size(); ++c) {
      EncodeOptions o;
      o.cutoffLen = 4096;
      o.enableThinking = cases[c].thinking;
      o.templateDate = kTemplateDay;
      const EncodedExample e = encodeExample(cases[c].ex, tmpl, *tok, o);
      const json& want = ref["cases"][c];
      QVERIFY2(e.inputIds == want["ids"].get<std::vector<int32_t>>(),
               qPrintable(QString("case %1: ids differ from apply_chat_template:\n%2\n%3")
                              .arg(c)
                              .arg(QString::fromStdString(tok->decode(e.inputIds, false)))
                              .arg(QString::fromStdString(tok->decode(want["ids"].get<std::vector<int32_t>>(), false)))));
      for (const size_t start : want["assistant_starts"].get<std::vector<size_t>>()) {
        QVERIFY2(e.labels[start - 1] == kIgnoreLabel, qPrintable(QString("case %1: prompt token learned at %2").arg(c).arg(start - 1)));
        QVERIFY2(e.labels[start] == e.inputIds[start], qPrintable(QString("case %1: first answer token masked at %2").arg(c).arg(start)));
      }
      const std::vector<Turn> history(cases[c].ex.turns.begin(), cases[c].ex.turns.end() - 1);
      if (history.back().role != Role::User) continue;  // a chat prompt ends with a user turn (not a tool result)
      QCOMPARE(json(encodeChatPrompt(history, cases[c].ex.system, tmpl, *tok, nullptr, cases[c].thinking, kTemplateDay)), want["prompt"]);
    }
    EncodeOptions today;
    today.cutoffLen = 4096;
    const EncodedExample e = encodeExample(cases[0].ex, tmpl, *tok, today);
    QCOMPARE(json(e.inputIds), ref["today"]);
    QVERIFY(ref["today"] != ref["cases"][0]["ids"]);  // the reference's day was really fixed above
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
