// Export: merged folders equal PEFT's merge_and_unload weights and load in transformers with the
// same logits (live), sharding, the merge check refusing a no-op adapter, and refusals that
// leave nothing behind (prefix merge, existing folder).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>

#include "peftdesk/adapter_config.h"
#include "peftdesk/checkpoint.h"
#include "peftdesk/model.h"
#include "peftdesk/safetensors.h"
#include "test_support.h"

using namespace peftdesk;

namespace {

QJsonObject meta(const QString& name) {
  QFile f(test::fixturesDir() + "/peft/" + name + "/expected.json");
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

QString baseOf(const QString& name) { return test::fixturesDir() + "/models/" + meta(name).value("base").toString(); }

std::vector<float> asFloats(const WeightRef& w) {
  std::vector<float> out(w.info->numel());
  const uint8_t* p = w.file->data(*w.info);
  if (w.info->dtype != DType::F32) return {};
  std::memcpy(out.data(), p, out.size() * 4);
  return out;
}

QStringList mergeableCases() {
  QStringList out;
  for (const QString& n : QDir(test::fixturesDir() + "/peft").entryList(QDir::Dirs | QDir::NoDotAndDotDot))
    if (meta(n).value("mergeable").toBool()) out << n;
  return out;
}

}  // namespace

class TestExport : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void initTestCase() { QVERIFY2(mergeableCases().size() >= 8, "PEFT fixtures missing (fixture_peft_fixtures)"); }

  void mergedWeightsEqualPeft_data() {
    QTest::addColumn<QString>("name");
    for (const QString& n : mergeableCases()) QTest::newRow(qPrintable(n)) << n;
  }
  void mergedWeightsEqualPeft() {
    QFETCH(QString, name);
    auto model = Model::load(baseOf(name).toStdString());
    // The adapter file holds every value PEFT merged (PEFT 0.21 also saves bias="lora_only"'s
    // biases, which 0.17 left out: peft#3306), fused-expert adapters included.
    model->loadAdapter((test::fixturesDir() + "/peft/" + name + "/adapter").toStdString(), "a");
    ExportOptions o;
    o.merge = true;
    o.verify = true;
    o.maxShardBytes = 50'000;  // several shards + index on these tiny models
    const QString out = tmp_.path() + "/" + name;
    const ExportReport r = model->exportAdapter("a", out.toStdString(), o);
    QVERIFY(r.verified);
    QVERIFY(QFile::exists(out + "/model.safetensors.index.json"));
    QVERIFY(QFile::exists(out + "/config.json"));
    const Checkpoint ours = Checkpoint::open(out.toStdString());
    const Checkpoint peft = Checkpoint::open((test::fixturesDir() + "/peft/" + name + "/merged").toStdString());
    for (const auto& [key, ref] : peft.weights()) {
      const WeightRef* w = ours.find(key);
      QVERIFY2(w, qPrintable("missing in our merged model: " + QString::fromStdString(key)));
      const auto a = asFloats(*w), b = asFloats(ref);
      QCOMPARE(a.size(), b.size());
      double worst = 0;
      for (size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::fabs(double(a[i]) - double(b[i])));
      QVERIFY2(worst <= 1e-6, qPrintable(QString("%1: %2").arg(QString::fromStdString(key)).arg(worst)));
    }
    for (const auto& [key, w] : ours.weights()) QVERIFY2(peft.find(key), qPrintable("extra tensor " + QString::fromStdString(key)));
  }

