// A RUN.json exported with export-job and trained by LLaMA-Factory 0.9.5 (fixture llamafactory_run:
// 6 LoRA steps on the CPU) brought back as a PeftDesk run (issue 22): its first step's loss is ours
// for the same RUN.json, its curves equal trainer_state.json's log_history value for value, its
// settings come from the job.yaml, its adapter gives PEFT's logits here, and it is a finished,
// non-resumable run that Compare reads. The files as they are after a crash, a resume (steps
// repeated in trainer_log.jsonl, a cut last line), without trainer_state.json, or without the
// YAML; and the pickles (training_args.bin, optimizer.pt, ...) play no part.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "peftdesk/llamafactory_import.h"
#include "peftdesk/model.h"
#include "peftdesk/run_config.h"
#include "peftdesk/run_summary.h"
#include "peftdesk/safetensors.h"
#include "test_support.h"
#include "train/run_folder.h"

using namespace peftdesk;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string readText(const fs::path& p) {
  QFile f(QString::fromStdString(p.string()));
  return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string();
}
void writeText(const fs::path& p, const std::string& text) {
  QFile f(QString::fromStdString(p.string()));
  QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
  f.write(QByteArray::fromStdString(text));
}

struct Rows {
  std::map<int64_t, json> train, eval;
};
Rows rowsOf(const fs::path& runDir) {
  Rows r;
  for (const json& row : readMetricsRows(runDir / "metrics.jsonl")) (row.contains("loss") ? r.train : r.eval)[row["step"].get<int64_t>()] = row;
  return r;
}

}  // namespace

