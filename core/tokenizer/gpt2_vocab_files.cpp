// GPT-2 "slow" tokenizer files: vocab.json (token -> id) + merges.txt (one "a b" merge per
// line, optional "#version" header). Built into the same byte-level BPE pipeline that
// transformers' converter would produce; the pre-tokenizer regex and normalizer depend on the
// tokenizer_class from tokenizer_config.json (one table row per class).
#include <fstream>
#include <sstream>

#include "peftdesk/json_file.h"
#include "tokenizer/hf_tokenizer.h"

namespace peftdesk::tok {
namespace fs = std::filesystem;

namespace {

struct SlowClassRow {
  const char* tokenizerClass;
  const char* pattern;  // nullptr: ByteLevel's own GPT-2 regex
  bool nfc;
};

const SlowClassRow kSlowClasses[] = {
    {"GPT2Tokenizer", nullptr, false},
    {"Qwen2Tokenizer", kQwen2Pattern, true},
};

const SlowClassRow& rowFor(const std::string& cls) {
  for (const auto& r : kSlowClasses)
    if (cls == r.tokenizerClass) return r;
  return kSlowClasses[0];  // GPT-2 conventions for anything else (RoBERTa, GPT-J, ...)
}

}  // namespace

HfParts loadGpt2VocabFiles(const fs::path& vocabJson, const fs::path& mergesTxt, const TokenizerFileConfig& cfg) {
  const json vocab = readJsonFile(vocabJson);
  const JsonCtx vc{vocabJson.string(), ""};
  std::unordered_map<std::string, int32_t> v = parseTokenVocab(vocab, vc);

  std::ifstream in(mergesTxt, std::ios::binary);
  if (!in) throw Error(ErrorCategory::Io, fs::exists(mergesTxt) ? "cannot read file" : "file not found", fileContext(mergesTxt.string()));
  std::vector<std::pair<std::string, std::string>> merges;
  std::vector<int64_t> lineOf;
  std::string line;
  int64_t lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || (lineNo == 1 && line.rfind("#version", 0) == 0)) continue;
    const size_t sp = line.find(' ');
    if (sp == std::string::npos || sp == 0 || sp + 1 == line.size() || line.find(' ', sp + 1) != std::string::npos)
      throw Error(ErrorCategory::Format, "expected two tokens separated by one space, got \"" + line + "\"",
                  fileContext(mergesTxt.string(), lineNo));
    merges.emplace_back(line.substr(0, sp), line.substr(sp + 1));
    lineOf.push_back(lineNo);
  }

  const SlowClassRow& row = rowFor(cfg.tokenizerClass);
  HfParts p;
  p.model = std::make_unique<BpeModel>(std::move(v), merges, BpeOptions{}, [&](size_t i, const std::string& msg) {
    throw Error(ErrorCategory::Format, msg, fileContext(mergesTxt.string(), lineOf[i]));
  });
  if (row.nfc) p.normalizer = makeNfcNormalizer();
  p.preTokenizer = row.pattern ? makeRegexThenByteLevel(row.pattern)
                               : makeByteLevelPreTokenizer(cfg.addPrefixSpace.value_or(false), true);
  p.decoder = makeByteLevelDecoder();
  return p;
}

}  // namespace peftdesk::tok
