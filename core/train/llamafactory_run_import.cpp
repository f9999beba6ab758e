// See importLlamaFactoryRun (peftdesk/llamafactory_import.h). The files and their writers are in
// docs/notes/llamafactory-export-study.md §7: log_history rows of transformers' Trainer ({loss,
// grad_norm, learning_rate, epoch, step}; {eval_loss, ..., step}; a closing {train_runtime, ...}),
// LLaMA-Factory's LogCallback lines ({current_steps, total_steps, loss, eval_loss, lr, epoch,
// elapsed_time, ...}, appended, so a resumed run repeats steps: the last line of a step wins; a cut
// last line is skipped), and the final numbers in all_results.json (the evaluation after training
// is only there).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

#include "export/staging_folder.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "peftdesk/llamafactory_import.h"
#include "peftdesk/run_config.h"
#include "train/run_folder.h"

namespace peftdesk {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

struct History {
  std::map<int64_t, json> train, eval;  // by step, in PeftDesk's metrics.jsonl form
  int64_t totalSteps = 0, lastStep = 0;
};

bool isNumber(const json& row, const char* key) { return row.contains(key) && row[key].is_number(); }

// "0:01:23" (LLaMA-Factory's elapsed_time) in seconds; -1 when not that form.
double clockSeconds(const json& v) {
  if (!v.is_string()) return -1;
  int h = 0, m = 0, s = 0;
  char c1 = 0, c2 = 0;
  std::istringstream in(v.get<std::string>());
  if (!(in >> h >> c1 >> m >> c2 >> s) || c1 != ':' || c2 != ':') return -1;
  return h * 3600.0 + m * 60.0 + s;
}

void addTrain(History& h, int64_t step, double epoch, double loss, const json& lr, const json& gradNorm, const json& tokens) {
  json row{{"step", step}, {"epoch", epoch}, {"loss", loss}};
  if (lr.is_number()) row["lr"] = lr;
  if (gradNorm.is_number()) row["grad_norm"] = gradNorm;
  if (tokens.is_number()) row["tokens"] = tokens;
  h.train[step] = row;
  h.lastStep = std::max(h.lastStep, step);
}
void addEval(History& h, int64_t step, double epoch, double loss) {
  h.eval[step] = json{{"step", step}, {"epoch", epoch}, {"eval_loss", loss}, {"eval_ppl", std::exp(loss)}};
  h.lastStep = std::max(h.lastStep, step);
}

// transformers' TrainerState as JSON: log_history and max_steps.
void readTrainerState(const fs::path& file, History& h) {
  const json state = readJsonFile(file);
  if (!state.is_object() || !state.contains("log_history") || !state["log_history"].is_array())
    throw Error(ErrorCategory::Format, "not a transformers TrainerState (no log_history list)", {file.string(), -1, -1, "log_history"});
  if (isNumber(state, "max_steps")) h.totalSteps = state["max_steps"].get<int64_t>();
  if (isNumber(state, "global_step")) h.lastStep = std::max(h.lastStep, state["global_step"].get<int64_t>());
  for (const json& row : state["log_history"]) {
    if (!row.is_object() || !isNumber(row, "step")) continue;
    const int64_t step = row["step"].get<int64_t>();
    const double epoch = isNumber(row, "epoch") ? row["epoch"].get<double>() : 0.0;
    if (isNumber(row, "loss"))
      addTrain(h, step, epoch, row["loss"].get<double>(), row.value("learning_rate", json()), row.value("grad_norm", json()),
               row.value("num_input_tokens_seen", json()));
    if (isNumber(row, "eval_loss")) addEval(h, step, epoch, row["eval_loss"].get<double>());
  }
}

// LLaMA-Factory's trainer_log.jsonl; only steps after `after` are taken (the state file has the
// earlier ones, with gradient norms this file lacks).
void readTrainerLog(const fs::path& file, History& h, int64_t after, std::map<int64_t, double>* elapsed) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    json row;
    try {
      row = json::parse(line);
    } catch (const json::exception&) {
      continue;  // a line cut by a crash
    }
    if (!row.is_object() || !isNumber(row, "current_steps")) continue;
    const int64_t step = row["current_steps"].get<int64_t>();
    if (isNumber(row, "total_steps")) h.totalSteps = std::max(h.totalSteps, row["total_steps"].get<int64_t>());
    const double seconds = clockSeconds(row.value("elapsed_time", json()));
    if (seconds >= 0) (*elapsed)[step] = seconds;
    if (step <= after) continue;
    const double epoch = isNumber(row, "epoch") ? row["epoch"].get<double>() : 0.0;
    if (isNumber(row, "loss")) addTrain(h, step, epoch, row["loss"].get<double>(), row.value("lr", json()), json(), json());
    if (isNumber(row, "eval_loss")) addEval(h, step, epoch, row["eval_loss"].get<double>());
    h.lastStep = std::max(h.lastStep, step);
  }
}

