// `peftdesk-cli export MODEL_DIR --gguf f32|f16|bf16|q8_0 --out FILE.gguf [--adapter DIR [--gguf-lora]]
// [--name N]`: the model (merged with the adapter when one is given) as one GGUF file for llama.cpp /
// Ollama, or with --gguf-lora the adapter alone as a GGUF LoRA adapter (llama.cpp --lora). A merge
// runs in fp32 on the CPU (exportMergedGguf); without an adapter the weights stream straight from
// the checkpoint.
#include <cstdio>
#include <optional>

#include "cli/commands.h"
#include "peftdesk/error.h"
#include "peftdesk/atomic_file.h"
#include "peftdesk/gguf_export.h"

namespace peftdesk::cli {
namespace fs = std::filesystem;

namespace {

// --ollama TEMPLATE: a Modelfile beside the .gguf (FROM the model, ADAPTER the LoRA GGUF), built
// before the export so that an unknown template or an existing Modelfile is refused first.
struct PendingModelfile {
  std::filesystem::path file;
  OllamaModelfile content;
};
std::optional<PendingModelfile> prepareModelfile(const Args& args, const fs::path& modelDir, const fs::path& out, bool lora) {
  const auto tmpl = args.value("ollama");
  if (!tmpl) return std::nullopt;
  const fs::path file = out.parent_path() / "Modelfile";
  ErrorContext where;
  where.file = file.string();
  if (fs::exists(file)) throw Error(ErrorCategory::Argument, "a Modelfile exists beside the output; refusing to overwrite it", where);
  const std::string base = lora ? "BASE_MODEL.gguf" : out.filename().string();
  return PendingModelfile{file, ollamaModelfile(modelDir, *tmpl, base, lora ? out.filename().string() : std::string())};
}
void writeModelfile(const std::optional<PendingModelfile>& m, bool lora) {
  if (!m) return;
  writeFileAtomically(m->file, m->content.text);
  std::fprintf(stderr, "wrote %s: template %s, stops", m->file.string().c_str(), m->content.templateName.c_str());
  for (const auto& s : m->content.stops) std::fprintf(stderr, " %s", s.c_str());
  std::fprintf(stderr, "%s%s\n", m->content.note.empty() ? "" : "; note: ", m->content.note.c_str());
  if (lora) std::fprintf(stderr, "  edit its FROM line to name the base model's GGUF\n");
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
  const bool lora = args.flag("gguf-lora");
  const auto modelfile = prepareModelfile(args, modelDir, out, lora);
  if (lora) {
    const auto adapter = args.value("adapter");
    if (!adapter) throw Error(ErrorCategory::Argument, "--gguf-lora writes the adapter given with --adapter DIR");
    const GgufLoraReport r = exportLoraGguf(modelDir, *adapter, out, options);
    std::fprintf(stderr, "wrote %s: %s LoRA adapter, %lld pairs, alpha %g, %.1f MB%s%s\n", r.file.string().c_str(), r.architecture.c_str(),
                 static_cast<long long>(r.pairs), static_cast<double>(r.alphaWritten), static_cast<double>(r.fileBytes) / 1e6,
                 r.note.empty() ? "" : "; ", r.note.c_str());
    writeModelfile(modelfile, true);
    return 0;
  }
  const auto adapter = args.value("adapter");
  const GgufExportReport r = adapter ? exportMergedGguf(modelDir, *adapter, out, options) : exportGguf(modelDir, out, options);
  if (adapter) std::fprintf(stderr, "merged in fp32 (max |logit diff| %.3g against base + adapter)\n", r.mergeMaxLogitDiff);
  std::fprintf(stderr, "wrote %s: %s, %s, %lld tensors, %.1f MB; tokenizer %s/%s; chat template %s\n", r.file.string().c_str(),
               r.architecture.c_str(), r.sizeLabel.c_str(), static_cast<long long>(r.tensors), static_cast<double>(r.fileBytes) / 1e6,
               r.tokenizerModel.c_str(), r.tokenizerPre.c_str(), r.chatTemplate.empty() ? "none (the folder has none)" : "written");
  writeModelfile(modelfile, false);
  return 0;
}

}  // namespace peftdesk::cli
