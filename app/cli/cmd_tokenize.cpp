// `peftdesk-cli tokenize MODEL_DIR|TOKENIZER_FILE (--text T | --file F) [--json]`.
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "peftdesk/error.h"
#include "peftdesk/tokenizer.h"

namespace peftdesk::cli {

int runTokenize(const Args& args) {
  if (args.positional().size() != 1) throw Error(ErrorCategory::Argument, "expected exactly one MODEL_DIR or tokenizer file");
  const auto text = args.value("text");
  const auto file = args.value("file");
  if (text.has_value() == file.has_value()) throw Error(ErrorCategory::Argument, "give exactly one of --text or --file");
  std::string input;
  if (text) {
    input = *text;
  } else {
    std::ifstream in(*file, std::ios::binary);
    if (!in) throw Error(ErrorCategory::Io, "cannot read file", {*file});
    std::stringstream ss;
    ss << in.rdbuf();
    input = ss.str();
  }
  const auto tokenizer = Tokenizer::load(args.positional()[0]);
  const std::vector<int32_t> ids = tokenizer->encode(input, !args.flag("no-special"));
  if (args.flag("json")) {
    nlohmann::json j;
    j["ids"] = ids;
    nlohmann::json tokens = nlohmann::json::array();
    for (int32_t id : ids) tokens.push_back(tokenizer->idToToken(id));
    j["tokens"] = tokens;
    j["count"] = ids.size();
    std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  } else {
    std::string line;
    for (size_t i = 0; i < ids.size(); ++i) line += (i ? " " : "") + std::to_string(ids[i]);
    std::printf("%s\n", line.c_str());
  }
  return 0;
}

}  // namespace peftdesk::cli