std::string isoUtc(std::time_t t) {
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

// When the run ended: the newest history file's time (the run list orders by it).
std::time_t endTime(const fs::path& dir) {
  std::time_t newest = 0;
  for (const char* f : {"trainer_state.json", "trainer_log.jsonl", "all_results.json"}) {
    std::error_code ec;
    const auto t = fs::last_write_time(dir / f, ec);
    if (ec) continue;
    const auto sys = std::chrono::time_point_cast<std::chrono::system_clock::duration>(t - fs::file_time_type::clock::now() + std::chrono::system_clock::now());
    newest = std::max(newest, std::chrono::system_clock::to_time_t(sys));
  }
  return newest ? newest : std::time(nullptr);
}

// checkpoint-N folders, newest first.
std::vector<std::pair<int64_t, fs::path>> checkpoints(const fs::path& dir) {
  std::vector<std::pair<int64_t, fs::path>> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string n = e.path().filename().string();
    if (n.rfind("checkpoint-", 0) != 0 || !e.is_directory()) continue;
    try {
      out.emplace_back(std::stoll(n.substr(11)), e.path());
    } catch (const std::exception&) {
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  return out;
}

// The files of a result that travel: the adapter (PEFT) or the model with its tokenizer. Never the
// pickles.
bool isResultFile(const std::string& name, bool adapter) {
  if (adapter) return name == "adapter_config.json" || name == "adapter_model.safetensors";
  static const char* const kModel[] = {"config.json", "generation_config.json", "model.safetensors.index.json", "tokenizer.json",
                                       "tokenizer_config.json", "special_tokens_map.json", "tokenizer.model", "vocab.json", "merges.txt",
                                       "added_tokens.json", "chat_template.jinja"};
  if (name.size() > 12 && name.compare(name.size() - 12, 12, ".safetensors") == 0) return true;
  return std::find_if(std::begin(kModel), std::end(kModel), [&](const char* k) { return name == k; }) != std::end(kModel);
}

}  // namespace

LlamaFactoryRunImport importLlamaFactoryRun(const fs::path& outputDir, const fs::path& runDir, const fs::path& yamlFile, const std::string& modelPath) {
  if (!fs::is_directory(outputDir)) throw Error(ErrorCategory::Io, "not a folder", {outputDir.string()});
  LlamaFactoryRunImport result;

  // Settings: the YAML it trained with. LLaMA-Factory keeps no copy (training_args.bin is a pickle).
  const fs::path yaml = !yamlFile.empty() ? yamlFile : outputDir / "job.yaml";
  if (!fs::exists(yaml)) {
    throw Error(ErrorCategory::Io,
                "no job.yaml here: LLaMA-Factory keeps no readable copy of the settings (training_args.bin is a pickle, which PeftDesk "
                "never opens); give the YAML the run was started with (--yaml)",
                {outputDir.string()});
  }
  // The copy launch.sh leaves in output/ was read by LLaMA-Factory in the job folder above it.
  const fs::path outputAbs = fs::absolute(outputDir).lexically_normal();
  LlamaFactoryImport settings =
      importLlamaFactoryYaml(yaml, yamlFile.empty() ? (outputAbs.filename().empty() ? outputAbs.parent_path() : outputAbs).parent_path() : fs::path());
  result.notes = settings.notes;
  json run = settings.run;
  if (!modelPath.empty()) run["model"]["path"] = modelPath;
  run["output_dir"] = fs::absolute(runDir).lexically_normal().string();
  std::vector<ConfigProblem> problems;
  const RunConfig config = parseRunConfig(run, yaml, &problems);
  for (const auto& p : problems)
    if (p.field != "data.path" && p.field != "data.eval_path" && p.field != "output_dir")
      result.notes.push_back(p.field + ": " + p.message);
  if (!problems.empty()) result.notes.push_back("the data it trained on is on the cluster, not here: the run is shown, not resumable");
  const bool peft = config.mode == TrainingMode::Peft;

  // History: the final trainer_state.json; else the newest checkpoint's plus the log after it.
  History h;
  std::map<int64_t, double> elapsed;
  const auto cps = checkpoints(outputDir);
  if (fs::exists(outputDir / "trainer_state.json")) {
    readTrainerState(outputDir / "trainer_state.json", h);
    result.source = "trainer_state.json";
    if (fs::exists(outputDir / "trainer_log.jsonl")) readTrainerLog(outputDir / "trainer_log.jsonl", h, h.lastStep, &elapsed);
  } else {
    int64_t after = 0;
    for (const auto& [step, dir] : cps) {
      if (!fs::exists(dir / "trainer_state.json")) continue;
      readTrainerState(dir / "trainer_state.json", h);
      after = h.lastStep;
      result.source = dir.filename().string() + "/trainer_state.json";
      break;
    }
    if (fs::exists(outputDir / "trainer_log.jsonl")) {
      readTrainerLog(outputDir / "trainer_log.jsonl", h, after, &elapsed);
      result.source += (result.source.empty() ? "" : " + ") + std::string("trainer_log.jsonl");
    }
    if (result.source.empty())
      throw Error(ErrorCategory::Io, "no training history: neither trainer_state.json (also in checkpoint-N/) nor trainer_log.jsonl", {outputDir.string()});
  }
  // The evaluation after training is only in all_results.json / eval_results.json.
  for (const char* name : {"all_results.json", "eval_results.json"}) {
    const fs::path f = outputDir / name;
    if (!fs::exists(f)) continue;
    const json r = readJsonFile(f);
    if (r.is_object() && isNumber(r, "eval_loss") && !h.eval.count(h.lastStep) && h.lastStep > 0)
      addEval(h, h.lastStep, isNumber(r, "epoch") ? r["epoch"].get<double>() : 0.0, r["eval_loss"].get<double>());
    if (r.is_object() && isNumber(r, "train_runtime") && !elapsed.count(h.lastStep)) elapsed[h.lastStep] = r["train_runtime"].get<double>();
    break;
  }
  if (h.totalSteps == 0) h.totalSteps = h.lastStep;
  result.steps = h.lastStep;
  result.totalSteps = h.totalSteps;

  // The result: the final one, else the newest checkpoint's.
  fs::path from;
  const char* probe = peft ? "adapter_model.safetensors" : "config.json";
  if (fs::exists(outputDir / probe)) {
    from = outputDir;
  } else {
    for (const auto& [step, dir] : cps)
      if (fs::exists(dir / probe)) {
        from = dir;
        result.notes.push_back("the run did not finish: its newest checkpoint (step " + std::to_string(step) + ") is the result");
        break;
      }
  }
  if (from.empty())
    throw Error(ErrorCategory::Io, std::string("no ") + (peft ? "adapter (adapter_model.safetensors)" : "model (config.json)") +
                                       " here or in a checkpoint-N/ folder", {outputDir.string()});
  result.resultFrom = from.string();

  checkOutputFolder(runDir);
  StagingFolder staging(runDir);
  const fs::path resultDir = staging.path() / (peft ? "adapter" : "model");
  fs::create_directories(resultDir);
  for (const auto& e : fs::directory_iterator(from)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && isResultFile(name, peft)) fs::copy_file(e.path(), resultDir / name);
  }
  {
    RunFolder folder(staging.path());
    json resolved = config.resolved;
    resolved["output_dir"] = fs::absolute(runDir).lexically_normal().string();
    folder.writeRunJson(resolved);
    std::map<int64_t, std::vector<json>> rows;
    for (auto& [step, row] : h.train) {
      if (elapsed.count(step)) row["elapsed_s"] = elapsed[step];
      rows[step].push_back(row);
      ++result.lossRows;
    }
    for (const auto& [step, row] : h.eval) {
      rows[step].push_back(row);
      ++result.evalRows;
    }
    for (const auto& [step, list] : rows)
      for (const auto& row : list) folder.appendMetrics(row);
    const bool finished = from == outputDir && h.lastStep >= h.totalSteps;
    folder.writeStatus(json{{"state", finished ? "finished" : "stopped"},
                            {"detail", "trained by LLaMA-Factory; imported from " + fs::absolute(outputDir).lexically_normal().string()},
                            {"step", h.lastStep},
                            {"total_steps", h.totalSteps},
                            {"started_at", isoUtc(endTime(outputDir) - static_cast<std::time_t>(elapsed.count(h.lastStep) ? elapsed[h.lastStep] : 0))},
                            {"updated_at", isoUtc(endTime(outputDir))},
                            {"origin", "llamafactory"},
                            {"imported_from", fs::absolute(outputDir).lexically_normal().string()}});
    folder.appendLog("imported from LLaMA-Factory output " + fs::absolute(outputDir).lexically_normal().string() + " (history: " + result.source + ")");
    for (const auto& n : result.notes) folder.appendLog("note: " + n);
  }
  staging.moveTo(runDir);
  return result;
}

}  // namespace peftdesk
