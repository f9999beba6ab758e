// `peftdesk-cli export MODEL_DIR --gguf f32|f16|bf16|q8_0 --out FILE.gguf [--adapter DIR [--gguf-lora]]
// [--name N]`: the model (merged with the adapter when one is given) as one GGUF file for llama.cpp /
// Ollama, or with --gguf-lora the adapter alone as a GGUF LoRA adapter (llama.cpp --lora). A merge
// is done in fp32 into a temporary folder beside the output, exported from there and removed;
// without an adapter the weights stream straight from the checkpoint.
#include <cstdio>
#include <random>

#include "cli/commands.h"
#include "peftdesk/error.h"
#include "peftdesk/gguf_export.h"
#include "peftdesk/model.h"

namespace peftdesk::cli {
namespace fs = std::filesystem;

LoadOptions loadOptionsFrom(const Args& args);  // cmd_forward.cpp

namespace {

// A folder removed when it goes out of scope, whatever happened.
struct ScratchFolder {
  fs::path path;
  ~ScratchFolder() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

fs::path scratchBeside(const fs::path& file) {
  std::random_device random;
  const fs::path parent = fs::absolute(file).parent_path();
  return parent / (".peftdesk-gguf-merge-" + std::to_string(random()));
}

}  // namespace

int runExportGguf(const Args& args) {
  if (args.positional().size() != 1) throw Error(ErrorCategory::Argument, "expected exactly one MODEL_DIR");
  GgufExportOptions options;
  const std::string type = *args.value("gguf");
  if (!parseGgufType(type, &options.type)) throw Error(ErrorCategory::Argument, "--gguf must be f32, f16, bf16 or q8_0, got '" + type + "'");
  if (auto n = args.value("name")) options.name = *n;
  for (const char* other : {"merge", "dtype", "max-shard-size", "verify", "no-verify", "no-card"})
    if (args.flag(other) || args.value(other))
      throw Error(ErrorCategory::Argument, std::string("--") + other + " does not apply to --gguf (a GGUF export always merges the adapter, in fp32)");
  const fs::path out = args.required("out");
  ErrorContext where;
  where.file = out.string();
  if (out.extension() != ".gguf") throw Error(ErrorCategory::Argument, "--out names the GGUF file and must end in .gguf", where);
  if (fs::exists(out)) throw Error(ErrorCategory::Argument, "the output file exists; refusing to overwrite it", where);
  if (!out.parent_path().empty()) fs::create_directories(out.parent_path());

  fs::path modelDir = args.positional()[0];
  if (args.flag("gguf-lora")) {
    const auto adapter = args.value("adapter");
    if (!adapter) throw Error(ErrorCategory::Argument, "--gguf-lora writes the adapter given with --adapter DIR");
    const GgufLoraReport r = exportLoraGguf(modelDir, *adapter, out, options);
    std::fprintf(stderr, "wrote %s: %s LoRA adapter, %lld pairs, alpha %g, %.1f MB%s%s\n", r.file.string().c_str(), r.architecture.c_str(),
                 static_cast<long long>(r.pairs), static_cast<double>(r.alphaWritten), static_cast<double>(r.fileBytes) / 1e6,
                 r.note.empty() ? "" : "; ", r.note.c_str());
    return 0;
  }
  ScratchFolder merged;
  if (auto adapter = args.value("adapter")) {
    LoadOptions load = loadOptionsFrom(args);
    if (!args.value("device")) load.device.kind = DeviceKind::Cpu;
    load.dtype = ComputeDType::F32;
    auto model = Model::load(modelDir, load);
    model->loadAdapter(*adapter, "adapter");
    ExportOptions merge;
    merge.merge = true;
    merge.dtype = ComputeDType::F32;
    merge.verify = true;
    merged.path = scratchBeside(out);
    const ExportReport r = model->exportAdapter("adapter", merged.path, merge);
    std::fprintf(stderr, "merged in fp32 (max |logit diff| %.3g against base + adapter)\n", r.maxLogitDiff);
    modelDir = merged.path;
  }
  const GgufExportReport r = exportGguf(modelDir, out, options);
  std::fprintf(stderr, "wrote %s: %s, %s, %lld tensors, %.1f MB; tokenizer %s/%s; chat template %s\n", r.file.string().c_str(),
               r.architecture.c_str(), r.sizeLabel.c_str(), static_cast<long long>(r.tensors), static_cast<double>(r.fileBytes) / 1e6,
               r.tokenizerModel.c_str(), r.tokenizerPre.c_str(), r.chatTemplate.empty() ? "none (the folder has none)" : "written");
  return 0;
}

}  // namespace peftdesk::cli
