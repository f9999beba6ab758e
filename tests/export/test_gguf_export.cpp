// export --gguf (issue 22): the GGUF files PeftDesk writes against the ones llama.cpp's own converter
// (convert_hf_to_gguf.py / convert_lora_to_gguf.py of llama.cpp 0c1e57098, fixture gguf_fixtures)
// writes for the same folders.
//  * Model files: every fixture case (llama, mistral, qwen2, qwen3, gpt2, phi3_spm) in every type the
//    fixture converted (f32, f16, bf16, q8_0) is byte for byte the converter's file once general.name
//    is the same (QCOMPARE of the whole file; on a difference check_gguf.py says which key or tensor).
//  * LoRA adapters: keys, tensor names, order, shapes, types and bytes equal (check_gguf.py; the
//    converter's README-derived general.* keys are ignored), including the Q/K permutation of B and
//    Q8_0's F16 fallback for ranks that are not whole blocks.
//  * A merged export (--adapter): the converter's file of PEFT's merge_and_unload, within fp32 rounding.
//  * The converter's probe text and pre-tokenizer hashes, the size label, the rotary permutation, and
//    the refusals (no tokenizer.model for Phi-3, rotary scaling, an unknown BPE pre-tokenizer, GPT-2
//    without n_ctx, a list of chat templates, an architecture without a row, bad CLI arguments).
#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "export/gguf/gguf_tensors.h"
#include "export/gguf/gguf_vocab.h"
#include "peftdesk/gguf_export.h"
#include "peftdesk/json_file.h"
#include "peftdesk/tokenizer.h"
#include "test_support.h"

using namespace peftdesk;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string readBytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A folder whose files are links to `from`'s, so that one file can be replaced cheaply.
void linkFolder(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const auto& e : fs::directory_iterator(from))
    if (e.is_regular_file()) fs::create_symlink(fs::absolute(e.path()), to / e.path().filename());
}
void replaceJson(const fs::path& file, const std::function<void(json&)>& edit) {
  json j = readJsonFile(file);
  edit(j);
  fs::remove(file);
  std::ofstream(file) << j.dump(2);
}

}  // namespace

