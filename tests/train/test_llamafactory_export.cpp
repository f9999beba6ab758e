// RUN.json → LLaMA-Factory job (issue 22): every RUN.json key has a decision; a matrix of runs
// becomes the YAML keys expected; keys LLaMA-Factory lacks are refused by name with nothing
// written; import-llamafactory(export-job(RUN.json)) gives back the same run (same examples, same
// hyper-parameters, the effective batch kept across GPU counts); launch.sh starts what it should;
// and LLaMA-Factory 0.9.5's own argument parsing, dataset registry, DeepSpeed's and accelerate's
// config classes accept the folders and read back the values written (interop, reference env).
#include <QTemporaryDir>
#include <QtTest>
#include <set>

#include "peftdesk/cluster_job.h"
#include "peftdesk/dataset.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "peftdesk/llamafactory_import.h"
#include "peftdesk/lr_schedule.h"
#include "peftdesk/run_config.h"
#include "test_support.h"
#include "train/llamafactory_job.h"
#include "train/run_config_fields.h"
#include "train/yaml_reader.h"
#include "train/yaml_writer.h"

using namespace peftdesk;
using nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

void writeText(const QString& path, const std::string& text) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
  f.write(QByteArray::fromStdString(text));
}

std::string readText(const std::string& path) {
  QFile f(QString::fromStdString(path));
  return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string();
}

// Every example of a run's training (or evaluation) data, as the trainer reads it.
std::vector<Example> examples(const RunConfig& c, bool eval) {
  std::vector<DatasetSource> sources = eval ? resolveDatasetSources(c.evalPath, "", c.format) : resolveDatasetSources(c.dataPath, c.datasetNames, c.format);
  if (c.columns)
    for (auto& s : sources) s.columns = *c.columns;
  DatasetLoadOptions o;
  o.maxSamples = c.maxSamples;
  return loadDataset(sources, o).examples;
}

bool sameExamples(const std::vector<Example>& a, const std::vector<Example>& b, QString* why) {
  if (a.size() != b.size()) return *why = QString("%1 vs %2 examples").arg(a.size()).arg(b.size()), false;
  for (size_t i = 0; i < a.size(); ++i) {
    bool same = a[i].system == b[i].system && a[i].text == b[i].text && a[i].tools == b[i].tools && a[i].turns.size() == b[i].turns.size();
    for (size_t t = 0; same && t < a[i].turns.size(); ++t) same = a[i].turns[t].role == b[i].turns[t].role && a[i].turns[t].content == b[i].turns[t].content;
    if (!same) return *why = QString("example %1 differs (%2)").arg(i).arg(QString::fromStdString(a[i].source)), false;
  }
  return true;
}

struct Case {
  std::string name;
  json run;                     // RUN.json (paths relative to the temporary folder)
  ClusterJobOptions options;
  json expect;                  // YAML keys and their values
  std::vector<std::string> absent;  // YAML keys that must not be written
};

}  // namespace

