// RUN.json parsing (DESIGN.md §3): defaults, every problem collected with its field, unknown keys
// named with a suggestion, typed --set overrides, the QLoRA compute-dtype rule; and the LR
// schedules against transformers.get_scheduler evaluated live for every step.
#include <QProcess>
#include <ctime>
#include <unistd.h>
#include <QTemporaryDir>
#include <QtTest>

#include "peftdesk/error.h"
#include "peftdesk/lr_schedule.h"
#include "peftdesk/run_config.h"
#include "test_support.h"

using nlohmann::json;
using namespace peftdesk;

namespace {

json validRun(const QTemporaryDir& dir) {
  return json{{"model", {{"path", (test::fixturesDir() + "/models/llama_gqa").toStdString()}}},
              {"method", {{"peft_type", "LORA"}, {"task_type", "CAUSAL_LM"}, {"r", 4}, {"target_modules", {"q_proj"}}}},
              {"data", {{"path", (test::fixturesDir() + "/training/data.jsonl").toStdString()}}},
              {"output_dir", (dir.path() + "/run").toStdString()}};
}

bool hasProblem(const std::vector<ConfigProblem>& problems, const std::string& field, const std::string& text) {
  for (const auto& p : problems)
    if (p.field == field && p.message.find(text) != std::string::npos) return true;
  return false;
}

QString describe(const std::vector<ConfigProblem>& problems) {
  QString s;
  for (const auto& p : problems) s += QString::fromStdString(p.field + ": " + p.message + "\n");
  return s;
}

}  // namespace

