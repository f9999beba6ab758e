// AdaLoRA beyond what test_peft_parity checks for every fixture (counts, logits both ways,
// gradients with the orthogonality penalty, merges in test_export) and test_training_equivalence
// for a whole run (losses and the rank allocation against PEFT's loop): a pruned adapter saved
// again keeps PEFT's rank_pattern and shapes byte for byte, older PEFT's pattern keys (with the
// adapter name) load the same, a fresh adapter starts as PEFT's (a no-op: E = 0), the model card
// shows the schedule, the weight analysis equals the SVD of the full ΔW, target_r = init_r trains
// without pruning (where PEFT's allocator fails), Measure keeps the run's schedule, training-only
// values are checked when a run starts, and continuing the allocation from a pruned adapter is
// refused by field.
#include <ATen/ATen.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "peftdesk/adapter_config.h"
#include "peftdesk/adapter_math.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "peftdesk/model_card.h"
#include "peftdesk/model.h"
#include "peftdesk/run_config.h"
#include "peftdesk/safetensors.h"
#include "peftdesk/step_probe.h"
#include "peftdesk/trainer.h"
#include "test_support.h"
#include "../train/train_test_util.h"

using namespace peftdesk;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const std::string kPruned = "adalora_all_linear_pruned";
std::string peftCase(const std::string& name) { return (test::fixturesDir() + "/peft/").toStdString() + name; }
std::string base(const std::string& name) { return (test::fixturesDir() + "/models/").toStdString() + name; }

at::Tensor tensorOf(const SafetensorsFile& f, const std::string& name) {
  const std::vector<float> v = test::floatTensor(f, name);
  return at::tensor(std::vector<double>(v.begin(), v.end()), at::kDouble).view(f.at(name).shape);
}

std::vector<std::vector<int32_t>> caseRows(const std::string& name) {
  const json meta = readJsonFile(peftCase(name) + "/expected.json");
  return meta["rows"].get<std::vector<std::vector<int32_t>>>();
}

}  // namespace

