// LoHa and LoKr beyond what test_peft_parity checks for every fixture (counts, logits both ways,
// gradients, merges in test_export): LoKr's factorization equals PEFT's on its whole table, the
// shape rule is enforced when loading (a file whose tensors contradict it is refused by name),
// GPT-2's Conv1D and a mixture-of-experts layer's experts are refused (PEFT cannot adapt them),
// the weight analysis (Compare) equals the SVD of the full ΔW, and a fresh adapter starts as
// PEFT's does (a no-op for init_weights true / "lycoris").
#include <ATen/ATen.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "peft/methods/lokr.h"
#include "peftdesk/adapter_config.h"
#include "peftdesk/adapter_math.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "peftdesk/model.h"
#include "peftdesk/safetensors.h"
#include "test_support.h"

using namespace peftdesk;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string peftCase(const std::string& name) { return (test::fixturesDir() + "/peft/").toStdString() + name; }
std::string base(const std::string& name) { return (test::fixturesDir() + "/models/").toStdString() + name; }

at::Tensor tensorOf(const SafetensorsFile& f, const std::string& name) {
  const std::vector<float> v = test::floatTensor(f, name);
  return at::tensor(std::vector<double>(v.begin(), v.end()), at::kDouble).view(f.at(name).shape);
}

}  // namespace

class TestLycoris : public QObject {
  Q_OBJECT
 private slots:
  void factorizationEqualsPeft() {
    const json table = readJsonFile(test::fixturesDir().toStdString() + "/peft/lokr_factorization.json");
    QVERIFY(table["rows"].size() > 20000);
    for (const auto& row : table["rows"]) {
      const auto got = lokrFactorization(row[0].get<int64_t>(), row[1].get<int64_t>());
      if (got.first != row[2].get<int64_t>() || got.second != row[3].get<int64_t>())
        QFAIL(qPrintable(QString("factorization(%1, %2): ours (%3, %4), PEFT's %5").arg(row[0].get<int64_t>()).arg(row[1].get<int64_t>())
                             .arg(got.first).arg(got.second).arg(QString::fromStdString(row.dump()))));
    }
  }

