// See data_preview.h.
#include "peftdesk/data_preview.h"

#include <limits>

#include "peftdesk/error.h"
#include "peftdesk/tokenizer.h"

namespace peftdesk {
namespace {

EncodedExample encodeOne(const DataPreview& p, const Example& ex, const EncodeOptions& options) {
  if (p.data.format == DatasetFormat::Tokenized) return encodeTokenized(ex, options);
  if (!p.tokenizer) throw Error(ErrorCategory::Config, "this data needs the model's tokenizer");
  if (p.data.format == DatasetFormat::Text) return encodeText(ex, *p.tokenizer, options);
  return encodeExample(ex, *p.chatTemplate, *p.tokenizer, options);
}

EncodeOptions untruncated(EncodeOptions o) {
  o.cutoffLen = std::numeric_limits<int32_t>::max();
  return o;
}

}  // namespace

DataPreview previewData(const RunConfig& config, size_t maxEncoded) {
  DataPreview p;
  p.sources = resolveDatasetSources(config.dataPath, config.datasetNames, config.format);
  if (config.columns) {
    for (auto& s : p.sources) s.columns = *config.columns;
  }
  DatasetLoadOptions lo;
  lo.maxSamples = config.maxSamples;
  p.data = loadDataset(p.sources, lo);
  p.cutoffLen = config.cutoffLen;
  p.options.cutoffLen = config.cutoffLen;
  p.options.trainOnPrompt = config.trainOnPrompt;
  p.options.maskHistory = config.maskHistory;
  p.options.enableThinking = config.enableThinking;
  p.options.templateDate = config.templateDate;
  if (p.data.format != DatasetFormat::Tokenized) {
    p.tokenizer = Tokenizer::load(config.modelPath);
    if (p.data.format != DatasetFormat::Text) {
      p.chatTemplate = &resolveChatTemplate(config.templateName, *p.tokenizer);
      p.templateName = chatTemplateName(*p.chatTemplate);
      p.templateWarnings = checkTemplateConsistency(*p.chatTemplate, *p.tokenizer);
    }
  }
  const EncodeOptions full = untruncated(p.options);
  for (const Example& ex : p.data.examples) {
    if (p.lengths.size() >= maxEncoded) break;
    const int64_t n = static_cast<int64_t>(encodeOne(p, ex, full).inputIds.size());
    p.lengths.push_back(n);
    if (n > config.cutoffLen) ++p.overCutoff;
  }
  p.encoded = static_cast<int64_t>(p.lengths.size());
  return p;
}

InspectedExample inspectExample(const DataPreview& p, size_t index) {
  if (index >= p.data.examples.size()) throw Error(ErrorCategory::Argument, "no example " + std::to_string(index));
  const Example& ex = p.data.examples[index];
  InspectedExample out;
  out.encoded = encodeOne(p, ex, p.options);
  out.fullLength = static_cast<int64_t>(encodeOne(p, ex, untruncated(p.options)).inputIds.size());
  out.pieces.reserve(out.encoded.inputIds.size());
  for (int32_t id : out.encoded.inputIds) {
    out.pieces.push_back(p.tokenizer ? p.tokenizer->decode({id}, false) : std::to_string(id));
  }
  return out;
}

}  // namespace peftdesk