class TestLlamaFactoryExport : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::string dir_;
  std::vector<Case> cases_;
  std::map<std::string, std::string> jobDirs_;

  std::string demoModel() const { return test::sourceDir().toStdString() + "/resources/demo/model"; }

  json baseRun(const std::string& data) const {
    return json{{"model", {{"path", demoModel()}}},
                {"method", {{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 8}, {"lora_alpha", 16}, {"target_modules", "all-linear"}}},
                {"data", {{"path", dir_ + "/" + data}, {"template", "llama3"}, {"cutoff_len", 256}}},
                {"train", {{"max_steps", 12}, {"logging_steps", 1}}},
                {"output_dir", dir_ + "/runs/x"}};
  }

  RunConfig load(const std::string& name, const json& run) {
    const std::string file = dir_ + "/" + name + ".json";
    writeText(QString::fromStdString(file), run.dump(2));
    return loadRunConfig(file);
  }

  // Plans and writes the job; returns its folder.
  std::string exportJob(const Case& c) {
    const RunConfig config = load(c.name, c.run);
    const ClusterJob job = planLlamaFactoryJob(config, c.options);
    const std::string out = dir_ + "/jobs/" + c.name;
    writeClusterJob(job, out);
    return out;
  }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    dir_ = tmp_.path().toStdString();
    // One file per format PeftDesk reads, each with what LLaMA-Factory must map: alpaca with an
    // input and a system column, sharegpt with its tags, OpenAI messages, CSV, plain text.
    json alpaca = json::array();
    for (int i = 0; i < 12; ++i)
      alpaca.push_back({{"instruction", "Say " + std::to_string(i)}, {"input", i % 2 ? "" : "twice"}, {"output", std::to_string(i) + " " + std::to_string(i)},
                        {"system", i % 3 ? "" : "Be brief."}});
    writeText(tmp_.filePath("alpaca.json"), alpaca.dump(1));
    std::string sharegpt, evalShare, messages, csv = "question,answer\n", text;
    for (int i = 0; i < 10; ++i) {
      const json conv{{"dialog", {{{"speaker", "usr"}, {"words", "hi " + std::to_string(i)}}, {{"speaker", "bot"}, {"words", "hello " + std::to_string(i)}}}}};
      (i < 8 ? sharegpt : evalShare) += conv.dump() + "\n";
      messages += json{{"messages", {{{"role", "system"}, {"content", "sys"}}, {{"role", "user"}, {"content", "q" + std::to_string(i)}},
                                     {{"role", "assistant"}, {"content", "a" + std::to_string(i)}}}}}.dump() + "\n";
      csv += "what is " + std::to_string(i) + ",\"it is, " + std::to_string(i) + "\"\n";
      text += "line " + std::to_string(i) + " of some plain text\n" + (i == 4 ? "\n" : "");
    }
    writeText(tmp_.filePath("chat.jsonl"), sharegpt);
    writeText(tmp_.filePath("chat_eval.jsonl"), evalShare);
    writeText(tmp_.filePath("messages.jsonl"), messages);
    writeText(tmp_.filePath("qa.csv"), csv);
    writeText(tmp_.filePath("corpus.txt"), text);
    // A LLaMA-Factory data folder with two entries, one of them named.
    QDir().mkpath(tmp_.filePath("lf"));
    writeText(tmp_.filePath("lf/a.json"), alpaca.dump());
    writeText(tmp_.filePath("lf/b.jsonl"), messages);
    writeText(tmp_.filePath("lf/dataset_info.json"),
              json{{"alpaca_demo", {{"file_name", "a.json"}}},
                   {"msgs", {{"file_name", "b.jsonl"}, {"formatting", "sharegpt"}, {"columns", {{"messages", "messages"}}},
                             {"tags", {{"role_tag", "role"}, {"content_tag", "content"}, {"user_tag", "user"}, {"assistant_tag", "assistant"}, {"system_tag", "system"}}}}}}
                  .dump(2));
    const json shareColumns{{"messages", "dialog"}, {"role_tag", "speaker"}, {"content_tag", "words"}, {"user_tag", "usr"}, {"assistant_tag", "bot"}};

    // LoRA: a module list, modules_to_save, rsLoRA + DoRA, held-out fraction, warm-up ratio.
    Case a{"lora_alpaca", baseRun("alpaca.json"), {}, {}, {}};
    a.run["method"] = {{"peft_type", "LORA"}, {"r", 4},           {"lora_alpha", 8.5}, {"lora_dropout", 0.05}, {"target_modules", {"q_proj", "v_proj"}},
                       {"modules_to_save", {"lm_head"}}, {"use_rslora", true}, {"use_dora", true}, {"bias", "none"}, {"fan_in_fan_out", false}};
    a.run["data"]["val_size"] = 0.25;
    a.run["train"].update({{"eval_steps", 3}, {"warmup_ratio", 0.1}, {"lr_scheduler_type", "linear"}, {"learning_rate", 1e-5},
                           {"weight_decay", 0.01}, {"adam_epsilon", 1e-6}, {"save_steps", 4}});
    a.expect = {{"stage", "sft"}, {"finetuning_type", "lora"}, {"lora_rank", 4}, {"lora_alpha", 8.5}, {"lora_dropout", 0.05},
                {"lora_target", "q_proj,v_proj"}, {"additional_target", "lm_head"}, {"use_rslora", true}, {"use_dora", true},
                {"dataset_dir", "data"}, {"dataset", "train"}, {"template", "llama3"}, {"cutoff_len", 256}, {"val_size", 0.25},
                {"do_eval", true}, {"eval_strategy", "steps"}, {"eval_steps", 3}, {"warmup_ratio", 0.1}, {"lr_scheduler_type", "linear"},
                {"learning_rate", 1e-5}, {"weight_decay", 0.01}, {"adam_epsilon", 1e-6}, {"save_strategy", "steps"}, {"save_steps", 4},
                {"per_device_train_batch_size", 2}, {"gradient_accumulation_steps", 4}, {"bf16", false}, {"fp16", false},
                {"disable_gradient_checkpointing", true}, {"optim", "adamw_torch"}, {"output_dir", "output"}, {"report_to", "none"}, {"seed", 42}};
    a.absent = {"warmup_steps", "deepspeed", "quantization_bit", "eval_dataset", "pissa_init"};
    cases_.push_back(a);

    // QLoRA (nf4 without double quantization) on 4 GPUs, sharegpt with its own tags and a separate
    // evaluation file, cosine with restarts, LoRA+, a paged 8-bit optimizer, no checkpoints, packing.
    Case b{"qlora_sharegpt_4gpu", baseRun("chat.jsonl"), {}, {}, {}};
    b.options.gpusPerNode = 4;
    b.run["model"]["quantization"] = {{"bits", 4}, {"type", "nf4"}, {"double_quant", false}};
    b.run["method"]["r"] = 16;
    b.run["method"]["init_lora_weights"] = true;
    b.run["data"].update({{"format", "sharegpt"}, {"columns", shareColumns}, {"eval_path", dir_ + "/chat_eval.jsonl"}, {"packing", true},
                          {"shuffle", false}, {"template", "qwen"}, {"enable_thinking", false}, {"max_samples", 6}});
    b.run["train"].update({{"precision", "bf16"}, {"gradient_accumulation_steps", 8}, {"lr_scheduler_type", "cosine_with_restarts"},
                           {"lr_scheduler_kwargs", {{"num_cycles", 2}}}, {"loraplus_lr_ratio", 16}, {"optim", "paged_adamw_8bit"},
                           {"save_steps", 0}, {"eval_steps", 0}, {"deterministic", true}, {"gradient_checkpointing", true}, {"warmup_steps", 2}});
    b.expect = {{"quantization_bit", 4}, {"quantization_method", "bnb"}, {"quantization_type", "nf4"}, {"double_quantization", false},
                {"lora_rank", 16}, {"lora_alpha", 16}, {"lora_target", "all"}, {"dataset", "train"}, {"eval_dataset", "eval"},
                {"template", "qwen"}, {"enable_thinking", false}, {"packing", true}, {"disable_shuffling", true}, {"max_samples", 6},
                {"bf16", true}, {"fp16", false}, {"per_device_train_batch_size", 2}, {"gradient_accumulation_steps", 2},
                {"lr_scheduler_type", "cosine_with_restarts"}, {"lr_scheduler_kwargs", {{"num_cycles", 2.0}}}, {"loraplus_lr_ratio", 16.0},
                {"optim", "paged_adamw_8bit"}, {"save_strategy", "no"}, {"do_eval", true}, {"eval_strategy", "no"}, {"full_determinism", true},
                {"disable_gradient_checkpointing", false}, {"warmup_steps", 2}};
    b.absent = {"save_steps", "eval_steps", "warmup_ratio", "val_size", "deepspeed"};
    cases_.push_back(b);

    // Freeze the first 2 layers' complement (negative = first |N|) under ZeRO-3; OpenAI messages.
    Case c{"freeze_messages_zero3", baseRun("messages.jsonl"), {}, {}, {}};
    c.options.gpusPerNode = 2;
    c.options.parallel = ClusterParallel::Zero3;
    c.run["method"] = {{"finetuning_type", "freeze"}, {"freeze_trainable_layers", -1}};
    c.run["data"]["template"] = "chatml";
    c.run["train"].update({{"gradient_accumulation_steps", 2}, {"precision", "fp16"}, {"warmup_steps", 3}});
    c.expect = {{"finetuning_type", "freeze"}, {"freeze_trainable_layers", -1}, {"freeze_trainable_modules", "all"}, {"fp16", true},
                {"deepspeed", "ds_z3_config.json"}, {"gradient_accumulation_steps", 1}, {"template", "chatml"}, {"do_eval", false},
                {"eval_strategy", "no"}};
    c.absent = {"lora_rank", "lora_target", "quantization_bit"};
    cases_.push_back(c);

    // Full fine-tuning with FSDP on 2 nodes × 2 GPUs; a CSV with its own column names.
    Case d{"full_csv_fsdp", baseRun("qa.csv"), {}, {}, {}};
    d.options.gpusPerNode = 2;
    d.options.nodes = 2;
    d.options.parallel = ClusterParallel::Fsdp;
    d.options.modelPath = "org/demo-model";
    d.run["method"] = {{"finetuning_type", "full"}};
    d.run["data"].update({{"columns", {{"prompt", "question"}, {"response", "answer"}}}, {"template", "granite3"}});
    d.run["train"].update({{"gradient_accumulation_steps", 8}, {"precision", "bf16"}});
    d.expect = {{"finetuning_type", "full"}, {"model_name_or_path", "org/demo-model"}, {"gradient_accumulation_steps", 2}};
    d.absent = {"deepspeed", "freeze_trainable_layers"};
    cases_.push_back(d);

    // Plain text → LLaMA-Factory's pre-training stage; PiSSA with 4 subspace iterations; ZeRO-2.
    Case e{"pissa_text_zero2", baseRun("corpus.txt"), {}, {}, {}};
    e.options.parallel = ClusterParallel::Zero2;
    e.run["method"]["init_lora_weights"] = "pissa_niter_4";
    e.run["data"]["template"] = "default";  // plain text is not templated: LLaMA-Factory gets "empty"
    e.expect = {{"stage", "pt"}, {"template", "empty"}, {"pissa_init", true}, {"pissa_iter", 4}, {"pissa_convert", true}, {"packing", true}, {"deepspeed", "ds_z2_config.json"}};
    cases_.push_back(e);

    // A LLaMA-Factory data folder (one named entry), a held-out count, ZeRO-3 with offload.
    Case f{"folder_auto_offload", baseRun("lf"), {}, {}, {}};
    f.options.parallel = ClusterParallel::Zero3Offload;
    f.run["data"].update({{"dataset", "msgs"}, {"template", "gemma"}, {"val_size", 3}});
    f.run["train"]["eval_steps"] = 5;
    f.expect = {{"dataset", "msgs"}, {"template", "gemma"}, {"val_size", 3.0}, {"deepspeed", "ds_z3_offload_config.json"}};
    cases_.push_back(f);
  }

  // Every RUN.json key has a row in the export (written, noted or refused), and no row names a key
  // that does not exist: a new RUN.json key cannot be dropped silently.
  void everyRunKeyHasADecision() {
    std::set<std::string> fields, rows(lfjob::exportedRunKeys().begin(), lfjob::exportedRunKeys().end());
    for (const auto& f : runFields()) fields.insert(f.key);
    for (const auto& k : fields) QVERIFY2(rows.count(k), ("no export decision for RUN.json key " + k).c_str());
    for (const auto& k : rows) QVERIFY2(fields.count(k), ("export row for unknown key " + k).c_str());
  }

  // The YAML we write reads back with the types written (our reader follows PyYAML's resolvers):
  // floats stay floats ("1e-05" would be a string to YAML 1.1), strings that look like other types
  // stay strings.
  void yamlReadsBackTyped() {
    const ojson doc{{"a", 1e-5}, {"b", 2e-4}, {"c", 3.0}, {"d", 0.1}, {"e", -7}, {"f", "no"}, {"g", "1e-4"}, {"h", "true"}, {"i", true},
                    {"j", ojson{{"num_cycles", 2.0}}}, {"k", ojson::array({"x", 1, 2.5})}, {"l", nullptr}, {"m", "a \"quoted\" # not a comment"},
                    {"n", 1e300}, {"o", 123456789012345.0}};
    const json back = parseYamlText(writeYaml(doc, "header\nsecond line"), "doc.yaml");
    for (const auto& [k, v] : doc.items()) {
      if (v.is_null()) {
        QVERIFY2(!back.contains(k), k.c_str());
        continue;
      }
      QVERIFY2(back.contains(k), k.c_str());
      QVERIFY2(json::parse(v.dump()) == back[k], (k + ": " + v.dump() + " came back as " + back[k].dump()).c_str());
      QVERIFY2(v.is_number_float() == back[k].is_number_float(), k.c_str());
    }
    QCOMPARE(QString::fromStdString(yamlScalar(1e-5)), QString("1.0e-05"));
    QCOMPARE(QString::fromStdString(yamlScalar(3.0)), QString("3.0"));
  }

  // Each case's YAML holds the expected keys and values, and not the absent ones.
  void casesMapKeyByKey() {
    for (const Case& c : cases_) {
      const std::string job = exportJob(c);
      jobDirs_[c.name] = job;
      const json y = readYamlFile(job + "/job.yaml");
      for (const auto& [k, v] : c.expect.items())
        QVERIFY2(y.contains(k) && y[k] == v, (c.name + ": " + k + " expected " + v.dump() + ", got " + (y.contains(k) ? y[k].dump() : "nothing")).c_str());
      for (const auto& k : c.absent) QVERIFY2(!y.contains(k), (c.name + ": " + k + " should not be written").c_str());
      // Every key LLaMA-Factory's defaults would otherwise decide is written (study §3.5).
      for (const char* k : {"cutoff_len", "learning_rate", "per_device_train_batch_size", "per_device_eval_batch_size", "gradient_accumulation_steps",
                            "lr_scheduler_type", "optim", "logging_steps", "save_total_limit", "disable_gradient_checkpointing", "template", "seed",
                            "max_grad_norm", "stage", "do_train", "do_eval", "eval_strategy", "save_strategy", "bf16", "fp16"})
        QVERIFY2(y.contains(k), (c.name + ": " + k + " not written").c_str());
      // The job keeps its RUN.json and says, in its README, what differs.
      QVERIFY(readJsonFile(job + "/peftdesk_run.json") == load(c.name, c.run).resolved);
      const std::string readme = readText(job + "/README.md");
      QVERIFY2(readme.find("What differs") != std::string::npos && readme.find("nan_policy") != std::string::npos, c.name.c_str());
    }
    // Data files: JSON / JSON Lines copied byte for byte; CSV and TXT as JSON Lines of our records.
    QCOMPARE(readText(jobDirs_["lora_alpaca"] + "/data/train.json"), readText(dir_ + "/alpaca.json"));
    QCOMPARE(readText(jobDirs_["qlora_sharegpt_4gpu"] + "/data/eval.jsonl"), readText(dir_ + "/chat_eval.jsonl"));
    const json info = readJsonFile(jobDirs_["full_csv_fsdp"] + "/data/dataset_info.json");
    QCOMPARE(info["train"]["file_name"].get<std::string>(), std::string("train.jsonl"));
    QCOMPARE(info["train"]["columns"], (json{{"prompt", "question"}, {"response", "answer"}}));  // no query column in this file
    QVERIFY(readText(jobDirs_["full_csv_fsdp"] + "/data/train.jsonl").find(R"({"answer":"it is, 3","question":"what is 3"})") != std::string::npos);
    const json share = readJsonFile(jobDirs_["qlora_sharegpt_4gpu"] + "/data/dataset_info.json");
    QCOMPARE(share["train"]["formatting"].get<std::string>(), std::string("sharegpt"));
    QCOMPARE(share["eval"]["tags"]["role_tag"].get<std::string>(), std::string("speaker"));
    QCOMPARE(readJsonFile(jobDirs_["pissa_text_zero2"] + "/data/dataset_info.json")["train"]["columns"], (json{{"prompt", "text"}}));
    const json alpacaInfo = readJsonFile(jobDirs_["lora_alpaca"] + "/data/dataset_info.json");
    QCOMPARE(alpacaInfo["train"]["columns"], (json{{"prompt", "instruction"}, {"query", "input"}, {"response", "output"}, {"system", "system"}}));
    // DeepSpeed: "auto" where transformers fills from the YAML; offload pins the Trainer's optimizer.
    const json z3o = readJsonFile(jobDirs_["folder_auto_offload"] + "/ds_z3_offload_config.json");
    QCOMPARE(z3o["zero_optimization"]["stage"].get<int>(), 3);
    QCOMPARE(z3o["zero_optimization"]["offload_optimizer"]["device"].get<std::string>(), std::string("cpu"));
    QCOMPARE(z3o["train_micro_batch_size_per_gpu"].get<std::string>(), std::string("auto"));
    QCOMPARE(z3o["zero_force_ds_cpu_optimizer"].get<bool>(), false);
    const json fsdp = readYamlFile(jobDirs_["full_csv_fsdp"] + "/fsdp_config.yaml");
    QCOMPARE(fsdp["num_processes"].get<int>(), 4);
    QCOMPARE(fsdp["num_machines"].get<int>(), 2);
    QCOMPARE(fsdp["mixed_precision"].get<std::string>(), std::string("bf16"));
    QCOMPARE(fsdp["fsdp_config"]["fsdp_sharding_strategy"].get<std::string>(), std::string("FULL_SHARD"));
  }

  // import-llamafactory(export-job(RUN.json)) trains the same run: every hyper-parameter equal (the
  // effective batch after a GPU-count change), the same examples from the copied data.
  void roundTripGivesTheSameRun() {
    for (const Case& c : cases_) {
      const RunConfig a = load(c.name, c.run);
      const std::string job = jobDirs_.at(c.name);
      const LlamaFactoryImport imported = importLlamaFactoryYaml(job + "/job.yaml");
      std::vector<ConfigProblem> problems;
      const RunConfig b = parseRunConfig(imported.run, job + "/RUN.json", &problems);
      for (const auto& p : problems) QVERIFY2(p.field == "model.path" && c.options.modelPath.size(), (c.name + ": " + p.field + ": " + p.message).c_str());
      const std::string n = c.name + ": ";
      auto same = [&](const char* what, auto x, auto y) { QVERIFY2(x == y, (n + what).c_str()); };
      if (c.options.modelPath.empty()) same("model.path", a.modelPath, b.modelPath);
      same("mode", a.mode, b.mode);
      same("freeze_trainable_layers", a.freezeTrainableLayers, b.freezeTrainableLayers);
      if (a.mode == TrainingMode::Peft) {
        for (const char* k : {"r", "lora_alpha", "lora_dropout", "target_modules", "modules_to_save", "use_rslora", "use_dora"}) {
          const json x = a.method.value(k, json()), y = b.method.value(k, json());
          QVERIFY2(x == y || (x.is_null() && std::string(k) == "lora_dropout" && y == 0.0), (n + "method." + k + ": " + x.dump() + " vs " + y.dump()).c_str());
        }
        const json ia = a.method.value("init_lora_weights", json(true)), ib = b.method.value("init_lora_weights", json(true));
        same("init_lora_weights", ia, ib);
      }
      same("quantization", a.quantization.enabled, b.quantization.enabled);
      same("quantization.type", a.quantization.type, b.quantization.type);
      same("quantization.double_quant", a.quantization.doubleQuant, b.quantization.doubleQuant);
      if (readYamlFile(job + "/job.yaml")["stage"] != "pt") same("template", a.templateName, b.templateName);
      for (auto [what, x, y] : {std::tuple{"cutoff_len", a.cutoffLen, b.cutoffLen}, {"max_samples", a.maxSamples, b.maxSamples},
                                {"max_steps", a.maxSteps, b.maxSteps}, {"eval batch", a.evalBatchSize, b.evalBatchSize},
                                {"warmup_steps", a.warmupSteps, b.warmupSteps}, {"logging_steps", a.loggingSteps, b.loggingSteps},
                                {"eval_steps", a.evalSteps, b.evalSteps}, {"save_steps", a.saveSteps, b.saveSteps},
                                {"save_total_limit", a.saveTotalLimit, b.saveTotalLimit}, {"batch", a.batchSize, b.batchSize},
                                {"effective batch", a.batchSize * a.gradAccumSteps,
                                 b.batchSize * b.gradAccumSteps * c.options.gpusPerNode * c.options.nodes}})
        QVERIFY2(x == y, (n + what + ": " + std::to_string(x) + " vs " + std::to_string(y)).c_str());
      for (auto [what, x, y] : {std::tuple{"val_size", a.valSize, b.valSize}, {"learning_rate", a.learningRate, b.learningRate},
                                {"epochs", a.numTrainEpochs, b.numTrainEpochs}, {"warmup_ratio", a.warmupRatio, b.warmupRatio},
                                {"num_cycles", a.numCycles, b.numCycles}, {"max_grad_norm", a.maxGradNorm, b.maxGradNorm},
                                {"weight_decay", a.weightDecay, b.weightDecay}, {"beta1", a.adamBeta1, b.adamBeta1},
                                {"beta2", a.adamBeta2, b.adamBeta2}, {"epsilon", a.adamEpsilon, b.adamEpsilon},
                                {"loraplus", a.loraplusLrRatio.value_or(0), b.loraplusLrRatio.value_or(0)}})
        QVERIFY2(x == y, (n + what + ": " + std::to_string(x) + " vs " + std::to_string(y)).c_str());
      same("scheduler", a.schedulerType, b.schedulerType);
      same("optim", a.optim, b.optim);
      same("precision", a.precision, b.precision);
      same("gradient_checkpointing", a.gradientCheckpointing, b.gradientCheckpointing);
      same("seed", a.seed, b.seed);
      same("deterministic", a.deterministic, b.deterministic);
      same("shuffle", a.shuffle, b.shuffle);
      same("enable_thinking", a.enableThinking, b.enableThinking);
      same("train_on_prompt", a.trainOnPrompt, b.trainOnPrompt);
      same("mask_history", a.maskHistory, b.maskHistory);
      if (readYamlFile(job + "/job.yaml")["stage"] != "pt") same("packing", a.packing, b.packing);  // text is cut into blocks either way
      QString why;
      QVERIFY2(sameExamples(examples(a, false), examples(b, false), &why), qPrintable(QString::fromStdString(n) + "training data: " + why));
      same("eval data", a.evalPath.empty(), b.evalPath.empty());
      if (!a.evalPath.empty()) QVERIFY2(sameExamples(examples(a, true), examples(b, true), &why), qPrintable(QString::fromStdString(n) + "eval data: " + why));
    }
  }

  // Keys LLaMA-Factory has no equivalent for are refused by their RUN.json name, all at once, and
  // the CLI writes nothing.
  void refusalsNameTheKey() {
    auto refused = [&](const std::string& name, const json& patch, const ClusterJobOptions& options, const QStringList& words) {
      json run = baseRun("alpaca.json");
      run.merge_patch(patch);
      const QString error = test::errorOf([&] { planLlamaFactoryJob(load(name, run), options); });
      for (const auto& w : words) QVERIFY2(error.contains(w), qPrintable(QString::fromStdString(name) + ": no '" + w + "' in: " + error));
      QVERIFY2(error.contains(QString::fromStdString(dir_ + "/" + name + ".json")), qPrintable(error));
    };
    const ClusterJobOptions one;
    const std::vector<json> otherMethods = {
        {{"peft_type", "LOHA"}, {"r", 4}, {"alpha", 4}, {"target_modules", {"q_proj"}}},
        {{"peft_type", "LOKR"}, {"r", 4}, {"alpha", 4}, {"target_modules", {"q_proj"}}},
        {{"peft_type", "ADALORA"}, {"init_r", 4}, {"target_r", 2}, {"total_step", 12}, {"target_modules", {"q_proj"}}},
        {{"peft_type", "IA3"}, {"target_modules", {"q_proj", "down_proj"}}, {"feedforward_modules", {"down_proj"}}},
        {{"peft_type", "PREFIX_TUNING"}, {"num_virtual_tokens", 4}},
        {{"peft_type", "PROMPT_TUNING"}, {"num_virtual_tokens", 4}},
        {{"peft_type", "BOTTLENECK"}, {"config", "seq_bn"}}};
    for (const json& method : otherMethods) {
      const std::string type = method["peft_type"].get<std::string>();
      json run = baseRun("alpaca.json");
      run["method"] = method;
      const QString error = test::errorOf([&] { planLlamaFactoryJob(load("t_" + type, run), one); });
      QVERIFY2(error.contains("method.peft_type") && error.contains(QString::fromStdString("no " + type)), qPrintable(error));
    }
    refused("olora", {{"method", {{"init_lora_weights", "olora"}}}}, one, {"method.init_lora_weights", "olora"});
    refused("regex", {{"method", {{"target_modules", ".*proj"}}}}, one, {"method.target_modules", "regular expression"});
    refused("bias", {{"method", {{"bias", "all"}, {"layers_to_transform", {0}}}}}, one, {"method.bias", "method.layers_to_transform", "2 settings"});
    refused("blocksize", {{"model", {{"quantization", {{"bits", 4}, {"blocksize", 128}}}}}}, one, {"model.quantization.blocksize", "64"});
    refused("smollm3", {{"data", {{"template", "smollm3"}}}}, one, {"data.template", "smollm3"});
    // Templates whose LLaMA-Factory namesake trains other tokens (test_llamafactory_templates), also
    // when auto picks one: the demo model has no chat template of its own, so auto is "default".
    refused("qwen3tpl", {{"data", {{"template", "qwen3"}}}}, one, {"data.template", "qwen3: ", "think block", "chatml, qwen"});
    refused("autotpl", {{"data", {{"template", "auto"}}}}, one, {"data.template", "default: ", "EOS"});
    refused("val1", {{"data", {{"val_size", 1}}}}, one, {"data.val_size", "whole data set"});
    refused("nanskip", {{"train", {{"nan_policy", "skip"}}}}, one, {"train.nan_policy"});
    ClusterJobOptions three;
    three.gpusPerNode = 3;
    refused("accum", json::object(), three, {"train.gradient_accumulation_steps", "3 GPUs", "1, 2, 4"});
    refused("qpissa", {{"model", {{"quantization", {{"bits", 4}}}}}, {"method", {{"init_lora_weights", "pissa"}}}}, one, {"method.init_lora_weights", "quantized"});
    ClusterJobOptions z3;
    z3.parallel = ClusterParallel::Zero3;
    refused("pissaz3", {{"method", {{"init_lora_weights", "pissa"}}}}, z3, {"method.init_lora_weights", "ZeRO-3"});
    ClusterJobOptions off;
    off.parallel = ClusterParallel::Zero3Offload;
    refused("offload8bit", {{"train", {{"optim", "adamw_8bit"}}}}, off, {"train.optim", "CPU memory"});
    // Data: token ids, and a malformed record (named by file, line and field).
    writeText(tmp_.filePath("tok.jsonl"), "{\"input_ids\": [1, 2, 3]}\n");
    refused("tokenized", {{"data", {{"path", dir_ + "/tok.jsonl"}}}}, one, {"data.format", "input_ids"});
    writeText(tmp_.filePath("bad.jsonl"), "{\"instruction\": \"a\", \"output\": \"b\"}\n{\"instruction\": \"a\", \"output\": 5}\n");
    refused("badrecord", {{"data", {{"path", dir_ + "/bad.jsonl"}}}}, one, {"data.path", "bad.jsonl:2", "output", "1 malformed"});
    // An adapter to continue that LLaMA-Factory cannot (it resumes LoRA only).
    QDir().mkpath(tmp_.filePath("ia3"));
    writeText(tmp_.filePath("ia3/adapter_config.json"),
              R"({"peft_type": "IA3", "task_type": "CAUSAL_LM", "target_modules": ["q_proj", "down_proj"], "feedforward_modules": ["down_proj"]})");
    writeText(tmp_.filePath("ia3/adapter_model.safetensors"), "x");
    refused("ia3adapter", {{"model", {{"adapter", dir_ + "/ia3"}}}}, one, {"model.adapter", "LoRA adapters only", "IA3"});

    // The CLI: exit 1 with every refusal, nothing written.
    json run = baseRun("alpaca.json");
    run["method"]["init_lora_weights"] = "olora";
    run["train"]["nan_policy"] = "skip";
    writeText(tmp_.filePath("cli_bad.json"), run.dump());
    const QString out = tmp_.filePath("cli_bad_job");
    const auto r = test::runCli({"export-job", tmp_.filePath("cli_bad.json"), "--out", out, "--gpus", "2"});
    QVERIFY2(r.exitCode != 0 && r.stderrText.contains("2 settings") && r.stderrText.contains("train.nan_policy") &&
                 r.stderrText.contains("method.init_lora_weights"),
             qPrintable(r.stderrText));
    QVERIFY(!QFileInfo::exists(out));
    QVERIFY(QDir(tmp_.path()).entryList({".cli_bad_job*"}, QDir::AllEntries | QDir::Hidden).isEmpty());  // no staging folder left
    const auto both = test::runCli({"export-job", tmp_.filePath("cli_bad.json"), "--out", out, "--fsdp", "--deepspeed", "zero2"});
    QVERIFY2(both.exitCode != 0 && both.stderrText.contains("choose one"), qPrintable(both.stderrText));
    const auto engine = test::runCli({"export-job", tmp_.filePath("cli_bad.json"), "--out", out, "--engine", "axolotl"});
    QVERIFY2(engine.exitCode != 0 && engine.stderrText.contains("axolotl"), qPrintable(engine.stderrText));
  }

  // The CLI writes the folder, prints the notes, refuses a non-empty target.
  void cliWritesTheJob() {
    json run = baseRun("alpaca.json");
    run["data"]["val_size"] = 0.2;
    writeText(tmp_.filePath("cli.json"), run.dump());
    const QString out = tmp_.filePath("cli_job");
    auto r = test::runCli({"export-job", tmp_.filePath("cli.json"), "--out", out, "--gpus", "2", "--deepspeed", "zero2", "--set", "train.max_steps=30"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    QVERIFY2(r.stderrText.contains("note: val_size") && r.stderrText.contains("2 GPU(s), zero2, template llama3"), qPrintable(r.stderrText));
    const json y = readYamlFile(out.toStdString() + "/job.yaml");
    QCOMPARE(y["max_steps"].get<int>(), 30);
    QCOMPARE(y["gradient_accumulation_steps"].get<int>(), 2);
    QVERIFY(QFileInfo(out + "/launch.sh").isExecutable());
    r = test::runCli({"export-job", tmp_.filePath("cli.json"), "--out", out});
    QVERIFY2(r.exitCode != 0 && r.stderrText.contains("not empty"), qPrintable(r.stderrText));
  }

  // launch.sh: refuses another GPU count than the batch was kept for; otherwise copies job.yaml
  // into output/ and starts llamafactory-cli under torchrun's variables (a stand-in program on PATH
  // records how it was called). bash -n on every script written.
  void launchScriptStartsTheRightThing() {
    for (const auto& [name, dir] : jobDirs_) {
      const auto syntax = test::runProcess("bash", {"-n", QString::fromStdString(dir + "/launch.sh")});
      QVERIFY2(syntax.exitCode == 0, qPrintable(QString::fromStdString(name) + ": " + syntax.stderrText));
    }
    const QString bin = tmp_.filePath("fakebin");
    QDir().mkpath(bin);
    writeText(bin + "/llamafactory-cli", "#!/bin/sh\necho \"$PWD|$*|$FORCE_TORCHRUN|$NNODES|$NODE_RANK|$NPROC_PER_NODE|$MASTER_ADDR\" > \"$RECORD\"\n");
    QFile::setPermissions(bin + "/llamafactory-cli", QFile::permissions(bin + "/llamafactory-cli") | QFileDevice::ExeOwner);
    const QString job = QString::fromStdString(jobDirs_.at("qlora_sharegpt_4gpu"));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("PATH", bin + ":" + env.value("PATH"));
    env.insert("RECORD", tmp_.filePath("record.txt"));
    env.insert("NPROC_PER_NODE", "2");
    p.setProcessEnvironment(env);
    p.start("bash", {job + "/launch.sh"});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 2);  // 2 GPUs, but the batch was kept for 4
    QVERIFY2(p.readAllStandardError().contains("for 4 GPU(s) in all"), "no reason given");
    env.remove("NPROC_PER_NODE");
    env.insert("MASTER_ADDR", "10.0.0.1");
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(tmp_.path());  // launch.sh cds into the job itself
    p.start("bash", {job + "/launch.sh"});
    QVERIFY(p.waitForFinished(30000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QCOMPARE(QString::fromStdString(readText(tmp_.filePath("record.txt").toStdString())).trimmed(), job + "|train job.yaml|1|1|0|4|10.0.0.1");
    QCOMPARE(readText(job.toStdString() + "/output/job.yaml"), readText(job.toStdString() + "/job.yaml"));
  }

  // LLaMA-Factory 0.9.5's own argument parsing (get_train_args) accepts every job and reads back each
  // key with the value written; its dataset registry finds every entry with the formatting and
  // columns written; DeepSpeed's config class accepts the ZeRO files once transformers has filled
  // the "auto" values; accelerate loads the FSDP file; its warm-up arithmetic equals ours. A job
  // with a misspelled key is refused (the check is live). Runs in the LLaMA-Factory reference
  // environment (scripts/setup.sh); skipped, and reported so, without it.
  void acceptedByLlamaFactory() {
    const QString python = test::pythonPath();
    if (python.isEmpty() || !QFile::exists(python)) QSKIP("project venv python not found (PEFTDESK_PYTHON)");
    QStringList args{test::sourceDir() + "/tests/reference/check_llamafactory_job.py"};
    for (const Case& c : cases_) args << QString::fromStdString(jobDirs_.at(c.name));
    // The negative control: a copy of the first job with one key misspelled.
    const QString bad = tmp_.filePath("jobs/misspelled");
    QVERIFY(QDir().mkpath(bad + "/data"));
    const std::string first = jobDirs_.at(cases_.front().name);
    for (const char* f : {"/data/dataset_info.json", "/data/train.json"}) QFile::copy(QString::fromStdString(first + f), bad + f);
    writeText(bad + "/job.yaml", readText(first + "/job.yaml") + "lora_alphaa: 3\n");
    args << bad << "--out" << tmp_.filePath("lf_report.json");
    const auto r = test::runProcess(python, args, 600000);
    if (r.exitCode == 77) QSKIP(qPrintable("LLaMA-Factory reference environment not installed: " + r.stderrText.trimmed()));
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText + r.stdoutText));
    const json report = readJsonFile(tmp_.filePath("lf_report.json").toStdString());
    QCOMPARE(report.size(), cases_.size() + 1);
    for (size_t i = 0; i < cases_.size(); ++i) {
      const Case& c = cases_[i];
      const json& e = report[i];
      const std::string n = c.name + ": ";
      QVERIFY2(e.value("ok", false), (n + e.value("error", std::string("?"))).c_str());
      QVERIFY2(e.value("template_known", false), (n + "template not in LLaMA-Factory's TEMPLATES").c_str());
      const json y = readYamlFile(jobDirs_.at(c.name) + "/job.yaml");
      const json& got = e["args"];
      // Every key written comes back with its value (lists where LLaMA-Factory splits commas).
      for (const auto& [k, v] : y.items()) {
        if (k == "output_dir" || k == "report_to" || !got.contains(k)) continue;
        json want = v;
        if ((k == "lora_target" || k == "additional_target" || k == "dataset" || k == "eval_dataset" || k == "freeze_trainable_modules") && v.is_string()) {
          want = json::array();
          for (const auto& part : QString::fromStdString(v.get<std::string>()).split(',')) want.push_back(part.trimmed().toStdString());
        }
        if (k == "cutoff_len" && y.value("packing", false)) want = v.get<int64_t>() - 1;  // LLaMA-Factory packs into cutoff_len − 1
        const bool equal = got[k] == want || (want.is_number() && got[k].is_number() && got[k].get<double>() == want.get<double>());
        QVERIFY2(equal, (n + k + ": wrote " + v.dump() + ", LLaMA-Factory read " + got[k].dump()).c_str());
      }
      // Keys with a meaning there that we rely on.
      QCOMPARE(got["do_train"].get<bool>(), true);
      QVERIFY2(got["report_to"] == json::array() || got["report_to"] == "none", got["report_to"].dump().c_str());  // transformers' spelling of none
      if (y.contains("deepspeed")) QVERIFY2(got["deepspeed"].is_string(), n.c_str());
      const RunConfig config = load(c.name, c.run);
      const int64_t total = config.maxSteps;
      QCOMPARE(e["warmup_steps_for_total"].get<int64_t>(), warmupStepsFor(config.warmupSteps, config.warmupRatio, total));
      // Data: every entry found, as written, and every record of its file usable to LLaMA-Factory's
      // converter (a non-empty prompt and response) — as many as PeftDesk reads.
      QVERIFY2(!e.contains("datasets_error"), (n + e.value("datasets_error", std::string())).c_str());
      const json info = readJsonFile(jobDirs_.at(c.name) + "/data/dataset_info.json");
      std::map<std::string, json> read;
      for (const json& d : e["datasets"]) read[d.value("name", std::string())] = d;
      for (const auto& [name, entry] : info.items()) {
        QVERIFY2(read.count(name), (n + "entry " + name + " not read").c_str());
        const json& d = read[name];
        QCOMPARE(d["formatting"].get<std::string>(), entry.value("formatting", std::string("alpaca")));
        QCOMPARE(d["dataset_name"].get<std::string>(), entry["file_name"].get<std::string>());
        for (const char* section : {"columns", "tags"})
          if (entry.contains(section))
            for (const auto& [k, v] : entry[section].items()) QVERIFY2(d[k] == v, (n + name + "." + k + ": " + d[k].dump()).c_str());
        QVERIFY2(!d.contains("load_error"), (n + name + ": " + d.value("load_error", std::string())).c_str());
        const RunConfig config = load(c.name, c.run);  // max_samples applies on both sides
        const size_t ours = examples(config, name == "eval").size();
        QVERIFY2(d["rows"] == ours && d["usable_rows"] == ours,
                 (n + name + ": LLaMA-Factory reads " + d["rows"].dump() + " rows, " + d["usable_rows"].dump() + " usable; PeftDesk " + std::to_string(ours)).c_str());
      }
      // DeepSpeed, as the Trainer will finalize it (one process here).
      if (y.contains("deepspeed")) {
        QVERIFY2(!e.contains("deepspeed_error"), (n + e.value("deepspeed_error", std::string())).c_str());
        const json& ds = e["deepspeed"];
        QCOMPARE(ds["zero_stage"].get<int>(), c.options.parallel == ClusterParallel::Zero2 ? 2 : 3);
        QCOMPARE(ds["train_micro_batch_size_per_gpu"].get<int64_t>(), y["per_device_train_batch_size"].get<int64_t>());
        QCOMPARE(ds["gradient_accumulation_steps"].get<int64_t>(), y["gradient_accumulation_steps"].get<int64_t>());
        // One process here: DeepSpeed's product for world size 1 (times the GPUs on the cluster).
        QCOMPARE(ds["train_batch_size"].get<int64_t>(), y["per_device_train_batch_size"].get<int64_t>() * y["gradient_accumulation_steps"].get<int64_t>());
        QCOMPARE(ds["bf16_enabled"].get<bool>(), y["bf16"].get<bool>());
        QCOMPARE(ds["fp16_enabled"].get<bool>(), y["fp16"].get<bool>());
        QCOMPARE(ds["gradient_clipping"].get<double>(), y["max_grad_norm"].get<double>());
        QCOMPARE(ds["offload_optimizer_device"] == "cpu", c.options.parallel == ClusterParallel::Zero3Offload);
        QCOMPARE(ds["offload_param_device"] == "cpu", c.options.parallel == ClusterParallel::Zero3Offload);
      }
      if (c.options.parallel == ClusterParallel::Fsdp) {
        QVERIFY2(!e.contains("fsdp_error"), (n + e.value("fsdp_error", std::string())).c_str());
        QCOMPARE(e["fsdp"]["distributed_type"].get<std::string>(), std::string("FSDP"));
        QCOMPARE(e["fsdp"]["num_processes"].get<int64_t>(), c.options.gpusPerNode * c.options.nodes);
        QCOMPARE(e["fsdp"]["num_machines"].get<int64_t>(), c.options.nodes);
        QCOMPARE(e["fsdp"]["mixed_precision"].get<std::string>(), std::string(y["bf16"].get<bool>() ? "bf16" : y["fp16"].get<bool>() ? "fp16" : "no"));
        QCOMPARE(e["fsdp"]["launch"]["nproc_per_node"].get<int64_t>(), c.options.gpusPerNode);  // what accelerate launch derives
      }
    }
    const json& control = report.back();
    QVERIFY2(!control.value("ok", true) && control.value("error", std::string()).find("lora_alphaa") != std::string::npos, control.dump().c_str());
  }
};

QTEST_GUILESS_MAIN(TestLlamaFactoryExport)
#include "test_llamafactory_export.moc"
