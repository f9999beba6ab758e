// See adapter_eval.h. No LibTorch here: the model's public API and the trainer's data pipeline.
#include "peftdesk/adapter_eval.h"

#include <chrono>
#include <cmath>

#include "peftdesk/adapter_names.h"
#include "peftdesk/error.h"
#include "peftdesk/tokenizer.h"
#include "train/data_pipeline.h"

namespace peftdesk {
namespace fs = std::filesystem;

namespace {

// The trainer's pipeline on a configuration holding only the data keys: every example is kept
// (no validation split), in file order.
RunConfig dataConfig(const fs::path& modelDir, const EvalDataSpec& d) {
  RunConfig c;
  c.modelPath = modelDir;
  c.dataPath = d.dataPath;
  c.datasetNames = d.datasetNames;
  c.format = d.format;
  c.columns = d.columns;
  c.templateName = d.templateName;
  c.cutoffLen = d.cutoffLen;
  c.maxSamples = d.maxSamples;
  c.trainOnPrompt = d.trainOnPrompt;
  c.valSize = 0;
  c.packing = false;
  c.shuffle = false;
  return c;
}

}  // namespace

std::vector<AdapterEval> evaluateAdapters(const fs::path& modelDir, const std::vector<fs::path>& adapters, const EvalDataSpec& spec,
                                          const EvalOptions& options) {
  if (spec.batchSize < 1) throw Error(ErrorCategory::Argument, "batch size must be at least 1");
  std::unique_ptr<Tokenizer> tokenizer;
  const PreparedData data = prepareData(
      dataConfig(modelDir, spec),
      [&]() -> const Tokenizer& {
        if (!tokenizer) tokenizer = Tokenizer::load(modelDir);
        return *tokenizer;
      },
      [](const std::string&) {});
  const std::vector<EncodedExample>& rows = data.train;

  LoadOptions lo;
  lo.dtype = options.dtype;
  lo.quantization = options.quantization;
  lo.numThreads = options.numThreads;
  lo.device = options.device;
  lo.cancel = options.cancel;
  auto model = Model::load(modelDir, lo);

  const std::vector<std::string> names = adapterRowNames(adapters);

  auto score = [&](const std::string& row) {
    AdapterEval e;
    e.name = row;
    double sum = 0;
    const int64_t total = static_cast<int64_t>(rows.size());
    for (int64_t start = 0; start < total; start += spec.batchSize) {
      if (options.cancel && options.cancel->load()) throw Error(ErrorCategory::Runtime, "evaluation cancelled");
      std::vector<std::vector<int32_t>> ids, labels;
      for (int64_t i = start; i < std::min(total, start + spec.batchSize); ++i) {
        ids.push_back(rows[static_cast<size_t>(i)].inputIds);
        labels.push_back(rows[static_cast<size_t>(i)].labels);
      }
      const Model::LossSum s = model->lossSum(ids, labels);
      sum += s.sum;
      e.tokens += s.labelTokens;
      if (options.progress) options.progress(row, std::min(total, start + spec.batchSize), total);
    }
    e.loss = e.tokens > 0 ? sum / static_cast<double>(e.tokens) : 0.0;
    e.perplexity = std::exp(e.loss);
    return e;
  };

  std::vector<AdapterEval> out;
  using Clock = std::chrono::steady_clock;
  if (options.includeBase) {
    const auto t0 = Clock::now();
    model->setActiveAdapter("");
    out.push_back(score("base"));
    out.back().seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  }
  for (size_t i = 0; i < adapters.size(); ++i) {
    const auto t0 = Clock::now();
    model->loadAdapter(adapters[i], names[i]);  // attached beside the others: the base stays resident
    model->setActiveAdapter(names[i]);
    AdapterEval e = score(names[i]);
    e.adapter = adapters[i];
    e.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace peftdesk
