// See data_pipeline.h.
#include "train/data_pipeline.h"

#include <algorithm>
#include <cmath>

#include "peftdesk/error.h"
#include "peftdesk/tokenizer.h"

namespace peftdesk {
namespace {

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void permute(std::vector<int64_t>& v, uint64_t state) {
  for (size_t i = v.size(); i > 1; --i) {
    // Multiply-shift into [0, i): no modulo bias worth caring about at these sizes, portable.
    const uint64_t r = splitmix64(state);
    const size_t j = static_cast<size_t>((static_cast<unsigned __int128>(r) * i) >> 64);
    std::swap(v[i - 1], v[j]);
  }
}

LoadedDataset loadChecked(const std::vector<DatasetSource>& sources, const RunConfig& config, const char* what,
                          int64_t* skipped) {
  DatasetLoadOptions options;
  options.maxSamples = config.maxSamples;
  LoadedDataset data = loadDataset(sources, options);
  if (data.problemCount > 0 && config.onBadRecord == BadRecordPolicy::Fail) {
    std::string text = std::to_string(data.problemCount) + " malformed record" + (data.problemCount == 1 ? "" : "s") + " in the " + what +
                       " data (fix them, or set data.on_bad_record to \"skip\"):";
    const size_t shown = std::min<size_t>(data.problems.size(), 50);
    for (size_t i = 0; i < shown; ++i) text += "\n  " + describe(data.problems[i]);
    if (static_cast<int64_t>(shown) < data.problemCount) text += "\n  ... and " + std::to_string(data.problemCount - static_cast<int64_t>(shown)) + " more";
    throw Error(ErrorCategory::Format, text);
  }
  *skipped += data.problemCount;
  return data;
}

// Pre-training text: every document encoded, concatenated, cut into cutoff_len blocks (as
// LLaMA-Factory's pre-training processor); a last block shorter than 2 tokens is dropped.
std::vector<EncodedExample> encodeTextBlocks(const LoadedDataset& data, const Tokenizer& tokenizer, const EncodeOptions& options) {
  std::vector<int32_t> stream;
  std::string firstSource;
  for (const auto& ex : data.examples) {
    EncodeOptions whole = options;
    whole.cutoffLen = INT64_MAX;
    const EncodedExample e = encodeText(ex, tokenizer, whole);
    if (firstSource.empty()) firstSource = e.source;
    stream.insert(stream.end(), e.inputIds.begin(), e.inputIds.end());
  }
  std::vector<EncodedExample> out;
  for (size_t start = 0; start + 2 <= stream.size(); start += static_cast<size_t>(options.cutoffLen)) {
    const size_t end = std::min(stream.size(), start + static_cast<size_t>(options.cutoffLen));
    EncodedExample e;
    e.inputIds.assign(stream.begin() + static_cast<std::ptrdiff_t>(start), stream.begin() + static_cast<std::ptrdiff_t>(end));
    e.labels = e.inputIds;
    e.source = firstSource + " (block " + std::to_string(out.size()) + ")";
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

std::vector<int64_t> epochOrder(int64_t count, uint64_t seed, int64_t epoch, bool shuffle) {
  std::vector<int64_t> order(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) order[static_cast<size_t>(i)] = i;
  if (shuffle) permute(order, seed * 0x100000001B3ull + static_cast<uint64_t>(epoch) + 1);
  return order;
}

PreparedData prepareData(const RunConfig& config, const TokenizerSource& tokenizerSource, const std::function<void(const std::string&)>& log) {
  PreparedData out;
  std::vector<DatasetSource> sources = resolveDatasetSources(config.dataPath, config.datasetNames, config.format);
  if (config.columns) {
    for (auto& s : sources) s.columns = *config.columns;
  }
  LoadedDataset train = loadChecked(sources, config, "training", &out.skippedRecords);
  out.format = train.format;
  out.recordsRead = train.recordsRead;
  LoadedDataset evalData;
  if (!config.evalPath.empty()) {
    std::vector<DatasetSource> evalSources = resolveDatasetSources(config.evalPath, "", config.format);
    if (config.columns) {
      for (auto& s : evalSources) s.columns = *config.columns;
    }
    evalData = loadChecked(evalSources, config, "evaluation", &out.skippedRecords);
  }
  if (out.skippedRecords > 0) log("skipped " + std::to_string(out.skippedRecords) + " malformed records (data.on_bad_record = skip)");

  EncodeOptions options;
  options.cutoffLen = config.cutoffLen;
  options.trainOnPrompt = config.trainOnPrompt;
  options.maskHistory = config.maskHistory;
  options.enableThinking = config.enableThinking;
  options.templateDate = config.templateDate;
  auto encodeAll = [&](const LoadedDataset& data) {
    if (data.format == DatasetFormat::Text) return encodeTextBlocks(data, tokenizerSource(), options);
    const bool tokenized = data.format == DatasetFormat::Tokenized;
    const Tokenizer* tokenizer = tokenized ? nullptr : &tokenizerSource();
    const ChatTemplate* tmpl = tokenized ? nullptr : &resolveChatTemplate(config.templateName, *tokenizer);
    if (tmpl) out.templateName = chatTemplateName(*tmpl);
    if (tmpl && config.templateName == "auto" && out.templateName == "default" && !tokenizer->chatTemplate().empty()) {
      // A Jinja template of a family not in the table: training on "default" would teach a format
      // the model's own chat template does not produce.
      log("warning: the model's own chat template is not one of the built-in families; using 'default' — set data.template "
          "to the right one (" + std::to_string(chatTemplateNames().size()) + " are available) if the model has a chat format");
    }
    std::vector<EncodedExample> encoded;
    encoded.reserve(data.examples.size());
    for (const auto& ex : data.examples) {
      EncodedExample e = tokenized ? encodeTokenized(ex, options) : encodeExample(ex, *tmpl, *tokenizer, options);
      if (e.truncated) ++out.truncatedExamples;
      // Nothing to learn (response cut away or empty): a batch of only such rows has no loss.
      const bool learnable = std::any_of(e.labels.begin() + (e.labels.empty() ? 0 : 1), e.labels.end(),
                                         [](int32_t l) { return l != kIgnoreLabel; });
      if (!learnable || e.inputIds.size() < 2) {
        ++out.droppedExamples;
        continue;
      }
      encoded.push_back(std::move(e));
    }
    return encoded;
  };
  out.train = encodeAll(train);
  if (!evalData.examples.empty()) out.eval = encodeAll(evalData);

  if (!out.templateName.empty()) {
    const Tokenizer& tokenizer = tokenizerSource();
    for (const auto& warning : checkTemplateConsistency(resolveChatTemplate(out.templateName, tokenizer), tokenizer)) {
      log("warning: template '" + out.templateName + "': " + warning);
    }
  }
  if (out.truncatedExamples > 0) log(std::to_string(out.truncatedExamples) + " examples were cut at cutoff_len = " + std::to_string(config.cutoffLen));
  if (out.droppedExamples > 0) log(std::to_string(out.droppedExamples) + " examples dropped: no trainable token left after masking / truncation");

  // Held-out split: a seeded choice of examples, independent of the epoch shuffles.
  if (config.valSize > 0) {
    const int64_t n = static_cast<int64_t>(out.train.size());
    const int64_t k = config.valSize < 1 ? static_cast<int64_t>(std::ceil(config.valSize * static_cast<double>(n)))
                                         : static_cast<int64_t>(config.valSize);
    if (k >= n) {
      throw Error(ErrorCategory::Config, "val_size " + std::to_string(k) + " leaves no training examples (of " + std::to_string(n) + ")",
                  {config.sourceFile.string(), -1, -1, "data.val_size"});
    }
    std::vector<int64_t> order = epochOrder(n, config.seed ^ 0x5EED5EEDull, -1, true);
    std::vector<bool> held(static_cast<size_t>(n), false);
    for (int64_t i = 0; i < k; ++i) held[static_cast<size_t>(order[static_cast<size_t>(i)])] = true;
    std::vector<EncodedExample> keep;
    for (int64_t i = 0; i < n; ++i) (held[static_cast<size_t>(i)] ? out.eval : keep).push_back(std::move(out.train[static_cast<size_t>(i)]));
    out.train = std::move(keep);
  }
  if (config.packing && out.format != DatasetFormat::Text) {
    out.train = packExamples(out.train, config.cutoffLen);
    if (!out.eval.empty()) out.eval = packExamples(out.eval, config.cutoffLen);
  }
  if (out.train.empty()) {
    throw Error(ErrorCategory::Format, "no usable training example in " + config.dataPath.string() + " (" + std::to_string(out.recordsRead) +
                                           " records read, " + std::to_string(out.droppedExamples) + " with nothing to learn)");
  }
  return out;
}

}  // namespace peftdesk
