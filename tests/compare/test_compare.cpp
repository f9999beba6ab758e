// Adapter comparison on adapters trained on the demo by the real trainer (LoRA r16 all-linear,
// LoRA r16 on q/v, rsLoRA r8, IA³, prefix tuning): the weight statistics equal numbers computed
// independently here with LibTorch on the full ΔW matrices; combined adapters equal PEFT's
// add_weighted_adapter (live, linear and cat); `peftdesk-cli compare` reports the runs and refuses
// adapters of a different base; the held-out evaluation (one resident base, fp32 or a 4-bit NF4
// base) equals cross-entropy computed here from the public forward pass, and generations on a
// 4-bit base equal `generate` on a base loaded the same way.
#include <ATen/ATen.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>

#include "peftdesk/adapter_math.h"
#include "peftdesk/chat_template.h"
#include "peftdesk/dataset.h"
#include "peftdesk/model.h"
#include "peftdesk/tokenizer.h"
#include "peftdesk/safetensors.h"
#include "test_support.h"

using namespace peftdesk;

namespace {

at::Tensor tensorOf(const SafetensorsFile& f, const std::string& name) {
  const auto& info = f.at(name);
  std::vector<float> v = test::floatTensor(f, name);
  return at::tensor(v, at::kDouble).view(info.shape);
}

double relDiff(double a, double b) { return std::fabs(a - b) / std::max(1e-12, std::max(std::fabs(a), std::fabs(b))); }

}  // namespace

class TestCompare : public QObject {
  Q_OBJECT

  QString demo() const { return test::sourceDir() + "/resources/demo/model"; }

  QString train(const QString& name, const nlohmann::json& method) {
    return test::trainDemoRun(tmp_.filePath(name), method, {{"data", {{"val_size", 0.1}}}, {"train", {{"max_steps", 12}, {"seed", 7}}}});
  }

  // The demo data encoded with the public data API (auto template, cutoff, first maxSamples).
  std::vector<EncodedExample> encodedDemo(const QString& data, int64_t cutoff, int64_t maxSamples) {
    auto tokenizer = Tokenizer::load(demo().toStdString());
    const ChatTemplate& tmpl = resolveChatTemplate("auto", *tokenizer);
    LoadedDataset loaded = loadDataset(resolveDatasetSources(data.toStdString(), "", DatasetFormat::Auto), {maxSamples});
    EncodeOptions eo;
    eo.cutoffLen = cutoff;
    std::vector<EncodedExample> examples;
    for (const Example& ex : loaded.examples) examples.push_back(encodeExample(ex, tmpl, *tokenizer, eo));
    return examples;
  }

  // Mean cross-entropy (and label tokens) of the base (an empty folder) and each adapter on the
  // examples, from the public forward pass one example at a time, summed here in double.
  std::vector<std::pair<double, int64_t>> forwardLosses(const LoadOptions& load, const std::vector<QString>& adapters,
                                                         const std::vector<EncodedExample>& examples) {
    auto model = Model::load(demo().toStdString(), load);
    std::vector<std::pair<double, int64_t>> out;
    for (size_t i = 0; i < adapters.size(); ++i) {
      if (!adapters[i].isEmpty()) {
        model->loadAdapter(adapters[i].toStdString(), "a" + std::to_string(i));
        model->setActiveAdapter("a" + std::to_string(i));
      } else {
        model->setActiveAdapter("");
      }
      double sum = 0;
      int64_t tokens = 0;
      for (const EncodedExample& e : examples) {
        const Logits l = model->forward({e.inputIds});
        const int64_t vocab = l.shape[2];
        for (size_t t = 0; t + 1 < e.inputIds.size(); ++t) {
          const int32_t label = e.labels[t + 1];
          if (label == kIgnoreLabel) continue;
          const float* row = l.values.data() + static_cast<int64_t>(t) * vocab;
          double mx = row[0], z = 0;
          for (int64_t v = 1; v < vocab; ++v) mx = std::max(mx, static_cast<double>(row[v]));
          for (int64_t v = 0; v < vocab; ++v) z += std::exp(static_cast<double>(row[v]) - mx);
          sum += -(static_cast<double>(row[label]) - mx - std::log(z));
          ++tokens;
        }
      }
      out.push_back({sum / static_cast<double>(tokens), tokens});
    }
    return out;
  }

