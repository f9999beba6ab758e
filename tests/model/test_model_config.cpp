// config.json parsing: every architecture row, legacy and v5 RoPE keys, and bad input that must
// produce one clear message naming the file and the field.
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <nlohmann/json.hpp>

#include "peftdesk/error.h"
#include "peftdesk/model_config.h"

using namespace peftdesk;
using nlohmann::json;

namespace {

json llama() {
  return json{{"model_type", "llama"},  {"architectures", {"LlamaForCausalLM"}}, {"vocab_size", 256},
              {"hidden_size", 64},      {"intermediate_size", 128},              {"num_hidden_layers", 2},
              {"num_attention_heads", 4}, {"num_key_value_heads", 2},            {"rms_norm_eps", 1e-5}};
}

// Returns the error text (empty if parsing succeeded).
QString errorOf(const json& j, ErrorCategory* category = nullptr) {
  try {
    parseModelConfig(j, "/models/x/config.json");
  } catch (const Error& e) {
    if (category) *category = e.category();
    return QString::fromStdString(e.what());
  }
  return {};
}

}  // namespace

class TestModelConfig : public QObject {
  Q_OBJECT
 private slots:
  void llamaDefaults() {
    const ModelConfig c = parseModelConfig(llama(), "config.json");
    QCOMPARE(c.family, DecoderFamily::Llama);
    QCOMPARE(c.headDim, int64_t(16));
    QCOMPARE(c.numKvHeads, int64_t(2));
    QCOMPARE(c.ropeTheta, 10000.0);
    QCOMPARE(c.ropeScaling.type, std::string("default"));
    QVERIFY(!c.qkvBias);
    QVERIFY(!c.tieWordEmbeddings);
  }

  void qwen2AlwaysHasQkvBias() {
    json j = llama();
    j["model_type"] = "qwen2";
    j["attention_bias"] = false;
    const ModelConfig c = parseModelConfig(j, "config.json");
    QVERIFY(c.qkvBias);
    QVERIFY(!c.oBias);
  }

  // Qwen3: per-head q/k norms, head_dim from the config, attention_bias as written, Qwen2's sliding
  // rule; a layer_types list that says something else is refused by name.
  void qwen3() {
    json j = llama();
    j["model_type"] = "qwen3";
    j["head_dim"] = 128;
    const ModelConfig c = parseModelConfig(j, "config.json");
    QVERIFY(c.qkNorm == QkNorm::PerHead);
    QCOMPARE(c.headDim, int64_t(128));
    QVERIFY(!c.qkvBias && !c.oBias);
    QCOMPARE(c.slidingWindow, int64_t(0));
    j["layer_types"] = {"full_attention", "full_attention"};
    QVERIFY(parseModelConfig(j, "config.json").qkNorm == QkNorm::PerHead);
    j["layer_types"] = {"full_attention", "sliding_attention"};
    const QString err = errorOf(j);
    QVERIFY2(err.contains("field 'layer_types'") && err.contains("entry 1 is \"sliding_attention\", expected \"full_attention\""),
             qPrintable(err));
    QVERIFY(parseModelConfig(llama(), "config.json").qkNorm == QkNorm::None);
  }

  // SmolLM3: NoPE layers from no_rope_layers or every no_rope_layer_interval-th layer; the window on
  // the layers layer_types marks (by default the NoPE ones); malformed lists refused by name.
  void smollm3() {
    json j = llama();
    j["model_type"] = "smollm3";
    j["num_hidden_layers"] = 4;
    ModelConfig c = parseModelConfig(j, "config.json");
    QCOMPARE(c.ropeLayers, (std::vector<uint8_t>{1, 1, 1, 0}));  // interval 4
    QVERIFY(c.ropeLayer(0) && !c.ropeLayer(3));
    QVERIFY(!c.windowedLayer(3));  // no window unless use_sliding_window
    QCOMPARE(c.ropeTheta, 2000000.0);
    QVERIFY(c.tieWordEmbeddings);  // SmolLM3Config's default, left out of config.json by save_pretrained
    QCOMPARE(c.maxPositionEmbeddings, int64_t(32768));
    j["use_sliding_window"] = true;
    j["sliding_window"] = 8;
    j["no_rope_layer_interval"] = 2;
    c = parseModelConfig(j, "config.json");
    QCOMPARE(c.ropeLayers, (std::vector<uint8_t>{1, 0, 1, 0}));
    QVERIFY(!c.windowedLayer(0) && c.windowedLayer(1) && c.windowedLayer(3));
    j["no_rope_layers"] = {1, 1, 0, 1};
    j["layer_types"] = {"sliding_attention", "full_attention", "full_attention", "full_attention"};
    c = parseModelConfig(j, "config.json");
    QCOMPARE(c.ropeLayers, (std::vector<uint8_t>{1, 1, 0, 1}));
    QVERIFY(c.windowedLayer(0) && !c.windowedLayer(2));
    j["no_rope_layers"] = {1, 1, 2, 1};
    QString err = errorOf(j);
    QVERIFY2(err.contains("field 'no_rope_layers'") && err.contains("entries must be 0 or 1, found 2"), qPrintable(err));
    j["no_rope_layers"] = {1, 1};
    err = errorOf(j);
    QVERIFY2(err.contains("field 'no_rope_layers'") && err.contains("4 entries"), qPrintable(err));
    j.erase("no_rope_layers");
    j["layer_types"] = {"full_attention", "chunked_attention", "full_attention", "full_attention"};
    err = errorOf(j);
    QVERIFY2(err.contains("field 'layer_types'") && err.contains("\"chunked_attention\""), qPrintable(err));
  }

