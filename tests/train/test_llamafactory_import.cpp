// LLaMA-Factory YAML → RUN.json (issue 5): their usual SFT and QLoRA configs map key by key
// (LLaMA-Factory defaults made explicit), infrastructure keys are listed as ignored, keys that
// would change the training are refused by name, YAML errors name file and line, and the CLI
// never overwrites an existing file.
#include <QTemporaryDir>
#include <QtTest>

#include "peftdesk/error.h"
#include "peftdesk/llamafactory_import.h"
#include "peftdesk/run_config.h"
#include "test_support.h"

using namespace peftdesk;
using nlohmann::json;

namespace {

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
  const QString path = dir.path() + "/" + name;
  QFile f(path);
  f.open(QIODevice::WriteOnly | QIODevice::Truncate);
  f.write(text);
  return path;
}

const QByteArray kSft = R"(### model
model_name_or_path: models/llama3-8b
trust_remote_code: true

### method
stage: sft
do_train: true
finetuning_type: lora
lora_rank: 8
lora_target: all

### dataset
dataset: identity,alpaca_en_demo
template: llama3
cutoff_len: 2048
max_samples: 1000
overwrite_cache: true
preprocessing_num_workers: 16

### output
output_dir: saves/llama3-8b/lora/sft
logging_steps: 10
save_steps: 500
plot_loss: true
overwrite_output_dir: true
report_to: none  # choices: [none, wandb, tensorboard]

### train
per_device_train_batch_size: 1
gradient_accumulation_steps: 8
learning_rate: 1.0e-4
num_train_epochs: 3.0
lr_scheduler_type: cosine
warmup_ratio: 0.1
bf16: true
ddp_timeout: 180000000
resume_from_checkpoint: null
)";

}  // namespace