 private slots:
  void initTestCase() {
    using json = nlohmann::json;
    const json lora = {{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 16}, {"lora_alpha", 32}, {"target_modules", "all-linear"}};
    json qv = lora;
    qv["target_modules"] = {"q_proj", "v_proj"};
    json rs = lora;
    rs["r"] = 8;
    rs["use_rslora"] = true;
    runA_ = train("lora16", lora);
    runB_ = train("lora16qv", qv);
    runC_ = train("rslora8", rs);
    runIa3_ = train("ia3", {{"peft_type", "IA3"}, {"task_type", "CAUSAL_LM"}, {"target_modules", {"k_proj", "v_proj", "down_proj"}},
                            {"feedforward_modules", {"down_proj"}}});
    runPrefix_ = train("prefix", {{"peft_type", "PREFIX_TUNING"}, {"task_type", "CAUSAL_LM"}, {"num_virtual_tokens", 6}});
    for (const QString& r : {runA_, runB_, runC_, runIa3_, runPrefix_}) QVERIFY2(!r.isEmpty(), "training a comparison adapter failed");
  }

  void loraStatisticsMatchFullMatrices() {
    for (const QString& run : {runA_, runC_}) {
      const std::string dir = (run + "/adapter").toStdString();
      const AdapterWeightStats stats = analyzeAdapterWeights(dir);
      const auto file = SafetensorsFile::open(dir + "/adapter_model.safetensors");
      const nlohmann::json cfg = nlohmann::json::parse(QFile::exists(QString::fromStdString(dir + "/adapter_config.json")) ? [&] {
        QFile f(QString::fromStdString(dir + "/adapter_config.json"));
        f.open(QIODevice::ReadOnly);
        return f.readAll().toStdString();
      }() : std::string("{}"));
      const double r = cfg["r"].get<double>(), alpha = cfg["lora_alpha"].get<double>();
      const double scaling = cfg.value("use_rslora", false) ? alpha / std::sqrt(r) : alpha / r;
      QCOMPARE(static_cast<int>(stats.deltas.size()), 28);  // 7 linear modules × 4 layers
      for (const ModuleDelta& d : stats.deltas) {
        const std::string base = "base_model.model." + d.module;
        const at::Tensor dw = tensorOf(*file, base + ".lora_B.weight").matmul(tensorOf(*file, base + ".lora_A.weight")) * scaling;
        const double norm = at::linalg_matrix_norm(dw, "fro").item<double>();
        QVERIFY2(relDiff(d.frobeniusNorm, norm) < 1e-9, d.module.c_str());
        QCOMPARE(d.scaling, scaling);
        const at::Tensor sv = at::linalg_svdvals(dw);
        for (int64_t i = 0; i < static_cast<int64_t>(r); ++i) {
          QVERIFY2(std::fabs(d.singularValues[static_cast<size_t>(i)] - sv[i].item<double>()) < 1e-9 * std::max(1.0, norm), d.module.c_str());
        }
        const at::Tensor p = sv.narrow(0, 0, static_cast<int64_t>(r)) / sv.narrow(0, 0, static_cast<int64_t>(r)).sum();
        const double erank = std::exp(-(p * at::log(p.clamp_min(1e-300))).sum().item<double>());
        QVERIFY2(relDiff(d.effectiveRank, erank) < 1e-9, d.module.c_str());
        QVERIFY(d.effectiveRank > 1 && d.effectiveRank <= r);
      }
    }
  }