  // Gemma 2: Gemma2Config's defaults (head_dim 256, soft-caps 50 / 30, every other layer sliding,
  // tied), the Gemma block; null soft-caps switch them off; a negative one is refused by name.
  void gemma2() {
    json j = llama();
    j["model_type"] = "gemma2";
    j["num_hidden_layers"] = 4;
    const ModelConfig c = parseModelConfig(j, "config.json");
    QCOMPARE(c.headDim, int64_t(256));
    QCOMPARE(c.hiddenAct, std::string("gelu_pytorch_tanh"));
    QVERIFY(c.tieWordEmbeddings);
    QVERIFY(c.normPlacement == NormPlacement::Sandwich && c.rmsNormStyle == RmsNormStyle::OnePlusWeightThenCast);
    QCOMPARE(c.embeddingMultiplier, 8.0);
    QVERIFY(c.embeddingMultiplierInDtype && c.embeddingScaledInModule);  // transformers 5: virtual tokens unscaled
    QCOMPARE(c.attentionScale, 1.0 / 16.0);
    QCOMPARE(c.attentionSoftcap, 50.0);
    QCOMPARE(c.finalLogitSoftcap, 30.0);
    QCOMPARE(c.slidingWindow, int64_t(4096));
    QVERIFY(c.windowedLayer(0) && !c.windowedLayer(1) && c.windowedLayer(2) && !c.windowedLayer(3));
    j["attn_logit_softcapping"] = nullptr;
    j["final_logit_softcapping"] = nullptr;
    const ModelConfig off = parseModelConfig(j, "config.json");
    QCOMPARE(off.attentionSoftcap, 0.0);
    QCOMPARE(off.finalLogitSoftcap, 0.0);
    j["attn_logit_softcapping"] = -1;
    QVERIFY(errorOf(j).contains("field 'attn_logit_softcapping'"));
    j["attn_logit_softcapping"] = 50;
    j["hidden_activation"] = "relu";
    const QString err = errorOf(j);
    QVERIFY2(err.contains("field 'hidden_activation'") && err.contains("'relu'"), qPrintable(err));
  }