class TestRunConfig : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void defaultsAreFilledIn() {
    std::vector<ConfigProblem> problems;
    const RunConfig c = parseRunConfig(validRun(tmp_), tmp_.path().toStdString() + "/RUN.json", &problems);
    QVERIFY2(problems.empty(), qPrintable(describe(problems)));
    QCOMPARE(c.learningRate, 2e-4);
    QCOMPARE(c.gradAccumSteps, int64_t{4});
    QCOMPARE(c.schedulerType, std::string("cosine"));
    QCOMPARE(c.resolved["train"]["save_total_limit"].get<int64_t>(), int64_t{3});
    QCOMPARE(c.resolved["data"]["template"].get<std::string>(), std::string("auto"));
    QVERIFY(c.resolved["model"]["quantization"].is_null());
    QVERIFY(std::filesystem::path(c.resolved["output_dir"].get<std::string>()).is_absolute());
  }

  void everyProblemIsReportedWithItsField() {
    json j = validRun(tmp_);
    j["train"] = {{"learing_rate", 1e-4}, {"learning_rate", -1.0}, {"per_device_train_batch_size", "two"}, {"lr_scheduler_type", "cosinus"}};
    j["data"]["cutoff_len"] = 0;
    j["data"]["val_size"] = 0.1;
    j["data"]["eval_path"] = "/nonexistent/eval.json";
    j["method"]["r"] = 0;
    j["extra"] = 1;
    std::vector<ConfigProblem> problems;
    parseRunConfig(j, tmp_.path().toStdString() + "/RUN.json", &problems);
    const QString all = describe(problems);
    QVERIFY2(hasProblem(problems, "train.learing_rate", "did you mean 'train.learning_rate'"), qPrintable(all));
    QVERIFY2(hasProblem(problems, "train.learning_rate", "greater than 0"), qPrintable(all));
    QVERIFY2(hasProblem(problems, "train.per_device_train_batch_size", "must be an integer"), qPrintable(all));
    QVERIFY2(hasProblem(problems, "train.lr_scheduler_type", "'cosinus' is not one of"), qPrintable(all));
    QVERIFY2(hasProblem(problems, "data.cutoff_len", "at least 1"), qPrintable(all));
    QVERIFY2(hasProblem(problems, "data.eval_path", "not found"), qPrintable(all));
    QVERIFY2(hasProblem(problems, "data.val_size", "either val_size or eval_path"), qPrintable(all));
    QVERIFY2(hasProblem(problems, "method.r", "must be a positive integer, found 0"), qPrintable(all));
    QVERIFY2(hasProblem(problems, "extra", "unknown key"), qPrintable(all));
  }

  // data.template_date: a real day or nothing; a starting run pins it (kept when given, the resumed
  // run's when resuming, today otherwise) into the fields and into what run.json will hold; a run
  // from before the key existed resumes without one; unset keys of this kind do not change what a
  // resume compares or digests (withoutLateDefaults).
  void templateDayIsCheckedAndPinned() {
    for (const char* bad : {"2026-02-29", "2026-13-01", "03.12.2026", "2026-1-5", ""}) {
      json j = validRun(tmp_);
      j["data"]["template_date"] = bad;
      std::vector<ConfigProblem> problems;
      parseRunConfig(j, tmp_.path().toStdString() + "/RUN.json", &problems);
      QVERIFY2(hasProblem(problems, "data.template_date", std::string("'") + bad + "' is not a day (YYYY-MM-DD)"), qPrintable(describe(problems)));
    }
    json j = validRun(tmp_);
    j["data"]["template_date"] = "2028-02-29";
    j["data"]["enable_thinking"] = false;
    std::vector<ConfigProblem> problems;
    RunConfig given = parseRunConfig(j, tmp_.path().toStdString() + "/RUN.json", &problems);
    QVERIFY2(problems.empty(), qPrintable(describe(problems)));
    QVERIFY(!given.enableThinking);
    const json previous = {{"data", {{"template_date", "2026-01-31"}}}};
    pinTemplateDate(given, &previous);
    QCOMPARE(given.templateDate, std::string("2028-02-29"));

    RunConfig unset = parseRunConfig(validRun(tmp_), tmp_.path().toStdString() + "/RUN.json", &problems);
    QVERIFY(unset.enableThinking && unset.templateDate.empty() && unset.resolved["data"]["template_date"].is_null());
    QCOMPARE(withoutLateDefaults(unset.resolved)["data"].contains("template_date"), false);
    QCOMPARE(withoutLateDefaults(unset.resolved)["data"].contains("enable_thinking"), false);
    RunConfig resumed = unset, old = unset, fresh = unset;
    pinTemplateDate(resumed, &previous);
    QCOMPARE(resumed.templateDate, std::string("2026-01-31"));
    QCOMPARE(resumed.resolved["data"]["template_date"].get<std::string>(), std::string("2026-01-31"));
    const json before = {{"data", {{"template", "auto"}}}};
    pinTemplateDate(old, &before);
    QVERIFY(old.templateDate.empty() && old.resolved["data"]["template_date"].is_null());
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char today[16];
    std::strftime(today, sizeof today, "%Y-%m-%d", &local);
    pinTemplateDate(fresh, nullptr);
    QCOMPARE(fresh.templateDate, std::string(today));
    QCOMPARE(fresh.resolved["data"]["template_date"].get<std::string>(), std::string(today));
  }

  void missingRequiredAndUnwritableOutput() {
    json j = validRun(tmp_);
    j.erase("output_dir");
    j["model"]["path"] = "/nonexistent/model";
    std::vector<ConfigProblem> problems;
    parseRunConfig(j, "/tmp/RUN.json", &problems);
    QVERIFY2(hasProblem(problems, "output_dir", "required"), qPrintable(describe(problems)));
    QVERIFY2(hasProblem(problems, "model.path", "folder not found"), qPrintable(describe(problems)));
    if (::geteuid() != 0) {
      j = validRun(tmp_);
      j["output_dir"] = "/proc/peftdesk-run";
      problems.clear();
      parseRunConfig(j, "/tmp/RUN.json", &problems);
      QVERIFY2(hasProblem(problems, "output_dir", "not writable"), qPrintable(describe(problems)));
    }
  }

  void overridesAreTypedAndChecked() {
    json j = validRun(tmp_);
    applyOverride(j, "train.max_steps=20");
    applyOverride(j, "data.template=llama3");
    applyOverride(j, "method.r=16");
    applyOverride(j, "data.max_samples=null");
    applyOverride(j, "model.quantization={\"bits\": 4, \"type\": \"nf4\", \"compute_dtype\": \"bf16\"}");
    QVERIFY(j["train"]["max_steps"].is_number_integer());
    QCOMPARE(j["data"]["template"].get<std::string>(), std::string("llama3"));
    std::vector<ConfigProblem> problems;
    const RunConfig c = parseRunConfig(j, tmp_.path().toStdString() + "/RUN.json", &problems);
    QVERIFY2(problems.empty(), qPrintable(describe(problems)));
    QCOMPARE(c.maxSteps, int64_t{20});
    QCOMPARE(c.method["r"].get<int>(), 16);
    QVERIFY(c.quantization.enabled);
    QVERIFY(c.precision == ComputeDType::BF16);  // compute_dtype given alone sets the precision
    QCOMPARE(c.resolved["train"]["precision"].get<std::string>(), std::string("bf16"));
    QVERIFY_THROWS_EXCEPTION(Error, applyOverride(j, "train.max_step=20"));
    QVERIFY_THROWS_EXCEPTION(Error, applyOverride(j, "no-equals-sign"));
    try {
      applyOverride(j, "train.learnig_rate=1");
      QFAIL("no error");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("train.learning_rate") != std::string::npos, e.what());
    }
    j["train"]["precision"] = "fp32";
    problems.clear();
    parseRunConfig(j, tmp_.path().toStdString() + "/RUN.json", &problems);
    QVERIFY2(hasProblem(problems, "model.quantization.compute_dtype", "differs from train.precision"), qPrintable(describe(problems)));
  }

  void loadRunConfigListsEveryProblemInOneError() {
    const QString path = tmp_.path() + "/bad.json";
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"model": {"path": 3}, "train": {"learning_rate": 0}, "output_dir": ""})");
    f.close();
    try {
      loadRunConfig(path.toStdString());
      QFAIL("no error");
    } catch (const Error& e) {
      const QString what = e.what();
      QVERIFY2(what.contains("field 'model.path'") && what.contains("field 'train.learning_rate'") && what.contains("field 'data.path'") &&
                   what.contains("field 'output_dir'"),
               qPrintable(what));
      QVERIFY2(what.contains(path), qPrintable(what));
    }
  }

  void schedulesEqualTransformers() {
    const QString python = test::pythonPath();
    if (python.isEmpty()) QSKIP("PEFTDESK_PYTHON not set");
    const QString script = R"(
import json, torch
from transformers import get_scheduler
out = {}
for kind, kw in [("constant", {}), ("constant_with_warmup", {}), ("linear", {}), ("cosine", {}), ("cosine", {"num_cycles": 1.5}),
                 ("cosine_with_restarts", {"num_cycles": 3})]:
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.01)
    s = get_scheduler(kind, opt, num_warmup_steps=7, num_training_steps=50, scheduler_specific_kwargs=kw)
    vals = []
    for _ in range(50):
        vals.append(s.get_last_lr()[0]); opt.step(); s.step()
    out[kind + json.dumps(kw)] = vals
