// Training data in, format-neutral examples out. Reads alpaca, sharegpt, OpenAI-style messages,
// plain text (pre-training) and pre-tokenized records from JSON arrays, JSON Lines, CSV and .txt
// files, or the datasets a LLaMA-Factory data folder registers in dataset_info.json. Every record
// is checked before training starts: a malformed one becomes a RecordProblem naming the file, the
// line where the record starts, its index and the reason, so a run never fails at step 5000 on
// record 81234. No LibTorch and no Qt here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace peftdesk {

enum class DatasetFormat { Auto, Alpaca, ShareGpt, Messages, Text, Tokenized };
const char* datasetFormatName(DatasetFormat format);               // "auto", "alpaca", "sharegpt", "messages", "text", "tokenized"
bool parseDatasetFormat(const std::string& text, DatasetFormat* out);

enum class Role { System, User, Assistant, FunctionCall, Observation };
const char* roleName(Role role);  // "system", "user", "assistant", "function_call", "observation"

struct Turn {
  Role role = Role::User;
  std::string content;
};

// One training example, whatever file format it came from.
struct Example {
  std::string system;                 // empty = the template's default system prompt
  std::string tools;                  // tool definitions as JSON text (sharegpt "tools"), or empty
  std::vector<Turn> turns;            // chat formats: user/assistant turns (+ function_call / observation)
  std::string text;                   // format Text: the raw document
  std::vector<int32_t> inputIds;      // format Tokenized: ids as stored
  std::vector<int32_t> labels;        // format Tokenized: labels as stored (empty = all of inputIds)
  std::string source;                 // "FILE:LINE" where the record starts (for messages)
};

// A record that cannot be used, and why. line is 1-based (the line the record starts on), index
// the 0-based record number in its file.
struct RecordProblem {
  std::string file;
  int64_t line = 0;
  int64_t index = -1;
  std::string field;   // e.g. "conversations[2].value" or "" when the record as a whole is bad
  std::string reason;
};
std::string describe(const RecordProblem& problem);  // "FILE:LINE: record 3: field 'output': reason"

// LLaMA-Factory's dataset_info.json "columns" and "tags", with its defaults.
struct ColumnMapping {
  // alpaca
  std::string prompt = "instruction", query = "input", response = "output", history = "history";
  // sharegpt / messages
  std::string messages = "conversations";
  std::string system = "system", tools = "tools";
  // text
  std::string text = "text";
  // sharegpt tags
  std::string roleTag = "from", contentTag = "value";
  std::string userTag = "human", assistantTag = "gpt", observationTag = "observation",
              functionTag = "function_call", systemTag = "system";
};

// One file to read, with how to read it.
struct DatasetSource {
  std::filesystem::path file;
  DatasetFormat format = DatasetFormat::Auto;
  ColumnMapping columns;
  std::string name;  // dataset_info.json entry name, or the file name
};

// data.path (a file, or a folder with dataset_info.json) and data.dataset (comma-separated entry
// names; empty = the folder's only usable entry, or an error listing the choices). Throws
// peftdesk::Error naming the file / entry when an entry cannot be used: unknown name, no
// file_name (hub-only datasets are not downloaded), ranking/DPO or multimodal data (not SFT).
std::vector<DatasetSource> resolveDatasetSources(const std::filesystem::path& path, const std::string& datasetNames,
                                                 DatasetFormat format);

// The entries of a LLaMA-Factory dataset_info.json, usable or not (with the reason), in file
// order: what the GUI offers to pick. Throws peftdesk::Error when the file is missing or not JSON.
struct DatasetEntryInfo {
  std::string name;
  std::string file;        // file_name ("" when none)
  std::string formatting;  // "alpaca" (default) or "sharegpt"
  bool usable = false;
  std::string reason;      // why not usable ("is preference data ...")
};
std::vector<DatasetEntryInfo> listDatasetEntries(const std::filesystem::path& folder);

enum class BadRecordPolicy { Fail, Skip };

struct DatasetLoadOptions {
  int64_t maxSamples = -1;    // keep the first N usable examples of each source; -1 = all
  size_t maxProblems = 1000;  // stop collecting problem descriptions after this many (still counted)
};

struct LoadedDataset {
  std::vector<Example> examples;
  std::vector<RecordProblem> problems;  // every malformed record (up to maxProblems)
  int64_t problemCount = 0;             // all of them
  int64_t recordsRead = 0;
  DatasetFormat format = DatasetFormat::Auto;  // the resolved format (of the first source)
};

// Reads every record of every source and validates it. Never throws for bad records (they are
// returned as problems); throws peftdesk::Error for a missing / unreadable file, an unknown
// extension, or a file that is not a JSON array / JSON Lines / CSV at all (with line).
LoadedDataset loadDataset(const std::vector<DatasetSource>& sources, const DatasetLoadOptions& options = {});

}  // namespace peftdesk
