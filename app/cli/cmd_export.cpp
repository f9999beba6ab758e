// `peftdesk-cli export MODEL_DIR --adapter DIR --out DIR [--merge] [--dtype ..] [--max-shard-size 2GB]
// [--no-verify] [--no-card]`; with --gguf TYPE, a GGUF file instead (cmd_export_gguf.cpp). A merged export is checked by default (logits against base + adapter,
// and a merge that changes nothing is refused); a model card (README.md) is written by default.
#include <cctype>
#include <cstdio>

#include "cli/commands.h"
#include "peftdesk/error.h"
#include "peftdesk/model.h"
#include "peftdesk/model_card.h"

namespace peftdesk::cli {

LoadOptions loadOptionsFrom(const Args& args);  // cmd_forward.cpp

namespace {
// "2GB" (decimal, as transformers), "500MiB" (binary), "123456" (bytes).
uint64_t parseSize(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
  if (i == 0) throw Error(ErrorCategory::Argument, "--max-shard-size: '" + text + "' is not a size such as 2GB or 500MB");
  const double n = std::stod(text.substr(0, i));
  std::string unit = text.substr(i);
  for (auto& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  static const std::pair<const char*, double> kUnits[] = {{"", 1},          {"B", 1},          {"KB", 1e3},         {"MB", 1e6},
                                                           {"GB", 1e9},      {"KIB", 1024.0},   {"MIB", 1048576.0},  {"GIB", 1073741824.0}};
  for (const auto& [u, f] : kUnits)
    if (unit == u) return static_cast<uint64_t>(n * f);
  throw Error(ErrorCategory::Argument, "--max-shard-size: unknown unit '" + text.substr(i) + "' (use B, KB, MB, GB, KiB, MiB, GiB)");
}
}  // namespace

int runExport(const Args& args) {
  if (args.value("gguf")) return runExportGguf(args);
  if (args.value("name") || args.flag("gguf-lora") || args.value("ollama"))
    throw Error(ErrorCategory::Argument, "--name, --gguf-lora and --ollama apply to --gguf exports only");
  if (args.positional().size() != 1) throw Error(ErrorCategory::Argument, "expected exactly one MODEL_DIR");
  ExportOptions o;
  o.merge = args.flag("merge");
  if (args.flag("verify") && args.flag("no-verify")) throw Error(ErrorCategory::Argument, "--verify and --no-verify contradict each other");
  o.verify = o.merge && !args.flag("no-verify");
  if (auto d = args.value("dtype")) {
    ComputeDType dt;
    if (!parseComputeDType(*d, &dt)) throw Error(ErrorCategory::Argument, "--dtype must be fp32, bf16 or fp16, got '" + *d + "'");
    o.dtype = dt;
  }
  if (auto s = args.value("max-shard-size")) o.maxShardBytes = parseSize(*s);
  if ((o.dtype || args.value("max-shard-size") || args.flag("verify") || args.flag("no-verify")) && !o.merge) {
    throw Error(ErrorCategory::Argument, "--dtype, --max-shard-size and --verify / --no-verify apply to --merge exports only");
  }
  const std::string out = args.required("out");
  LoadOptions load = loadOptionsFrom(args);
  // Export reads and writes weights: on the CPU by default (the weights stay views of the mapped
  // file, and a merge never needs GPU memory); --device picks another.
  if (!args.value("device")) load.device.kind = DeviceKind::Cpu;
  auto model = Model::load(args.positional()[0], load);
  model->loadAdapter(args.required("adapter"), "adapter");
  if (!args.flag("no-card")) {
    ModelCardInput card;
    card.baseDir = std::filesystem::absolute(args.positional()[0]);
    card.adapterDir = std::filesystem::absolute(args.required("adapter")).lexically_normal();
    if (card.adapterDir.filename().empty()) card.adapterDir = card.adapterDir.parent_path();
    card.merged = o.merge;
    card.mergedDtype = computeDTypeName(o.dtype.value_or(model->dtype()));
    card.mergeChecked = o.verify;
    o.readme = modelCard(card);
  }
  const ExportReport r = model->exportAdapter("adapter", out, o);
  std::fprintf(stderr, "wrote %s (%zu files)", r.folder.string().c_str(), r.files.size());
  if (r.verified) std::fprintf(stderr, "; verified: max |logit diff| %.3g, max weight change %.3g", r.maxLogitDiff, r.maxWeightChange);
  std::fprintf(stderr, "\n");
  return 0;
}

}  // namespace peftdesk::cli
