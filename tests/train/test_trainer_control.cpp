// The trainer's API as the GUI worker uses it (DESIGN.md §4): observer callbacks, pause / resume,
// stop-and-save from another thread (the run resumes to the same numbers as an uninterrupted
// one), plain stop, and the NaN guard (no bad update applied, the run fails with a clear message
// and keeps its checkpoints). Runs in-process on the tiny Llama fixture with pre-tokenized data.
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include "peftdesk/error.h"
#include "peftdesk/model.h"
#include "peftdesk/safetensors.h"
#include "peftdesk/trainer.h"
#include "train_test_util.h"

using namespace peftdesk;
using namespace peftdesk::test;

namespace {

RunConfig config(const QString& outputDir, int64_t maxSteps) {
  nlohmann::json j = nlohmann::json::parse(QJsonDocument(scenarioRun("cosine_accum", outputDir)).toJson().toStdString());
  j["train"]["max_steps"] = maxSteps;
  j["train"]["save_steps"] = 4;
  std::vector<ConfigProblem> problems;
  RunConfig c = parseRunConfig(j, (outputDir + ".json").toStdString(), &problems);
  for (const auto& p : problems) qWarning("%s: %s", p.field.c_str(), p.message.c_str());
  return c;
}

// Records what the trainer reports; can act on a given step.
struct Recorder : TrainObserver {
  std::vector<StepMetrics> steps;
  std::vector<RunState> states;
  std::vector<int64_t> checkpoints;
  std::function<void(const StepMetrics&)> onStepAction;
  void onState(RunState s, const std::string&) override { states.push_back(s); }
  void onStep(const StepMetrics& m) override {
    steps.push_back(m);
    if (onStepAction) onStepAction(m);
  }
  void onCheckpoint(int64_t step, const std::filesystem::path&) override { checkpoints.push_back(step); }
};

}  // namespace

