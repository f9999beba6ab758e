// adapter_config.json parsing: defaults, every method row, and refusals that name the field.
#include <QtTest>
#include <nlohmann/json.hpp>

#include "peftdesk/adapter_config.h"
#include "peftdesk/error.h"

using namespace peftdesk;
using nlohmann::json;

namespace {
QString errorOf(const json& j) {
  try {
    parseAdapterConfig(j, "adapter/adapter_config.json");
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}
}  // namespace

class TestAdapterConfig : public QObject {
  Q_OBJECT
 private slots:
  void loraDefaultsAndPatterns() {
    const AdapterConfig c = parseAdapterConfig(
        {{"peft_type", "LORA"}, {"r", 16}, {"lora_alpha", 32}, {"target_modules", "all-linear"}, {"use_rslora", true},
         {"rank_pattern", {{"q_proj", 4}}}, {"alpha_pattern", {{"down_proj", 2.5}}}, {"layers_to_transform", 1},
         {"some_future_key", 1}},
        "x");
    QCOMPARE(c.type, PeftType::Lora);
    QCOMPARE(c.lora.r, int64_t(16));
    QCOMPARE(c.lora.alpha, 32.0);
    QCOMPARE(c.lora.targets.kind, ModuleSelector::Kind::AllLinear);
    QVERIFY(c.lora.useRslora);
    QCOMPARE(c.lora.rankPattern.size(), size_t(1));
    QCOMPARE(c.lora.alphaPattern.front().second, 2.5);
    QCOMPARE(c.lora.layersToTransform, std::vector<int64_t>{1});
    QCOMPARE(c.lora.bias, std::string("none"));
  }

  void otherMethods() {
    const AdapterConfig ia3 = parseAdapterConfig({{"peft_type", "IA3"}, {"target_modules", {"k_proj", "down_proj"}},
                                                  {"feedforward_modules", {"down_proj"}}}, "x");
    QCOMPARE(ia3.type, PeftType::Ia3);
    QCOMPARE(ia3.ia3.feedforward.names, std::vector<std::string>{"down_proj"});
    const AdapterConfig prefix = parseAdapterConfig({{"peft_type", "PREFIX_TUNING"}, {"num_virtual_tokens", 20},
                                                     {"prefix_projection", true}, {"encoder_hidden_size", 64}}, "x");
    QVERIFY(prefix.prompt.prefixProjection);
    QCOMPARE(*prefix.prompt.encoderHiddenSize, int64_t(64));
    const AdapterConfig prompt = parseAdapterConfig({{"peft_type", "PROMPT_TUNING"}, {"num_virtual_tokens", 8},
                                                     {"prompt_tuning_init", "TEXT"}, {"prompt_tuning_init_text", "Classify:"}}, "x");
    QCOMPARE(prompt.prompt.promptInit, std::string("TEXT"));
  }

  void lycorisKeys() {
    const AdapterConfig loha = parseAdapterConfig({{"peft_type", "LOHA"}, {"r", 4}, {"alpha", 6}, {"rank_dropout", 0.1},
                                                   {"module_dropout", 0.2}, {"target_modules", {"q_proj"}}, {"rank_pattern", {{"q_proj", 2}}}},
                                                  "x");
    QCOMPARE(loha.type, PeftType::Loha);
    QCOMPARE(loha.lora.r, int64_t(4));
    QCOMPARE(loha.lora.alpha, 6.0);  // `alpha`, not lora_alpha
    QCOMPARE(loha.lycoris.rankDropout, 0.1);
    QCOMPARE(loha.lycoris.moduleDropout, 0.2);
    QCOMPARE(loha.lora.rankPattern.size(), size_t(1));
    const AdapterConfig lokr = parseAdapterConfig({{"peft_type", "LOKR"}, {"decompose_both", true}, {"decompose_factor", 4},
                                                   {"rank_dropout_scale", true}, {"init_weights", "lycoris"}},
                                                  "x");
    QCOMPARE(lokr.type, PeftType::Lokr);
    QVERIFY(lokr.lycoris.decomposeBoth && lokr.lycoris.rankDropoutScale);
    QCOMPARE(lokr.lycoris.decomposeFactor, int64_t(4));
    QCOMPARE(lokr.lycoris.init, std::string("lycoris"));
    QCOMPARE(lokr.lora.alpha, 8.0);  // PEFT's default
    // Every method name round-trips through the registry.
    for (const char* name : {"LORA", "IA3", "PREFIX_TUNING", "PROMPT_TUNING", "LOHA", "LOKR", "ADALORA"}) {
      nlohmann::json j{{"peft_type", name}, {"num_virtual_tokens", 2}};
      QCOMPARE(std::string(peftTypeName(parseAdapterConfig(j, "x").type)), std::string(name));
    }
  }