  // Gemma 3 (text): per-head q / k norms, no soft-caps, every 6th layer full (or the older
  // sliding_window_pattern), the sliding layers' RoPE base from rope_local_base_freq or from
  // transformers 5's per-layer-type rope_parameters; bidirectional attention and the multimodal
  // folder are refused by name.
  void gemma3() {
    json j = llama();
    j["model_type"] = "gemma3_text";
    j["num_hidden_layers"] = 7;
    ModelConfig c = parseModelConfig(j, "config.json");
    QVERIFY(c.qkNorm == QkNorm::PerHead && c.embeddingScaledInModule);
    QCOMPARE(c.attentionSoftcap, 0.0);
    QCOMPARE(c.finalLogitSoftcap, 0.0);
    QCOMPARE(c.ropeTheta, 1000000.0);
    QCOMPARE(c.localRopeTheta, 10000.0);
    for (int64_t i = 0; i < 7; ++i) QCOMPARE(c.windowedLayer(i), i != 5);
    for (int64_t i = 0; i < 7; ++i) QCOMPARE(c.localRopeLayer(i), i != 5);
    j["sliding_window"] = nullptr;  // no window, but the sliding layers keep their own RoPE base
    c = parseModelConfig(j, "config.json");
    QVERIFY(!c.windowedLayer(0) && c.localRopeLayer(0) && !c.localRopeLayer(5));
    j.erase("sliding_window");
    j["sliding_window_pattern"] = 2;
    c = parseModelConfig(j, "config.json");
    QVERIFY(c.windowedLayer(0) && !c.windowedLayer(1));
    j.erase("sliding_window_pattern");
    j["rope_parameters"] = {{"full_attention", {{"rope_type", "linear"}, {"factor", 8.0}, {"rope_theta", 1000000.0}}},
                            {"sliding_attention", {{"rope_type", "default"}, {"rope_theta", 10000.0}}}};
    c = parseModelConfig(j, "config.json");
    QCOMPARE(c.ropeScaling.type, std::string("linear"));
    QCOMPARE(c.ropeScaling.factor, 8.0);
    QCOMPARE(c.localRopeTheta, 10000.0);
    j["rope_parameters"]["sliding_attention"].erase("rope_theta");  // Gemma 3's local default, not the global one
    QCOMPARE(parseModelConfig(j, "config.json").localRopeTheta, 10000.0);
    j["rope_parameters"]["sliding_attention"]["rope_type"] = "yarn";
    QVERIFY(errorOf(j).contains("field 'rope_parameters.sliding_attention.rope_type'"));
    j.erase("rope_parameters");
    j["use_bidirectional_attention"] = true;
    QVERIFY(errorOf(j).contains("field 'use_bidirectional_attention'"));
    json mm = {{"model_type", "gemma3"}, {"text_config", llama()}};
    ErrorCategory category{};
    const QString err = errorOf(mm, &category);
    QVERIFY2(err.contains("unsupported architecture 'gemma3'") && err.contains("multimodal") && err.contains("gemma3_text"), qPrintable(err));
    QCOMPARE(category, ErrorCategory::Unsupported);
  }

  // OLMo 2: post-norms, whole-projection q / k norms, float32 weight before the cast.
  void olmo2() {
    json j = llama();
    j["model_type"] = "olmo2";
    const ModelConfig c = parseModelConfig(j, "config.json");
    QVERIFY(c.normPlacement == NormPlacement::Post && c.qkNorm == QkNorm::WholeProjection && c.rmsNormStyle == RmsNormStyle::WeightThenCast);
    QVERIFY(!c.tieWordEmbeddings);
  }

  // Granite: the four multipliers, 1.0 when absent; zero or negative refused by name.
  void granite() {
    json j = llama();
    j["model_type"] = "granite";
    ModelConfig c = parseModelConfig(j, "config.json");
    QCOMPARE(c.embeddingMultiplier, 1.0);
    QCOMPARE(c.attentionScale, 1.0);
    j["embedding_multiplier"] = 12.0;
    j["attention_multiplier"] = 0.015625;
    j["residual_multiplier"] = 0.22;
    j["logits_scaling"] = 8.0;
    c = parseModelConfig(j, "config.json");
    QCOMPARE(c.embeddingMultiplier, 12.0);
    QVERIFY(!c.embeddingMultiplierInDtype);
    QCOMPARE(c.attentionScale, 0.015625);
    QCOMPARE(c.residualMultiplier, 0.22);
    QCOMPARE(c.logitsDivisor, 8.0);
    j["logits_scaling"] = 0;
    QVERIFY(errorOf(j).contains("field 'logits_scaling'"));
    j["logits_scaling"] = "8";
    QVERIFY(errorOf(j).contains("field 'logits_scaling'"));
  }

