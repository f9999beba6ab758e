// Import of a LLaMA-Factory training YAML (the files people pass to `llamafactory-cli train`)
// into a PeftDesk RUN.json, so their users switch without rewriting configs. Keys map through one
// table; keys that only steer infrastructure (report_to, ddp_timeout, ...) are listed as ignored;
// keys that would change what is trained but have no equivalent here are refused by name, never
// dropped silently. No LibTorch, no Qt.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace peftdesk {

struct LlamaFactoryImport {
  nlohmann::json run;               // RUN.json content (relative paths resolved against the YAML's folder)
  std::vector<std::string> notes;   // one line per ignored key or changed default, for the user
};

// Throws peftdesk::Error: YAML syntax (file:line), a top level that is not a mapping, a stage
// other than sft / pt, or the list of keys that cannot be carried over. Relative paths resolve
// against `baseDir` (LLaMA-Factory's working directory when it ran), by default the YAML's folder.
LlamaFactoryImport importLlamaFactoryYaml(const std::filesystem::path& yamlFile, const std::filesystem::path& baseDir = {});

}  // namespace peftdesk

namespace peftdesk {

// A LLaMA-Factory output folder (what `llamafactory-cli train` wrote: the adapter or model,
// trainer_state.json, trainer_log.jsonl, all_results.json, checkpoint-N/) brought back as a
// PeftDesk run folder, so the Runs page, Compare, Chat and Export treat it like a run of ours:
// run.json from the YAML it trained with (the job.yaml an exported job's launch.sh copies into the
// output folder, or `yamlFile`), metrics.jsonl from trainer_state.json's log_history (loss,
// learning rate, gradient norm, evaluation loss per step; trainer_log.jsonl for steps after the
// last saved state), status.json (finished, or stopped at the last step it reached), and adapter/
// (or model/) copied. Pickles (training_args.bin, optimizer.pt, rng_state*.pth) are never opened.
struct LlamaFactoryRunImport {
  int64_t steps = 0, totalSteps = 0;
  int64_t lossRows = 0, evalRows = 0;
  std::string source;               // "trainer_state.json", "checkpoint-N/trainer_state.json + trainer_log.jsonl", ...
  std::string resultFrom;           // the folder the adapter / model was copied from
  std::vector<std::string> notes;   // for the user: defaults, settings that cannot be checked here
};

// `runDir` must not exist or be empty (written through a staging folder: a failure leaves nothing).
// `modelPath`: the base on this machine when the YAML names the cluster's ("" = the YAML's).
// Throws peftdesk::Error naming the file: no settings (no job.yaml and no `yamlFile`), no
// training history, no adapter or model, a malformed JSON file.
LlamaFactoryRunImport importLlamaFactoryRun(const std::filesystem::path& outputDir, const std::filesystem::path& runDir,
                                            const std::filesystem::path& yamlFile = {}, const std::string& modelPath = "");

}  // namespace peftdesk
