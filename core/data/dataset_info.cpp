// resolveDatasetSources (dataset.h): a plain file, or entries of a LLaMA-Factory data folder's
// dataset_info.json with their formatting, columns and tags. Entries PeftDesk cannot train on
// (hub-only, preference / KTO data, multimodal) are refused with the entry named.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "io/text_list.h"
#include "peftdesk/dataset.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"

namespace peftdesk {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// Why an entry cannot be used for supervised or pre-training, or "".
std::string unusable(const json& entry) {
  if (entry.contains("file_name") && !entry["file_name"].is_string()) return "has a file_name that is not a string";
  if (entry.contains("ranking") && !entry["ranking"].is_boolean()) return "has a ranking flag that is not true / false";
  if (entry.contains("formatting") && !entry["formatting"].is_string()) return "has a formatting that is not a string";
  if (!entry.contains("file_name")) {
    return entry.contains("hf_hub_url") || entry.contains("ms_hub_url") || entry.contains("om_hub_url") || entry.contains("script_url")
               ? "is only on a model hub (PeftDesk does not download datasets; download it and point file_name at it)"
               : "has no file_name";
  }
  if (entry.value("ranking", false)) return "is preference data (ranking: chosen / rejected), not supervised fine-tuning data";
  if (entry.contains("columns") && entry["columns"].is_object()) {
    for (const char* k : {"images", "videos", "audios"})
      if (entry["columns"].contains(k)) return std::string("is multimodal (") + k + "), which PeftDesk does not train";
    if (entry["columns"].contains("kto_tag")) return "is KTO preference data, not supervised fine-tuning data";
    if (entry["columns"].contains("chosen")) return "is preference data (chosen / rejected), not supervised fine-tuning data";
  }
  return "";
}

void applyMapping(const json& entry, ColumnMapping& m, const std::string& where) {
  const std::pair<const char*, std::string ColumnMapping::*> kColumns[] = {
      {"prompt", &ColumnMapping::prompt}, {"query", &ColumnMapping::query},   {"response", &ColumnMapping::response},
      {"history", &ColumnMapping::history}, {"messages", &ColumnMapping::messages}, {"system", &ColumnMapping::system},
      {"tools", &ColumnMapping::tools}};
  const std::pair<const char*, std::string ColumnMapping::*> kTags[] = {
      {"role_tag", &ColumnMapping::roleTag},         {"content_tag", &ColumnMapping::contentTag},
      {"user_tag", &ColumnMapping::userTag},         {"assistant_tag", &ColumnMapping::assistantTag},
      {"observation_tag", &ColumnMapping::observationTag}, {"function_tag", &ColumnMapping::functionTag},
      {"system_tag", &ColumnMapping::systemTag}};
  for (const auto& [section, table] : {std::make_pair("columns", &kColumns[0]), std::make_pair("tags", &kTags[0])}) {
    (void)table;
    if (!entry.contains(section)) continue;
    const json& obj = entry[section];
    if (!obj.is_object()) throw Error(ErrorCategory::Format, std::string("'") + section + "' must be an object", {where, -1, -1, section});
    for (const auto& [k, v] : obj.items()) {
      if (!v.is_string()) throw Error(ErrorCategory::Format, "must be a string", {where, -1, -1, std::string(section) + "." + k});
      bool known = false;
      if (std::string(section) == "columns") {
        for (const auto& [name, member] : kColumns)
          if (k == name) m.*member = v.get<std::string>(), known = true;
      } else {
        for (const auto& [name, member] : kTags)
          if (k == name) m.*member = v.get<std::string>(), known = true;
      }
      (void)known;  // other LLaMA-Factory columns (e.g. "kto_tag") are refused earlier or unused
    }
  }
}

}  // namespace