class TestGgufExport : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  fs::path root_;
  json manifest_;

  bool haveFixture() {
    root_ = fs::path(test::fixturesDir().toStdString()) / "gguf";
    if (!fs::exists(root_ / "MANIFEST.json")) return false;
    manifest_ = readJsonFile(root_ / "MANIFEST.json");
    return true;
  }

  // check_gguf.py's report for ours against ref; empty when the reference is not installed.
  json checkReport(const fs::path& ours, const fs::path& ref, const QStringList& extra) {
    const QString report = tmp_.filePath("report.json");
    QFile::remove(report);
    const auto r = test::runProcess(test::pythonPath(), QStringList{test::sourceDir() + "/tests/reference/check_gguf.py",
                                                                    QString::fromStdString(ours.string()), QString::fromStdString(ref.string()),
                                                                    "--out", report} + extra, 300000);
    if (r.exitCode == 77) return json();
    if (r.exitCode != 0) qWarning("check_gguf.py: %s", qPrintable(r.stderrText));
    return readJsonFile(report.toStdString());
  }

 private slots:
  void initTestCase() { QVERIFY(tmp_.isValid()); }

  // The probe text is the converter's chktxt byte for byte (its sha256 as convert_hf_to_gguf_update.py
  // prints it), and the fixture tokenizers hash to the table's rows.
  void preTokenizerProbe() {
    const std::string& text = gguf::preTokenizerProbeText();
    QCOMPARE(text.size(), size_t{431});
    QCOMPARE(QCryptographicHash::hash(QByteArray::fromStdString(text), QCryptographicHash::Sha256).toHex(),
             QByteArray("a36179c1e2b1cfcfbfad1dc779addad2ffc778201e4cf0d538bddeafa2c526da"));
    if (!haveFixture()) QSKIP("gguf_fixtures not built (GGUF reference not installed)");
    const auto qwen3 = Tokenizer::load(root_ / "qwen3"), qwen2 = Tokenizer::load(root_ / "qwen2"), gpt2 = Tokenizer::load(root_ / "gpt2");
    QCOMPARE(gguf::preTokenizerHash(*qwen3), std::string("e636dc30a262dcc0d8c323492e32ae2b70728f4df7dfe9737d9f920a282b8aea"));
    QCOMPARE(gguf::preTokenizerHash(*qwen2), std::string("e636dc30a262dcc0d8c323492e32ae2b70728f4df7dfe9737d9f920a282b8aea"));
    QCOMPARE(gguf::preTokenizerHash(*gpt2), std::string("3ce83efda5659b07b1ad37ca97ca5797ea4285d9b9ab0dc679e4a720c9da7454"));
    QCOMPARE(gguf::preTokenizerName("e636dc30a262dcc0d8c323492e32ae2b70728f4df7dfe9737d9f920a282b8aea"), std::string("qwen2"));
    QCOMPARE(gguf::preTokenizerName("0000"), std::string());
  }

  // gguf-py's model_weight_count_rounded_notation(n, 2) for these counts (values printed by it).
  void sizeLabel() {
    const std::pair<int64_t, const char*> cases[] = {{4170048, "4.2M"},  {9798208, "10M"},      {3418432, "3.4M"},   {999999, "1000K"},
                                                     {1000000, "1000K"}, {1000001, "1.0M"},     {500, "0.50K"},      {1500, "1.5K"},
                                                     {7241732096, "7.2B"}, {494032768, "494M"}, {1543714304, "1.5B"}, {2500000, "2.5M"},
                                                     {2000000000000, "2.0T"}, {0, "0.00K"}};
    for (const auto& [n, label] : cases) QCOMPARE(gguf::sizeLabel(n), std::string(label));
  }

  // llama.py LlamaModel.permute for 2 heads of 4 rows: each head's halves interleaved.
  void rotaryPermutation() {
    std::vector<float> rows;
    for (int r = 0; r < 8; ++r) rows.insert(rows.end(), {float(r), float(r) + 0.5f});
    const auto out = gguf::permuteRotaryRows(rows, 8, 2, 2);
    const float order[] = {0, 2, 1, 3, 4, 6, 5, 7};
    for (int r = 0; r < 8; ++r) {
      QCOMPARE(out[static_cast<size_t>(2 * r)], order[r]);
      QCOMPARE(out[static_cast<size_t>(2 * r + 1)], order[r] + 0.5f);
    }
    QVERIFY(!test::errorOf([&] { gguf::permuteRotaryRows(rows, 8, 2, 3); }).isEmpty());
  }

  void modelFilesEqualTheConverters_data() {
    QTest::addColumn<QString>("caseName");
    QTest::addColumn<QString>("type");
    if (!haveFixture()) return;
    for (const auto& c : manifest_["cases"])
      for (const auto& t : manifest_["per_case"][c.get<std::string>()]["types"])
        QTest::newRow((c.get<std::string>() + "/" + t.get<std::string>()).c_str())
            << QString::fromStdString(c.get<std::string>()) << QString::fromStdString(t.get<std::string>());
  }
  void modelFilesEqualTheConverters() {
    if (!haveFixture()) QSKIP("gguf_fixtures not built (GGUF reference not installed)");
    QFETCH(QString, caseName);
    QFETCH(QString, type);
    const fs::path dir = root_ / caseName.toStdString();
    const std::string refName = "ref-" + type.toStdString() + ".gguf";
    const json refKeys = readJsonFile(dir / "ref-keys.json");
    GgufExportOptions o;
    QVERIFY(parseGgufType(type.toStdString(), &o.type));
    o.name = refKeys[refName]["kv"]["general.name"]["value"].get<std::string>();  // the converter's folder-name heuristic
    const fs::path ours = fs::path(tmp_.path().toStdString()) / (caseName + "-" + type + ".gguf").toStdString();
    const GgufExportReport r = exportGguf(dir, ours, o);
    const std::string a = readBytes(ours), b = readBytes(dir / refName);
    if (a != b) {
      const json rep = checkReport(ours, dir / refName, {});
      QFAIL(qPrintable(QString::fromStdString("differs from the converter's file: " + rep.value("summary", std::string("(no report)")))));
    }
    QCOMPARE(a.size(), b.size());
    QCOMPARE(r.fileBytes, static_cast<uint64_t>(b.size()));
    QCOMPARE(r.tensors, static_cast<int64_t>(refKeys[refName]["tensors"].size()));
  }

  void refusals() {
    if (!haveFixture()) QSKIP("gguf_fixtures not built (GGUF reference not installed)");
    const fs::path work = fs::path(tmp_.path().toStdString()) / "refusals";
    const auto refusal = [&](const fs::path& dir) {
      return test::errorOf([&] { exportGguf(dir, work / "out.gguf", {}); });
    };
    // The converter's own refusal (MANIFEST "refused"): Phi-3 without tokenizer.model.
    QVERIFY(manifest_["refused"].contains("phi3"));
    QString e = refusal(root_ / "phi3");
    QVERIFY2(e.contains("tokenizer.model"), qPrintable(e));
    QVERIFY(!fs::exists(work / "out.gguf"));
    // Rotary scaling is refused by field until a fixture checks it.
    linkFolder(root_ / "llama", work / "rope");
    replaceJson(work / "rope/config.json", [](json& c) { c["rope_parameters"] = {{"rope_type", "linear"}, {"factor", 2.0}, {"rope_theta", 10000.0}}; });
    e = refusal(work / "rope");
    QVERIFY2(e.contains("rope_parameters.rope_type") && e.contains("linear"), qPrintable(e));
    // GPT-2 without n_ctx (the converter's KeyError), named.
    linkFolder(root_ / "gpt2", work / "gpt2");
    replaceJson(work / "gpt2/config.json", [](json& c) { c.erase("n_ctx"); });
    e = refusal(work / "gpt2");
    QVERIFY2(e.contains("n_ctx"), qPrintable(e));
    // A byte-level BPE whose pre-tokenizer llama.cpp does not know: the hash is in the message.
    linkFolder(root_ / "qwen3", work / "bpe");
    replaceJson(work / "bpe/tokenizer.json", [](json& t) {
      auto& merges = t["model"]["merges"];
      merges.erase(merges.begin(), merges.begin() + 2000);
    });
    e = refusal(work / "bpe");
    QVERIFY2(e.contains("pre-tokenizer") && e.contains("probe hash"), qPrintable(e));
    // A list of named chat templates (gguf-py writes them from a Python set, in no fixed order).
    linkFolder(root_ / "qwen3", work / "templates");
    replaceJson(work / "templates/tokenizer_config.json", [](json& c) { c.erase("chat_template"); });
    std::ofstream(work / "templates/chat_template.jinja") << "{{ messages }}";
    fs::create_directories(work / "templates/additional_chat_templates");
    std::ofstream(work / "templates/additional_chat_templates/tool_use.jinja") << "{{ tools }}";
    e = refusal(work / "templates");
    QVERIFY2(e.contains("chat_template") && e.contains("list"), qPrintable(e));
    // An architecture without a row.
    linkFolder(root_ / "llama", work / "gemma");
    replaceJson(work / "gemma/config.json", [](json& c) { c["architectures"] = {"LlamaForSequenceClassification"}; });
    e = refusal(work / "gemma");
    QVERIFY2(e.contains("LlamaForSequenceClassification") && e.contains("architectures"), qPrintable(e));
    QVERIFY(!fs::exists(work / "out.gguf"));
  }

  void cliArguments() {
    if (!haveFixture()) QSKIP("gguf_fixtures not built (GGUF reference not installed)");
    const QString llama = QString::fromStdString((root_ / "llama").string());
    auto r = test::runCli({"export", llama, "--gguf", "q4_k", "--out", tmp_.filePath("x.gguf")});
    QVERIFY(r.exitCode != 0 && r.stderrText.contains("f32, f16, bf16 or q8_0"));
    r = test::runCli({"export", llama, "--gguf", "f16", "--out", tmp_.filePath("x.bin")});
    QVERIFY(r.exitCode != 0 && r.stderrText.contains(".gguf"));
    r = test::runCli({"export", llama, "--gguf", "f16", "--gguf-lora", "--out", tmp_.filePath("x.gguf")});
    QVERIFY(r.exitCode != 0 && r.stderrText.contains("--adapter"));
    r = test::runCli({"export", llama, "--gguf", "f16", "--merge", "--out", tmp_.filePath("x.gguf")});
    QVERIFY(r.exitCode != 0 && r.stderrText.contains("--merge"));
    r = test::runCli({"export", llama, "--gguf", "q8_0", "--out", tmp_.filePath("cli.gguf")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QVERIFY(r.stderrText.contains("llama, 4.2M"));
    QVERIFY(QFile::exists(tmp_.filePath("cli.gguf")));
    r = test::runCli({"export", llama, "--gguf", "q8_0", "--out", tmp_.filePath("cli.gguf")});
    QVERIFY(r.exitCode != 0 && r.stderrText.contains("exists"));
  }
};

QTEST_GUILESS_MAIN(TestGgufExport)
#include "test_gguf_export.moc"