class TestLlamaFactoryImport : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void typicalSftConfigMapsKeyByKey() {
    const QString yaml = write(tmp_, "llama3_lora_sft.yaml", kSft);
    const LlamaFactoryImport im = importLlamaFactoryYaml(yaml.toStdString());
    const json& r = im.run;
    const std::string base = tmp_.path().toStdString();
    QCOMPARE(r["model"]["path"].get<std::string>(), base + "/models/llama3-8b");
    QCOMPARE(r["method"]["peft_type"].get<std::string>(), std::string("LORA"));
    QCOMPARE(r["method"]["r"].get<int>(), 8);
    QCOMPARE(r["method"]["lora_alpha"].get<double>(), 16.0);  // LLaMA-Factory: 2 × rank
    QCOMPARE(r["method"]["target_modules"].get<std::string>(), std::string("all-linear"));
    QCOMPARE(r["data"]["path"].get<std::string>(), base + "/data");  // dataset_dir default
    QCOMPARE(r["data"]["dataset"].get<std::string>(), std::string("identity,alpaca_en_demo"));
    QCOMPARE(r["data"]["template"].get<std::string>(), std::string("llama3"));
    QCOMPARE(r["data"]["cutoff_len"].get<int>(), 2048);
    QCOMPARE(r["data"]["max_samples"].get<int>(), 1000);
    QCOMPARE(r["output_dir"].get<std::string>(), base + "/saves/llama3-8b/lora/sft");
    QCOMPARE(r["train"]["learning_rate"].get<double>(), 1e-4);
    QCOMPARE(r["train"]["num_train_epochs"].get<double>(), 3.0);
    QCOMPARE(r["train"]["gradient_accumulation_steps"].get<int>(), 8);
    QCOMPARE(r["train"]["warmup_ratio"].get<double>(), 0.1);
    QCOMPARE(r["train"]["precision"].get<std::string>(), std::string("bf16"));
    QCOMPARE(r["train"]["gradient_checkpointing"].get<bool>(), true);
    bool sawIgnored = false;
    for (const auto& n : im.notes) sawIgnored |= n.find("'report_to'") != std::string::npos;
    QVERIFY(sawIgnored);
    // Every key of the result is a RUN.json key: only path problems remain (nothing exists here).
    std::vector<ConfigProblem> problems;
    parseRunConfig(r, (tmp_.path() + "/RUN.json").toStdString(), &problems);
    for (const auto& p : problems) QVERIFY2(p.field == "model.path" || p.field == "data.path", (p.field + ": " + p.message).c_str());
  }

  void qloraAndPyYamlStringNumbers() {
    const QString yaml = write(tmp_, "qlora.yaml", R"(model_name_or_path: /m
quantization_bit: 4
lora_rank: 16
lora_alpha: 32
lora_target: q_proj, v_proj
learning_rate: 1e-4
bf16: true
optim: paged_adamw_8bit
output_dir: out
dataset_dir: /data
dataset: alpaca_en_demo
)");
    const json r = importLlamaFactoryYaml(yaml.toStdString()).run;
    QCOMPARE(r["model"]["quantization"], (json{{"bits", 4}, {"type", "nf4"}, {"double_quant", true}, {"compute_dtype", "bf16"}}));
    QCOMPARE(r["method"]["target_modules"], (json{"q_proj", "v_proj"}));
    QCOMPARE(r["method"]["lora_alpha"].get<double>(), 32.0);
    QVERIFY(r["method"]["lora_alpha"].is_number_integer());  // as PEFT writes it
    QCOMPARE(r["train"]["learning_rate"].get<double>(), 1e-4);  // a string to PyYAML, a number to LLaMA-Factory
    QCOMPARE(r["data"]["path"].get<std::string>(), std::string("/data"));
    QCOMPARE(r["train"]["optim"].get<std::string>(), std::string("paged_adamw_8bit"));  // QLoRA's paged optimizer
  }

  void pissaAsLlamaFactoryAsksPeftForIt() {
    // pissa_iter defaults to 16 subspace iterations; -1 is the exact SVD.
    const std::vector<std::pair<QByteArray, std::string>> cases = {{"pissa_init: true\n", "pissa_niter_16"},
                                                                    {"pissa_iter: 4\npissa_init: true\n", "pissa_niter_4"},
                                                                    {"pissa_init: true\npissa_iter: -1\npissa_convert: true\n", "pissa"}};
    for (const auto& [keys, init] : cases) {
      const QString yaml = write(tmp_, "pissa.yaml", "model_name_or_path: /m\noutput_dir: o\n" + keys);
      QCOMPARE(importLlamaFactoryYaml(yaml.toStdString()).run["method"]["init_lora_weights"].get<std::string>(), init);
    }
    const QString raw = write(tmp_, "raw.yaml", "model_name_or_path: /m\noutput_dir: o\npissa_init: true\n");
    bool said = false;  // LLaMA-Factory's default pissa_convert false would save the raw adapter: we say we convert
    for (const std::string& note : importLlamaFactoryYaml(raw.toStdString()).notes) said = said || note.find("converted") != std::string::npos;
    QVERIFY(said);
    const QString off = write(tmp_, "off.yaml", "model_name_or_path: /m\noutput_dir: o\npissa_init: false\n");
    QVERIFY(!importLlamaFactoryYaml(off.toStdString()).run["method"].contains("init_lora_weights"));
  }

  void unsupportedKeysAreRefusedByName() {
    auto expectError = [&](const QByteArray& text, const QStringList& mustContain) {
      const QString yaml = write(tmp_, "bad.yaml", text);
      try {
        importLlamaFactoryYaml(yaml.toStdString());
        QFAIL(("no error for: " + text).constData());
      } catch (const Error& e) {
        for (const auto& s : mustContain) QVERIFY2(QString(e.what()).contains(s), e.what());
      }
    };
    expectError("model_name_or_path: m\noutput_dir: o\nneftune_noise_alpha: 5\nuse_galore: true\n",
                {"neftune_noise_alpha", "use_galore", "bad.yaml"});
    expectError("model_name_or_path: m\noutput_dir: o\npissa_init: true\npissa_iter: -5\n", {"pissa_iter", "-1"});
    expectError("model_name_or_path: m\noutput_dir: o\nquantization_bit: 4\npissa_init: true\n", {"pissa_init", "quantization_bit", "bad.yaml"});
    expectError("model_name_or_path: m\noutput_dir: o\nstage: dpo\n", {"stage", "dpo"});
    expectError("model_name_or_path: m\noutput_dir: o\nquantization_bit: 8\n", {"quantization_bit", "4-bit"});
    expectError("model_name_or_path: m\nlearning_rate: fast\noutput_dir: o\n", {"learning_rate", "expected a number"});
    expectError("model_name_or_path: m\n", {"output_dir"});
    expectError("model_name_or_path: m\noutput_dir: o\nlora_rank: [1, 2\n", {"bad.yaml:", "invalid YAML"});
    expectError("model_name_or_path: m\nmodel_name_or_path: n\noutput_dir: o\n", {"bad.yaml:2", "twice"});
  }

  void cliWritesRunJsonAndNeverOverwrites() {
    const QString yaml = write(tmp_, "cli.yaml", kSft);
    const QString out = tmp_.path() + "/imported.json";
    auto r = test::runCli({"import-llamafactory", yaml, "--out", out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QVERIFY2(r.stderrText.contains("note: ignored 'plot_loss'"), qPrintable(r.stderrText));
    QVERIFY2(r.stderrText.contains("warning: model.path"), qPrintable(r.stderrText));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray written = f.readAll();
    QVERIFY(json::parse(written.toStdString())["method"]["r"] == 8);
    r = test::runCli({"import-llamafactory", yaml, "--out", out});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.stderrText.contains("refusing to overwrite"), qPrintable(r.stderrText));
  }
};

QTEST_GUILESS_MAIN(TestLlamaFactoryImport)
#include "test_llamafactory_import.moc"
