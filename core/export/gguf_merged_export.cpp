// exportMergedGguf (peftdesk/gguf_export.h): a base model with a PEFT adapter merged into it, as one
// GGUF file. The base is checked first (checkGgufExportable: a model the GGUF rows refuse is refused
// before minutes of merging). The merge runs in fp32 on the CPU through the ordinary merged export
// (checked against base + adapter), into a hidden staging folder beside the output that is removed
// afterwards, whatever happens; the GGUF is then written from that folder exactly as from any model
// folder. Shared by `peftdesk-cli export --gguf --adapter` and the Export dialog.
#include "export/staging_folder.h"
#include "peftdesk/error.h"
#include "peftdesk/gguf_export.h"
#include "peftdesk/model.h"

namespace peftdesk {
namespace fs = std::filesystem;

GgufExportReport exportMergedGguf(const fs::path& baseDir, const fs::path& adapterDir, const fs::path& outFile, const GgufExportOptions& options,
                                  const std::function<void(const char*)>& onStage) {
  checkGgufExportable(baseDir);
  const std::atomic<bool>* cancel = options.cancel;
  LoadOptions load;
  load.device.kind = DeviceKind::Cpu;
  load.dtype = ComputeDType::F32;
  load.cancel = cancel;
  auto model = Model::load(baseDir, load);
  model->loadAdapter(adapterDir, "adapter");
  ExportOptions merge;
  merge.merge = true;
  merge.dtype = ComputeDType::F32;
  merge.verify = true;
  merge.cancel = cancel;
  merge.onStage = [&](const char* stage) {
    if (onStage && std::string(stage) != "publishing") onStage(stage);
  };
  StagingFolder scratch(fs::absolute(outFile));
  const fs::path mergedDir = scratch.path() / "merged";
  const ExportReport merged = model->exportAdapter("adapter", mergedDir, merge);
  model.reset();  // the merged weights are on disk now
  // Template files the merged export does not carry (the GGUF reads them, as the converter does).
  for (const char* extra : {"chat_template.json", "additional_chat_templates"})
    if (fs::exists(baseDir / extra) && !fs::exists(mergedDir / extra)) fs::copy(baseDir / extra, mergedDir / extra, fs::copy_options::recursive);
  if (cancel && cancel->load()) throw Error(ErrorCategory::Cancelled, "export cancelled");
  if (onStage) onStage("gguf");
  GgufExportReport r = exportGguf(mergedDir, outFile, options);
  r.mergeMaxLogitDiff = merged.maxLogitDiff;
  return r;
}

}  // namespace peftdesk
