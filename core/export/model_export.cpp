// Model::exportAdapter: a standalone PEFT adapter folder, or a merged transformers model folder
// with an optional check that the merge is right (logits) and not a no-op (weights). Everything
// is written into a temporary sibling folder and renamed into place at the end.
#include <c10/core/InferenceMode.h>

#include <nlohmann/json.hpp>
#include <random>

#include "export/merge.h"
#include "export/staging_folder.h"
#include "model/model_impl.h"
#include "model/tensor_bridge.h"
#include "peft/adapterhub_folder.h"
#include "peftdesk/atomic_file.h"
#include "peftdesk/peft_folder.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "peftdesk/sharded_writer.h"

namespace peftdesk {
namespace {

namespace fs = std::filesystem;

std::vector<std::vector<int32_t>> probeRows(int64_t vocab) {
  std::mt19937 rng(1234);
  std::uniform_int_distribution<int32_t> dist(0, static_cast<int32_t>(vocab - 1));
  std::vector<std::vector<int32_t>> rows(3);
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t t = 0; t < 12 - 3 * r; ++t) rows[r].push_back(dist(rng));
  return rows;
}

}  // namespace

std::vector<std::string> writeModelFolder(const Model::Impl& impl, const std::vector<NamedParameter>& parameters, const fs::path& folder,
                                          at::ScalarType dtype, bool untiedHead, uint64_t maxShardBytes) {
  TensorsForWriting w;
  for (const auto& p : parameters) w.add(p.name, p.tensor.to(dtype));
  std::vector<std::string> files = writeShardedSafetensors(folder, w.entries, maxShardBytes);
  nlohmann::json config = readJsonFile(impl.info.dir / "config.json");
  config["torch_dtype"] = torchDtypeName(dtype);
  if (config.contains("dtype")) config["dtype"] = torchDtypeName(dtype);
  if (untiedHead) config["tie_word_embeddings"] = false;
  config.erase("quantization_config");  // written weights are dense, whatever the base was loaded as
  writeFileAtomically(folder / "config.json", config.dump(2) + "\n");
  files.push_back("config.json");
  for (const auto& f : copyCompanionFiles(impl.info.dir, folder)) files.push_back(f);
  return files;
}

namespace {
// The model card (README.md) travels in the staging folder with everything else.
void writeReadme(const fs::path& folder, const ExportOptions& options, ExportReport& report) {
  if (options.readme.empty()) return;
  writeFileAtomically(folder / "README.md", options.readme);
  report.files.push_back("README.md");
}
}  // namespace

ExportReport Model::exportAdapter(const std::string& name, const fs::path& out, const ExportOptions& options) const {
  requireWeights(*impl_);
  const Adapter& adapter = impl_->adapters->get(name);
  checkOutputFolder(out);
  StagingFolder staging(out);
  ExportReport report;
  report.folder = out;
  // Each stage is announced, then the cancel flag read: a cancelled export throws before the
  // stage, and the staging folder goes with the exception.
  const auto stage = [&](const char* what) {
    if (options.onStage) options.onStage(what);
    if (options.cancel && options.cancel->load()) throw Error(ErrorCategory::Cancelled, "export cancelled", {out.string()});
  };
  if (!options.merge) {
    stage("writing");
    impl_->adapters->save(name, staging.path());
    report.files = {peft_folder::kConfigFile, adapterhub_folder::weightsFileFor(adapter.config)};
    writeReadme(staging.path(), options, report);
    stage("publishing");
    staging.moveTo(out);
    return report;
  }
  const at::ScalarType dtype = options.dtype ? scalarTypeOf(*options.dtype) : impl_->scalarType;
  stage("merging");
  const MergedWeights merged = mergeAdapter(*impl_->decoder, adapter, dtype);
  stage("writing");
  report.files = writeModelFolder(*impl_, merged.parameters, staging.path(), dtype, merged.untiedHead, options.maxShardBytes);

  if (options.verify) {
    stage("checking");
    // 1. The merge must change something: a merged model equal to the base means the adapter
    //    was a no-op (untrained B = 0, wrong keys) — the bug users of other tools keep hitting.
    c10::NoGradGuard noGrad;
    std::map<std::string, at::Tensor> base;
    for (const auto& p : impl_->decoder->namedParameters()) {
      // A 4-bit weight is compared in its dequantized form (what the merge started from).
      const bool fourBitWeight = p.linear && p.linear->quantized() && p.tensor.is_same(p.linear->weight);
      base[p.name] = fourBitWeight ? p.linear->denseWeight() : p.tensor;
    }
    double change = 0;
    for (const auto& p : merged.parameters) {
      auto it = base.find(p.name);
      const at::Tensor ref = it != base.end() ? it->second : base.begin()->second;  // untied head vs embedding
      if (ref.sizes() != p.tensor.sizes()) continue;
      change = std::max(change, (p.tensor.to(at::kFloat) - ref.to(at::kFloat)).abs().max().item<double>());
    }
    report.maxWeightChange = change;
    if (change == 0) {
      throw Error(ErrorCategory::Runtime, "the merged weights equal the base model's: adapter '" + name +
                                              "' changes nothing (untrained, or its tensors did not apply); nothing was written",
                  {out.string()});
    }
    // 2. The merged model must compute what base + adapter computes.
    const auto rows = probeRows(impl_->info.config.vocabSize);
    const std::string previous = impl_->adapters->active();
    impl_->adapters->activate(name);
    const Logits expected = forward(rows);
    impl_->adapters->activate(previous);
    LoadOptions lo;
    lo.dtype = options.dtype.value_or(impl_->dtype);
    lo.device = {impl_->device.kind, impl_->device.index};  // checked where the source model runs
    const auto mergedModel = Model::load(staging.path(), lo);
    const Logits got = mergedModel->forward(rows);
    double diff = 0, scale = 0;
    for (size_t i = 0; i < got.values.size(); ++i) {
      diff = std::max(diff, static_cast<double>(std::fabs(got.values[i] - expected.values[i])));
      scale = std::max(scale, static_cast<double>(std::fabs(expected.values[i])));
    }
    report.maxLogitDiff = diff;
    const bool exactPath = dtype == at::kFloat && impl_->scalarType == at::kFloat;
    const double tolerance = (exactPath ? 1e-4 : 3e-2) * (1 + scale);
    if (!(diff <= tolerance)) {
      throw Error(ErrorCategory::Runtime, "merged model disagrees with base + adapter: max |logit difference| " + std::to_string(diff) +
                                              " > " + std::to_string(tolerance) + "; nothing was written",
                  {out.string()});
    }
    report.verified = true;
  }
  writeReadme(staging.path(), options, report);
  stage("publishing");
  staging.moveTo(out);
  return report;
}

}  // namespace peftdesk