  void tensorsContradictingTheShapeRuleAreRefused() {
    // lokr_full_right has full lokr_w2 tensors (r 8 ≥ max(b, d)/2); said to be r 2, the rule wants
    // lokr_w2_a / lokr_w2_b instead.
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    fs::copy(peftCase("lokr_full_right") + "/adapter", dir, fs::copy_options::recursive);
    json cfg = readJsonFile(dir / "adapter_config.json");
    cfg["r"] = 2;
    QFile f(QString::fromStdString((dir / "adapter_config.json").string()));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QByteArray::fromStdString(cfg.dump()));
    f.close();
    auto model = Model::load(base("llama_gqa"));
    const QString e = test::errorOf([&] { model->loadAdapter(dir, "bad"); });
    QVERIFY2(e.contains("lokr_w2_a") && e.contains("missing"), qPrintable(e));
    QVERIFY2(e.contains("adapter_model.safetensors"), qPrintable(e));
    QVERIFY(model->adapterNames().empty());  // nothing half-loaded stays behind
  }

  void conv1dIsRefusedAsPeftDoes() {
    auto model = Model::load(base("gpt2_tiny"));
    for (const char* type : {"LOHA", "LOKR"}) {
      const AdapterConfig c = parseAdapterConfig({{"peft_type", type}, {"r", 2}, {"target_modules", {"c_attn"}}}, "method.json");
      const QString e = test::errorOf([&] { model->addAdapter("x", c, 1); });
      QVERIFY2(e.contains("Conv1D") && e.contains("target_modules") && e.contains("method.json"), qPrintable(e));
    }
    QVERIFY(model->adapterNames().empty());
  }

  void mixtureOfExpertsExpertsAreRefused() {
    // transformers 5 fuses the experts into parameters PEFT adapts with LoRA only: LoHa / LoKr on
    // them would give an adapter nothing else loads. Attention modules of the same model are fine.
    auto model = Model::load(base("qwen3_moe_experts"));
    for (const char* type : {"LOHA", "LOKR"}) {
      const AdapterConfig all = parseAdapterConfig({{"peft_type", type}, {"r", 2}, {"target_modules", "all-linear"}}, "method.json");
      const QString e = test::errorOf([&] { model->addAdapter("x", all, 1); });
      QVERIFY2(e.contains(".experts.") && e.contains("target_modules") && e.contains("attention"), qPrintable(e));
      const AdapterConfig attention = parseAdapterConfig({{"peft_type", type}, {"r", 2}, {"target_modules", {"q_proj", "v_proj"}}}, "method.json");
      model->addAdapter(std::string("ok_") + type, attention, 1);
      QVERIFY(model->parameterReport(std::string("ok_") + type).trainableParams > 0);
    }
  }

  void freshAdaptersStartAsNoOps() {
    // init_weights true (LoHa: hada_w2_b = 0; LoKr: the left factor 0) and "lycoris" (LoKr: the
    // right factor 0) leave the model's logits exactly as they were; false does not.
    const std::vector<std::vector<int32_t>> rows{{1, 5, 9, 3, 7}};
    auto model = Model::load(base("llama_gqa"));
    const Logits plain = model->forward(rows);
    const std::vector<std::pair<json, bool>> configs = {
        {{{"peft_type", "LOHA"}, {"r", 4}, {"target_modules", "all-linear"}}, true},
        {{{"peft_type", "LOKR"}, {"r", 2}, {"target_modules", "all-linear"}}, true},
        {{{"peft_type", "LOKR"}, {"r", 1}, {"target_modules", "all-linear"}, {"decompose_both", true}}, true},
        {{{"peft_type", "LOKR"}, {"r", 2}, {"target_modules", "all-linear"}, {"init_weights", "lycoris"}}, true},
        {{{"peft_type", "LOHA"}, {"r", 4}, {"target_modules", "all-linear"}, {"init_weights", false}}, false},
    };
    int i = 0;
    for (const auto& [config, noOp] : configs) {
      const std::string name = "a" + std::to_string(i++);
      model->addAdapter(name, parseAdapterConfig(config, "x"), 7);
      model->setActiveAdapter(name);
      const double d = test::maxAbsDiff(model->forward(rows).values, plain.values);
      QVERIFY2(noOp ? d == 0 : d > 1e-4, qPrintable(QString::fromStdString(config.dump()) + " diff " + QString::number(d)));
    }
  }

  void weightAnalysisEqualsTheFullDeltaSvd() {
    for (const std::string& name : {"loha_all_linear_patterns", "lokr_decompose_both_factor", "lokr_all_linear"}) {
      const std::string dir = peftCase(name) + "/adapter";
      const AdapterWeightStats stats = analyzeAdapterWeights(dir);
      const auto file = SafetensorsFile::open(dir + "/adapter_model.safetensors");
      QVERIFY(!stats.deltas.empty());
      for (const ModuleDelta& d : stats.deltas) {
        const std::string p = "base_model.model." + d.module + ".";
        auto factor = [&](const std::string& full, const std::string& a, const std::string& b) {
          return file->find(p + full) ? tensorOf(*file, p + full) : tensorOf(*file, p + a).matmul(tensorOf(*file, p + b));
        };
        const at::Tensor dw = name.rfind("loha", 0) == 0
                                  ? tensorOf(*file, p + "hada_w1_a").matmul(tensorOf(*file, p + "hada_w1_b")) *
                                        tensorOf(*file, p + "hada_w2_a").matmul(tensorOf(*file, p + "hada_w2_b")) * d.scaling
                                  : at::kron(factor("lokr_w1", "lokr_w1_a", "lokr_w1_b"), factor("lokr_w2", "lokr_w2_a", "lokr_w2_b")) * d.scaling;
        const double norm = at::linalg_matrix_norm(dw, "fro").item<double>();
        QVERIFY2(std::fabs(d.frobeniusNorm - norm) <= 1e-9 * norm, (name + " " + d.module).c_str());
        const at::Tensor sv = at::linalg_svdvals(dw);
        const int64_t n = std::min<int64_t>(sv.numel(), static_cast<int64_t>(d.singularValues.size()));
        QVERIFY(n > 0);
        for (int64_t k = 0; k < n; ++k)
          QVERIFY2(std::fabs(d.singularValues[static_cast<size_t>(k)] - sv[k].item<double>()) <= 1e-9 * norm, (name + " " + d.module).c_str());
      }
      // The scale per module follows rank_pattern / alpha_pattern (alpha / r).
      const json cfg = readJsonFile(dir + "/adapter_config.json");
      for (const ModuleDelta& d : stats.deltas) {
        double alpha = cfg["alpha"].get<double>();
        int64_t r = cfg["r"].get<int64_t>();
        for (auto it = cfg["rank_pattern"].begin(); it != cfg["rank_pattern"].end(); ++it)
          if (d.module.size() >= it.key().size() && d.module.compare(d.module.size() - it.key().size(), it.key().size(), it.key()) == 0) r = it.value();
        for (auto it = cfg["alpha_pattern"].begin(); it != cfg["alpha_pattern"].end(); ++it)
          if (d.module.size() >= it.key().size() && d.module.compare(d.module.size() - it.key().size(), it.key().size(), it.key()) == 0) alpha = it.value();
        QCOMPARE(d.scaling, alpha / static_cast<double>(r));
        QCOMPARE(d.rank, r);
      }
    }
  }
};

QTEST_GUILESS_MAIN(TestLycoris)
#include "test_lycoris.moc"
