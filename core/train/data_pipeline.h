// From a RunConfig's data section to the token rows the trainer consumes: resolve the sources,
// load and validate every record (pre-flight: all problems reported before step 1), template and
// encode, split off the evaluation set, pack, and order each epoch with a seeded shuffle that is a
// pure function of (seed, epoch), so a resumed run sees the same batches. No LibTorch.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "peftdesk/chat_template.h"
#include "peftdesk/run_config.h"

namespace peftdesk {

class Tokenizer;

struct PreparedData {
  std::vector<EncodedExample> train;
  std::vector<EncodedExample> eval;
  std::string templateName;   // resolved ("auto" → the row used); empty for text / tokenized data
  DatasetFormat format = DatasetFormat::Auto;
  int64_t recordsRead = 0;
  int64_t skippedRecords = 0;     // malformed records skipped (on_bad_record = skip)
  int64_t truncatedExamples = 0;  // cut at cutoff_len
  int64_t droppedExamples = 0;    // nothing left to learn after masking / truncation
};

// The model's tokenizer, loaded on first use: pre-tokenized data needs none (tiny test models
// often ship without one).
using TokenizerSource = std::function<const Tokenizer&()>;

// Throws peftdesk::Error (Format) listing every malformed record (up to 50 lines + the count)
// when on_bad_record is fail, or when no usable example remains.
PreparedData prepareData(const RunConfig& config, const TokenizerSource& tokenizer,
                         const std::function<void(const std::string&)>& log);

// Order of the training examples in `epoch` (0-based): identity without shuffling, else a
// Fisher–Yates permutation driven by splitmix64(seed, epoch) (portable, unlike std::shuffle).
std::vector<int64_t> epochOrder(int64_t count, uint64_t seed, int64_t epoch, bool shuffle);

}  // namespace peftdesk
