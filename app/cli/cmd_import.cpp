// `peftdesk-cli import-llamafactory CONFIG.yaml --out RUN.json`: a LLaMA-Factory training YAML
// as a RUN.json (validated before it is written; an existing file is never overwritten).
#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "peftdesk/atomic_file.h"
#include "peftdesk/error.h"
#include "peftdesk/llamafactory_import.h"
#include "peftdesk/run_config.h"

namespace peftdesk::cli {

int runImportLlamaFactory(const Args& args) {
  if (args.positional().size() != 1) throw Error(ErrorCategory::Argument, "expected exactly one LLaMA-Factory YAML file");
  const std::filesystem::path out = args.required("out");
  if (std::filesystem::exists(out)) {
    ErrorContext where;
    where.file = out.string();
    throw Error(ErrorCategory::Argument, "refusing to overwrite an existing file", where);
  }
  const LlamaFactoryImport imported = importLlamaFactoryYaml(args.positional()[0]);
  for (const auto& note : imported.notes) std::fprintf(stderr, "note: %s\n", note.c_str());
  // Report what the RUN.json validation would refuse, without refusing to write: the user may be
  // converting on another machine than the one that holds the model and data.
  std::vector<ConfigProblem> problems;
  parseRunConfig(imported.run, std::filesystem::absolute(out), &problems);
  for (const auto& p : problems) std::fprintf(stderr, "warning: %s: %s\n", p.field.c_str(), p.message.c_str());
  writeFileAtomically(out, imported.run.dump(2) + "\n");
  std::fprintf(stderr, "wrote %s\n", out.string().c_str());
  return 0;
}

}  // namespace peftdesk::cli

namespace peftdesk::cli {

// `peftdesk-cli import-llamafactory-run OUTPUT_DIR --out RUN_DIR [--yaml FILE] [--model-path DIR]`:
// a LLaMA-Factory output folder as a PeftDesk run folder (curves, settings, adapter).
int runImportLlamaFactoryRun(const Args& args) {
  if (args.positional().size() != 1) throw Error(ErrorCategory::Argument, "expected exactly one LLaMA-Factory output folder");
  const std::filesystem::path out = args.required("out");
  const LlamaFactoryRunImport r = importLlamaFactoryRun(args.positional()[0], out, args.value("yaml").value_or(""), args.value("model-path").value_or(""));
  for (const auto& note : r.notes) std::fprintf(stderr, "note: %s\n", note.c_str());
  std::fprintf(stderr, "wrote %s: step %lld of %lld, %lld loss and %lld evaluation rows (from %s), result from %s\n", out.string().c_str(),
               static_cast<long long>(r.steps), static_cast<long long>(r.totalSteps), static_cast<long long>(r.lossRows),
               static_cast<long long>(r.evalRows), r.source.c_str(), r.resultFrom.c_str());
  return 0;
}

}  // namespace peftdesk::cli
