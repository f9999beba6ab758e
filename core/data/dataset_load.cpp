// See dataset.h: records → Examples per format, following LLaMA-Factory's converters (alpaca:
// instruction + "\n" + input as the user turn, history pairs before it; sharegpt: tag-mapped
// turns with an optional leading system turn, user/observation at even and assistant/function
// at odd positions; OpenAI messages likewise), and every violation collected as a RecordProblem.
#include <algorithm>
#include <functional>

#include "data/record_reader.h"
#include "peftdesk/dataset.h"
#include "peftdesk/error.h"

namespace peftdesk {
namespace {

using json = nlohmann::json;

const std::pair<const char*, DatasetFormat> kFormats[] = {
    {"auto", DatasetFormat::Auto}, {"alpaca", DatasetFormat::Alpaca}, {"sharegpt", DatasetFormat::ShareGpt},
    {"messages", DatasetFormat::Messages}, {"text", DatasetFormat::Text}, {"tokenized", DatasetFormat::Tokenized}};

const char* jsonTypeName(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "a list";
    case json::value_t::object: return "an object";
    default: return "a number";
  }
}

// One record's conversion: throws Bad (caught per record) with the field and reason.
struct Bad {
  std::string field, reason;
};

const json& field(const json& rec, const std::string& name, bool required = true) {
  static const json kNull;
  if (!rec.contains(name) || (rec.at(name).is_null() && required)) {
    if (required) throw Bad{name, "missing field '" + name + "'"};
    return kNull;
  }
  return rec.at(name);
}

std::string stringField(const json& rec, const std::string& name, bool required, bool nonEmpty = false) {
  const json& v = field(rec, name, required);
  if (v.is_null()) return "";
  if (!v.is_string()) throw Bad{name, "field '" + name + "' must be a string, got " + jsonTypeName(v)};
  if (nonEmpty && v.get<std::string>().empty()) throw Bad{name, "field '" + name + "' is empty"};
  return v.get<std::string>();
}

Example fromAlpaca(const json& rec, const ColumnMapping& c) {
  Example ex;
  const std::string prompt = stringField(rec, c.prompt, true);
  const std::string query = stringField(rec, c.query, false);
  const std::string response = stringField(rec, c.response, true, true);
  ex.system = stringField(rec, c.system, false);
  if (prompt.empty() && query.empty()) throw Bad{c.prompt, "the prompt ('" + c.prompt + "' and '" + c.query + "') is empty"};
  const json& history = field(rec, c.history, false);
  if (!history.is_null()) {
    if (!history.is_array()) throw Bad{c.history, "field '" + c.history + "' must be a list of [prompt, response] pairs"};
    for (size_t i = 0; i < history.size(); ++i) {
      const json& pair = history[i];
      const std::string where = c.history + "[" + std::to_string(i) + "]";
      if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
        throw Bad{where, "history entries must be [prompt, response] pairs of strings"};
      }
      ex.turns.push_back({Role::User, pair[0].get<std::string>()});
      ex.turns.push_back({Role::Assistant, pair[1].get<std::string>()});
    }
  }
  ex.turns.push_back({Role::User, query.empty() ? prompt : prompt.empty() ? query : prompt + "\n" + query});
  ex.turns.push_back({Role::Assistant, response});
  return ex;
}

std::string toolsText(const json& rec, const std::string& column) {
  const json& t = field(rec, column, false);
  if (t.is_null()) return "";
  if (t.is_string()) return t.get<std::string>();
  if (t.is_array() || t.is_object()) return t.dump();
  throw Bad{column, "field '" + column + "' must be a string or JSON"};
}