  void cosineSimilarityMatchesFullMatrices() {
    const std::string a = (runA_ + "/adapter").toStdString(), b = (runB_ + "/adapter").toStdString();
    const auto cos = deltaCosines(a, b);
    QCOMPARE(static_cast<int>(cos.size()), 8);  // q and v of 4 layers
    const auto fa = SafetensorsFile::open(a + "/adapter_model.safetensors");
    const auto fb = SafetensorsFile::open(b + "/adapter_model.safetensors");
    for (const DeltaSimilarity& c : cos) {
      const std::string n = "base_model.model." + c.module;
      const at::Tensor da = tensorOf(*fa, n + ".lora_B.weight").matmul(tensorOf(*fa, n + ".lora_A.weight")) * 2.0;
      const at::Tensor db = tensorOf(*fb, n + ".lora_B.weight").matmul(tensorOf(*fb, n + ".lora_A.weight")) * 2.0;
      const double expected = (da * db).sum().item<double>() / (at::linalg_matrix_norm(da, "fro").item<double>() * at::linalg_matrix_norm(db, "fro").item<double>());
      QVERIFY2(std::fabs(c.cosine - expected) < 1e-10, c.module.c_str());
      QVERIFY(std::fabs(c.cosine) <= 1.0);
    }
    // An adapter is identical to itself.
    for (const DeltaSimilarity& c : deltaCosines(a, a)) QVERIFY(std::fabs(c.cosine - 1.0) < 1e-12);
  }

  void ia3AndPrefixVectors() {
    const std::string ia3 = (runIa3_ + "/adapter").toStdString();
    const AdapterWeightStats s = analyzeAdapterWeights(ia3);
    QCOMPARE(QString::fromStdString(s.peftType), QString("IA3"));
    QCOMPARE(static_cast<int>(s.vectors.size()), 12);
    const auto f = SafetensorsFile::open(ia3 + "/adapter_model.safetensors");
    for (const VectorStats& v : s.vectors) {
      const at::Tensor l = tensorOf(*f, "base_model.model." + v.name + ".ia3_l") - 1.0;
      QVERIFY2(relDiff(v.norm, at::linalg_vector_norm(l, 2).item<double>()) < 1e-12, v.name.c_str());
      QVERIFY(v.norm > 0);  // trained away from 1
    }
    const std::string prefix = (runPrefix_ + "/adapter").toStdString();
    const AdapterWeightStats p = analyzeAdapterWeights(prefix);
    QCOMPARE(static_cast<int>(p.vectors.size()), 8);  // key and value of 4 layers
    const auto pf = SafetensorsFile::open(prefix + "/adapter_model.safetensors");
    const at::Tensor table = tensorOf(*pf, "prompt_embeddings");  // [6, 4 × 2 × kv width]
    const int64_t width = table.size(1) / 8;
    for (int64_t j = 0; j < 8; ++j) {
      const double expected = at::linalg_vector_norm(table.narrow(1, j * width, width), 2).item<double>();
      QVERIFY(relDiff(p.vectors[static_cast<size_t>(j)].norm, expected) < 1e-12);
      QCOMPARE(p.vectors[static_cast<size_t>(j)].layer, j / 2);
    }
  }

  void combineEqualsPeft_data() {
    QTest::addColumn<QString>("method");
    QTest::addColumn<QStringList>("runs");
    QTest::newRow("linear") << "linear" << QStringList{runA_, runB_};
    QTest::newRow("cat") << "cat" << QStringList{runA_, runC_};
  }

