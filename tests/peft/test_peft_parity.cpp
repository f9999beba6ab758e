// PEFT parity on the adapters written by tests/reference/make_peft_fixtures.py (LoRA incl.
// rsLoRA / DoRA / patterns / bias / modules_to_save / GPT-2 Conv1D, IA³, prefix with and without
// projection, prompt tuning, Qwen3-MoE's fused experts): parameter counts, logits of PEFT's adapters
// loaded by us, our saved adapters loaded by PEFT (live), and gradients of one backward pass (PEFT's
// names: a fused-expert adapter's gradients in its fused layout).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "peftdesk/adapter_config.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "peftdesk/model.h"
#include "peftdesk/safetensors.h"
#include "test_support.h"

using namespace peftdesk;

namespace {

struct Case {
  QString name, dir, baseDir;
  QJsonObject meta;
  std::shared_ptr<SafetensorsFile> expected;
};

Case loadCase(const QString& name) {
  Case c;
  c.name = name;
  c.dir = test::fixturesDir() + "/peft/" + name;
  QFile f(c.dir + "/expected.json");
  if (!f.open(QIODevice::ReadOnly)) return c;
  c.meta = QJsonDocument::fromJson(f.readAll()).object();
  c.baseDir = test::fixturesDir() + "/models/" + c.meta.value("base").toString();
  c.expected = SafetensorsFile::open((c.dir + "/expected.safetensors").toStdString());
  return c;
}

std::vector<std::vector<int32_t>> intRows(const QJsonArray& a) { return test::idRows(a); }
std::vector<float> floats(const SafetensorsFile& f, const std::string& name) { return test::floatTensor(f, name); }
double logitsDiff(const Logits& ours, const std::vector<float>& ref, const std::vector<std::vector<int32_t>>& rows) {
  return test::maxDiffOnRealTokens(ours, ref, rows);
}

QStringList caseNames() {
  QStringList out;
  for (const QString& n : QDir(test::fixturesDir() + "/peft").entryList(QDir::Dirs | QDir::NoDotAndDotDot))
    if (QFile::exists(test::fixturesDir() + "/peft/" + n + "/expected.json")) out << n;
  return out;
}

}  // namespace