// Shared by sharegpt and messages: a list of {role, content} objects with mapped role names.
Example fromConversation(const json& rec, const std::string& column, const std::string& roleTag, const std::string& contentTag,
                         const std::function<bool(const std::string&, Role*)>& roleOf, const ColumnMapping& c) {
  Example ex;
  const json& list = field(rec, column);
  if (!list.is_array()) throw Bad{column, "field '" + column + "' must be a list of messages, got " + jsonTypeName(list)};
  if (list.empty()) throw Bad{column, "the conversation is empty"};
  ex.tools = toolsText(rec, c.tools);
  if (rec.contains(c.system) && rec.at(c.system).is_string()) ex.system = rec.at(c.system).get<std::string>();
  size_t start = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string where = column + "[" + std::to_string(i) + "]";
    const json& m = list[i];
    if (!m.is_object()) throw Bad{where, "a message must be an object, got " + std::string(jsonTypeName(m))};
    if (!m.contains(roleTag) || !m.at(roleTag).is_string()) throw Bad{where + "." + roleTag, "missing or non-string '" + roleTag + "'"};
    if (!m.contains(contentTag) || !m.at(contentTag).is_string()) {
      throw Bad{where + "." + contentTag, "missing or non-string '" + contentTag + "'"};
    }
    Role role;
    const std::string name = m.at(roleTag).get<std::string>();
    if (!roleOf(name, &role)) throw Bad{where + "." + roleTag, "unknown role '" + name + "'"};
    const std::string content = m.at(contentTag).get<std::string>();
    if (role == Role::System) {
      if (i != 0) throw Bad{where + "." + roleTag, "a system message is only allowed first"};
      ex.system = content;
      start = 1;
      continue;
    }
    const bool userSide = (i - start) % 2 == 0;
    const bool isUserSide = role == Role::User || role == Role::Observation;
    if (userSide != isUserSide) {
      throw Bad{where + "." + roleTag, "role '" + name + "' at position " + std::to_string(i) + " must be a " +
                                           (userSide ? "user (or observation)" : "assistant (or function call)") + " turn"};
    }
    ex.turns.push_back({role, content});
  }
  if (ex.turns.empty() || ex.turns.size() % 2 != 0) {
    throw Bad{column, "the conversation must end with an assistant turn"};
  }
  return ex;
}

Example fromShareGpt(const json& rec, const ColumnMapping& c) {
  const std::string column = rec.contains(c.messages) ? c.messages : (rec.contains("messages") ? "messages" : c.messages);
  return fromConversation(rec, column, c.roleTag, c.contentTag,
                          [&](const std::string& n, Role* r) {
                            if (n == c.userTag) *r = Role::User;
                            else if (n == c.assistantTag) *r = Role::Assistant;
                            else if (n == c.observationTag) *r = Role::Observation;
                            else if (n == c.functionTag) *r = Role::FunctionCall;
                            else if (n == c.systemTag) *r = Role::System;
                            else return false;
                            return true;
                          },
                          c);
}

Example fromMessages(const json& rec, const ColumnMapping& c) {
  const std::string column = rec.contains("messages") ? "messages" : c.messages;
  return fromConversation(rec, column, "role", "content",
                          [](const std::string& n, Role* r) {
                            if (n == "user") *r = Role::User;
                            else if (n == "assistant") *r = Role::Assistant;
                            else if (n == "system") *r = Role::System;
                            else if (n == "tool" || n == "function") *r = Role::Observation;
                            else return false;
                            return true;
                          },
                          c);
}

Example fromText(const json& rec, const ColumnMapping& c) {
  Example ex;
  ex.text = stringField(rec, rec.contains(c.text) || !rec.contains(c.prompt) ? c.text : c.prompt, true, true);
  return ex;
}

std::vector<int32_t> idList(const json& v, const std::string& name, bool allowIgnore) {
  if (!v.is_array()) throw Bad{name, "field '" + name + "' must be a list of token ids"};
  std::vector<int32_t> out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    const json& x = v[i];
    if (!x.is_number_integer()) throw Bad{name + "[" + std::to_string(i) + "]", "token ids must be integers"};
    const int64_t id = x.get<int64_t>();
    if (id > INT32_MAX || id < (allowIgnore ? -100 : 0) || (id < 0 && id != -100)) {
      throw Bad{name + "[" + std::to_string(i) + "]", "token id " + std::to_string(id) + " is out of range"};
    }
    out.push_back(static_cast<int32_t>(id));
  }
  return out;
}

Example fromTokenized(const json& rec, const ColumnMapping&) {
  Example ex;
  ex.inputIds = idList(field(rec, "input_ids"), "input_ids", false);
  if (ex.inputIds.empty()) throw Bad{"input_ids", "no token ids"};
  if (rec.contains("labels") && !rec.at("labels").is_null()) {
    ex.labels = idList(rec.at("labels"), "labels", true);
    if (ex.labels.size() != ex.inputIds.size()) throw Bad{"labels", "labels and input_ids differ in length"};
  }
  return ex;
}