class TestLlamaFactoryRunImport : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  fs::path fixture_, output_, dir_;
  json history_;  // trainer_state.json's log_history

  double lossAt(int64_t step) const {
    for (const json& h : history_)
      if (h.contains("loss") && h["step"] == step) return h["loss"].get<double>();
    return NAN;
  }

  // A copy of the job folder (job.yaml, data/, output/) to damage.
  fs::path copyJob(const std::string& name) {
    const fs::path to = dir_ / name;
    fs::copy(fixture_ / "job", to, fs::copy_options::recursive);
    return to;
  }

 private slots:
  void initTestCase() {
    fixture_ = (test::fixturesDir() + "/llamafactory_run").toStdString();
    output_ = fixture_ / "job" / "output";
    if (!fs::exists(output_ / "trainer_state.json"))
      QSKIP("fixture llamafactory_run not made (LLaMA-Factory reference environment not installed: scripts/setup.sh)");
    dir_ = tmp_.path().toStdString();
    history_ = readJsonFile(output_ / "trainer_state.json")["log_history"];
  }

  void curvesSettingsAndAdapterComeBack() {
    const fs::path run = dir_ / "run";
    const LlamaFactoryRunImport r = importLlamaFactoryRun(output_, run);
    QCOMPARE(r.steps, int64_t{6});
    QCOMPARE(r.totalSteps, int64_t{6});
    QCOMPARE(r.lossRows, int64_t{6});
    QCOMPARE(r.evalRows, int64_t{3});
    QCOMPARE(QString::fromStdString(r.source), QString("trainer_state.json"));
    // Every logged value, exactly as the Trainer logged it.
    const Rows rows = rowsOf(run);
    int losses = 0, evals = 0;
    for (const json& h : history_) {
      const int64_t step = h["step"].get<int64_t>();
      if (h.contains("loss")) {
        ++losses;
        const json& m = rows.train.at(step);
        QCOMPARE(m["loss"].get<double>(), h["loss"].get<double>());
        QCOMPARE(m["lr"].get<double>(), h["learning_rate"].get<double>());
        QCOMPARE(m["grad_norm"].get<double>(), h["grad_norm"].get<double>());
        QCOMPARE(m["epoch"].get<double>(), h["epoch"].get<double>());
      }
      if (h.contains("eval_loss")) {
        ++evals;
        const json& m = rows.eval.at(step);
        QCOMPARE(m["eval_loss"].get<double>(), h["eval_loss"].get<double>());
        QCOMPARE(m["eval_ppl"].get<double>(), std::exp(h["eval_loss"].get<double>()));
      }
    }
    QCOMPARE(losses, 6);
    QCOMPARE(static_cast<int>(rows.train.size()), losses);
    QCOMPARE(static_cast<int>(rows.eval.size()), evals);
    // A finished run of 6 steps, LoRA, not resumable (no checkpoints of ours), with its adapter.
    const RunSummary s = readRunSummary(run);
    QCOMPARE(QString::fromStdString(s.state), QString("finished"));
    QCOMPARE(s.step, int64_t{6});
    QCOMPARE(QString::fromStdString(s.method), QString("LORA"));
    QVERIFY(s.hasResult && !s.resumable() && s.checkpointSteps.empty());
    QCOMPARE(*s.lastLoss, lossAt(6));
    QVERIFY2(s.detail.find("LLaMA-Factory") != std::string::npos, s.detail.c_str());
    for (const char* f : {"adapter_config.json", "adapter_model.safetensors"}) QCOMPARE(readText(run / "adapter" / f), readText(output_ / f));
    QVERIFY(!fs::exists(run / "adapter" / "training_args.bin"));
    // Settings from job.yaml, relative paths against the job folder LLaMA-Factory ran in.
    std::vector<ConfigProblem> problems;
    const RunConfig c = parseRunConfig(readJsonFile(run / "run.json"), run / "run.json", &problems);
    for (const auto& p : problems) QFAIL((p.field + ": " + p.message).c_str());
    QCOMPARE(c.method["r"].get<int>(), 4);
    QCOMPARE(c.method["lora_alpha"].get<int>(), 8);
    QCOMPARE(c.method["target_modules"], (json{"c_attn"}));
    QCOMPARE(c.learningRate, 0.05);
    QCOMPARE(c.maxSteps, int64_t{6});
    QCOMPARE(c.evalSteps, int64_t{2});
    QCOMPARE(c.valSize, 0.0);
    QCOMPARE(c.evalPath, fs::weakly_canonical(fixture_ / "job" / "data" / "eval.json"));
    QCOMPARE(QString::fromStdString(c.templateName), QString("granite3"));
    QCOMPARE(c.dataPath, fs::weakly_canonical(fixture_ / "job" / "data"));
    QCOMPARE(c.outputDir, fs::absolute(run));
  }

  // The adapter it trained, applied here, gives the logits PEFT 0.18.1 gives (reference made in
  // LLaMA-Factory's environment), and moves them well beyond that agreement.
  void adapterGivesPeftsLogits() {
    const fs::path run = dir_ / "run";
    const json rows = readJsonFile(fixture_ / "reference_rows.json")["rows"];
    const auto ref = SafetensorsFile::open(fixture_ / "reference_logits.safetensors");
    auto model = Model::load(readJsonFile(run / "run.json")["model"]["path"].get<std::string>());
    model->loadAdapter(run / "adapter", "lf");
    double worst = 0, moved = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      const std::vector<int32_t> row = rows[i].get<std::vector<int32_t>>();
      model->setActiveAdapter("lf");
      const Logits ours = model->forward({row});
      worst = std::max(worst, test::maxAbsDiff(ours.values, test::floatTensor(*ref, "logits_" + std::to_string(i))));
      model->setActiveAdapter("");
      const Logits base = model->forward({row});
      QVERIFY(test::maxAbsDiff(base.values, test::floatTensor(*ref, "base_logits_" + std::to_string(i))) <= 1e-5);
      moved = std::max(moved, test::maxAbsDiff(ours.values, base.values));
    }
    qInfo("imported adapter: max |ours - PEFT| = %.3g; it moves the logits by %.3g", worst, moved);
    QVERIFY2(worst <= 1e-5, qPrintable(QString::number(worst)));
    QVERIFY(moved > 1e-2);
  }

  // The exported job's first step in LLaMA-Factory has the loss PeftDesk's own run of the same
  // RUN.json has: LoRA B starts at zero, so step 1's loss is the base model's on the first four
  // examples — the same data order, template, tokens, label masking and token-averaged loss over
  // the accumulation window on both sides (the fixture's model copy has no dropout).
  void firstStepTrainsTheSameLoss() {
    const json manifest = readJsonFile(fixture_ / "MANIFEST.json");
    const double theirs = manifest["first_step_loss"].get<double>();
    const QString out = QString::fromStdString((dir_ / "first_step").string());
    const auto r = test::runCli({"train", QString::fromStdString((fixture_ / "source" / "RUN.json").string()), "--set", "train.max_steps=1",
                                 "--set", "output_dir=" + out, "--quiet"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const double ours = readMetricsRows(fs::path(out.toStdString()) / "metrics.jsonl").front()["loss"].get<double>();
    qInfo("step 1: LLaMA-Factory %.9g, PeftDesk %.9g, relative difference %.2g", theirs, ours, std::fabs(ours - theirs) / theirs);
    QVERIFY2(std::fabs(ours - theirs) <= 1e-6 * theirs, qPrintable(QString("%1 vs %2").arg(ours, 0, 'g', 10).arg(theirs, 0, 'g', 10)));
  }

  // training_args.bin, optimizer.pt, scheduler.pt and rng_state.pth replaced by junk everywhere:
  // the same run comes back (they are never read).
  void picklesPlayNoPart() {
    const fs::path job = copyJob("junk");
    int replaced = 0;
    for (const auto& e : fs::recursive_directory_iterator(job / "output")) {
      const std::string n = e.path().filename().string();
      if (n == "training_args.bin" || n == "optimizer.pt" || n == "scheduler.pt" || n == "rng_state.pth") {
        writeText(e.path(), "not a pickle");
        ++replaced;
      }
    }
    QVERIFY(replaced >= 4);
    importLlamaFactoryRun(job / "output", dir_ / "junk_run");
    QCOMPARE(readText(dir_ / "junk_run" / "metrics.jsonl"), readText(dir_ / "run" / "metrics.jsonl"));
    QCOMPARE(readText(dir_ / "junk_run" / "adapter" / "adapter_model.safetensors"), readText(output_ / "adapter_model.safetensors"));
  }

  // Without any trainer_state.json, trainer_log.jsonl gives the same losses, learning rates and
  // evaluation losses (it has no gradient norms).
  void trainerLogAlone() {
    const fs::path job = copyJob("logonly");
    for (const auto& e : fs::recursive_directory_iterator(job / "output"))
      if (e.path().filename() == "trainer_state.json") fs::remove(e.path());
    const LlamaFactoryRunImport r = importLlamaFactoryRun(job / "output", dir_ / "logonly_run");
    QCOMPARE(QString::fromStdString(r.source), QString("trainer_log.jsonl"));
    const Rows a = rowsOf(dir_ / "run"), b = rowsOf(dir_ / "logonly_run");
    QCOMPARE(b.train.size(), a.train.size());
    QCOMPARE(b.eval.size(), a.eval.size());
    for (const auto& [step, row] : a.train) {
      QCOMPARE(b.train.at(step)["loss"].get<double>(), row["loss"].get<double>());
      QCOMPARE(b.train.at(step)["lr"].get<double>(), row["lr"].get<double>());
      QVERIFY(!b.train.at(step).contains("grad_norm"));
    }
    for (const auto& [step, row] : a.eval) QCOMPARE(b.eval.at(step)["eval_loss"].get<double>(), row["eval_loss"].get<double>());
    QCOMPARE(QString::fromStdString(readRunSummary(dir_ / "logonly_run").state), QString("finished"));
  }

  // Killed after step 5 (checkpoint-4 saved, the log cut mid-line, no final files): history from
  // checkpoint-4's state plus the log's step 5, the adapter from checkpoint-4, a stopped run.
  void diedAfterACheckpoint() {
    const fs::path job = copyJob("died");
    const fs::path out = job / "output";
    for (const char* f : {"adapter_model.safetensors", "adapter_config.json", "trainer_state.json", "all_results.json", "eval_results.json", "train_results.json"})
      fs::remove(out / f);
    fs::remove_all(out / "checkpoint-6");
    std::string log, line;
    std::istringstream in(readText(out / "trainer_log.jsonl"));
    while (std::getline(in, line))
      if (json::parse(line)["current_steps"].get<int64_t>() <= 5) log += line + "\n";
    log += "{\"current_steps\": 6, \"total_steps\": 6, \"lo";  // cut by the kill
    writeText(out / "trainer_log.jsonl", log);
    const LlamaFactoryRunImport r = importLlamaFactoryRun(out, dir_ / "died_run");
    QCOMPARE(QString::fromStdString(r.source), QString("checkpoint-4/trainer_state.json + trainer_log.jsonl"));
    QCOMPARE(r.steps, int64_t{5});
    QVERIFY2(r.resultFrom.find("checkpoint-4") != std::string::npos, r.resultFrom.c_str());
    const Rows rows = rowsOf(dir_ / "died_run");
    QCOMPARE(static_cast<int>(rows.train.size()), 5);
    QVERIFY(rows.train.at(4).contains("grad_norm") && !rows.train.at(5).contains("grad_norm"));
    QCOMPARE(rows.train.at(5)["loss"].get<double>(), lossAt(5));
    const RunSummary s = readRunSummary(dir_ / "died_run");
    QCOMPARE(QString::fromStdString(s.state), QString("stopped"));
    QCOMPARE(s.step, int64_t{5});
    QCOMPARE(s.totalSteps, int64_t{6});
    QCOMPARE(readText(dir_ / "died_run" / "adapter" / "adapter_model.safetensors"), readText(out / "checkpoint-4" / "adapter_model.safetensors"));
    bool said = false;
    for (const auto& n : r.notes) said = said || n.find("did not finish") != std::string::npos;
    QVERIFY(said);
  }

  // A resumed run appends to trainer_log.jsonl: steps 5 and 6 twice; the later lines win.
  void resumedRunRepeatsSteps() {
    const fs::path job = copyJob("resumed");
    const fs::path out = job / "output";
    for (const auto& e : fs::recursive_directory_iterator(out))
      if (e.path().filename() == "trainer_state.json") fs::remove(e.path());
    std::string log = readText(out / "trainer_log.jsonl");
    log += json{{"current_steps", 5}, {"total_steps", 6}, {"loss", 1.5}, {"lr", 0.01}, {"epoch", 5.0 / 3}}.dump() + "\n" +
           json{{"current_steps", 6}, {"total_steps", 6}, {"loss", 1.25}, {"lr", 0.002}, {"epoch", 2.0}}.dump() + "\n";
    writeText(out / "trainer_log.jsonl", log);
    importLlamaFactoryRun(out, dir_ / "resumed_run");
    const Rows rows = rowsOf(dir_ / "resumed_run");
    QCOMPARE(static_cast<int>(rows.train.size()), 6);
    QCOMPARE(rows.train.at(5)["loss"].get<double>(), 1.5);
    QCOMPARE(rows.train.at(6)["loss"].get<double>(), 1.25);
    QCOMPARE(rows.train.at(4)["loss"].get<double>(), lossAt(4));
  }

  // What cannot be imported says why, and nothing is written.
  void refusalsNameTheProblem() {
    const fs::path job = copyJob("noyaml");
    fs::remove(job / "output" / "job.yaml");
    QString e = test::errorOf([&] { importLlamaFactoryRun(job / "output", dir_ / "noyaml_run"); });
    QVERIFY2(e.contains("job.yaml") && e.contains("training_args.bin") && e.contains("--yaml"), qPrintable(e));
    QVERIFY(!fs::exists(dir_ / "noyaml_run"));
    importLlamaFactoryRun(job / "output", dir_ / "noyaml_run", job / "job.yaml");  // the YAML given
    QCOMPARE(readText(dir_ / "noyaml_run" / "metrics.jsonl"), readText(dir_ / "run" / "metrics.jsonl"));

    const fs::path bare = dir_ / "nohistory";
    fs::create_directories(bare);
    fs::copy_file(fixture_ / "job" / "job.yaml", bare / "job.yaml");
    e = test::errorOf([&] { importLlamaFactoryRun(bare, dir_ / "nohistory_run"); });
    QVERIFY2(e.contains("no training history"), qPrintable(e));
    fs::copy_file(output_ / "trainer_state.json", bare / "trainer_state.json");
    e = test::errorOf([&] { importLlamaFactoryRun(bare, dir_ / "nohistory_run"); });
    QVERIFY2(e.contains("adapter_model.safetensors"), qPrintable(e));
    writeText(bare / "trainer_state.json", "{\"log_history\": 3}");
    e = test::errorOf([&] { importLlamaFactoryRun(bare, dir_ / "nohistory_run"); });
    QVERIFY2(e.contains("trainer_state.json") && e.contains("log_history"), qPrintable(e));
    QVERIFY(!fs::exists(dir_ / "nohistory_run"));
    // Never into a folder that holds something.
    e = test::errorOf([&] { importLlamaFactoryRun(output_, dir_ / "run"); });
    QVERIFY2(e.contains("not empty"), qPrintable(e));
    QCOMPARE(readText(dir_ / "run" / "metrics.jsonl"), readText(dir_ / "junk_run" / "metrics.jsonl"));
  }

  // The CLI, and Compare reading the imported run like one of ours.
  void cliAndCompare() {
    const QString run = QString::fromStdString((dir_ / "cli_run").string());
    auto r = test::runCli({"import-llamafactory-run", QString::fromStdString(output_.string()), "--out", run});
    QVERIFY2(r.exitCode == 0 && r.stderrText.contains("step 6 of 6, 6 loss and 3 evaluation rows"), qPrintable(r.stderrText));
    r = test::runCli({"compare", run, QString::fromStdString((dir_ / "run").string()), "--json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
    const json c = json::parse(r.stdoutText.toStdString());
    QVERIFY2(c.dump().find("LORA") != std::string::npos, c.dump().substr(0, 400).c_str());
  }
};

QTEST_GUILESS_MAIN(TestLlamaFactoryRunImport)
#include "test_llamafactory_run_import.moc"