  // Phi-3: fused projections, partial rotary, LongRoPE (su / yarn renamed as Phi3Config does) with
  // one factor per rotary frequency, the factor from the two context lengths.
  void phi3() {
    json j = llama();
    j["model_type"] = "phi3";
    j["partial_rotary_factor"] = 0.75;  // 16 x 0.75 = 12 rotary dims: 6 factors
    j["max_position_embeddings"] = 8192;
    j["original_max_position_embeddings"] = 2048;
    j["rope_scaling"] = {{"type", "su"}, {"short_factor", {1, 1, 1, 1, 1, 1}}, {"long_factor", {1, 2, 3, 4, 5, 6}}};
    const ModelConfig c = parseModelConfig(j, "config.json");
    QVERIFY(c.fusedProjections);
    QCOMPARE(c.rotaryDim(), int64_t(12));
    QCOMPARE(c.ropeScaling.type, std::string("longrope"));
    QCOMPARE(c.ropeScaling.factor, 4.0);
    QCOMPARE(c.ropeScaling.originalMaxPositionEmbeddings, int64_t(2048));
    QCOMPARE(c.ropeScaling.longFactor.size(), size_t(6));
    j["rope_scaling"]["long_factor"] = {1, 2, 3};
    QString err = errorOf(j);
    QVERIFY2(err.contains("field 'rope_scaling.long_factor'") && err.contains("expected 6 entries"), qPrintable(err));
    j["rope_scaling"] = {{"type", "linear"}, {"factor", 2.0}};
    QVERIFY(errorOf(j).contains("Phi-3 supports only LongRoPE"));
    j["rope_scaling"] = nullptr;
    j["partial_rotary_factor"] = 1.5;
    QVERIFY(errorOf(j).contains("field 'partial_rotary_factor'"));
    // LongRoPE elsewhere: transformers 4.57 would read its original context only from Phi-3's layout.
    json l = llama();
    l["rope_scaling"] = {{"rope_type", "longrope"}, {"short_factor", json::array()}, {"long_factor", json::array()}};
    err = errorOf(l);
    QVERIFY2(err.contains("field 'rope_scaling.rope_type'") && err.contains("Phi-3"), qPrintable(err));
  }

  // Qwen3-MoE: experts on every decoder_sparse_step-th layer except mlp_only_layers; malformed
  // expert settings and the router loss are refused by name.
  void qwen3Moe() {
    json j = llama();
    j["model_type"] = "qwen3_moe";
    j["num_hidden_layers"] = 4;
    j["num_experts"] = 8;
    j["num_experts_per_tok"] = 2;
    j["decoder_sparse_step"] = 2;
    j["mlp_only_layers"] = {3};
    const ModelConfig c = parseModelConfig(j, "config.json");
    QVERIFY(c.qkNorm == QkNorm::PerHead);
    QCOMPARE(c.moeIntermediateSize, int64_t(768));
    QVERIFY(!c.sparseLayer(0) && c.sparseLayer(1) && !c.sparseLayer(2) && !c.sparseLayer(3));
    j["num_experts_per_tok"] = 9;
    QVERIFY(errorOf(j).contains("field 'num_experts_per_tok'"));
    j["num_experts_per_tok"] = 2;
    j["mlp_only_layers"] = {7};
    QVERIFY(errorOf(j).contains("field 'mlp_only_layers'"));
    j["mlp_only_layers"] = nullptr;
    j["use_sliding_window"] = true;
    QCOMPARE(parseModelConfig(j, "config.json").slidingWindow, int64_t(4096));
    j["sliding_window"] = nullptr;  // transformers: no window
    QCOMPARE(parseModelConfig(j, "config.json").slidingWindow, int64_t(0));
    j["output_router_logits"] = true;
    QVERIFY(errorOf(j).contains("field 'output_router_logits'"));
    j.erase("output_router_logits");
    // transformers 5's name for the expert count.
    j.erase("num_experts");
    j["num_local_experts"] = 6;
    QCOMPARE(parseModelConfig(j, "config.json").numExperts, int64_t(6));
    j["num_local_experts"] = -1;
    QVERIFY(errorOf(j).contains("field 'num_local_experts'"));
  }

  void ropeLegacyAndV5Keys() {
    json legacy = llama();
    legacy["rope_theta"] = 500000;  // integer in JSON is accepted
    legacy["rope_scaling"] = {{"type", "llama3"}, {"factor", 8.0}, {"low_freq_factor", 1.0}, {"high_freq_factor", 4.0},
                              {"original_max_position_embeddings", 8192}};
    const ModelConfig a = parseModelConfig(legacy, "config.json");
    json v5 = llama();
    v5["rope_parameters"] = {{"rope_type", "llama3"}, {"rope_theta", 500000.0}, {"factor", 8.0},
                             {"low_freq_factor", 1.0}, {"high_freq_factor", 4.0},
                             {"original_max_position_embeddings", 8192}};
    const ModelConfig b = parseModelConfig(v5, "config.json");
    for (const ModelConfig* c : {&a, &b}) {
      QCOMPARE(c->ropeScaling.type, std::string("llama3"));
      QCOMPARE(c->ropeTheta, 500000.0);
      QCOMPARE(c->ropeScaling.factor, 8.0);
      QCOMPARE(c->ropeScaling.originalMaxPositionEmbeddings, int64_t(8192));
    }
  }

