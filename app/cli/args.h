// A small, strict command-line parser: every command declares its options; anything unknown,
// missing or malformed is an error that names the option.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace peftdesk::cli {

struct OptionSpec {
  std::string name;      // without dashes: "max-new-tokens"
  bool takesValue = true;
  std::string help;      // "N  maximum tokens to generate"
  bool repeatable = false;  // may be given several times (--set a=1 --set b=2)
};

class Args {
 public:
  // Parses argv[first..]; throws peftdesk::Error(Argument) on unknown options or missing values.
  Args(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs);
  const std::vector<std::string>& positional() const { return positional_; }
  bool flag(const std::string& name) const { return values_.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  std::vector<std::string> values(const std::string& name) const;  // every occurrence, in order
  std::string required(const std::string& name) const;
  int64_t integer(const std::string& name, int64_t fallback) const;
  double number(const std::string& name, double fallback) const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::string> values_;
  std::map<std::string, std::vector<std::string>> repeated_;
};

// "1,2,3;4,5" → {{1,2,3},{4,5}}; throws naming the bad entry.
std::vector<std::vector<int32_t>> parseIdBatch(const std::string& text, const std::string& optionName);

}  // namespace peftdesk::cli