std::vector<DatasetSource> resolveDatasetSources(const fs::path& path, const std::string& datasetNames, DatasetFormat format) {
  if (!fs::exists(path)) throw Error(ErrorCategory::Io, "dataset not found", {path.string()});
  if (!fs::is_directory(path)) {
    if (!datasetNames.empty()) {
      throw Error(ErrorCategory::Config, "data.dataset names entries of a LLaMA-Factory folder, but data.path is a file",
                  {path.string(), -1, -1, "data.dataset"});
    }
    DatasetSource s;
    s.file = path;
    s.format = format;
    s.name = path.filename().string();
    return {s};
  }
  const fs::path infoFile = path / "dataset_info.json";
  if (!fs::exists(infoFile)) throw Error(ErrorCategory::Io, "no dataset_info.json in this folder (give a dataset file, or a LLaMA-Factory data folder)", {path.string()});
  const json info = readJsonFile(infoFile);
  if (!info.is_object()) throw Error(ErrorCategory::Format, "dataset_info.json must map names to entries", {infoFile.string()});
  std::vector<std::string> names = splitCommaList(datasetNames);
  if (names.empty()) {
    std::vector<std::string> usable;
    for (const auto& [name, entry] : info.items())
      if (entry.is_object() && unusable(entry).empty() && fs::exists(path / entry["file_name"].get<std::string>())) usable.push_back(name);
    if (usable.size() != 1) {
      std::string list;
      for (const auto& n : usable) list += (list.empty() ? "" : ", ") + n;
      throw Error(ErrorCategory::Config, "choose the datasets to train on with data.dataset (available here: " + (list.empty() ? "none" : list) + ")",
                  {infoFile.string(), -1, -1, "data.dataset"});
    }
    names = usable;
  }
  std::vector<DatasetSource> out;
  for (const auto& name : names) {
    if (!info.contains(name)) {
      std::string list;
      for (const auto& [n, e] : info.items())
        if (e.is_object() && unusable(e).empty() && fs::exists(path / e["file_name"].get<std::string>())) list += (list.empty() ? "" : ", ") + n;
      throw Error(ErrorCategory::Config, "no entry '" + name + "' (entries with a file here: " + list + ")", {infoFile.string(), -1, -1, "data.dataset"});
    }
    const json& entry = info.at(name);
    if (!entry.is_object()) throw Error(ErrorCategory::Format, "entry must be an object", {infoFile.string(), -1, -1, name});
    const std::string why = unusable(entry);
    if (!why.empty()) throw Error(ErrorCategory::Unsupported, "dataset '" + name + "' " + why, {infoFile.string(), -1, -1, name});
    DatasetSource s;
    s.name = name;
    s.file = path / entry.at("file_name").get<std::string>();
    if (!fs::exists(s.file)) {
      throw Error(ErrorCategory::Io, "dataset '" + name + "': file " + s.file.string() + " not found", {infoFile.string(), -1, -1, name + ".file_name"});
    }
    const std::string formatting = entry.value("formatting", std::string("alpaca"));
    if (formatting != "alpaca" && formatting != "sharegpt") {
      throw Error(ErrorCategory::Unsupported, "formatting '" + formatting + "' (alpaca or sharegpt)", {infoFile.string(), -1, -1, name + ".formatting"});
    }
    s.format = format != DatasetFormat::Auto ? format : DatasetFormat::Auto;  // alpaca vs text is told by the records
    if (format == DatasetFormat::Auto && formatting == "sharegpt") s.format = DatasetFormat::ShareGpt;
    applyMapping(entry, s.columns, infoFile.string() + " (" + name + ")");
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<DatasetEntryInfo> listDatasetEntries(const fs::path& folder) {
  const fs::path infoFile = folder / "dataset_info.json";
  if (!fs::exists(infoFile)) throw Error(ErrorCategory::Io, "no dataset_info.json in this folder", {folder.string()});
  const json info = readJsonFile(infoFile);
  if (!info.is_object()) throw Error(ErrorCategory::Format, "dataset_info.json must map names to entries", {infoFile.string()});
  std::vector<DatasetEntryInfo> out;
  for (const auto& [name, entry] : info.items()) {
    DatasetEntryInfo e;
    e.name = name;
    if (!entry.is_object()) {
      e.reason = "is not an object";
    } else {
      e.reason = unusable(entry);
      if (entry.contains("file_name") && entry["file_name"].is_string()) e.file = entry["file_name"].get<std::string>();
      if (entry.contains("formatting") && entry["formatting"].is_string()) e.formatting = entry["formatting"].get<std::string>();
      if (e.reason.empty() && !fs::exists(folder / e.file)) e.reason = "file " + e.file + " not found";
    }
    e.usable = e.reason.empty();
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace peftdesk
