// See yaml_writer.h.
#include "train/yaml_writer.h"

#include <sstream>

#include "peftdesk/error.h"

namespace peftdesk {
namespace {

using ojson = nlohmann::ordered_json;

// The shortest text that reads back as the same double (nlohmann's), in YAML 1.1's float form:
// "0.0002" stays, "1e-05" becomes "1.0e-05", "3" becomes "3.0".
std::string yamlFloat(double d) {
  std::string s = ojson(d).dump();
  const size_t e = s.find_first_of("eE");
  std::string mantissa = e == std::string::npos ? s : s.substr(0, e);
  std::string exponent = e == std::string::npos ? "" : s.substr(e + 1);
  if (mantissa.find('.') == std::string::npos) mantissa += ".0";
  if (!exponent.empty() && exponent[0] != '-' && exponent[0] != '+') exponent = "+" + exponent;
  return exponent.empty() ? mantissa : mantissa + "e" + exponent;
}

std::string flow(const ojson& v) {
  if (v.is_array()) {
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + flow(v[i]);
    return s + "]";
  }
  if (v.is_object()) {
    std::string s = "{";
    bool first = true;
    for (const auto& [k, x] : v.items()) {
      if (x.is_null()) continue;
      s += (first ? "" : ", ") + ojson(k).dump() + ": " + flow(x);
      first = false;
    }
    return s + "}";
  }
  return yamlScalar(v);
}

}  // namespace

std::string yamlScalar(const ojson& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return v.dump();
  if (v.is_number_float()) return yamlFloat(v.get<double>());
  if (v.is_string()) return v.dump();  // a JSON string is a YAML double-quoted scalar
  throw Error(ErrorCategory::Runtime, "yamlScalar: not a scalar: " + v.dump());
}

std::string writeYaml(const ojson& document, const std::string& header) {
  std::ostringstream out;
  std::istringstream lines(header);
  for (std::string line; std::getline(lines, line);) out << (line.empty() ? "#" : "# " + line) << "\n";
  for (const auto& [key, value] : document.items()) {
    if (value.is_null()) continue;
    out << key << ": " << (value.is_structured() ? flow(value) : yamlScalar(value)) << "\n";
  }
  return out.str();
}

}  // namespace peftdesk
