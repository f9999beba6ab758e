// The GGUF writer and its tensor encodings (issue 22, the foundation of export --gguf): a file
// with every key type and F32 / F16 / BF16 / Q8_0 tensors is read back by the PyPI `gguf` package
// (0.19.0, the reader the issue names) with every key's type and value as written, tensors at
// contiguous 32-byte-aligned offsets in ggml's dimension order, and each tensor's bytes equal to
// gguf-py's own encoder of the same floats (bit for bit, == compared) — ties, subnormals, zero
// blocks and overflow included. Also the writer's refusals.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <random>

#include "export/gguf/gguf_encode.h"
#include "export/gguf/gguf_file.h"
#include "peftdesk/json_file.h"
#include "test_support.h"

using namespace peftdesk;
using nlohmann::json;

namespace {

std::vector<float> randomValues(size_t n, uint32_t seed, float scale) {
  std::mt19937 gen(seed);
  std::normal_distribution<float> dist(0.0f, scale);
  std::vector<float> v(n);
  for (auto& x : v) x = dist(gen);
  return v;
}

}  // namespace

class TestGgufFile : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void readBackByTheGgufPackage() {
    const QString python = test::pythonPath();
    if (python.isEmpty() || !QFile::exists(python)) QSKIP("project venv python not found (PEFTDESK_PYTHON)");
    std::map<std::string, std::pair<std::vector<int64_t>, std::vector<float>>> inputs;
    inputs["f32"] = {{3, 32}, randomValues(96, 1, 1.0f)};
    // F16: rounding ties, subnormals, overflow to infinity, signed zeros.
    std::vector<float> f16 = randomValues(4 * 64, 2, 3.0f);
    const float special[] = {0.0f, -0.0f, 1.0f + 1.0f / 2048, 1.0f + 3.0f / 2048, 6.0e-8f, -3.0e-6f, 65504.0f, 65520.0f, 70000.0f, -1e-30f, 2.9802322e-08f};
    for (size_t i = 0; i < std::size(special); ++i) f16[i] = special[i];
    inputs["f16"] = {{4, 64}, f16};
    std::vector<float> bf16 = randomValues(2 * 32, 3, 1e3f);
    const float ties[] = {1.00390625f, 1.01171875f, -1.00390625f, 3.0e38f, 1e-40f, -0.0f};
    for (size_t i = 0; i < std::size(ties); ++i) bf16[i] = ties[i];
    inputs["bf16"] = {{2, 32}, bf16};
    // Q8_0: an all-zero block, a block of exact halves of the scale (round half away from zero),
    // a block with one large value, random rows.
    std::vector<float> q8 = randomValues(5 * 64, 4, 0.02f);
    for (int j = 0; j < 32; ++j) q8[j] = 0.0f;
    for (int j = 0; j < 32; ++j) q8[32 + j] = static_cast<float>(j - 16) + 0.5f;  // with 127 in the block, d = 1: exact ties
    q8[32] = 127.0f;
    q8[64] = 1000.0f;
    inputs["blk.0.q8_0"] = {{5, 64}, q8};

    gguf::Writer w;
    w.addString("general.architecture", "llama");
    w.addString("general.name", "ü 名前 \"quoted\"\n");
    w.addU32("llama.block_count", 7);
    w.addI32("some.i32", -5);
    w.addF32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
    w.addBool("tokenizer.ggml.add_bos_token", true);
    w.addStringArray("tokenizer.ggml.tokens", {"<s>", "▁hello", "Ġworld", ""});
    w.addF32Array("tokenizer.ggml.scores", {0.0f, -1.5f, -1000.0f, 3.25f});
    w.addI32Array("tokenizer.ggml.token_type", {3, 1, 1, 5});
    w.addBoolArray("some.pattern", {true, false, true});
    const std::map<std::string, gguf::TensorType> types = {
        {"f32", gguf::TensorType::F32}, {"f16", gguf::TensorType::F16}, {"bf16", gguf::TensorType::BF16}, {"blk.0.q8_0", gguf::TensorType::Q8_0}};
    json inputsJson = json::object();
    for (const auto& [name, data] : inputs) {
      const auto& [shape, values] = data;
      const gguf::TensorType type = types.at(name);
      w.addTensor({name, shape, type, [values, type] { return gguf::encode(values.data(), static_cast<int64_t>(values.size()), type); }});
      inputsJson[name] = {{"shape", shape}, {"values", values}};
    }
    const std::string file = tmp_.filePath("t.gguf").toStdString(), inputsFile = tmp_.filePath("inputs.json").toStdString();
    w.write(file);
    QFile jf(QString::fromStdString(inputsFile));
    QVERIFY(jf.open(QIODevice::WriteOnly));
    jf.write(QByteArray::fromStdString(inputsJson.dump()));
    jf.close();

