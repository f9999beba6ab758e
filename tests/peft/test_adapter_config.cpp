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
    for (const char* name : {"LORA", "IA3", "PREFIX_TUNING", "PROMPT_TUNING", "LOHA", "LOKR"}) {
      nlohmann::json j{{"peft_type", name}, {"num_virtual_tokens", 2}};
      QCOMPARE(std::string(peftTypeName(parseAdapterConfig(j, "x").type)), std::string(name));
    }
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
