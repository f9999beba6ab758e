// Folders written by transformers 4.x / PEFT 0.17 still load the same (tests/data/transformers4, made
// by the 4.57.1 / 0.17.1 stack before the pin moved to transformers 5; its README says how):
// - every tiny model's 4.x config.json (rope_theta / rope_scaling, Gemma 3's rope_local_base_freq,
//   Qwen3-MoE's num_experts, ...) next to the weights that make_tiny_models.py writes today gives
//   exactly the logits of the 5.x config.json that the fixture holds;
// - PEFT 0.17's per-expert LoRA on Qwen3-MoE (experts.E.gate_proj / up_proj / down_proj) gives PEFT
//   0.17's logits over the same 4.57-written base as tests/data/peft021_qwen3_moe; saved again by
//   PeftDesk (the same per-expert layout), PEFT 0.21 (live, the pinned stack) reads it with the same
//   logits once the dense layer's MLP LoRA is zero — and, asserted too, not with it: PEFT 0.21's MoE
//   conversion drops the LoRA of the dense layer's MLP.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <map>

#include "peftdesk/model.h"
#include "peftdesk/safetensors.h"
#include "test_support.h"

using namespace peftdesk;

namespace {

QString layoutDir() { return test::sourceDir() + "/tests/data/transformers4"; }

}  // namespace