  void adaloraKeys() {
    // PEFT's defaults; `r` is ignored (init_r sizes the tensors); rank_pattern takes both key forms.
    const AdapterConfig d = parseAdapterConfig({{"peft_type", "ADALORA"}, {"r", 64}, {"total_step", 100}}, "x");
    QCOMPARE(d.type, PeftType::AdaLora);
    QCOMPARE(d.adalora.initR, int64_t(12));
    QCOMPARE(d.lora.r, int64_t(12));
    QCOMPARE(d.adalora.targetR, int64_t(8));
    QCOMPARE(d.adalora.deltaT, int64_t(1));
    QCOMPARE(d.adalora.beta1, 0.85);
    QCOMPARE(d.adalora.orthRegWeight, 0.5);
    QCOMPARE(d.lora.alpha, 8.0);
    QCOMPARE(d.lora.init, std::string("true"));
    const AdapterConfig p = parseAdapterConfig(
        {{"peft_type", "ADALORA"}, {"init_r", 2}, {"total_step", 10},
         {"rank_pattern", {{"model.layers.0.self_attn.q_proj.lora_E", {true, false}}, {"model.layers.1.self_attn.q_proj.lora_E.default", {false, false}}}}},
        "x");
    QCOMPARE(p.adalora.rankPattern.size(), size_t(2));
    QCOMPARE(p.adalora.rankPattern[0].first, std::string("model.layers.0.self_attn.q_proj"));
    QCOMPARE(p.adalora.rankPattern[1].first, std::string("model.layers.1.self_attn.q_proj"));
    QCOMPARE(p.adalora.rankPattern[0].second, (std::vector<bool>{true, false}));
    // Keys PEFT's AdaLoRA reads differently from LoRA or not at all load with PEFT's meaning: a
    // method name as init_lora_weights is "true", use_rslora and alpha_pattern change nothing
    // (the scale is lora_alpha / init_r), training-only values are checked when a run starts.
    const AdapterConfig loose = parseAdapterConfig({{"peft_type", "ADALORA"}, {"init_lora_weights", "gaussian"}, {"use_rslora", true},
                                                    {"alpha_pattern", {{"q_proj", 4}}}, {"target_r", 20}, {"deltaT", 0}},
                                                   "x");
    QCOMPARE(loose.lora.init, std::string("true"));
    QVERIFY(loose.lora.alphaPattern.empty());
    QCOMPARE(loose.adalora.targetR, int64_t(20));
    // total_step may be left to the run (0 = unset); a run's trainer fills it in.
    QCOMPARE(parseAdapterConfig({{"peft_type", "ADALORA"}}, "x").adalora.totalStep, int64_t(0));
  }

