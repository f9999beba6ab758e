// The job's data/ folder (see llamafactory_job.h): every training and evaluation source a run would
// read, each as one dataset_info.json entry whose formatting, columns and tags make LLaMA-Factory
// read the same examples (study §4). The records are read and validated first, as a run would:
// a malformed record is refused here rather than dropped or fatal on the cluster. JSON and JSON
// Lines files are copied byte for byte; CSV and TXT are written as JSON Lines of the records we
// read, so pandas' type guessing and blank-line rules on the other side play no part.
#include <algorithm>
#include <set>

#include "data/record_reader.h"
#include "peftdesk/dataset.h"
#include "io/text_list.h"
#include "peftdesk/error.h"
#include "train/llamafactory_job.h"

namespace peftdesk::lfjob {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;
namespace fs = std::filesystem;

// LLaMA-Factory reads only the columns an entry names, and a named column must exist in the file:
// optional ones (query, history, system, tools) are named only when some record has them.
ojson entryFor(DatasetFormat format, const ColumnMapping& m, const std::set<std::string>& keys) {
  auto has = [&](const std::string& k) { return keys.count(k) > 0; };
  ojson columns = ojson::object();
  switch (format) {
    case DatasetFormat::Alpaca:
      columns["prompt"] = m.prompt;
      if (has(m.query)) columns["query"] = m.query;
      columns["response"] = m.response;
      if (has(m.history)) columns["history"] = m.history;
      if (has(m.system)) columns["system"] = m.system;
      return ojson{{"formatting", "alpaca"}, {"columns", columns}};
    case DatasetFormat::Text:  // LLaMA-Factory's pre-training reads the prompt column
      columns["prompt"] = has(m.text) || !has(m.prompt) ? m.text : m.prompt;
      return ojson{{"formatting", "alpaca"}, {"columns", columns}};
    case DatasetFormat::ShareGpt:
      columns["messages"] = has(m.messages) || !has("messages") ? m.messages : "messages";
      if (has(m.system)) columns["system"] = m.system;
      if (has(m.tools)) columns["tools"] = m.tools;
      return ojson{{"formatting", "sharegpt"},
                   {"columns", columns},
                   {"tags", {{"role_tag", m.roleTag}, {"content_tag", m.contentTag}, {"user_tag", m.userTag}, {"assistant_tag", m.assistantTag},
                             {"observation_tag", m.observationTag}, {"function_tag", m.functionTag}, {"system_tag", m.systemTag}}}};
    case DatasetFormat::Messages:  // OpenAI role / content lists, as LLaMA-Factory's sharegpt with these tags
      columns["messages"] = has("messages") ? std::string("messages") : m.messages;
      if (has(m.system) && m.system != "messages") columns["system"] = m.system;
      return ojson{{"formatting", "sharegpt"},
                   {"columns", columns},
                   {"tags", {{"role_tag", "role"}, {"content_tag", "content"}, {"user_tag", "user"}, {"assistant_tag", "assistant"},
                             {"observation_tag", "tool"}, {"function_tag", "function_call"}, {"system_tag", "system"}}}};
    case DatasetFormat::Auto:
    case DatasetFormat::Tokenized: break;
  }
  return ojson();
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return s;
}

struct Collected {
  ojson info = ojson::object();
  std::set<std::string> names;
  std::vector<std::string> train, eval;
  int textSources = 0, chatSources = 0;
};

void addSource(Plan& p, Collected& out, DatasetSource s, bool isEval) {
  const RunConfig& c = p.config;
  const std::string key = isEval ? "data.eval_path" : "data.path";
  if (c.columns) s.columns = *c.columns;
  DatasetLoadOptions options;
  options.maxProblems = 1;
  const LoadedDataset loaded = loadDataset({s}, options);
  if (loaded.problemCount > 0) {
    p.refuse(key, s.file.string() + " has " + std::to_string(loaded.problemCount) + " malformed record(s), first " +
                      describe(loaded.problems.front()) + ": fix them first (LLaMA-Factory would drop or fail on them unseen)");
    return;
  }
  if (loaded.format == DatasetFormat::Tokenized) {
    p.refuse("data.format", s.file.string() + " holds token ids (input_ids): LLaMA-Factory loads pre-tokenized data only as a "
                            "datasets.save_to_disk folder");
    return;
  }
  std::set<std::string> keys;
  const std::vector<RawRecord> records = readRecords(s.file);
  for (const auto& r : records)
    if (r.value.is_object())
      for (const auto& [k, v] : r.value.items()) keys.insert(k);
  ojson entry = entryFor(loaded.format, s.columns, keys);
  (loaded.format == DatasetFormat::Text ? out.textSources : out.chatSources) += 1;

  std::string name = isEval ? "eval" : (fs::is_directory(c.dataPath) ? s.name : "train");
  while (out.names.count(name)) name += "_";
  out.names.insert(name);
  const std::string ext = lower(s.file.extension().string());
  ClusterJobFile file;
  if (ext == ".json" || ext == ".jsonl") {
    file.path = "data/" + name + ext;
    file.copyFrom = s.file;
  } else {
    file.path = "data/" + name + ".jsonl";
    for (const auto& r : records) file.content += r.value.dump() + "\n";
    p.note("data: " + s.file.filename().string() + " is written as " + file.path + " (JSON Lines of the records PeftDesk reads)");
  }
  entry["file_name"] = file.path.substr(5);
  // file_name first, as LLaMA-Factory's own dataset_info.json writes it.
  ojson ordered{{"file_name", entry["file_name"]}};
  for (const auto& [k, v] : entry.items())
    if (k != "file_name") ordered[k] = v;
  out.info[name] = ordered;
  p.job.files.push_back(std::move(file));
  (isEval ? out.eval : out.train).push_back(name);
}

}  // namespace

void planData(Plan& p) {
  const RunConfig& c = p.config;
  Collected out;
  try {
    for (auto& s : resolveDatasetSources(c.dataPath, c.datasetNames, c.format)) addSource(p, out, s, false);
    if (!c.evalPath.empty())
      for (auto& s : resolveDatasetSources(c.evalPath, "", c.format)) addSource(p, out, s, true);
  } catch (const Error& e) {
    p.refuse(e.context().field.empty() ? "data.path" : e.context().field, errorMessage(e));
    return;
  }
  if (out.textSources > 0 && out.chatSources > 0) {
    p.refuse("data.format", "plain text and instruction / chat data in one run: LLaMA-Factory's stage is one or the other (pt or sft)");
    return;
  }
  ojson& y = p.job.yaml;
  y["stage"] = out.textSources > 0 ? "pt" : "sft";
  y["dataset_dir"] = "data";
  y["dataset"] = joinList(out.train);
  if (!out.eval.empty()) y["eval_dataset"] = joinList(out.eval);
  p.job.files.push_back({"data/dataset_info.json", out.info.dump(2) + "\n"});
}

}  // namespace peftdesk::lfjob