class TestTrainerControl : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  // What a run killed in its first moment leaves (the empty checkpoints folder, a half-written
  // run.json's temporary) does not block a fresh start or a resume; anything else does.
  void leftoversOfAKilledStartDoNotBlock() {
    QTemporaryDir dir;
    const std::filesystem::path out = dir.filePath("run").toStdString();
    std::filesystem::create_directories(out / "checkpoints");
    writeJson(QString::fromStdString((out / ".run.json.tmp-4242-17").string()), QJsonObject{{"half", true}});
    QCOMPARE(QString::fromStdString(checkOutputFolder(out, StartMode::Fresh)), QString());
    QCOMPARE(QString::fromStdString(checkOutputFolder(out, StartMode::Resume)), QString());
    writeJson(QString::fromStdString((out / "notes.json").string()), QJsonObject{});
    QVERIFY(QString::fromStdString(checkOutputFolder(out, StartMode::Resume)).contains("not empty"));
  }

  void stopAndSaveThenResumeMatchesStraightRun() {
    Recorder straight;
    TrainControl control;
    const TrainResult full = runTraining(config(tmp_.path() + "/straight", 12), StartMode::Fresh, straight, control);
    QVERIFY2(full.state == RunState::Finished, full.error.c_str());
    QCOMPARE(straight.steps.size(), size_t{12});
    QCOMPARE(straight.checkpoints, (std::vector<int64_t>{4, 8, 12}));
    QVERIFY(straight.steps.back().tokens > 0 && straight.steps.back().tokensPerSecond > 0);
    QCOMPARE(straight.steps.back().etaSeconds, 0.0);

    // Pause at step 3 (released from another thread), stop-and-save at step 6.
    Recorder first;
    TrainControl control2;
    std::thread releaser;
    first.onStepAction = [&](const StepMetrics& m) {
      if (m.step == 3) {
        control2.pause = true;
        releaser = std::thread([&] {
          std::this_thread::sleep_for(std::chrono::milliseconds(150));
          control2.pause = false;
        });
      }
      if (m.step == 6) control2.requestStop(StopRequest::StopAndSave);
    };
    const QString dir = tmp_.path() + "/stopped";
    const TrainResult r1 = runTraining(config(dir, 12), StartMode::Fresh, first, control2);
    releaser.join();
    QVERIFY(r1.state == RunState::Stopped);
    QCOMPARE(r1.steps, int64_t{6});
    QVERIFY(std::find(first.states.begin(), first.states.end(), RunState::Paused) != first.states.end());
    QCOMPARE(first.checkpoints, (std::vector<int64_t>{4, 6}));  // the regular one and the stop-and-save one
    QVERIFY(QFile::exists(dir + "/adapter/adapter_model.safetensors"));
    QCOMPARE(readJsonObject(dir + "/status.json").value("state").toString(), QString("stopped"));
    // The run pinned its template day in run.json (none was given): a resume takes it from there,
    // and one asking for another day is refused by name, the run untouched.
    const QString pinnedDay = readJsonObject(dir + "/run.json").value("data").toObject().value("template_date").toString();
    QCOMPARE(pinnedDay, QDate::currentDate().toString(Qt::ISODate));
    {
      RunConfig otherDay = config(dir, 12);
      otherDay.resolved["data"]["template_date"] = otherDay.templateDate = "2025-07-08";
      Recorder refused;
      TrainControl controlRefused;
      try {
        runTraining(otherDay, StartMode::Resume, refused, controlRefused);
        QFAIL("resumed with another template day");
      } catch (const Error& e) {
        QVERIFY2(QString(e.what()).contains("differs from the run's run.json in data.template_date"), e.what());
      }
      QVERIFY(refused.steps.empty());
    }

    Recorder second;
    TrainControl control3;
    const TrainResult r2 = runTraining(config(dir, 12), StartMode::Resume, second, control3);
    QVERIFY2(r2.state == RunState::Finished, r2.error.c_str());
    QCOMPARE(second.steps.front().step, int64_t{7});
    for (size_t i = 0; i < second.steps.size(); ++i) {
      const StepMetrics& a = second.steps[i];
      const StepMetrics& b = straight.steps[6 + i];
      QCOMPARE(a.loss, b.loss);
      QCOMPARE(a.gradNorm, b.gradNorm);
      QCOMPARE(a.learningRate, b.learningRate);
      QCOMPARE(a.tokens, b.tokens);
    }
    QCOMPARE(fileBytes(dir + "/adapter/adapter_model.safetensors"), fileBytes(tmp_.path() + "/straight/adapter/adapter_model.safetensors"));
  }

  void plainStopKeepsTheLastCheckpointOnly() {
    Recorder rec;
    TrainControl control;
    rec.onStepAction = [&](const StepMetrics& m) {
      if (m.step == 5) control.requestStop(StopRequest::Stop);
    };
    const QString dir = tmp_.path() + "/plainstop";
    const TrainResult r = runTraining(config(dir, 12), StartMode::Fresh, rec, control);
    QVERIFY(r.state == RunState::Stopped);
    QCOMPARE(rec.checkpoints, (std::vector<int64_t>{4}));
    QVERIFY(!QFile::exists(dir + "/adapter"));
    QCOMPARE(metricsRows(dir).size(), qsizetype(5));
  }

  void nonFiniteLossStopsWithoutApplyingTheUpdate() {
    const QString dir = tmp_.path() + "/nan";
    RunConfig c = config(dir, 30);
    c.learningRate = 1e12;  // explodes within a few steps
    c.maxGradNorm = 0;
    c.schedulerType = "constant";
    c.saveSteps = 1;
    Recorder rec;
    TrainControl control;
    const TrainResult r = runTraining(c, StartMode::Fresh, rec, control);
    QVERIFY(r.state == RunState::Failed);
    QVERIFY2(r.error.find("non-finite") != std::string::npos && r.error.find("not applied") != std::string::npos, r.error.c_str());
    const QJsonObject status = readJsonObject(dir + "/status.json");
    QCOMPARE(status.value("state").toString(), QString("failed"));
    QVERIFY(status.value("error").toString().contains("non-finite"));
    // Every step before the bad one was checkpointed with finite parameters, and the bad step
    // wrote no metrics row.
    const int64_t bad = r.steps + 1;
    QVERIFY(bad > 1);
    for (const auto& row : metricsRows(dir)) QVERIFY(std::isfinite(row.value("loss").toDouble()) && row.value("step").toInt() < bad);
    QVERIFY(QDir(dir + "/checkpoints/step-" + QString::number(r.steps)).exists());
  }

  void gradientCheckpointingGivesTheSameTraining() {
    // Dropout on: the recomputation must draw the forward's masks again (generator rewound).
    auto run = [&](const QString& name, bool checkpointing) {
      nlohmann::json j = nlohmann::json::parse(QJsonDocument(scenarioRun("cosine_accum", tmp_.path() + "/" + name, false)).toJson().toStdString());
      j["method"] = {{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 4}, {"lora_alpha", 8}, {"lora_dropout", 0.3},
                     {"target_modules", "all-linear"}};
      j["train"]["max_steps"] = 8;
      j["train"]["gradient_checkpointing"] = checkpointing;
      std::vector<ConfigProblem> problems;
      const RunConfig c = parseRunConfig(j, (tmp_.path() + "/" + name + ".json").toStdString(), &problems);
      Recorder rec;
      TrainControl control;
      const TrainResult r = runTraining(c, StartMode::Fresh, rec, control);
      return std::make_pair(r, rec.steps);
    };
    const auto [plainResult, plain] = run("gc-off", false);
    const auto [gcResult, gc] = run("gc-on", true);
    QVERIFY2(plainResult.state == RunState::Finished && gcResult.state == RunState::Finished, gcResult.error.c_str());
    QCOMPARE(gc.size(), plain.size());
    double worst = 0;
    for (size_t i = 0; i < gc.size(); ++i) {
      worst = std::max({worst, std::fabs(gc[i].loss - plain[i].loss), std::fabs(gc[i].gradNorm - plain[i].gradNorm)});
    }
    qInfo("gradient checkpointing: max |difference| of loss / grad norm over 8 steps: %.3g", worst);
    QVERIFY2(worst < 1e-6, qPrintable(QString::number(worst)));
  }

  void qloraAndBf16RunsTrain() {
    // QLoRA: the 4-bit base from model.quantization, bf16 compute; the loss goes down and the
    // adapter is written.
    for (const bool quantized : {true, false}) {
      const QString name = quantized ? "qlora" : "bf16";
      nlohmann::json j = nlohmann::json::parse(QJsonDocument(scenarioRun("cosine_accum", tmp_.path() + "/" + name, false)).toJson().toStdString());
      j["method"] = {{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 8}, {"lora_alpha", 16}, {"target_modules", "all-linear"}};
      if (quantized) j["model"]["quantization"] = {{"bits", 4}, {"type", "nf4"}, {"double_quant", true}, {"compute_dtype", "bf16"}};
      else j["train"]["precision"] = "bf16";
      j["train"]["max_steps"] = 15;
      j["train"]["learning_rate"] = 1e-2;
      j["train"]["warmup_steps"] = 0;
      std::vector<ConfigProblem> problems;
      const RunConfig c = parseRunConfig(j, (tmp_.path() + "/" + name + ".json").toStdString(), &problems);
      QVERIFY(problems.empty());
      Recorder rec;
      TrainControl control;
      const TrainResult r = runTraining(c, StartMode::Fresh, rec, control);
      QVERIFY2(r.state == RunState::Finished, r.error.c_str());
      const double first = (rec.steps[0].loss + rec.steps[1].loss + rec.steps[2].loss) / 3;
      const double last = (rec.steps[12].loss + rec.steps[13].loss + rec.steps[14].loss) / 3;
      qInfo("%s: mean loss of the first 3 steps %.4f, of the last 3 %.4f", qPrintable(name), first, last);
      QVERIFY(last < first - 0.05);
      QVERIFY(QFile::exists(tmp_.path() + "/" + name + "/adapter/adapter_model.safetensors"));
      QCOMPARE(readJsonObject(tmp_.path() + "/" + name + "/run.json").value("train").toObject().value("precision").toString(), QString("bf16"));
    }
  }

  // bitsandbytes' 8-bit AdamW in a real run: rank 64 on the tiny Llama gives tensors of 4096
  // elements and more (8-bit states) beside smaller ones (fp32 states); a stop-and-save at step 3
  // resumes to the same losses, gradient norms and adapter bytes as the uninterrupted run, the
  // checkpoint holds the uint8 states and both maps, and the run is not the fp32-moment one.
  void eightBitAdamWRunResumesExactly() {
    auto cfg = [&](const QString& name, const std::string& optim) {
      nlohmann::json j = nlohmann::json::parse(QJsonDocument(scenarioRun("cosine_accum", tmp_.path() + "/" + name, false)).toJson().toStdString());
      j["method"] = {{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 64}, {"lora_alpha", 64}, {"target_modules", "all-linear"}};
      j["train"]["max_steps"] = 8;
      j["train"]["save_steps"] = 4;
      j["train"]["weight_decay"] = 0.01;
      j["train"]["optim"] = optim;
      std::vector<ConfigProblem> problems;
      RunConfig c = parseRunConfig(j, (tmp_.path() + "/" + name + ".json").toStdString(), &problems);
      for (const auto& p : problems) qWarning("%s: %s", p.field.c_str(), p.message.c_str());
      return c;
    };
    Recorder straight, torchRun;
    TrainControl c1, c2;
    const TrainResult full = runTraining(cfg("adam8", "adamw_8bit"), StartMode::Fresh, straight, c1);
    QVERIFY2(full.state == RunState::Finished, full.error.c_str());
    QVERIFY(runTraining(cfg("adam32", "adamw_torch"), StartMode::Fresh, torchRun, c2).state == RunState::Finished);
    QCOMPARE(straight.steps.front().loss, torchRun.steps.front().loss);  // the same first forward
    QVERIFY(straight.steps.back().loss != torchRun.steps.back().loss);  // but not the same optimizer
    QVERIFY(std::fabs(straight.steps.back().loss - torchRun.steps.back().loss) < 0.05 * torchRun.steps.back().loss);

    const auto optimizerState = SafetensorsFile::open((tmp_.path() + "/adam8/checkpoints/step-4/optimizer.safetensors").toStdString());
    int eightBit = 0, fp32 = 0;
    bool maps = false;
    for (const auto& t : optimizerState->tensors()) {
      if (t.name.rfind("state1.", 0) == 0 && t.dtype == DType::U8) ++eightBit;
      if (t.name.rfind("exp_avg.", 0) == 0 && t.dtype == DType::F32) ++fp32;
      maps = maps || (t.name == "qmap2" && t.numel() == 256);
    }
    QVERIFY2(eightBit > 0 && fp32 > 0 && maps, "expected 8-bit states, fp32 states of small tensors and the maps");

    Recorder first, second;
    TrainControl c3, c4;
    first.onStepAction = [&](const StepMetrics& m) {
      if (m.step == 3) c3.requestStop(StopRequest::StopAndSave);
    };
    QVERIFY(runTraining(cfg("adam8_stopped", "adamw_8bit"), StartMode::Fresh, first, c3).state == RunState::Stopped);
    // Resuming it with another optimizer is refused by name (the configuration changed).
    Recorder refused;
    TrainControl c5;
    try {
      runTraining(cfg("adam8_stopped", "adamw_torch"), StartMode::Resume, refused, c5);
      QFAIL("resumed an 8-bit AdamW run with PyTorch's AdamW");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("train.optim"), e.what());
    }
    const TrainResult resumed = runTraining(cfg("adam8_stopped", "adamw_8bit"), StartMode::Resume, second, c4);
    QVERIFY2(resumed.state == RunState::Finished, resumed.error.c_str());
    QCOMPARE(second.steps.size(), size_t{5});
    for (size_t i = 0; i < second.steps.size(); ++i) {
      QCOMPARE(second.steps[i].loss, straight.steps[3 + i].loss);
      QCOMPARE(second.steps[i].gradNorm, straight.steps[3 + i].gradNorm);
    }
    QCOMPARE(fileBytes(tmp_.path() + "/adam8_stopped/adapter/adapter_model.safetensors"), fileBytes(tmp_.path() + "/adam8/adapter/adapter_model.safetensors"));
  }

  void fullAndFreezeTrainTheBaseAndWriteAModelFolder() {
    auto run = [&](const QString& name, const nlohmann::json& method) {
      nlohmann::json j = nlohmann::json::parse(QJsonDocument(scenarioRun("cosine_accum", tmp_.path() + "/" + name, false)).toJson().toStdString());
      j["method"] = method;
      j["train"]["max_steps"] = 6;
      std::vector<ConfigProblem> problems;
      const RunConfig c = parseRunConfig(j, (tmp_.path() + "/" + name + ".json").toStdString(), &problems);
      for (const auto& p : problems) qWarning("%s: %s", p.field.c_str(), p.message.c_str());
      Recorder rec;
      TrainControl control;
      return runTraining(c, StartMode::Fresh, rec, control);
    };
    const TrainResult full = run("full", {{"finetuning_type", "full"}});
    QVERIFY2(full.state == RunState::Finished, full.error.c_str());
    const TrainResult freeze = run("freeze", {{"finetuning_type", "freeze"}, {"freeze_trainable_layers", 1}});
    QVERIFY2(freeze.state == RunState::Finished, freeze.error.c_str());
    // Compare the written model folders with the base, tensor by tensor.
    const auto base = SafetensorsFile::open((fixturesDir() + "/models/llama_gqa/model.safetensors").toStdString());
    auto changed = [&](const QString& name, const std::string& tensor) {
      const auto trained = SafetensorsFile::open((tmp_.path() + "/" + name + "/model/model.safetensors").toStdString());
      return floatTensor(*trained, tensor) != floatTensor(*base, tensor);
    };
    QVERIFY(changed("full", "model.layers.0.self_attn.q_proj.weight"));
    QVERIFY(changed("full", "model.embed_tokens.weight"));
    QVERIFY(!changed("freeze", "model.layers.0.self_attn.q_proj.weight"));
    QVERIFY(!changed("freeze", "model.embed_tokens.weight"));
    QVERIFY(changed("freeze", "model.layers.1.mlp.down_proj.weight"));
    // The folder is a model PeftDesk (and transformers) loads.
    QVERIFY(Model::load((tmp_.path() + "/full/model").toStdString())->forward({{5, 6, 7}}).values.size() == 3 * 256);
  }

  void freshStartIntoAnExistingRunIsRefusedBeforeTouchingIt() {
    const QString dir = tmp_.path() + "/straight";
    const QByteArray before = fileBytes(dir + "/metrics.jsonl");
    Recorder rec;
    TrainControl control;
    QVERIFY_THROWS_EXCEPTION(Error, runTraining(config(dir, 12), StartMode::Fresh, rec, control));
    QCOMPARE(fileBytes(dir + "/metrics.jsonl"), before);
  }
};

QTEST_GUILESS_MAIN(TestTrainerControl)
#include "test_trainer_control.moc"