  void mergedFoldersLoadInTransformers() {
    const QString python = test::pythonPath();
    if (python.isEmpty() || !QFile::exists(python)) QSKIP("project venv python not found (PEFTDESK_PYTHON)");
    nlohmann::json jobs = nlohmann::json::array();
    for (const QString& name : mergeableCases()) {
      if (!QDir(tmp_.path() + "/" + name).exists()) continue;
      const QJsonArray rows = meta(name).value("rows").toArray();
      jobs.push_back({{"folder", (tmp_.path() + "/" + name).toStdString()},
                      {"rows", nlohmann::json::parse(QJsonDocument(rows).toJson().toStdString())},
                      {"out", (tmp_.path() + "/" + name + ".logits.safetensors").toStdString()},
                      {"case", name.toStdString()}});
    }
    QVERIFY(!jobs.empty());
    QFile jf(tmp_.path() + "/jobs.json");
    QVERIFY(jf.open(QIODevice::WriteOnly));
    jf.write(QByteArray::fromStdString(jobs.dump()));
    jf.close();
    const auto r = test::runProcess(python, {test::sourceDir() + "/tests/reference/load_merged.py", jf.fileName()}, 300000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    for (const auto& job : jobs) {
      const QString name = QString::fromStdString(job["case"].get<std::string>());
      auto theirs = SafetensorsFile::open(job["out"].get<std::string>());
      auto expected = SafetensorsFile::open((test::fixturesDir() + "/peft/" + name + "/expected.safetensors").toStdString());
      const TensorInfo& a = theirs->at("logits");
      const TensorInfo& b = expected->at("merged_logits");
      QCOMPARE(a.shape, b.shape);
      const float* pa = reinterpret_cast<const float*>(theirs->data(a));
      const float* pb = reinterpret_cast<const float*>(expected->data(b));
      double worst = 0;
      for (int64_t i = 0; i < a.numel(); ++i) worst = std::max(worst, std::fabs(double(pa[i]) - double(pb[i])));
      qInfo("%s: transformers on our merged folder vs PEFT merge_and_unload: %.3g", qPrintable(name), worst);
      QVERIFY2(worst <= test::parityBound(name, 1e-4), qPrintable(name));  // exact but for Qwen3-MoE and PiSSA / OLoRA (1.8e-7)
    }
  }

  void noOpMergeIsRefused() {
    // A fresh LoRA (B = 0) merges into exactly the base: --verify must refuse it and write nothing.
    auto model = Model::load(baseOf("lora_qv_default").toStdString());
    model->addAdapter("fresh", parseAdapterConfig({{"peft_type", "LORA"}, {"r", 4}, {"target_modules", {"q_proj"}}}, "x"), 1);
    ExportOptions o;
    o.merge = true;
    o.verify = true;
    const QString out = tmp_.path() + "/noop";
    try {
      model->exportAdapter("fresh", out.toStdString(), o);
      QFAIL("a no-op merge was accepted");
    } catch (const std::exception& e) {
      QVERIFY2(QString(e.what()).contains("equal the base"), e.what());
    }
    QVERIFY(!QDir(out).exists());
    const QStringList leftovers = QDir(tmp_.path()).entryList(QStringList{".noop.partial*"}, QDir::AllEntries | QDir::Hidden);
    QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(",")));
  }

  void refusalsLeaveNothing() {
    const QString prefixCase = test::fixturesDir() + "/peft/prefix_plain/adapter";
    auto r = test::runCli({"export", baseOf("prefix_plain"), "--adapter", prefixCase, "--out", tmp_.path() + "/p", "--merge"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.stderrText.contains("cannot be merged"), qPrintable(r.stderrText));
    QVERIFY(!QDir(tmp_.path() + "/p").exists());
    // Standalone export works for it, and an existing non-empty folder is never overwritten.
    r = test::runCli({"export", baseOf("prefix_plain"), "--adapter", prefixCase, "--out", tmp_.path() + "/p"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QVERIFY(QFile::exists(tmp_.path() + "/p/adapter_model.safetensors"));
    const QByteArray before = [&] {
      QFile f(tmp_.path() + "/p/adapter_model.safetensors");
      f.open(QIODevice::ReadOnly);
      return f.readAll();
    }();
    r = test::runCli({"export", baseOf("prefix_plain"), "--adapter", prefixCase, "--out", tmp_.path() + "/p"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.stderrText.contains("not empty"));
    QFile f(tmp_.path() + "/p/adapter_model.safetensors");
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
  }
};

QTEST_GUILESS_MAIN(TestExport)
#include "test_export.moc"