  void eosListAndDtypeKeys() {
    json j = llama();
    j["eos_token_id"] = {128001, 128009};
    j["dtype"] = "bfloat16";  // transformers v5 name
    const ModelConfig c = parseModelConfig(j, "config.json");
    QCOMPARE(c.eosTokenIds, (std::vector<int64_t>{128001, 128009}));
    QCOMPARE(c.torchDtype, std::string("bfloat16"));
  }

  void gpt2() {
    const json j = {{"model_type", "gpt2"}, {"vocab_size", 50257}, {"n_embd", 768}, {"n_layer", 12}, {"n_head", 12}};
    const ModelConfig c = parseModelConfig(j, "config.json");
    QCOMPARE(c.family, DecoderFamily::Gpt2);
    QCOMPARE(c.intermediateSize, int64_t(3072));
    QCOMPARE(c.maxPositionEmbeddings, int64_t(1024));
    QVERIFY(c.tieWordEmbeddings);
  }

  void badInput_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");  // JSON text, or "<remove>"
    QTest::addColumn<QString>("expectedField");
    QTest::addColumn<QString>("expectedText");
    QTest::newRow("missing hidden_size") << "hidden_size" << "<remove>" << "hidden_size" << "missing required key";
    QTest::newRow("string layers") << "num_hidden_layers" << "\"two\"" << "num_hidden_layers" << "expected an integer";
    QTest::newRow("zero heads") << "num_attention_heads" << "0" << "num_attention_heads" << "must be positive";
    QTest::newRow("kv heads not dividing") << "num_key_value_heads" << "3" << "num_key_value_heads" << "must divide";
    QTest::newRow("unsupported arch") << "model_type" << "\"mamba\"" << "model_type" << "unsupported architecture 'mamba'";
    QTest::newRow("missing model_type") << "model_type" << "<remove>" << "model_type" << "missing required key";
    QTest::newRow("unknown rope") << "rope_scaling" << "{\"rope_type\": \"proportional\"}" << "rope_scaling.rope_type" << "unsupported rope type";
    QTest::newRow("longrope without factors") << "rope_scaling" << "{\"rope_type\": \"longrope\"}" << "rope_scaling.short_factor" << "expected a list of numbers";
    QTest::newRow("llama3 rope w/o original") << "rope_scaling" << "{\"rope_type\": \"llama3\", \"factor\": 8}"
                                              << "rope_scaling.original_max_position_embeddings" << "required";
    QTest::newRow("bad activation") << "hidden_act" << "\"gelu\"" << "hidden_act" << "unsupported activation 'gelu' (supported: silu, gelu_pytorch_tanh)";
    QTest::newRow("odd head_dim") << "head_dim" << "7" << "head_dim" << "even";
  }

  void badInput() {
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, expectedField);
    QFETCH(QString, expectedText);
    json j = llama();
    if (value == "<remove>") j.erase(key.toStdString());
    else j[key.toStdString()] = json::parse(value.toStdString());
    const QString err = errorOf(j);
    QVERIFY2(err.contains("/models/x/config.json"), qPrintable(err));
    QVERIFY2(err.contains("field '" + expectedField + "'"), qPrintable(err));
    QVERIFY2(err.contains(expectedText), qPrintable(err));
  }

  void fileErrors() {
    QTemporaryDir dir;
    try {
      loadModelConfig(dir.path().toStdString());
      QFAIL("no error for a folder without config.json");
    } catch (const Error& e) {
      QCOMPARE(e.category(), ErrorCategory::Io);
      QVERIFY(QString(e.what()).contains("config.json not found"));
    }
    std::ofstream(dir.path().toStdString() + "/config.json") << "{\"model_type\": \"llama\",\n \"vocab_size\": 12,,}";
    try {
      loadModelConfig(dir.path().toStdString());
      QFAIL("no error for broken JSON");
    } catch (const Error& e) {
      QCOMPARE(e.category(), ErrorCategory::Format);
      QVERIFY2(QString(e.what()).contains("config.json:2"), e.what());  // names the line
    }
  }
};

QTEST_APPLESS_MAIN(TestModelConfig)
#include "test_model_config.moc"