using Converter = Example (*)(const json&, const ColumnMapping&);
Converter converterFor(DatasetFormat f) {
  switch (f) {
    case DatasetFormat::Alpaca: return &fromAlpaca;
    case DatasetFormat::ShareGpt: return &fromShareGpt;
    case DatasetFormat::Messages: return &fromMessages;
    case DatasetFormat::Text: return &fromText;
    case DatasetFormat::Tokenized: return &fromTokenized;
    case DatasetFormat::Auto: break;
  }
  return nullptr;
}

// The format a record's keys say it is in, or Auto when they say nothing known.
DatasetFormat detect(const json& rec, const ColumnMapping& c) {
  if (!rec.is_object()) return DatasetFormat::Auto;
  if (rec.contains("input_ids")) return DatasetFormat::Tokenized;
  if (rec.contains(c.messages) && rec.at(c.messages).is_array()) {
    const json& list = rec.at(c.messages);
    const bool openai = !list.empty() && list[0].is_object() && list[0].contains("role") && list[0].contains("content") &&
                        !list[0].contains(c.roleTag);
    return openai ? DatasetFormat::Messages : DatasetFormat::ShareGpt;
  }
  if (rec.contains("messages") && rec.at("messages").is_array()) return DatasetFormat::Messages;
  if (rec.contains(c.response)) return DatasetFormat::Alpaca;
  // LLaMA-Factory's pre-training entries map their text as the prompt column ({"prompt": "text"}).
  if (rec.contains(c.text) || rec.contains(c.prompt)) return DatasetFormat::Text;
  return DatasetFormat::Auto;
}

}  // namespace

const char* datasetFormatName(DatasetFormat format) {
  for (const auto& [n, f] : kFormats)
    if (f == format) return n;
  return "auto";
}

bool parseDatasetFormat(const std::string& text, DatasetFormat* out) {
  for (const auto& [n, f] : kFormats) {
    if (text == n) {
      *out = f;
      return true;
    }
  }
  return false;
}

const char* roleName(Role role) {
  switch (role) {
    case Role::System: return "system";
    case Role::User: return "user";
    case Role::Assistant: return "assistant";
    case Role::FunctionCall: return "function_call";
    case Role::Observation: return "observation";
  }
  return "user";
}

std::string describe(const RecordProblem& p) {
  std::string s = p.file;
  if (p.line > 0) s += ":" + std::to_string(p.line);
  s += ": ";
  if (p.index >= 0) s += "record " + std::to_string(p.index) + ": ";
  if (!p.field.empty()) s += "field '" + p.field + "': ";
  return s + p.reason;
}

LoadedDataset loadDataset(const std::vector<DatasetSource>& sources, const DatasetLoadOptions& options) {
  LoadedDataset out;
  for (const DatasetSource& src : sources) {
    const std::vector<RawRecord> records = readRecords(src.file);
    DatasetFormat format = src.format;
    if (format == DatasetFormat::Auto) {
      for (const auto& r : records) {
        if (!r.error.empty()) continue;
        format = detect(r.value, src.columns);
        break;
      }
      if (format == DatasetFormat::Auto) {
        throw Error(ErrorCategory::Format,
                    "cannot tell the dataset format from the first record's fields (set data.format and data.columns)",
                    {src.file.string(), records.front().line});
      }
    }
    if (out.format == DatasetFormat::Auto) out.format = format;
    const Converter convert = converterFor(format);
    int64_t kept = 0;
    for (const RawRecord& r : records) {
      if (options.maxSamples >= 0 && kept >= options.maxSamples) break;
      ++out.recordsRead;
      auto problem = [&](const std::string& f, const std::string& reason) {
        ++out.problemCount;
        if (out.problems.size() < options.maxProblems) out.problems.push_back({src.file.string(), r.line, r.index, f, reason});
      };
      if (!r.error.empty()) {
        problem("", r.error);
        continue;
      }
      if (!r.value.is_object()) {
        problem("", std::string("a record must be an object, got ") + jsonTypeName(r.value));
        continue;
      }
      try {
        Example ex = convert(r.value, src.columns);
        ex.source = src.file.string() + ":" + std::to_string(r.line);
        out.examples.push_back(std::move(ex));
        ++kept;
      } catch (const Bad& b) {
        problem(b.field, b.reason);
      }
    }
  }
  return out;
}

}  // namespace peftdesk
