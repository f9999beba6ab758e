// exportMergedGguf (peftdesk/gguf_export.h): a base model with a PEFT adapter merged into it, as one
// GGUF file. The merge runs in fp32 on the CPU through the ordinary merged export (checked against
// base + adapter), into a scratch folder beside the output that is removed afterwards, whatever
// happens; the GGUF is then written from that folder exactly as from any model folder. Shared by
// `peftdesk-cli export --gguf --adapter` and the Export dialog.
#include <random>

#include "peftdesk/error.h"
#include "peftdesk/gguf_export.h"
#include "peftdesk/model.h"

namespace peftdesk {
namespace fs = std::filesystem;

namespace {

struct ScratchFolder {
  fs::path path;
  ~ScratchFolder() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

}  // namespace

GgufExportReport exportMergedGguf(const fs::path& baseDir, const fs::path& adapterDir, const fs::path& outFile, const GgufExportOptions& options,
                                  const std::atomic<bool>* cancel, const std::function<void(const char*)>& onStage) {
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
  ScratchFolder scratch;
  std::random_device random;
  scratch.path = fs::absolute(outFile).parent_path() / (".peftdesk-gguf-merge-" + std::to_string(random()));
  const ExportReport merged = model->exportAdapter("adapter", scratch.path, merge);
  model.reset();  // the merged weights are on disk now
  if (cancel && cancel->load()) throw Error(ErrorCategory::Cancelled, "export cancelled");
  if (onStage) onStage("gguf");
  GgufExportReport r = exportGguf(scratch.path, outFile, options);
  r.mergeMaxLogitDiff = merged.maxLogitDiff;
  return r;
}

}  // namespace peftdesk
