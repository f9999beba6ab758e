// See args.h.
#include "cli/args.h"

#include <cerrno>
#include <cstdlib>

#include "peftdesk/error.h"

namespace peftdesk::cli {

Args::Args(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs) {
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() < 3 || a.rfind("--", 0) != 0) {
      positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2), inlineValue;
    bool hasInline = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inlineValue = name.substr(eq + 1);
      name = name.substr(0, eq);
      hasInline = true;
    }
    const OptionSpec* spec = nullptr;
    for (const auto& s : specs)
      if (s.name == name) spec = &s;
    if (!spec) throw Error(ErrorCategory::Argument, "unknown option --" + name);
    if (!spec->takesValue) {
      if (hasInline) throw Error(ErrorCategory::Argument, "option --" + name + " takes no value");
      values_[name] = "";
    } else {
      if (!hasInline && i + 1 >= argv.size()) throw Error(ErrorCategory::Argument, "option --" + name + " needs a value");
      const std::string v = hasInline ? inlineValue : argv[++i];
      if (values_.count(name) && !spec->repeatable) throw Error(ErrorCategory::Argument, "option --" + name + " given twice");
      values_[name] = v;
      repeated_[name].push_back(v);
    }
  }
}

std::optional<std::string> Args::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Args::values(const std::string& name) const {
  auto it = repeated_.find(name);
  return it == repeated_.end() ? std::vector<std::string>{} : it->second;
}

std::string Args::required(const std::string& name) const {
  auto v = value(name);
  if (!v) throw Error(ErrorCategory::Argument, "missing required option --" + name);
  return *v;
}

int64_t Args::integer(const std::string& name, int64_t fallback) const {
  auto v = value(name);
  if (!v) return fallback;
  errno = 0;
  char* end = nullptr;
  const long long n = std::strtoll(v->c_str(), &end, 10);
  if (v->empty() || *end != '\0' || errno) throw Error(ErrorCategory::Argument, "--" + name + " expects an integer, got '" + *v + "'");
  return n;
}

double Args::number(const std::string& name, double fallback) const {
  auto v = value(name);
  if (!v) return fallback;
  errno = 0;
  char* end = nullptr;
  const double n = std::strtod(v->c_str(), &end);
  if (v->empty() || *end != '\0' || errno) throw Error(ErrorCategory::Argument, "--" + name + " expects a number, got '" + *v + "'");
  return n;
}

std::vector<std::vector<int32_t>> parseIdBatch(const std::string& text, const std::string& optionName) {
  std::vector<std::vector<int32_t>> batch(1);
  std::string cur;
  auto flush = [&](bool endOfRow) {
    size_t b = cur.find_first_not_of(" \t"), e = cur.find_last_not_of(" \t");
    const std::string tok = b == std::string::npos ? "" : cur.substr(b, e - b + 1);
    if (!tok.empty()) {
      char* end = nullptr;
      errno = 0;
      const long long v = std::strtoll(tok.c_str(), &end, 10);
      if (*end != '\0' || errno || v < 0 || v > INT32_MAX) {
        throw Error(ErrorCategory::Argument, "--" + optionName + ": '" + tok + "' is not a token id (row " +
                                                 std::to_string(batch.size()) + ")");
      }
      batch.back().push_back(static_cast<int32_t>(v));
    }
    cur.clear();
    if (endOfRow) batch.emplace_back();
  };
  for (char c : text) {
    if (c == ',') flush(false);
    else if (c == ';') flush(true);
    else cur += c;
  }
  flush(false);
  if (batch.back().empty() && batch.size() > 1) batch.pop_back();
  for (size_t i = 0; i < batch.size(); ++i) {
    if (batch[i].empty()) throw Error(ErrorCategory::Argument, "--" + optionName + ": row " + std::to_string(i + 1) + " is empty");
  }
  return batch;
}

}  // namespace peftdesk::cli
