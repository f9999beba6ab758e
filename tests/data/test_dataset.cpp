// Dataset loading (issue 5 proof): every SFT and pre-training dataset in ../shared/testdata loads
// with no problem and the right record counts and contents; LLaMA-Factory's dataset_info.json
// resolves (and refuses what PeftDesk cannot train on, naming the entry); malformed copies (broken
// JSON line, broken array element, missing field, wrong types, bad turn order, empty file, a huge
// line, CSV quoting) are reported with their file, line and field while the good records load.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "peftdesk/dataset.h"
#include "peftdesk/error.h"
#include "test_support.h"

using namespace peftdesk;

namespace {

std::string td(const QString& rel) { return (test::testDataDir() + "/datasets/" + rel).toStdString(); }

LoadedDataset loadFile(const std::string& path, DatasetFormat format = DatasetFormat::Auto, const ColumnMapping& columns = {}) {
  DatasetSource s;
  s.file = path;
  s.format = format;
  s.columns = columns;
  return loadDataset({s});
}

QString problems(const LoadedDataset& d) {
  QString s;
  for (const auto& p : d.problems) s += QString::fromStdString(describe(p)) + "\n";
  return s;
}

}  // namespace

class TestDataset : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

  std::string write(const QString& name, const QByteArray& content) {
    QFile f(tmp_.path() + "/" + name);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(content);
    return (tmp_.path() + "/" + name).toStdString();
  }

 private slots:
  void everyTestDatasetLoads_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("names");
    QTest::addColumn<int>("records");
    QTest::addColumn<QString>("format");
    QTest::newRow("alpaca_en_demo") << "llama-factory" << "alpaca_en_demo" << 999 << "alpaca";
    QTest::newRow("alpaca_zh_demo") << "llama-factory" << "alpaca_zh_demo" << 1000 << "alpaca";
    QTest::newRow("identity") << "llama-factory" << "identity" << 91 << "alpaca";
    QTest::newRow("glaive_toolcall_en_demo") << "llama-factory" << "glaive_toolcall_en_demo" << 300 << "sharegpt";
    QTest::newRow("c4_demo") << "llama-factory" << "c4_demo" << 300 << "text";
    QTest::newRow("wiki_demo") << "llama-factory" << "wiki_demo" << 30 << "text";
    QTest::newRow("two entries") << "llama-factory" << "identity, alpaca_en_demo" << 1090 << "alpaca";
    QTest::newRow("torchtune alpaca_tiny") << "torchtune/alpaca_tiny.json" << "" << 100 << "alpaca";
    QTest::newRow("torchtune chat_tiny") << "torchtune/chat_tiny.json" << "" << 1 << "sharegpt";
    QTest::newRow("fms multi_turn_chat") << "fms-hf-tuning/multi_turn_chat.jsonl" << "" << 10 << "messages";
    QTest::newRow("fms single_turn_chat") << "fms-hf-tuning/single_turn_chat.jsonl" << "" << 18 << "messages";
  }
  void everyTestDatasetLoads() {
    if (test::testDataDir().isEmpty()) QSKIP("../shared/testdata not found (PEFTDESK_TESTDATA)");
    QFETCH(QString, path);
    QFETCH(QString, names);
    QFETCH(int, records);
    QFETCH(QString, format);
    const LoadedDataset d = loadDataset(resolveDatasetSources(td(path), names.toStdString(), DatasetFormat::Auto));
    QVERIFY2(d.problemCount == 0, qPrintable(problems(d)));
    QCOMPARE(d.examples.size(), size_t(records));
    QCOMPARE(QString(datasetFormatName(d.format)), format);
    for (const auto& ex : d.examples) {
      QVERIFY(!ex.source.empty());
      if (format == "text") {
        QVERIFY(!ex.text.empty());
      } else {
        QVERIFY(ex.turns.size() >= 2 && ex.turns.size() % 2 == 0);
        QVERIFY(ex.turns.back().role == Role::Assistant || ex.turns.back().role == Role::FunctionCall);
      }
    }
  }

  void contentsAreConvertedLikeLlamaFactory() {
    if (test::testDataDir().isEmpty()) QSKIP("../shared/testdata not found (PEFTDESK_TESTDATA)");
    // alpaca: instruction + "\n" + input is the user turn.
    LoadedDataset d = loadFile(td("torchtune/alpaca_tiny.json"));
    QFile raw(QString::fromStdString(td("torchtune/alpaca_tiny.json")));
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const nlohmann::json rawJson = nlohmann::json::parse(raw.readAll().toStdString());
    for (size_t i = 0; i < rawJson.size(); ++i) {
      const std::string ins = rawJson[i]["instruction"], in = rawJson[i]["input"], out = rawJson[i]["output"];
      QCOMPARE(d.examples[i].turns[0].content, in.empty() ? ins : ins + "\n" + in);
      QCOMPARE(d.examples[i].turns[1].content, out);
    }
    QCOMPARE(d.examples[0].source, td("torchtune/alpaca_tiny.json") + ":1");  // the file is one line
    // sharegpt with a system turn and two exchanges.
    d = loadFile(td("torchtune/chat_tiny.json"));
    QCOMPARE(d.examples[0].system, std::string("You are an AI assistant."));
    QCOMPARE(d.examples[0].turns.size(), size_t(4));
    QCOMPARE(d.examples[0].turns[3].content, std::string("I agree."));
    // glaive tool calls: tools kept as JSON text, function_call / observation roles.
    d = loadDataset(resolveDatasetSources(td("llama-factory"), "glaive_toolcall_en_demo", DatasetFormat::Auto));
    bool sawCall = false, sawObservation = false, sawTools = false;
    for (const auto& ex : d.examples) {
      sawTools |= !ex.tools.empty();
      for (const auto& t : ex.turns) {
        sawCall |= t.role == Role::FunctionCall;
        sawObservation |= t.role == Role::Observation;
      }
    }
    QVERIFY(sawCall && sawObservation && sawTools);
    // OpenAI messages with a system message.
    d = loadFile(td("fms-hf-tuning/single_turn_chat.jsonl"));
    QVERIFY(!d.examples[0].system.empty());
    QCOMPARE(d.examples[0].turns[0].role, Role::User);
  }

  void columnMappingForOtherShapes() {
    if (test::testDataDir().isEmpty()) QSKIP("../shared/testdata not found (PEFTDESK_TESTDATA)");
    ColumnMapping m;
    m.prompt = "Tweet text";
    m.response = "text_label";
    const LoadedDataset d = loadFile(td("fms-hf-tuning/twitter_complaints_small.jsonl"), DatasetFormat::Alpaca, m);
    QVERIFY2(d.problemCount == 0, qPrintable(problems(d)));
    QCOMPARE(d.examples.size(), size_t(10));
    QCOMPARE(d.examples[0].turns[1].content, std::string("no complaint"));
    // Without the mapping, the fields are named in the error.
    const LoadedDataset bad = loadFile(td("fms-hf-tuning/twitter_complaints_small.jsonl"), DatasetFormat::Alpaca);
    QCOMPARE(bad.problemCount, int64_t(10));
    QCOMPARE(bad.problems[0].field, std::string("instruction"));
  }

  void datasetInfoRefusesWhatCannotBeTrained() {
    if (test::testDataDir().isEmpty()) QSKIP("../shared/testdata not found (PEFTDESK_TESTDATA)");
    auto expectError = [](const std::string& names, const QStringList& parts) {
      try {
        resolveDatasetSources(td("llama-factory"), names, DatasetFormat::Auto);
        QFAIL(("no error for " + names).c_str());
      } catch (const Error& e) {
        for (const auto& p : parts) QVERIFY2(QString(e.what()).contains(p), e.what());
      }
    };
    expectError("dpo_en_demo", {"dataset_info.json", "dpo_en_demo", "preference"});
    expectError("alpaca_gpt4_en", {"alpaca_gpt4_en", "hub"});
    expectError("mllm_demo", {"mllm_demo", "multimodal"});
    expectError("no_such_set", {"no entry 'no_such_set'", "identity", "alpaca_en_demo"});
    expectError("", {"data.dataset", "identity"});  // several usable entries: the user must choose
  }

  void malformedRecordsAreReportedWithLines() {
    // JSONL: line 2 broken, line 4 missing a field, line 5 wrong type; blank line 3 skipped.
    std::string f = write("bad.jsonl",
                          "{\"instruction\": \"a\", \"output\": \"b\"}\n"
                          "{\"instruction\": \"a\", \"output\": \n"
                          "\n"
                          "{\"instruction\": \"a\"}\n"
                          "{\"instruction\": \"a\", \"output\": 7}\n"
                          "{\"instruction\": \"c\", \"output\": \"d\"}\n");
    LoadedDataset d = loadFile(f);
    QCOMPARE(d.examples.size(), size_t(2));
    QCOMPARE(d.problemCount, int64_t(3));
    QCOMPARE(d.problems[0].line, int64_t(2));
    QVERIFY(d.problems[0].reason.find("invalid JSON") != std::string::npos);
    QCOMPARE(d.problems[1].line, int64_t(4));
    QCOMPARE(d.problems[1].field, std::string("output"));
    QVERIFY(d.problems[1].reason.find("missing field 'output'") != std::string::npos);
    QCOMPARE(d.problems[2].line, int64_t(5));
    QVERIFY(d.problems[2].reason.find("must be a string, got a number") != std::string::npos);
    QVERIFY2(describe(d.problems[2]).find("bad.jsonl:5: record 3: field 'output'") != std::string::npos, describe(d.problems[2]).c_str());

    // JSON array: the broken element (line 6) is reported, its neighbours load.
    f = write("bad.json",
              "[\n"
              "  {\"conversations\": [{\"from\": \"human\", \"value\": \"hi\"}, {\"from\": \"gpt\", \"value\": \"yo\"}]},\n"
              "  {\"conversations\": [{\"from\": \"gpt\", \"value\": \"first\"},\n"
              "                       {\"from\": \"human\", \"value\": \"second\"}]},\n"
              "  {\"conversations\": [{\"from\": \"human\", \"value\": \"x\"}]},\n"
              "  {\"conversations\": [{\"from\": \"human\" \"value\": \"x\"}]},\n"
              "  {\"conversations\": \"not a list\"},\n"
              "  {\"conversations\": [{\"from\": \"human\", \"value\": \"q\"}, {\"from\": \"gpt\", \"value\": \"a\"}]}\n"
              "]\n");
    d = loadFile(f);
    QCOMPARE(d.examples.size(), size_t(2));
    QCOMPARE(d.problemCount, int64_t(4));
    QCOMPARE(d.problems[0].line, int64_t(3));
    QCOMPARE(d.problems[0].field, std::string("conversations[0].from"));
    QVERIFY(d.problems[0].reason.find("must be a user") != std::string::npos);
    QCOMPARE(d.problems[1].line, int64_t(5));
    QVERIFY(d.problems[1].reason.find("must end with an assistant turn") != std::string::npos);
    QCOMPARE(d.problems[2].line, int64_t(6));
    QVERIFY(d.problems[2].reason.find("invalid JSON") != std::string::npos);
    QCOMPARE(d.problems[3].line, int64_t(7));
    QVERIFY(d.problems[3].reason.find("must be a list") != std::string::npos);
  }

  void fileLevelErrorsNameTheFile() {
    auto expectError = [](const std::string& file, const QString& part) {
      try {
        loadFile(file);
        QFAIL(("no error for " + file).c_str());
      } catch (const Error& e) {
        QVERIFY2(QString(e.what()).contains(part) && QString(e.what()).contains(QString::fromStdString(file)), e.what());
      }
    };
    expectError(write("empty.json", ""), "empty");
    expectError(write("blank.jsonl", "\n\n  \n"), "empty");
    expectError(write("open.json", "[{\"instruction\": \"a\", \"output\": \"b\"},\n"), "not closed");
    expectError(write("scalar.json", "42"), "not a JSON array");
    expectError(write("data.parquet", "PAR1"), "unknown dataset file type");
    expectError(tmp_.path().toStdString() + "/missing.json", "not found");
    expectError(write("what.jsonl", "{\"foo\": 1}\n"), "cannot tell the dataset format");
  }

  void hugeLineLoads() {
    // A single 50 MB record: read, checked and converted like any other.
    std::string big(50 * 1024 * 1024, 'x');
    const std::string f = write("huge.jsonl", QByteArray::fromStdString("{\"text\": \"" + big + "\"}\n{\"text\": 5}\n"));
    const LoadedDataset d = loadFile(f);
    QCOMPARE(d.examples.size(), size_t(1));
    QCOMPARE(d.examples[0].text.size(), big.size());
    QCOMPARE(d.problemCount, int64_t(1));
    QCOMPARE(d.problems[0].line, int64_t(2));
  }

  void csvQuotingAndErrors() {
    const std::string f = write("data.csv",
                                "\xEF\xBB\xBFinstruction,input,output\r\n"
                                "\"Say \"\"hi\"\"\",,hello\r\n"
                                "\"multi\nline\",x,\"a, b\"\r\n"
                                "only,two\r\n"
                                "last,,\"unterminated\r\n");
    const LoadedDataset d = loadFile(f);
    QCOMPARE(d.examples.size(), size_t(2));
    QCOMPARE(d.examples[0].turns[0].content, std::string("Say \"hi\""));
    QCOMPARE(d.examples[1].turns[0].content, std::string("multi\nline\nx"));
    QCOMPARE(d.examples[1].turns[1].content, std::string("a, b"));
    QCOMPARE(d.examples[1].source, f + ":3");
    QCOMPARE(d.problemCount, int64_t(2));
    QCOMPARE(d.problems[0].line, int64_t(5));
    QVERIFY(d.problems[0].reason.find("has 2 fields, the header has 3") != std::string::npos);
    QCOMPARE(d.problems[1].line, int64_t(6));
    QVERIFY(d.problems[1].reason.find("not closed") != std::string::npos);
  }

  void maxSamplesAndTokenized() {
    if (test::testDataDir().isEmpty()) QSKIP("../shared/testdata not found (PEFTDESK_TESTDATA)");
    DatasetSource s;
    s.file = td("llama-factory/alpaca_en_demo.json");
    DatasetLoadOptions o;
    o.maxSamples = 7;
    QCOMPARE(loadDataset({s}, o).examples.size(), size_t(7));
    const std::string f = write("tok.jsonl", "{\"input_ids\": [1, 2, 3], \"labels\": [-100, 2, 3]}\n{\"input_ids\": [1, -5]}\n"
                                             "{\"input_ids\": [1, 2], \"labels\": [1]}\n");
    const LoadedDataset d = loadFile(f);
    QCOMPARE(d.format, DatasetFormat::Tokenized);
    QCOMPARE(d.examples.size(), size_t(1));
    QCOMPARE(d.problems[0].field, std::string("input_ids[1]"));
    QCOMPARE(d.problems[1].field, std::string("labels"));
  }
};

QTEST_GUILESS_MAIN(TestDataset)
#include "test_dataset.moc"
