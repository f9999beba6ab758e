// What the GUI's Data page shows about a run's data before training: every record loaded and
// validated (problems with file and line), the template that will be used and its consistency
// warnings, token lengths against the cutoff, and any one example encoded exactly as the trainer
// will see it (ids, labels, where truncation cut). Uses the same resolve / load / encode calls as
// the trainer's data pipeline. No LibTorch, no Qt.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "peftdesk/chat_template.h"
#include "peftdesk/dataset.h"
#include "peftdesk/run_config.h"

namespace peftdesk {

struct DataPreview {
  std::vector<DatasetSource> sources;
  LoadedDataset data;                    // every example and every problem (up to the limit)
  std::string templateName;              // resolved; empty for text / tokenized data
  std::vector<std::string> templateWarnings;
  std::vector<int64_t> lengths;          // untruncated token length of the first `encoded` examples
  int64_t encoded = 0;
  int64_t overCutoff = 0;                // of those, longer than cutoff_len
  int64_t cutoffLen = 0;
  // For encoding single examples on demand (inspectExample).
  std::shared_ptr<const Tokenizer> tokenizer;  // null for pre-tokenized data
  const ChatTemplate* chatTemplate = nullptr;
  EncodeOptions options;
};

// Throws peftdesk::Error for what stops the data from loading at all (missing file, not JSON,
// unknown dataset entry, no tokenizer for text data); malformed records are in data.problems.
DataPreview previewData(const RunConfig& config, size_t maxEncoded);

struct InspectedExample {
  EncodedExample encoded;             // as trained (truncated to cutoff_len)
  int64_t fullLength = 0;             // tokens before truncation
  std::vector<std::string> pieces;    // one display string per token of `encoded`
};
InspectedExample inspectExample(const DataPreview& preview, size_t index);

}  // namespace peftdesk
