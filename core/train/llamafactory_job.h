// Internals of the LLaMA-Factory job export (see peftdesk/cluster_job.h), shared by its three
// files: the key rows (llamafactory_export.cpp), the data folder (llamafactory_job_data.cpp) and
// the launch side (llamafactory_job_files.cpp: DeepSpeed / FSDP configs, launch.sh, README).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "peftdesk/cluster_job.h"

namespace peftdesk::lfjob {

// What the export collects while it walks the RUN.json: the job, and every key it cannot carry.
struct Plan {
  const RunConfig& config;
  const ClusterJobOptions& options;
  ClusterJob job;
  std::vector<std::pair<std::string, std::string>> refused;  // RUN.json key, why
  void refuse(const std::string& key, const std::string& why) { refused.emplace_back(key, why); }
  void note(const std::string& line) { job.notes.push_back(line); }
};

// The RUN.json keys in the order the export considers them, each with what becomes of it; the test
// checks that this covers every row of runFields(), so a new RUN.json key needs a decision here.
const std::vector<std::string>& exportedRunKeys();

// Why LLaMA-Factory 0.9.5's template of this name would not train on the tokens ours gives, or ""
// when it does (measured: test_llamafactory_templates encodes conversations with both).
std::string templateRefusal(const std::string& name);

// data.path / data.dataset / data.eval_path / data.columns / data.format → data/ with
// dataset_info.json and the files; sets dataset, eval_dataset, dataset_dir, stage in the YAML.
void planData(Plan& plan);
// The DeepSpeed or FSDP configuration, launch.sh, README.md and peftdesk_run.json.
void planLaunchFiles(Plan& plan);

}  // namespace peftdesk::lfjob