class TestPeftParity : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QVERIFY2(!caseNames().isEmpty(), "no PEFT fixtures: run through ctest (fixture_peft_fixtures)"); }

  void cases_data() {
    QTest::addColumn<QString>("name");
    for (const QString& n : caseNames()) QTest::newRow(qPrintable(n)) << n;
  }

  void countsEqualPeft_data() { cases_data(); }
  void countsEqualPeft() {
    QFETCH(QString, name);
    const Case c = loadCase(name);
    auto model = Model::load(c.baseDir.toStdString());
    model->addAdapter("fresh", loadAdapterConfig((c.dir + "/adapter").toStdString()), 1);
    const ParameterReport r = model->parameterReport("fresh");
    QCOMPARE(r.trainableParams, c.meta.value("trainable_params").toInteger());
    QCOMPARE(r.allParams, c.meta.value("all_params").toInteger());
  }

  // On Qwen3-MoE, a fresh "all-linear" LoRA becomes what PEFT 0.21 makes of it on transformers 5:
  // attention modules plus the fused expert parameters and the router (gate_up_proj with twice the
  // rank and alpha), with PEFT's counts; the adapter_config.json we write says the same.
  void moeAllLinearConvertsAsPeft021() {
    const Case c = loadCase("lora_qwen3_moe_all_linear");
    QVERIFY2(c.expected, "fixture lora_qwen3_moe_all_linear missing");
    nlohmann::json requested = nlohmann::json::parse(QJsonDocument(c.meta.value("config").toObject()).toJson().toStdString());
    QCOMPARE(requested["target_modules"].get<std::string>(), std::string("all-linear"));
    requested["peft_type"] = "LORA";
    auto model = Model::load(c.baseDir.toStdString());
    model->addAdapter("fresh", parseAdapterConfig(requested, "requested"), 1);
    QCOMPARE(model->parameterReport("fresh").trainableParams, c.meta.value("trainable_params").toInteger());
    QTemporaryDir tmp;
    model->saveAdapter("fresh", tmp.path().toStdString());
    const nlohmann::json ours = readJsonFile(tmp.filePath("adapter_config.json").toStdString());
    const nlohmann::json peft = readJsonFile((c.dir + "/adapter/adapter_config.json").toStdString());
    auto sorted = [](const nlohmann::json& list) {
      std::vector<std::string> v = list.get<std::vector<std::string>>();
      std::sort(v.begin(), v.end());
      return v;
    };
    QCOMPARE(sorted(ours["target_modules"]), sorted(peft["target_modules"]));
    QCOMPARE(sorted(ours["target_parameters"]), sorted(peft["target_parameters"]));
    QCOMPARE(ours["rank_pattern"], peft["rank_pattern"]);
    QCOMPARE(ours["alpha_pattern"], peft["alpha_pattern"]);
    // Half of the fused pair alone cannot be converted (PEFT refuses it too).
    requested["target_modules"] = {"q_proj", "gate_proj"};
    auto other = Model::load(c.baseDir.toStdString());
    try {
      other->addAdapter("half", parseAdapterConfig(requested, "requested"), 1);
      QFAIL("gate_proj alone was accepted");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("cannot target gate_proj without also targeting up_proj"), e.what());
    }
  }

  void peftAdapterLogits_data() { cases_data(); }
  void peftAdapterLogits() {
    QFETCH(QString, name);
    const Case c = loadCase(name);
    const auto rows = intRows(c.meta.value("rows").toArray());
    auto model = Model::load(c.baseDir.toStdString());
    model->loadAdapter((c.dir + "/adapter").toStdString(), "peft");
    model->setActiveAdapter("peft");
    // adapter_logits: PEFT's own reload of the saved folder.
    const double d = logitsDiff(model->forward(rows), floats(*c.expected, "adapter_logits"), rows);
    qInfo("%s: max |ours - PEFT| = %.3g", qPrintable(name), d);
    QVERIFY2(d <= test::parityBound(name, 5e-7), qPrintable(QString::number(d)));  // MoE measured 1.8e-7, PiSSA / OLoRA 2.7e-7
    model->setActiveAdapter("");  // disabled = the base model, without reloading
    const Logits base = model->forward(rows);
    auto plain = Model::load(c.baseDir.toStdString());
    QCOMPARE(base.values, plain->forward(rows).values);
  }

  void severalAdaptersOnOneBase() {
    // One resident base, adapters of different methods swapped by name, and none: each gives
    // exactly what it gives alone.
    const QStringList names{"lora_qv_default", "dora", "ia3_default", "prefix_plain", "prompt_random"};
    const Case first = loadCase(names.front());
    const auto rows = intRows(first.meta.value("rows").toArray());
    auto shared = Model::load(first.baseDir.toStdString());
    for (const QString& n : names) shared->loadAdapter((test::fixturesDir() + "/peft/" + n + "/adapter").toStdString(), n.toStdString());
    QCOMPARE(shared->adapterNames().size(), size_t(names.size()));
    for (int round = 0; round < 2; ++round) {
      for (const QString& n : names) {
        shared->setActiveAdapter(n.toStdString());
        QCOMPARE(shared->activeAdapter(), n.toStdString());
        const Case c = loadCase(n);
        QVERIFY2(logitsDiff(shared->forward(rows), floats(*c.expected, "adapter_logits"), rows) <= test::parityBound(n, 5e-7), qPrintable(n));
      }
    }
    shared->setActiveAdapter("");
    auto plain = Model::load(first.baseDir.toStdString());
    QCOMPARE(shared->forward(rows).values, plain->forward(rows).values);
    bool threw = false;
    try {
      shared->setActiveAdapter("nope");
    } catch (const std::exception&) {
      threw = true;
    }
    QVERIFY(threw);
  }

  void gradientsEqualPeft_data() { cases_data(); }
  void gradientsEqualPeft() {
    QFETCH(QString, name);
    const Case c = loadCase(name);
    auto model = Model::load(c.baseDir.toStdString());
    model->addAdapter("train", loadAdapterConfig((c.dir + "/adapter").toStdString()), 3);
    // The exact trained values (the projection MLP of a prefix is never in the adapter file).
    for (const auto& info : c.expected->tensors()) {
      if (info.name.rfind("param.", 0) != 0) continue;
      model->setAdapterParameter("train", info.name.substr(6), info.shape, floats(*c.expected, info.name));
    }
    const auto rows = intRows(c.meta.value("rows").toArray());
    const auto labels = intRows(c.meta.value("labels").toArray());
    const LossAndGradients g = model->lossAndGradients(rows, labels, "train");
    const double refLoss = c.meta.value("loss").toDouble();
    QVERIFY2(std::fabs(g.loss - refLoss) <= 1e-5 * std::fabs(refLoss), qPrintable(QString("loss %1 vs %2").arg(g.loss).arg(refLoss)));
    const QJsonArray names = c.meta.value("grad_names").toArray();
    QCOMPARE(static_cast<size_t>(names.size()), g.gradients.size());
    double worstRelative = 0;
    for (const auto& n : names) {
      const std::string key = n.toString().toStdString();
      QVERIFY2(g.gradients.count(key), key.c_str());
      const std::vector<float> ref = floats(*c.expected, "grad." + key);
      const std::vector<float>& ours = g.gradients.at(key);
      QCOMPARE(ours.size(), ref.size());
      double maxRef = 0, maxDiff = 0;
      for (size_t i = 0; i < ref.size(); ++i) {
        maxRef = std::max(maxRef, std::fabs(double(ref[i])));
        maxDiff = std::max(maxDiff, std::fabs(double(ours[i]) - double(ref[i])));
      }
      QVERIFY2(maxDiff <= 1e-4 * maxRef + 1e-7, qPrintable(QString("%1: max diff %2, max |grad| %3").arg(n.toString()).arg(maxDiff).arg(maxRef)));
      if (maxRef > 0) worstRelative = std::max(worstRelative, maxDiff / maxRef);
    }
    qInfo("%s: gradients, largest |ours - PEFT| / max |grad| = %.3g", qPrintable(name), worstRelative);
  }

  void countsOnlyConfigs() {
    // More configs (regex targets, exclude_modules, layers_pattern, odd head_dim, ...): counts and
    // the saved key names / shapes must equal PEFT's.
    QFile f(test::fixturesDir() + "/peft/counts.json");
    QVERIFY(f.open(QIODevice::ReadOnly));
    const nlohmann::json all = nlohmann::json::parse(f.readAll().toStdString());
    QVERIFY(all["counts_only"].size() >= 10);
    for (const auto& e : all["counts_only"]) {
      const std::string name = e["case"];
      auto model = Model::load((test::fixturesDir() + "/models/").toStdString() + e["base"].get<std::string>());
      const AdapterConfig config = parseAdapterConfig(e["saved_config"], name);
      if (e.contains("forward_ok") && !e["forward_ok"].get<bool>()) {
        // PEFT 0.17 counts this config but cannot run it (prefix token_dim ignores head_dim): we refuse up front.
        bool refused = false;
        try {
          model->addAdapter("a", config, 0);
        } catch (const std::exception& ex) {
          refused = QString(ex.what()).contains("token_dim");
        }
        QVERIFY2(refused, name.c_str());
        continue;
      }
      model->addAdapter("a", config, 0);
      const ParameterReport r = model->parameterReport("a");
      QVERIFY2(r.trainableParams == e["trainable_params"].get<int64_t>() && r.allParams == e["all_params"].get<int64_t>(),
               qPrintable(QString("%1: ours %2/%3, PEFT %4/%5").arg(QString::fromStdString(name)).arg(r.trainableParams).arg(r.allParams)
                              .arg(e["trainable_params"].get<int64_t>()).arg(e["all_params"].get<int64_t>())));
      QTemporaryDir tmp;
      model->saveAdapter("a", tmp.path().toStdString());
      auto saved = SafetensorsFile::open((tmp.path() + "/adapter_model.safetensors").toStdString());
      std::map<std::string, std::vector<int64_t>> ours;
      for (const auto& t : saved->tensors()) ours[t.name] = t.shape;
      std::map<std::string, std::vector<int64_t>> peft;
      for (auto it = e["saved_shapes"].begin(); it != e["saved_shapes"].end(); ++it) peft[it.key()] = it.value().get<std::vector<int64_t>>();
      QVERIFY2(ours == peft, name.c_str());
    }
  }

  void ourAdaptersLoadInPeft() {
    const QString python = test::pythonPath();
    if (python.isEmpty() || !QFile::exists(python)) QSKIP("project venv python not found (PEFTDESK_PYTHON)");
    QTemporaryDir tmp;
    nlohmann::json jobs = nlohmann::json::array();
    std::map<std::string, Logits> ours;
    std::map<std::string, std::vector<int32_t>> oursGreedy;
    std::map<std::string, Logits> oursBf16;
    for (const QString& name : caseNames()) {
      const Case c = loadCase(name);
      auto model = Model::load(c.baseDir.toStdString());
      model->loadAdapter((c.dir + "/adapter").toStdString(), "a");
      const QString out = tmp.path() + "/" + name;
      model->saveAdapter("a", out.toStdString());
      model->setActiveAdapter("a");
      const auto rows = intRows(c.meta.value("rows").toArray());
      ours[name.toStdString()] = model->forward(rows);
      GenerationOptions o;
      o.maxNewTokens = 8;  // no stop token: exactly 8 tokens on both sides
      oursGreedy[name.toStdString()] = model->generate(rows[0], o).tokens;
      auto bf16 = Model::load(c.baseDir.toStdString(), {ComputeDType::BF16});
      bf16->loadAdapter(out.toStdString(), "a");
      bf16->setActiveAdapter("a");
      oursBf16[name.toStdString()] = bf16->forward(rows);
      jobs.push_back({{"case", name.toStdString()}, {"base", c.baseDir.toStdString()}, {"adapter", out.toStdString()},
                      {"rows", nlohmann::json::parse(QJsonDocument(c.meta.value("rows").toArray()).toJson().toStdString())},
                      {"greedy_prompt", rows[0]}, {"max_new_tokens", 8}, {"bf16", true},
                      {"out", (out + "/peft_logits.safetensors").toStdString()}});
    }
    QFile jf(tmp.path() + "/jobs.json");
    QVERIFY(jf.open(QIODevice::WriteOnly));
    jf.write(QByteArray::fromStdString(jobs.dump()));
    jf.close();
    const auto r = test::runProcess(python, {test::sourceDir() + "/tests/reference/load_in_peft.py", jf.fileName()}, 300000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText + r.stdoutText));
    for (const auto& job : jobs) {
      const std::string name = job["case"];
      auto file = SafetensorsFile::open(job["out"].get<std::string>());
      const Case c = loadCase(QString::fromStdString(name));
      const double d = logitsDiff(ours[name], floats(*file, "logits"), intRows(c.meta.value("rows").toArray()));
      qInfo("%s: PEFT loading our adapter: max |diff| = %.3g", name.c_str(), d);
      QVERIFY2(d <= test::parityBound(QString::fromStdString(name), 5e-7), name.c_str());  // MoE measured 1.8e-7
      // Greedy generation through the adapter (prefix in the cache, prompt at prefill) = argmax step
      // by step through PEFT's forward (load_in_peft.py).
      const TensorInfo& g = file->at("greedy");
      const int64_t* ids = reinterpret_cast<const int64_t*>(file->data(g));
      const std::vector<int32_t> peftGreedy(ids, ids + g.numel());
      QVERIFY2(peftGreedy == oursGreedy[name], name.c_str());
      // bf16 base + fp32 adapter: PEFT casts to the adapter dtype and back exactly as we do.
      const double d16 = logitsDiff(oursBf16[name], floats(*file, "logits_bf16"), intRows(c.meta.value("rows").toArray()));
      qInfo("%s: bf16 base, max |diff| = %.3g", name.c_str(), d16);
      // A pruned AdaLoRA adapter: PEFT's loader re-creates the resized modules in the base dtype
      // before it reads the file, so on a bf16 base its adapter values are rounded to bf16 (checked:
      // PEFT's loaded A == the file's A rounded to bf16); we keep the file's fp32 values.
      const bool peftRoundsToBf16 = name.rfind("adalora_", 0) == 0 && name.find("_pruned") != std::string::npos;
      QVERIFY2(d16 <= (peftRoundsToBf16 ? 1e-2 : test::parityBound(QString::fromStdString(name), 1e-2)), name.c_str());  // MoE measured 2.9e-3, pruned AdaLoRA 3.9e-3
    }
  }
};

QTEST_GUILESS_MAIN(TestPeftParity)
#include "test_peft_parity.moc"