    const auto r = test::runProcess(python, {test::sourceDir() + "/tests/reference/check_gguf_encoding.py", QString::fromStdString(file),
                                             QString::fromStdString(inputsFile), "--out", tmp_.filePath("report.json")}, 300000);
    if (r.exitCode == 77) QSKIP(qPrintable("GGUF reference not installed: " + r.stderrText.trimmed()));
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const json rep = readJsonFile(tmp_.filePath("report.json").toStdString());
    QCOMPARE(rep["version"].get<int>(), 3);
    QCOMPARE(rep["alignment"].get<int>(), 32);
    QCOMPARE(rep["data_offset"].get<int64_t>() % 32, int64_t{0});
    const json& k = rep["keys"];
    QCOMPARE(k.size(), size_t{10});
    QCOMPARE(k["general.name"]["value"].get<std::string>(), std::string("ü 名前 \"quoted\"\n"));
    QCOMPARE(k["general.name"]["types"], (json{"STRING"}));
    QCOMPARE(k["llama.block_count"]["types"], (json{"UINT32"}));
    QCOMPARE(k["llama.block_count"]["value"].get<int>(), 7);
    QCOMPARE(k["some.i32"]["types"], (json{"INT32"}));
    QCOMPARE(k["some.i32"]["value"].get<int>(), -5);
    QCOMPARE(k["llama.attention.layer_norm_rms_epsilon"]["types"], (json{"FLOAT32"}));
    QCOMPARE(k["llama.attention.layer_norm_rms_epsilon"]["value"].get<float>(), 1e-5f);
    QCOMPARE(k["tokenizer.ggml.add_bos_token"]["types"], (json{"BOOL"}));
    QCOMPARE(k["tokenizer.ggml.add_bos_token"]["value"].get<bool>(), true);
    QCOMPARE(k["tokenizer.ggml.tokens"]["types"], (json{"ARRAY", "STRING"}));
    QCOMPARE(k["tokenizer.ggml.tokens"]["value"], (json{"<s>", "▁hello", "Ġworld", ""}));
    QCOMPARE(k["tokenizer.ggml.scores"]["types"], (json{"ARRAY", "FLOAT32"}));
    QCOMPARE(k["tokenizer.ggml.scores"]["value"], (json{0.0, -1.5, -1000.0, 3.25}));
    QCOMPARE(k["tokenizer.ggml.token_type"]["types"], (json{"ARRAY", "INT32"}));
    QCOMPARE(k["tokenizer.ggml.token_type"]["value"], (json{3, 1, 1, 5}));
    QCOMPARE(k["some.pattern"]["types"], (json{"ARRAY", "BOOL"}));
    QCOMPARE(k["some.pattern"]["value"], (json{true, false, true}));
    QCOMPARE(rep["tensors"].size(), size_t{4});
    for (const json& t : rep["tensors"]) {
      const std::string name = t["name"].get<std::string>();
      const auto& shape = inputs.at(name).first;
      QVERIFY2(t["contiguous"].get<bool>(), name.c_str());
      QCOMPARE(t["shape"], (json{shape[1], shape[0]}));  // ggml order: fastest dimension first
      QCOMPARE(t["type"].get<std::string>(), std::string(gguf::tensorTypeName(types.at(name))));
      QVERIFY2(t["bytes_equal"].get<bool>(), (name + ": bytes differ from gguf-py's encoder").c_str());
      qInfo("%-10s %-5s max |decoded - input| = %.3g (amax %.3g)", name.c_str(), t["type"].get<std::string>().c_str(), t["max_abs_error"].get<double>(),
            t["amax"].get<double>());
    }
  }

  void writerRefusals() {
    gguf::Writer w;
    w.addU32("a", 1);
    QVERIFY(test::errorOf([&] { w.addU32("a", 2); }).contains("written twice"));
    QVERIFY(test::errorOf([&] { w.addTensor({std::string(64, 'x'), {32}, gguf::TensorType::F32, [] { return std::string(); }}); }).contains("63 bytes"));
    QVERIFY(test::errorOf([&] { w.addTensor({"q", {2, 48}, gguf::TensorType::Q8_0, [] { return std::string(); }}); }).contains("blocks"));
    w.addTensor({"short", {32}, gguf::TensorType::F32, [] { return std::string(12, '\0'); }});
    const QString e = test::errorOf([&] { w.write(tmp_.filePath("bad.gguf").toStdString()); });
    QVERIFY2(e.contains("short") && e.contains("expected 128"), qPrintable(e));
    QVERIFY(!QFile::exists(tmp_.filePath("bad.gguf")));  // nothing left behind
  }
};

QTEST_GUILESS_MAIN(TestGgufFile)
#include "test_gguf_file.moc"