  void combineEqualsPeft() {
    QFETCH(QString, method);
    QFETCH(QStringList, runs);
    const QString ours = tmp_.filePath("ours-" + method), ref = tmp_.filePath("peft-" + method);
    auto r = test::runCli({"combine", "--adapter", runs[0] + "/adapter", "--adapter", runs[1] + "/adapter", "--weight", "0.7", "--weight", "0.3",
                           "--method", method, "--out", ours});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    r = test::runProcess(test::pythonPath(), {test::sourceDir() + "/tests/reference/peft_combine.py", "--base", demo(), "--adapter", runs[0] + "/adapter",
                                             "--adapter", runs[1] + "/adapter", "--weight", "0.7", "--weight", "0.3", "--method", method, "--out", ref},
                         300000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const auto a = SafetensorsFile::open((ours + "/adapter_model.safetensors").toStdString());
    const auto b = SafetensorsFile::open((ref + "/adapter_model.safetensors").toStdString());
    QCOMPARE(a->tensors().size(), b->tensors().size());
    for (const TensorInfo& t : b->tensors()) {
      QVERIFY2(a->find(t.name), t.name.c_str());
      QCOMPARE(a->at(t.name).shape, t.shape);
      QCOMPARE(test::maxAbsDiff(test::floatTensor(*a, t.name), test::floatTensor(*b, t.name)), 0.0);
    }
    auto readJson = [](const QString& f) {
      QFile file(f);
      file.open(QIODevice::ReadOnly);
      return QJsonDocument::fromJson(file.readAll()).object();
    };
    const QJsonObject oc = readJson(ours + "/adapter_config.json"), rc = readJson(ref + "/adapter_config.json");
    QCOMPARE(oc.value("r").toInt(), rc.value("r").toInt());
    QCOMPARE(oc.value("lora_alpha").toDouble(), rc.value("lora_alpha").toDouble());
    QStringList ot, rt;
    for (const auto& v : oc.value("target_modules").toArray()) ot << v.toString();
    for (const auto& v : rc.value("target_modules").toArray()) rt << v.toString();
    ot.sort();
    rt.sort();
    QCOMPARE(ot, rt);
    // The combined adapter loads and runs in our model.
    r = test::runCli({"generate", demo(), "--adapter", ours, "--prompt", "What is 3 plus 4?", "--max-new-tokens", "4"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
  }

  void combineRefusals() {
    // Linear needs equal ranks; an existing output folder is never overwritten.
    auto r = test::runCli({"combine", "--adapter", runA_ + "/adapter", "--adapter", runC_ + "/adapter", "--out", tmp_.filePath("x")});
    QCOMPARE(r.exitCode == 0, false);
    QVERIFY2(r.stderrText.contains("equal ranks"), qPrintable(r.stderrText));
    QVERIFY(!QFileInfo::exists(tmp_.filePath("x")));
    r = test::runCli({"combine", "--adapter", runA_ + "/adapter", "--adapter", runIa3_ + "/adapter", "--out", tmp_.filePath("y")});
    QVERIFY2(r.exitCode != 0 && r.stderrText.contains("not a LoRA adapter") && r.stderrText.contains("ia3"), qPrintable(r.stderrText));
    r = test::runCli({"combine", "--adapter", runA_ + "/adapter", "--out", runB_});
    QVERIFY2(r.exitCode != 0 && r.stderrText.contains("not empty"), qPrintable(r.stderrText));
    QVERIFY(QFileInfo::exists(runB_ + "/adapter/adapter_model.safetensors"));
  }

  void evaluationEqualsForwardPass() {
    const QString data = test::sourceDir() + "/resources/demo/data/demo_alpaca.json";
    const auto r = test::runCli({"compare", runA_, runIa3_, runPrefix_, "--data", data, "--cutoff", "96", "--max-samples", "40", "--batch-size", "5",
                                 "--csv", tmp_.filePath("eval.csv"), "--json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const QJsonArray rows = QJsonDocument::fromJson(r.stdoutText.toUtf8()).object().value("evaluation").toObject().value("rows").toArray();
    QCOMPARE(rows.size(), 4);  // base + 3
    QCOMPARE(rows[0].toObject().value("name").toString(), QString("base"));

    // Independently: the public model API's logits, the examples encoded with the public data API,
    // cross-entropy summed here in double.
    const std::vector<EncodedExample> examples = encodedDemo(data, 96, 40);
    const QString adapters[] = {QString(), runA_ + "/adapter", runIa3_ + "/adapter", runPrefix_ + "/adapter"};
    const std::vector<std::pair<double, int64_t>> expected = forwardLosses({}, {adapters, adapters + 4}, examples);
    for (int i = 0; i < 4; ++i) {
      const QJsonObject row = rows[i].toObject();
      QCOMPARE(row.value("tokens").toInteger(), expected[static_cast<size_t>(i)].second);
      const double loss = expected[static_cast<size_t>(i)].first;
      QVERIFY2(std::fabs(row.value("loss").toDouble() - loss) < 2e-5 * loss, qPrintable(QString("%1: %2 vs %3").arg(row.value("name").toString()).arg(row.value("loss").toDouble()).arg(loss)));
      QVERIFY(std::fabs(row.value("perplexity").toDouble() - std::exp(row.value("loss").toDouble())) < 1e-9 * row.value("perplexity").toDouble());
    }
    // Trained adapters beat the base on their own data.
    QVERIFY(rows[1].toObject().value("loss").toDouble() < rows[0].toObject().value("loss").toDouble());
    QFile csv(tmp_.filePath("eval.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    QCOMPARE(lines[0], QString("name,adapter,loss,perplexity,tokens,seconds"));

    // The runs trained on this data: each is named, on stderr and in the JSON, with the count the
    // GUI shows (core trainingOverlaps).
    const QJsonArray overlaps = QJsonDocument::fromJson(r.stdoutText.toUtf8()).object().value("evaluation").toObject().value("training_overlap").toArray();
    QCOMPARE(overlaps.size(), 3);
    for (const QJsonValue& v : overlaps) {
      const QJsonObject o = v.toObject();
      QCOMPARE(o.value("examples").toInteger(), qint64(40));
      QVERIFY2(o.value("in_training").toInteger() > 0 && o.value("in_training").toInteger() <= 40, qPrintable(o.value("name").toString()));
      QVERIFY2(r.stderrText.contains(QString("warning: %1 trained on %2 of the 40 evaluation examples").arg(o.value("name").toString()).arg(o.value("in_training").toInteger())),
               qPrintable(r.stderrText));
    }
    // Rows none of them trained on: no warning.
    QJsonArray heldOut;
    for (const char* word : {"lantern", "compass", "harbor"})
      heldOut.append(QJsonObject{{"instruction", "Spell the word with dashes."}, {"input", word}, {"output", QString(word).split("").join("-").mid(1).chopped(1)}});
    QFile f(tmp_.filePath("held_out.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(heldOut).toJson());
    f.close();
    // (a folder as shell completion writes it, with a trailing slash, is named as without)
    const auto held = test::runCli({"compare", runA_ + "/", runIa3_, "--data", f.fileName(), "--cutoff", "96", "--json"});
    QVERIFY2(held.exitCode == 0 && !held.stderrText.contains("warning:"), qPrintable(held.stderrText));
    const QJsonArray heldOverlaps = QJsonDocument::fromJson(held.stdoutText.toUtf8()).object().value("evaluation").toObject().value("training_overlap").toArray();
    QCOMPARE(heldOverlaps.size(), 2);
    QCOMPARE(heldOverlaps[0].toObject().value("name").toString(), QFileInfo(runA_).fileName());
    for (const QJsonValue& v : heldOverlaps) QCOMPARE(v.toObject().value("in_training").toInteger(), qint64(0));
    // A run whose data moved is named as not checked, not left out.
    const QString moved = tmp_.filePath("moved-run");
    QVERIFY(QDir().mkpath(moved));
    for (const QString& name : QDir(runIa3_).entryList(QDir::Files)) QVERIFY(QFile::copy(runIa3_ + "/" + name, moved + "/" + name));
    QVERIFY(QDir().mkpath(moved + "/adapter"));
    for (const QString& name : QDir(runIa3_ + "/adapter").entryList(QDir::Files)) QVERIFY(QFile::copy(runIa3_ + "/adapter/" + name, moved + "/adapter/" + name));
    QJsonObject movedRun = QJsonDocument::fromJson([&] { QFile j(moved + "/run.json"); j.open(QIODevice::ReadOnly); return j.readAll(); }()).object();
    QJsonObject movedData = movedRun.value("data").toObject();
    movedData["path"] = tmp_.filePath("no-such-data.json");
    movedRun["data"] = movedData;
    QFile::remove(moved + "/run.json");
    {
      QFile j(moved + "/run.json");
      QVERIFY(j.open(QIODevice::WriteOnly));
      j.write(QJsonDocument(movedRun).toJson());
    }
    const auto unchecked = test::runCli({"compare", runA_, moved, "--data", f.fileName(), "--cutoff", "96", "--json"});
    QVERIFY2(unchecked.exitCode == 0 && unchecked.stderrText.contains("warning: moved-run: its training data could not be compared") &&
                 unchecked.stderrText.contains("data.path"),
             qPrintable(unchecked.stderrText));
  }

  void evaluationOnAFourBitBase() {
    // --quant nf4 --dtype bf16: the base held as QLoRA trains; the numbers equal the public
    // forward pass on a base loaded the same way, and differ from the fp32 base's.
    const QString data = test::sourceDir() + "/resources/demo/data/demo_alpaca.json";
    const QStringList common{"--data", data, "--cutoff", "96", "--max-samples", "12", "--batch-size", "1", "--json"};
    const auto r = test::runCli(QStringList{"compare", runA_, runIa3_} + common + QStringList{"--quant", "nf4", "--dtype", "bf16"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const QJsonObject evaluation = QJsonDocument::fromJson(r.stdoutText.toUtf8()).object().value("evaluation").toObject();
    QCOMPARE(evaluation.value("precision").toString(), QString("nf4 (bf16 compute)"));
    const QJsonArray rows = evaluation.value("rows").toArray();
    QCOMPARE(rows.size(), 3);
    LoadOptions nf4;
    nf4.dtype = ComputeDType::BF16;
    nf4.quantization.enabled = true;
    const auto expected = forwardLosses(nf4, {QString(), runA_ + "/adapter", runIa3_ + "/adapter"}, encodedDemo(data, 96, 12));
    for (int i = 0; i < 3; ++i) {
      const double loss = expected[static_cast<size_t>(i)].first;
      QCOMPARE(rows[i].toObject().value("tokens").toInteger(), expected[static_cast<size_t>(i)].second);
      QVERIFY2(std::fabs(rows[i].toObject().value("loss").toDouble() - loss) < 1e-4 * loss,
               qPrintable(QString("%1: %2 vs %3").arg(rows[i].toObject().value("name").toString()).arg(rows[i].toObject().value("loss").toDouble()).arg(loss)));
    }
    const auto full = test::runCli(QStringList{"compare", runA_, runIa3_} + common);
    QVERIFY2(full.exitCode == 0, qPrintable(full.stderrText));
    const QJsonObject fp32 = QJsonDocument::fromJson(full.stdoutText.toUtf8()).object().value("evaluation").toObject();
    QCOMPARE(fp32.value("precision").toString(), QString("fp32"));
    const double baseFp32 = fp32.value("rows").toArray()[0].toObject().value("loss").toDouble();
    const double baseNf4 = rows[0].toObject().value("loss").toDouble();
    QVERIFY2(std::fabs(baseFp32 - baseNf4) > 1e-4 * baseFp32, qPrintable(QString("nf4 %1 vs fp32 %2").arg(baseNf4).arg(baseFp32)));
    // Generations on the same 4-bit base equal `generate` on a base loaded the same way.
    const auto gen = test::runCli({"compare", runA_, runIa3_, "--prompt", "What is 3 plus 4?", "--max-new-tokens", "10", "--quant", "nf4", "--dtype",
                                   "bf16", "--json"});
    QVERIFY2(gen.exitCode == 0, qPrintable(gen.stderrText));
    const QJsonObject genDoc = QJsonDocument::fromJson(gen.stdoutText.toUtf8()).object();
    QCOMPARE(genDoc.value("generation_precision").toString(), QString("nf4 (bf16 compute)"));
    const QJsonArray genRows = genDoc.value("generations").toArray()[0].toObject().value("rows").toArray();
    QCOMPARE(genRows.size(), 3);
    for (const QJsonValue& v : genRows) {
      const QJsonObject row = v.toObject();
      QStringList args{"generate", demo(), "--chat", "--prompt", "What is 3 plus 4?", "--max-new-tokens", "10", "--quant", "nf4", "--dtype", "bf16", "--json"};
      if (!row.value("adapter").toString().isEmpty()) args << "--adapter" << row.value("adapter").toString();
      const auto one = test::runCli(args);
      QVERIFY2(one.exitCode == 0, qPrintable(one.stderrText));
      QCOMPARE(row.value("tokens").toArray(), QJsonDocument::fromJson(one.stdoutText.toUtf8()).object().value("ids").toArray());
    }

    // A wrong value is refused by name; so is a precision with nothing to run the base for.
    const auto bad = test::runCli({"compare", runA_, runIa3_, "--data", data, "--quant", "int3"});
    QVERIFY(bad.exitCode != 0);
    QVERIFY2(bad.stderrText.contains("--quant"), qPrintable(bad.stderrText));
    const auto idle = test::runCli({"compare", runA_, runIa3_, "--quant", "nf4"});
    QVERIFY(idle.exitCode != 0);
    QVERIFY2(idle.stderrText.contains("--data and --prompt"), qPrintable(idle.stderrText));
  }

  void compareCli() {
    const auto r = test::runCli({"compare", runA_, runB_, runC_, runIa3_, "--json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const QJsonObject j = QJsonDocument::fromJson(r.stdoutText.toUtf8()).object();
    const QJsonArray items = j.value("items").toArray();
    QCOMPARE(items.size(), 4);
    QCOMPARE(items[0].toObject().value("r").toInt(), 16);
    QCOMPARE(items[0].toObject().value("steps").toInt(), 12);
    QVERIFY(items[0].toObject().value("final_loss").isDouble());
    QVERIFY(items[0].toObject().value("best_eval_loss").isDouble());
    QVERIFY(items[1].toObject().value("adapter_params").toInteger() < items[0].toObject().value("adapter_params").toInteger());
    QCOMPARE(items[3].toObject().value("peft_type").toString(), QString("IA3"));
    QStringList keys;
    for (const auto& k : j.value("differing_keys").toArray()) keys << k.toString();
    QVERIFY2(keys.contains("method") || keys.contains("method.target_modules"), qPrintable(keys.join(',')));
    QCOMPARE(j.value("similarity").toArray().size(), 3);  // the LoRA pairs

    // An adapter of another base is refused with the reason.
    const QString other = test::testDataDir() + "/models/tiny-gpt2-vocab21";
    if (!QFileInfo::exists(other + "/config.json")) QSKIP("../shared/testdata/models/tiny-gpt2-vocab21 missing");
    QDir().mkpath(tmp_.filePath("foreign"));
    QFile::copy(runA_ + "/adapter/adapter_model.safetensors", tmp_.filePath("foreign/adapter_model.safetensors"));
    QFile cfgIn(runA_ + "/adapter/adapter_config.json");
    QVERIFY(cfgIn.open(QIODevice::ReadOnly));
    nlohmann::json cfg = nlohmann::json::parse(cfgIn.readAll().toStdString());
    cfg["base_model_name_or_path"] = other.toStdString();
    QFile cfgOut(tmp_.filePath("foreign/adapter_config.json"));
    QVERIFY(cfgOut.open(QIODevice::WriteOnly));
    cfgOut.write(QByteArray::fromStdString(cfg.dump()));
    cfgOut.close();
    const auto refused = test::runCli({"compare", runA_, tmp_.filePath("foreign")});
    QVERIFY(refused.exitCode != 0);
    QVERIFY2(refused.stderrText.contains("different base") && refused.stderrText.contains("model_type"), qPrintable(refused.stderrText));
  }

  void peftAdaptersWithoutABaseName() {
    // PEFT writes "base_model_name_or_path": null for a model built in memory (and a number is just
    // wrong): such adapters compare with --base, and without one the missing base is named.
    QStringList dirs;
    for (const auto& [name, value] : std::vector<std::pair<QString, nlohmann::json>>{{"null-base", nullptr}, {"number-base", 7}}) {
      const QString dir = tmp_.filePath(name);
      QDir().mkpath(dir);
      QVERIFY(QFile::copy(runA_ + "/adapter/adapter_model.safetensors", dir + "/adapter_model.safetensors"));
      QFile in(runA_ + "/adapter/adapter_config.json");
      QVERIFY(in.open(QIODevice::ReadOnly));
      nlohmann::json cfg = nlohmann::json::parse(in.readAll().toStdString());
      cfg["base_model_name_or_path"] = value;
      QFile out(dir + "/adapter_config.json");
      QVERIFY(out.open(QIODevice::WriteOnly));
      out.write(QByteArray::fromStdString(cfg.dump()));
      dirs << dir;
    }
    const auto r = test::runCli({"compare", dirs[0], dirs[1], "--json", "--base", demo()});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QCOMPARE(QJsonDocument::fromJson(r.stdoutText.toUtf8()).object().value("items").toArray().size(), 2);
    const auto noBase = test::runCli({"compare", dirs[0], dirs[1], "--data", test::sourceDir() + "/resources/demo/data/demo_alpaca.json"});
    QVERIFY(noBase.exitCode != 0);
    QVERIFY2(!noBase.stderrText.contains("unexpected") && noBase.stderrText.contains("no base model known"), qPrintable(noBase.stderrText));
  }

 private:
  QTemporaryDir tmp_;
  QString runA_, runB_, runC_, runIa3_, runPrefix_;
};

QTEST_MAIN(TestCompare)
#include "test_compare.moc"