class TestAdaLora : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void prunedAdapterSavesAsPeft() {
    // PEFT's pruned adapter (kept ranks, one target at rank 0) loaded and saved again: the same
    // tensors byte for byte, the same rank_pattern, and the rank-0 target's [0, in] tensors kept.
    const std::string dir = peftCase(kPruned) + "/adapter";
    auto model = Model::load(base("qwen2_bias_tied"));
    model->loadAdapter(dir, "a");
    const fs::path out = tmp_.path().toStdString() + "/resaved";
    model->saveAdapter("a", out);
    const json ours = readJsonFile(out / "adapter_config.json"), peft = readJsonFile(dir + "/adapter_config.json");
    QVERIFY(peft["rank_pattern"].is_object() && peft["rank_pattern"].size() == 14);
    QCOMPARE(ours["rank_pattern"], peft["rank_pattern"]);
    const auto mine = SafetensorsFile::open(out / "adapter_model.safetensors");
    const auto theirs = SafetensorsFile::open(dir + "/adapter_model.safetensors");
    QCOMPARE(mine->tensors().size(), theirs->tensors().size());
    bool sawEmpty = false;
    for (const auto& t : theirs->tensors()) {
      const TensorInfo* u = mine->find(t.name);
      QVERIFY2(u && u->shape == t.shape, t.name.c_str());
      QCOMPARE(test::floatTensor(*mine, t.name), test::floatTensor(*theirs, t.name));
      sawEmpty = sawEmpty || t.numel() == 0;
    }
    QVERIFY(sawEmpty);
  }

  void legacyPatternKeysLoadTheSame() {
    // Older PEFT saved rank_pattern keys with the adapter name ("...lora_E.default").
    const fs::path dir = tmp_.path().toStdString() + "/legacy";
    fs::copy(peftCase(kPruned) + "/adapter", dir, fs::copy_options::recursive);
    json cfg = readJsonFile(dir / "adapter_config.json");
    json legacy = json::object();
    for (auto it = cfg["rank_pattern"].begin(); it != cfg["rank_pattern"].end(); ++it) legacy[it.key() + ".default"] = it.value();
    cfg["rank_pattern"] = legacy;
    std::ofstream(dir / "adapter_config.json") << cfg.dump(2);
    const auto rows = caseRows(kPruned);
    auto model = Model::load(base("qwen2_bias_tied"));
    model->loadAdapter(peftCase(kPruned) + "/adapter", "now");
    model->loadAdapter(dir, "legacy");
    model->setActiveAdapter("now");
    const Logits now = model->forward(rows);
    model->setActiveAdapter("legacy");
    QCOMPARE(test::maxAbsDiff(model->forward(rows).values, now.values), 0.0);
  }

  void freshAdapterIsANoOpAndCountsAsPeft() {
    // PEFT's start: E = 0 (A, B ~ N(0, 0.02)), so the model's logits are the base's; init false
    // keeps the random draws (not a no-op). Counts: A + B + E trainable, ranknum one frozen value per target.
    const std::vector<std::vector<int32_t>> rows{{1, 5, 9, 3, 7}};
    auto model = Model::load(base("llama_gqa"));
    const Logits plain = model->forward(rows);
    const json config = {{"peft_type", "ADALORA"}, {"init_r", 6}, {"target_r", 2}, {"lora_alpha", 8}, {"total_step", 10}};
    model->addAdapter("fresh", parseAdapterConfig(config, "x"), 7);
    model->setActiveAdapter("fresh");
    QCOMPARE(test::maxAbsDiff(model->forward(rows).values, plain.values), 0.0);
    const ParameterReport r = model->parameterReport("fresh");
    const int64_t baseCount = r.allParams - r.trainableParams;
    int64_t ranknums = 0, expected = 0;
    for (const ParameterEntry& e : r.parameters) {
      if (e.part == "ranknum") {
        ++ranknums;
        QVERIFY(!e.trainable);
        QCOMPARE(e.shape, std::vector<int64_t>{1});
      }
      if (e.part == "lora_A") expected += 6 * (e.shape[1] + 1);  // A [6, in] and E [6, 1]
      if (e.part == "lora_B") expected += 6 * e.shape[0];
    }
    QCOMPARE(ranknums, int64_t{4});  // q_proj and v_proj of 2 layers (PEFT's default targets)
    QCOMPARE(r.trainableParams, expected);
    QVERIFY(baseCount > 0);
    json random = config;
    random["init_lora_weights"] = false;
    model->addAdapter("random", parseAdapterConfig(random, "x"), 7);
    model->setActiveAdapter("random");
    QVERIFY(test::maxAbsDiff(model->forward(rows).values, plain.values) > 1e-4);
  }

  void modelCardListsTheSchedule() {
    // The export's card shows init_r / target_r and the schedule, not LoRA's unused r.
    ModelCardInput in;
    in.baseDir = base("qwen2_bias_tied");
    in.adapterDir = peftCase(kPruned) + "/adapter";
    const std::string card = modelCard(in);
    for (const char* row : {"| peft_type | `ADALORA` |", "| init_r | `4` |", "| target_r | `2` |", "| total_step | `10` |"})
      QVERIFY2(card.find(row) != std::string::npos, row);
    QVERIFY2(card.find("| r |") == std::string::npos, card.c_str());
  }

  void weightAnalysisEqualsTheFullDeltaSvd() {
    const std::string dir = peftCase(kPruned) + "/adapter";
    const AdapterWeightStats stats = analyzeAdapterWeights(dir);
    const auto file = SafetensorsFile::open(dir + "/adapter_model.safetensors");
    const json cfg = readJsonFile(dir + "/adapter_config.json");
    QCOMPARE(stats.peftType, std::string("ADALORA"));
    QCOMPARE(stats.deltas.size(), size_t{14});
    int empty = 0;
    for (const ModuleDelta& d : stats.deltas) {
      const std::string p = "base_model.model." + d.module + ".";
      QCOMPARE(d.scaling, cfg["lora_alpha"].get<double>() / (cfg["init_r"].get<double>() + 1e-5));
      if (file->at(p + "lora_E").numel() == 0) {
        ++empty;
        QVERIFY(d.singularValues.empty() && d.frobeniusNorm == 0);
        continue;
      }
      const at::Tensor dw = tensorOf(*file, p + "lora_B").matmul(tensorOf(*file, p + "lora_A") * tensorOf(*file, p + "lora_E")) * d.scaling;
      const double norm = at::linalg_matrix_norm(dw, "fro").item<double>();
      QVERIFY2(std::fabs(d.frobeniusNorm - norm) <= 1e-9 * norm, d.module.c_str());
      const at::Tensor sv = at::linalg_svdvals(dw);
      for (size_t k = 0; k < d.singularValues.size(); ++k)
        QVERIFY2(std::fabs(d.singularValues[k] - sv[static_cast<int64_t>(k)].item<double>()) <= 1e-9 * norm, d.module.c_str());
    }
    QCOMPARE(empty, 1);
  }

  void targetEqualToInitTrainsWithoutPruning() {
    // target_r = init_r: the budget never falls below the initial one. PEFT's allocator then calls
    // torch.kthvalue with k = 0 and fails on its first allocation; PeftDesk prunes nothing and
    // saves every triplet with a rank_pattern of all true.
    QJsonObject run = test::scenarioRun("cosine_accum", tmp_.path() + "/same_rank", /*withInitAdapter=*/false);
    run["method"] = QJsonObject{{"peft_type", "ADALORA"}, {"task_type", "CAUSAL_LM"}, {"init_r", 3}, {"target_r", 3}, {"lora_alpha", 8},
                                {"tinit", 1}, {"tfinal", 2}, {"target_modules", QJsonArray{"q_proj", "v_proj"}}};
    QJsonObject train = run.value("train").toObject();
    train["max_steps"] = 6;
    run["train"] = train;
    test::writeJson(tmp_.path() + "/same_rank.json", run);
    const auto r = test::runCli({"train", tmp_.path() + "/same_rank.json", "--quiet"}, 300000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const json cfg = readJsonFile(tmp_.path().toStdString() + "/same_rank/adapter/adapter_config.json");
    QCOMPARE(cfg["total_step"].get<int64_t>(), int64_t{6});
    QCOMPARE(cfg["rank_pattern"].size(), size_t{4});
    for (const auto& [key, kept] : cfg["rank_pattern"].items()) QCOMPARE(kept, json({true, true, true}));
    const auto file = SafetensorsFile::open(tmp_.path().toStdString() + "/same_rank/adapter/adapter_model.safetensors");
    for (const auto& t : file->tensors())
      if (t.name.size() > 7 && t.name.compare(t.name.size() - 7, 7, ".lora_E") == 0) QCOMPARE(t.shape, (std::vector<int64_t>{3, 1}));
  }

  void trainingOnlyValuesAreCheckedWhenARunStarts() {
    // Loaded adapters may carry any schedule (PEFT checks these only when it trains); a run names
    // the field before its first step.
    for (const auto& [key, value] : std::vector<std::pair<QString, QJsonValue>>{{"deltaT", 0}, {"target_r", 20}, {"beta1", 1.0}}) {
      QJsonObject run = test::scenarioRun("cosine_accum", tmp_.path() + "/bad_" + key, /*withInitAdapter=*/false);
      QJsonObject method{{"peft_type", "ADALORA"}, {"task_type", "CAUSAL_LM"}, {"init_r", 12}, {"target_modules", QJsonArray{"q_proj"}}};
      method[key] = value;
      run["method"] = method;
      test::writeJson(tmp_.path() + "/bad.json", run);
      const auto r = test::runCli({"train", tmp_.path() + "/bad.json", "--quiet"}, 300000);
      QVERIFY(r.exitCode != 0);
      QVERIFY2(r.stderrText.contains("'" + key + "'"), qPrintable(r.stderrText));
      QVERIFY(!QFile::exists(tmp_.path() + "/bad_" + key + "/adapter/adapter_model.safetensors"));
    }
  }

  void measuringKeepsTheRunsSchedule() {
    // The Method page's Measure runs a few steps of the run: AdaLoRA's schedule (total_step unset:
    // the run's 20 steps) stays the run's, so tinit 10 is valid there as in the run itself.
    QJsonObject run = test::scenarioRun("cosine_accum", tmp_.path() + "/measured", /*withInitAdapter=*/false);
    run["method"] = QJsonObject{{"peft_type", "ADALORA"}, {"task_type", "CAUSAL_LM"}, {"init_r", 4}, {"target_r", 2}, {"tinit", 10},
                                {"tfinal", 4}, {"target_modules", QJsonArray{"q_proj", "v_proj"}}};
    std::vector<ConfigProblem> problems;
    const RunConfig config = parseRunConfig(json::parse(QJsonDocument(run).toJson().toStdString()), tmp_.path().toStdString() + "/measured.json", &problems);
    QVERIFY(problems.empty());
    QCOMPARE(config.maxSteps, int64_t{20});
    TrainControl control;
    const StepCost cost = measureStepCost(config, 1, control);
    QCOMPARE(cost.stepsMeasured, int64_t{1});
  }

  void continuingFromAPrunedAdapterIsRefused() {
    QJsonObject run = test::scenarioRun("cosine_accum", tmp_.path() + "/continue", /*withInitAdapter=*/false);
    QJsonObject model = run.value("model").toObject();
    model["path"] = QString::fromStdString(base("qwen2_bias_tied"));
    model["adapter"] = QString::fromStdString(peftCase(kPruned) + "/adapter");
    run["model"] = model;
    run.remove("method");
    test::writeJson(tmp_.path() + "/continue.json", run);
    const auto r = test::runCli({"train", tmp_.path() + "/continue.json", "--quiet"}, 300000);
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.stderrText.contains("rank_pattern") && r.stderrText.contains("already pruned"), qPrintable(r.stderrText));
  }
};

QTEST_GUILESS_MAIN(TestAdaLora)
#include "test_adalora.moc"