  void refusals_data() {
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::newRow("no peft_type") << R"({"r": 8})" << "peft_type" << "missing required key";
    QTest::newRow("unknown type") << R"({"peft_type": "VERA"})" << "peft_type" << "unsupported peft_type 'VERA'";
    QTest::newRow("loha r zero") << R"({"peft_type": "LOHA", "r": 0})" << "r" << "positive";
    QTest::newRow("loha alpha text") << R"({"peft_type": "LOHA", "alpha": "16"})" << "alpha" << "expected a number";
    QTest::newRow("loha lycoris init") << R"({"peft_type": "LOHA", "init_weights": "lycoris"})" << "init_weights" << "one of true, false";
    QTest::newRow("loha rank dropout") << R"({"peft_type": "LOHA", "rank_dropout": 1.0})" << "rank_dropout" << "[0, 1)";
    QTest::newRow("lokr module dropout") << R"({"peft_type": "LOKR", "module_dropout": -0.1})" << "module_dropout" << "[0, 1)";
    QTest::newRow("lokr factor real") << R"({"peft_type": "LOKR", "decompose_factor": 4.5})" << "decompose_factor" << "expected an integer";
    QTest::newRow("lokr decompose_both null-typed") << R"({"peft_type": "LOKR", "decompose_both": "yes"})" << "decompose_both" << "true or false";
    QTest::newRow("lokr init number") << R"({"peft_type": "LOKR", "init_weights": 3})" << "init_weights" << "one of true, false, lycoris";
    QTest::newRow("adalora total_step zero") << R"({"peft_type": "ADALORA", "total_step": 0})" << "total_step" << "positive";
    QTest::newRow("adalora no budget phase") << R"({"peft_type": "ADALORA", "total_step": 10, "tinit": 5, "tfinal": 5})" << "tinit" << "no budget phase";
    QTest::newRow("adalora orth negative") << R"({"peft_type": "ADALORA", "orth_reg_weight": -0.1})" << "orth_reg_weight" << "0 or more";
    QTest::newRow("adalora dora") << R"({"peft_type": "ADALORA", "use_dora": true})" << "use_dora" << "does not support DoRA";
    QTest::newRow("adalora init number") << R"({"peft_type": "ADALORA", "init_lora_weights": 3})" << "init_lora_weights" << "true or false";
    QTest::newRow("adalora alpha zero") << R"({"peft_type": "ADALORA", "lora_alpha": 0})" << "lora_alpha" << "positive";
    QTest::newRow("adalora pattern length") << R"({"peft_type": "ADALORA", "init_r": 3, "rank_pattern": {"q_proj.lora_E": [true]}})"
                                            << "rank_pattern.q_proj.lora_E" << "init_r is 3";
    QTest::newRow("adalora pattern key") << R"({"peft_type": "ADALORA", "rank_pattern": {"q_proj": [true]}})" << "rank_pattern.q_proj" << "lora_E";
    QTest::newRow("adalora pattern values") << R"({"peft_type": "ADALORA", "init_r": 1, "rank_pattern": {"q_proj.lora_E": [1]}})"
                                            << "rank_pattern.q_proj.lora_E" << "true / false";
    QTest::newRow("r zero") << R"({"peft_type": "LORA", "r": 0})" << "r" << "positive";
    QTest::newRow("lora init loftq") << R"({"peft_type": "LORA", "init_lora_weights": "loftq"})" << "init_lora_weights" << "'loftq' is not supported";
    QTest::newRow("lora init niter text") << R"({"peft_type": "LORA", "init_lora_weights": "pissa_niter_x"})" << "init_lora_weights" << "number of iterations";
    QTest::newRow("pissa with dora") << R"({"peft_type": "LORA", "init_lora_weights": "pissa", "use_dora": true})" << "init_lora_weights" << "DoRA";
    QTest::newRow("r negative") << R"({"peft_type": "LORA", "r": -4})" << "r" << "positive";
    QTest::newRow("r not int") << R"({"peft_type": "LORA", "r": "8"})" << "r" << "expected an integer";
    QTest::newRow("dropout") << R"({"peft_type": "LORA", "lora_dropout": 1.5})" << "lora_dropout" << "[0, 1)";
    QTest::newRow("bias") << R"({"peft_type": "LORA", "bias": "some"})" << "bias" << "none, all or lora_only";
    QTest::newRow("lora_bias") << R"({"peft_type": "LORA", "lora_bias": true})" << "lora_bias" << "not supported yet";
    QTest::newRow("layer_replication") << R"({"peft_type": "LORA", "layer_replication": [[0, 1]]})" << "layer_replication" << "not supported yet";
    QTest::newRow("seq2seq") << R"({"peft_type": "LORA", "task_type": "SEQ_2_SEQ_LM"})" << "task_type" << "only CAUSAL_LM";
    QTest::newRow("ff not subset") << R"({"peft_type": "IA3", "target_modules": ["k_proj"], "feedforward_modules": ["down_proj"]})"
                                   << "feedforward_modules" << "subset";
    QTest::newRow("no virtual tokens") << R"({"peft_type": "PREFIX_TUNING"})" << "num_virtual_tokens" << "positive";
    QTest::newRow("text init w/o text") << R"({"peft_type": "PROMPT_TUNING", "num_virtual_tokens": 4, "prompt_tuning_init": "TEXT"})"
                                        << "prompt_tuning_init_text" << "required";
    QTest::newRow("rank pattern") << R"({"peft_type": "LORA", "rank_pattern": {"q_proj": 0}})" << "rank_pattern.q_proj" << "positive";
  }

  void refusals() {
    QFETCH(QString, config);
    QFETCH(QString, field);
    QFETCH(QString, text);
    const QString err = errorOf(json::parse(config.toStdString()));
    QVERIFY2(err.startsWith("adapter/adapter_config.json"), qPrintable(err));
    QVERIFY2(err.contains("field '" + field + "'"), qPrintable(err));
    QVERIFY2(err.contains(text), qPrintable(err));
  }
};

QTEST_APPLESS_MAIN(TestAdapterConfig)
#include "test_adapter_config.moc"
