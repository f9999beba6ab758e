// The table of peftdesk-cli commands. A command is one row here + one cmd_<name>.cpp file.
#pragma once

#include <string>
#include <vector>

#include "cli/args.h"

namespace peftdesk::cli {

struct Command {
  const char* name;
  const char* usage;    // "info MODEL_DIR [--json]"
  const char* summary;  // one line
  std::vector<OptionSpec> options;
  int (*run)(const Args& args);
};

const std::vector<Command>& commandTable();

int runInfo(const Args& args);
int runTokenize(const Args& args);
int runForward(const Args& args);
int runGenerate(const Args& args);
int runParams(const Args& args);
int runExport(const Args& args);
int runExportGguf(const Args& args);  // export --gguf (cmd_export_gguf.cpp)
int runQuantize(const Args& args);
int runTrain(const Args& args);
int runImportLlamaFactory(const Args& args);
int runExportJob(const Args& args);
int runImportLlamaFactoryRun(const Args& args);
int runCompare(const Args& args);
int runCombine(const Args& args);
int runDevices(const Args& args);
int runModels(const Args& args);
int runDownload(const Args& args);

}  // namespace peftdesk::cli
