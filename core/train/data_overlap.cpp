// See data_overlap.h. The run's training rows come from prepareData with the run's settings (so
// its validation split is left out exactly as the trainer leaves it out); the evaluation rows from
// the same function with the evaluation file in place of the run's data and no split.
#include "peftdesk/data_overlap.h"

#include <algorithm>
#include <memory>
#include <unordered_set>

#include "peftdesk/adapter_names.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "peftdesk/tokenizer.h"
#include "train/data_pipeline.h"

namespace peftdesk {
namespace {

std::string key(const std::vector<int32_t>& ids) {
  return std::string(reinterpret_cast<const char*>(ids.data()), ids.size() * sizeof(int32_t));
}

}  // namespace

TrainingOverlap trainingOverlap(const RunConfig& run, const std::filesystem::path& evalData, const std::string& evalDatasetNames,
                                int64_t evalMaxSamples) {
  std::unique_ptr<Tokenizer> tokenizer;
  const TokenizerSource source = [&]() -> const Tokenizer& {
    if (!tokenizer) tokenizer = Tokenizer::load(run.modelPath);
    return *tokenizer;
  };
  const auto quiet = [](const std::string&) {};
  RunConfig trained = run;
  trained.packing = false;  // example by example
  const PreparedData training = prepareData(trained, source, quiet);
  std::unordered_set<std::string> seen;
  for (const EncodedExample& e : training.train) seen.insert(key(e.inputIds));

  RunConfig evaluated = trained;
  evaluated.dataPath = evalData;
  evaluated.datasetNames = evalDatasetNames;
  evaluated.format = DatasetFormat::Auto;
  evaluated.columns.reset();
  evaluated.valSize = 0;
  evaluated.evalPath.clear();  // the run's own evaluation file plays no part here
  evaluated.maxSamples = evalMaxSamples;
  evaluated.onBadRecord = BadRecordPolicy::Skip;  // the evaluation reports its own problems
  if (!training.templateName.empty()) evaluated.templateName = training.templateName;  // as the run resolved "auto"
  const PreparedData eval = prepareData(evaluated, source, quiet);
  TrainingOverlap out;
  out.evalExamples = static_cast<int64_t>(eval.train.size());
  for (const EncodedExample& e : eval.train) out.inTraining += seen.count(key(e.inputIds)) > 0 ? 1 : 0;
  return out;
}

std::vector<RunOverlap> trainingOverlaps(const std::vector<std::filesystem::path>& folders, const std::filesystem::path& evalData,
                                         const std::string& evalDatasetNames, int64_t evalMaxSamples) {
  std::vector<RunOverlap> out;
  for (const std::filesystem::path& folder : folders) {
    const std::filesystem::path runJson = folder / "run.json";
    if (!std::filesystem::is_regular_file(runJson)) continue;
    RunOverlap r;
    r.run = folderName(folder);
    try {
      std::vector<ConfigProblem> problems;
      const RunConfig run = parseRunConfig(readJsonFile(runJson), runJson, &problems);
      // (its output folder holds the run, of course; any other problem: the run cannot say what
      // it trained on, and the evaluation reports what it cannot read)
      const auto other = std::find_if(problems.begin(), problems.end(), [](const ConfigProblem& c) { return c.field != "output_dir"; });
      if (other != problems.end()) r.problem = other->field + ": " + other->message;
      else r.overlap = trainingOverlap(run, evalData, evalDatasetNames, evalMaxSamples);
    } catch (const std::exception& e) {
      r.problem = errorMessage(e);
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace peftdesk