print(json.dumps(out))
)";
    const auto r = test::runProcess(python, {"-c", script});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const json ref = json::parse(r.stdoutText.toStdString());
    for (const auto& [key, values] : ref.items()) {
      const std::string kind = key.substr(0, key.find('{'));
      const json kw = json::parse(key.substr(key.find('{')));
      LrScheduleSpec spec;
      QVERIFY(parseLrSchedule(kind, &spec.kind));
      spec.peakLr = 0.01;
      spec.warmupSteps = 7;
      spec.totalSteps = 50;
      spec.numCycles = kw.value("num_cycles", 0.0);
      for (int step = 0; step < 50; ++step) {
        // LambdaLR stores base_lr * lambda: the same product in the same order.
        QVERIFY2(learningRateAt(spec, step) == values[step].get<double>(),
                 qPrintable(QString("%1 step %2: %3 vs %4").arg(QString::fromStdString(key)).arg(step).arg(learningRateAt(spec, step), 0, 'g', 17)
                                .arg(values[step].get<double>(), 0, 'g', 17)));
      }
    }
    QCOMPARE(warmupStepsFor(0, 0.1, 45), int64_t{5});
    QCOMPARE(warmupStepsFor(3, 0.1, 45), int64_t{3});
  }
};

QTEST_GUILESS_MAIN(TestRunConfig)
#include "test_run_config.moc"