class TestTransformers4Layout : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void configs_data() {
    QTest::addColumn<QString>("name");
    const QStringList names = QDir(layoutDir() + "/configs").entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QVERIFY(names.size() >= 20);
    for (const QString& n : names) QTest::newRow(qPrintable(n)) << n;
  }

  void configs() {
    QFETCH(QString, name);
    const QString fixture = test::fixturesDir() + "/models/" + name;
    if (!QFile::exists(fixture + "/expected.json")) QFAIL("fixtures missing: run through ctest (fixture_tiny_models)");
    const QJsonObject old = test::readJsonObject(layoutDir() + "/configs/" + name + "/config.json");
    const QJsonObject now = test::readJsonObject(fixture + "/config.json");
    QVERIFY(old.value("transformers_version").toString().startsWith("4."));
    QVERIFY2(old != now, "the two layouts are the same file: nothing would be tested");

    // The weights of today's fixture beside the 4.x config and generation config.
    const QString dir = tmp_.filePath(name);
    QVERIFY(QDir().mkpath(dir));
    for (const QString& f : QDir(fixture).entryList(QDir::Files)) {
      if (f == "config.json" || f == "generation_config.json" || f.startsWith("expected")) continue;
      QVERIFY(QFile::link(fixture + "/" + f, dir + "/" + f));
    }
    for (const QString f : {"config.json", "generation_config.json"}) QVERIFY(QFile::copy(layoutDir() + "/configs/" + name + "/" + f, dir + "/" + f));

    const auto rows = test::idRows(test::readJsonObject(fixture + "/expected.json").value("rows").toArray());
    const Logits fromOld = Model::load(dir.toStdString())->forward(rows);
    const Logits fromNow = Model::load(fixture.toStdString())->forward(rows);
    QCOMPARE(fromOld.values.size(), fromNow.values.size());
    QVERIFY2(fromOld.values == fromNow.values, qPrintable(QString("max diff %1").arg(test::maxAbsDiff(fromOld.values, fromNow.values))));
  }

  void peft017ExpertLora() {
    const QString dir = layoutDir() + "/peft017_qwen3_moe";
    const QJsonObject meta = test::readJsonObject(dir + "/expected.json");
    QCOMPARE(meta.value("versions").toObject().value("peft").toString(), QString("0.17.1"));
    const auto rows = test::idRows(meta.value("rows").toArray());
    auto model = Model::load((test::sourceDir() + "/tests/data/peft021_qwen3_moe/base").toStdString());
    const Logits base = model->forward(rows);
    model->loadAdapter((dir + "/adapter").toStdString(), "peft017");
    model->setActiveAdapter("peft017");
    const Logits ours = model->forward(rows);
    const auto expected = test::floatTensor(*SafetensorsFile::open((dir + "/expected.safetensors").toStdString()), "logits");
    const double d = test::maxDiffOnRealTokens(ours, expected, rows);
    QVERIFY2(d <= 1e-5, qPrintable(QString::number(d)));
    const double effect = test::maxDiffOnRealTokens(base, expected, rows);
    QVERIFY2(effect > 0.05, qPrintable(QString::number(effect)));  // the adapter moves the logits
    QCOMPARE(model->parameterReport("peft017").trainableParams, meta.value("trainable_params").toInteger());
  }

  void perExpertLayoutLoadsInPeft021() {
    const QString python = test::pythonPath();
    if (python.isEmpty() || !QFile::exists(python)) QSKIP("project venv python not found (PEFTDESK_PYTHON)");
    const QString src = layoutDir() + "/peft017_qwen3_moe/adapter";
    const QString base = test::sourceDir() + "/tests/data/peft021_qwen3_moe/base";
    const QString zeroedIn = tmp_.filePath("zeroed-in");
    QVERIFY(QDir().mkpath(zeroedIn));
    QVERIFY(QFile::copy(src + "/adapter_config.json", zeroedIn + "/adapter_config.json"));
    // The same tensors, the dense layer 1's MLP LoRA zeroed (B = 0).
    auto in = SafetensorsFile::open((src + "/adapter_model.safetensors").toStdString());
    std::vector<std::vector<char>> bytes;
    bytes.reserve(in->tensors().size());
    std::vector<TensorBytes> out;
    int zeroed = 0;
    for (const auto& t : in->tensors()) {
      const char* p = reinterpret_cast<const char*>(in->data(t));
      bytes.emplace_back(p, p + (t.end - t.begin));
      if (t.name.find(".layers.1.mlp.") != std::string::npos && t.name.find("lora_B") != std::string::npos) {
        std::memset(bytes.back().data(), 0, bytes.back().size());
        ++zeroed;
      }
      out.push_back({t.name, t.dtype, t.shape, bytes.back().data(), bytes.back().size()});
    }
    QCOMPARE(zeroed, 3);
    writeSafetensors((zeroedIn + "/adapter_model.safetensors").toStdString(), out);

    // Both adapters loaded and saved again by PeftDesk: what a user's export holds.
    const std::vector<std::vector<int32_t>> rows{{5, 17, 3, 200, 42, 9, 77, 128}, {1, 2, 3, 4, 5, 6, 7, 8}};
    auto model = Model::load(base.toStdString());
    const Logits plain = model->forward(rows);
    std::map<QString, Logits> ours;
    for (const auto& [name, from] : std::vector<std::pair<QString, QString>>{{"zeroed", zeroedIn}, {"full", src}}) {
      model->loadAdapter(from.toStdString(), name.toStdString());
      model->saveAdapter(name.toStdString(), tmp_.filePath(name).toStdString());
      model->setActiveAdapter(name.toStdString());
      ours[name] = model->forward(rows);
    }

    const QString script = R"(
import sys, torch
from safetensors.torch import save_file
from transformers import AutoModelForCausalLM
from peft import PeftModel
ids = torch.tensor([[5, 17, 3, 200, 42, 9, 77, 128], [1, 2, 3, 4, 5, 6, 7, 8]])
for adapter, out in ((sys.argv[2], sys.argv[3]), (sys.argv[4], sys.argv[5])):
    base = AutoModelForCausalLM.from_pretrained(sys.argv[1], dtype=torch.float32)
    model = PeftModel.from_pretrained(base, adapter).eval()
    with torch.no_grad():
        save_file({"logits": model(ids).logits.float().contiguous()}, out)
)";
    const auto r = test::runProcess(python, {"-c", script, base, tmp_.filePath("zeroed"), tmp_.filePath("zeroed.safetensors"),
                                             tmp_.filePath("full"), tmp_.filePath("full.safetensors")}, 300000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const auto peft = test::floatTensor(*SafetensorsFile::open(tmp_.filePath("zeroed.safetensors").toStdString()), "logits");
    const double d = test::maxAbsDiff(ours["zeroed"].values, peft);
    QVERIFY2(d <= 1e-5, qPrintable(QString::number(d)));  // measured 4.8e-7 (2026-12-03)
    const double effect = test::maxAbsDiff(plain.values, peft);
    QVERIFY2(effect > 0.05, qPrintable(QString::number(effect)));
    // With the dense layer's MLP LoRA, PEFT 0.21 leaves it out (a limit of its conversion, named in
    // docs/architectures.md): when this fails, PEFT reads it and the docs should say so.
    const auto peftFull = test::floatTensor(*SafetensorsFile::open(tmp_.filePath("full.safetensors").toStdString()), "logits");
    const double dropped = test::maxAbsDiff(ours["full"].values, peftFull);
    QVERIFY2(dropped > 1e-3, qPrintable(QString::number(dropped)));
  }
};

QTEST_GUILESS_MAIN(TestTransformers4Layout)
#include "test_transformers4_layout.moc"
