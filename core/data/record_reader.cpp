// See record_reader.h.
#include "data/record_reader.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "peftdesk/error.h"

namespace peftdesk {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string readAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorCategory::Io, fs::exists(file) ? "cannot read file" : "file not found", {file.string()});
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // UTF-8 byte-order mark
  return text;
}

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// One record's JSON: the value, or the reason it is not JSON.
void parseRecord(std::string_view text, RawRecord& r) {
  try {
    r.value = json::parse(text);
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    const auto pos = what.find("parse error");
    r.error = "invalid JSON: " + (pos == std::string::npos ? what : what.substr(pos));
  } catch (const json::exception& e) {
    r.error = std::string("invalid JSON: ") + e.what();
  }
}

// Top-level elements of a JSON array, found by a scanner that only tracks strings and nesting, so
// a syntax error inside one element does not hide the others.
std::vector<RawRecord> readJsonArray(const std::string& text, size_t open, const fs::path& file) {
  std::vector<RawRecord> out;
  int64_t line = 1;
  for (size_t i = 0; i < open; ++i) line += text[i] == '\n';
  size_t i = open + 1;
  int64_t index = 0;
  while (true) {
    while (i < text.size() && (blank(text[i]) || text[i] == ',')) line += text[i++] == '\n';
    if (i >= text.size()) {
      throw Error(ErrorCategory::Format, "the JSON array is not closed (missing ']')", {file.string(), line});
    }
    if (text[i] == ']') break;
    const size_t start = i;
    const int64_t startLine = line;
    int depth = 0;
    bool inString = false, escaped = false;
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\n') ++line;
      if (inString) {
        if (escaped) escaped = false;
        else if (c == '\\') escaped = true;
        else if (c == '"') inString = false;
        continue;
      }
      if (c == '"') inString = true;
      else if (c == '{' || c == '[') ++depth;
      else if (c == '}' || c == ']') {
        if (depth == 0) break;  // the array's own ']'
        --depth;
      } else if (c == ',' && depth == 0) break;
    }
    RawRecord r;
    r.line = startLine;
    r.index = index++;
    parseRecord(std::string_view(text).substr(start, i - start), r);
    if (inString || depth > 0) r.error = "unterminated element (missing quote or bracket)";
    out.push_back(std::move(r));
  }
  for (size_t k = i + 1; k < text.size(); ++k) {
    if (!blank(text[k])) throw Error(ErrorCategory::Format, "text after the end of the JSON array", {file.string(), line});
  }
  return out;
}

std::vector<RawRecord> readJsonLines(const std::string& text) {
  std::vector<RawRecord> out;
  int64_t line = 0, index = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    ++line;
    std::string_view view(text.data() + pos, end - pos);
    if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
    const bool isBlank = std::all_of(view.begin(), view.end(), blank);
    if (!isBlank) {
      RawRecord r;
      r.line = line;
      r.index = index++;
      parseRecord(view, r);
      out.push_back(std::move(r));
    }
    if (end == text.size()) break;
    pos = end + 1;
  }
  return out;
}

// RFC 4180. Returns the fields of every record with the line it starts on; a quote left open at
// the end of the file makes the last record an error.
std::vector<RawRecord> readCsv(const std::string& text, const fs::path& file) {
  struct Row {
    std::vector<std::string> fields;
    int64_t line;
    std::string error;
  };
  std::vector<Row> rows;
  size_t i = 0;
  int64_t line = 1;
  while (i < text.size()) {
    Row row{{}, line, {}};
    std::string field;
    bool quoted = false, fieldStarted = false, endOfRow = false;
    while (i < text.size() && !endOfRow) {
      const char c = text[i];
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          if (c == '\n') ++line;
          field += c;
        }
        ++i;
        continue;
      }
      if (c == '"' && !fieldStarted) {
        quoted = true;
        fieldStarted = true;
      } else if (c == ',') {
        row.fields.push_back(field);
        field.clear();
        fieldStarted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        ++line;
        endOfRow = true;
      } else {
        field += c;
        fieldStarted = true;
      }
      ++i;
    }
    if (quoted) row.error = "quoted field is not closed (missing '\"')";
    row.fields.push_back(field);
    const bool emptyLine = row.fields.size() == 1 && row.fields[0].empty() && row.error.empty();
    if (!emptyLine) rows.push_back(std::move(row));
  }
  if (rows.empty()) throw Error(ErrorCategory::Format, "the file holds no records", {file.string()});
  const Row& header = rows.front();
  if (!header.error.empty()) throw Error(ErrorCategory::Format, "CSV header: " + header.error, {file.string(), header.line});
  std::vector<RawRecord> out;
  for (size_t r = 1; r < rows.size(); ++r) {
    RawRecord rec;
    rec.line = rows[r].line;
    rec.index = static_cast<int64_t>(r - 1);
    rec.error = rows[r].error;
    if (rec.error.empty() && rows[r].fields.size() != header.fields.size()) {
      rec.error = "has " + std::to_string(rows[r].fields.size()) + " fields, the header has " + std::to_string(header.fields.size());
    }
    if (rec.error.empty()) {
      rec.value = json::object();
      for (size_t f = 0; f < header.fields.size(); ++f) rec.value[header.fields[f]] = rows[r].fields[f];
    }
    out.push_back(std::move(rec));
  }
  return out;
}

std::vector<RawRecord> readText(const std::string& text) {
  std::vector<RawRecord> out;
  int64_t line = 0, index = 0;
  std::istringstream in(text);
  std::string s;
  while (std::getline(in, s)) {
    ++line;
    if (!s.empty() && s.back() == '\r') s.pop_back();
    if (std::all_of(s.begin(), s.end(), blank)) continue;
    RawRecord r;
    r.line = line;
    r.index = index++;
    r.value = json{{"text", s}};
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

std::vector<RawRecord> readRecords(const fs::path& file) {
  if (fs::is_directory(file)) throw Error(ErrorCategory::Io, "is a folder, not a dataset file", {file.string()});
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext != ".json" && ext != ".jsonl" && ext != ".csv" && ext != ".txt") {
    throw Error(ErrorCategory::Unsupported, "unknown dataset file type '" + ext + "' (use .json, .jsonl, .csv or .txt)", {file.string()});
  }
  const std::string text = readAll(file);
  const size_t first = std::find_if_not(text.begin(), text.end(), blank) - text.begin();
  if (first >= text.size()) throw Error(ErrorCategory::Format, "the file is empty", {file.string()});
  std::vector<RawRecord> records;
  if (ext == ".csv") records = readCsv(text, file);
  else if (ext == ".txt") records = readText(text);
  else if (ext == ".json" && text[first] == '[') records = readJsonArray(text, first, file);
  else if (text[first] == '{') records = readJsonLines(text);  // .jsonl, or JSON Lines saved as .json
  else throw Error(ErrorCategory::Format, "not a JSON array or JSON Lines file (starts with '" + std::string(1, text[first]) + "')", {file.string(), 1});
  if (records.empty()) throw Error(ErrorCategory::Format, "the file holds no records", {file.string()});
  return records;
}

}  // namespace peftdesk
