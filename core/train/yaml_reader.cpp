// See yaml_reader.h.
#include "train/yaml_reader.h"

#include <yaml.h>

#include <fstream>
#include <memory>
#include <regex>
#include <sstream>

#include "peftdesk/error.h"

namespace peftdesk {
namespace {

using json = nlohmann::json;

// PyYAML's YAML 1.1 resolvers for plain scalars (the subset configs use).
json typedScalar(const std::string& s) {
  static const std::regex kNull("^(~|null|Null|NULL|)$");
  static const std::regex kTrue("^(yes|Yes|YES|true|True|TRUE|on|On|ON)$");
  static const std::regex kFalse("^(no|No|NO|false|False|FALSE|off|Off|OFF)$");
  static const std::regex kInt("^[-+]?(0|[1-9][0-9_]*)$");
  static const std::regex kFloat("^[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+][0-9]+)?$");
  if (std::regex_match(s, kNull)) return nullptr;
  if (std::regex_match(s, kTrue)) return true;
  if (std::regex_match(s, kFalse)) return false;
  std::string digits;
  for (char c : s)
    if (c != '_') digits += c;
  if (std::regex_match(s, kInt)) {
    try {
      return std::stoll(digits);
    } catch (const std::exception&) {
      return s;
    }
  }
  // PyYAML 1.1: a float needs a dot (1.0, 1.5e-4); "1e-4" is a string.
  if (std::regex_match(s, kFloat) && s.find('.') != std::string::npos) return std::stod(digits);
  return s;
}

class Parser {
 public:
  Parser(const std::string& text, std::string source) : source_(std::move(source)) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~Parser() { yaml_parser_delete(&parser_); }

  json document() {
    expect(YAML_STREAM_START_EVENT);
    yaml_event_t e = next();
    if (e.type == YAML_STREAM_END_EVENT) {
      yaml_event_delete(&e);
      return nullptr;  // empty file
    }
    if (e.type != YAML_DOCUMENT_START_EVENT) fail("expected a document", e.start_mark.line);
    yaml_event_delete(&e);
    json root = node(next());
    e = next();
    if (e.type != YAML_DOCUMENT_END_EVENT) fail("only one YAML document is supported", e.start_mark.line);
    yaml_event_delete(&e);
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& why, size_t line0) const {
    throw Error(ErrorCategory::Format, why, {source_, static_cast<int64_t>(line0) + 1});
  }

  yaml_event_t next() {
    yaml_event_t e;
    if (!yaml_parser_parse(&parser_, &e)) {
      fail(std::string("invalid YAML: ") + (parser_.problem ? parser_.problem : "syntax error"), parser_.problem_mark.line);
    }
    return e;
  }

  void expect(yaml_event_type_t type) {
    yaml_event_t e = next();
    const bool ok = e.type == type;
    const size_t line = e.start_mark.line;
    yaml_event_delete(&e);
    if (!ok) fail("unexpected YAML structure", line);
  }

  // Takes ownership of `e`.
  json node(yaml_event_t e) {
    const size_t line = e.start_mark.line;
    switch (e.type) {
      case YAML_SCALAR_EVENT: {
        const std::string value(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
        const bool plain = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        const bool anchored = e.data.scalar.anchor != nullptr;
        yaml_event_delete(&e);
        if (anchored) fail("YAML anchors are not supported", line);
        return plain ? typedScalar(value) : json(value);
      }
      case YAML_SEQUENCE_START_EVENT: {
        yaml_event_delete(&e);
        json arr = json::array();
        while (true) {
          yaml_event_t c = next();
          if (c.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&c);
            return arr;
          }
          arr.push_back(node(c));
        }
      }
      case YAML_MAPPING_START_EVENT: {
        yaml_event_delete(&e);
        json obj = json::object();
        while (true) {
          yaml_event_t k = next();
          if (k.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&k);
            return obj;
          }
          const size_t keyLine = k.start_mark.line;
          const json key = node(k);
          if (!key.is_string() && !key.is_number() && !key.is_boolean()) fail("mapping keys must be scalars", keyLine);
          const std::string name = key.is_string() ? key.get<std::string>() : key.dump();
          if (obj.contains(name)) fail("key '" + name + "' appears twice", keyLine);
          obj[name] = node(next());
        }
      }
      case YAML_ALIAS_EVENT:
        yaml_event_delete(&e);
        fail("YAML aliases are not supported", line);
      default:
        yaml_event_delete(&e);
        fail("unexpected YAML event", line);
    }
  }

  yaml_parser_t parser_;
  std::string source_;
};

}  // namespace

json parseYamlText(const std::string& text, const std::string& sourceName) { return Parser(text, sourceName).document(); }

json readYamlFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCategory::Io, std::filesystem::exists(path) ? "cannot read file" : "file not found", {path.string()});
  std::stringstream ss;
  ss << in.rdbuf();
  return parseYamlText(ss.str(), path.string());
}

}  // namespace peftdesk
