// Tokenizer::load: finds the tokenizer in a model folder (tokenizer.json, then tokenizer.model,
// then vocab.json + merges.txt) or takes the file it is given, and completes it with the config
// files next to it.
#include <fstream>
#include <sstream>

#include "peftdesk/error.h"
#include "tokenizer/json_fields.h"
#include "peftdesk/tokenizer.h"
#include "tokenizer/hf_tokenizer.h"
#include "tokenizer/sentencepiece_tokenizer.h"

namespace peftdesk {
namespace fs = std::filesystem;
using namespace tok;

Tokenizer::~Tokenizer() = default;

namespace {

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw Error(ErrorCategory::Io, fs::exists(p) ? "cannot read file" : "file not found", fileContext(p.string()));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::unique_ptr<Tokenizer> fromTokenizerJson(const fs::path& file, const TokenizerFileConfig& cfg) {
  HfParts parts = parseTokenizerJson(readFile(file), file.string());
  const std::string kind = parts.flavor + " (tokenizer.json)";
  auto t = std::make_unique<HfTokenizer>(std::move(parts), kind);
  t->applyConfig(cfg);
  return t;
}

std::unique_ptr<Tokenizer> fromVocabFiles(const fs::path& vocab, const fs::path& merges, const TokenizerFileConfig& cfg) {
  auto t = std::make_unique<HfTokenizer>(loadGpt2VocabFiles(vocab, merges, cfg), "byte-level BPE (vocab.json + merges.txt)");
  t->applyConfig(cfg);
  return t;
}

}  // namespace

std::unique_ptr<Tokenizer> Tokenizer::load(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw Error(ErrorCategory::Io, "tokenizer path not found", fileContext(path.string()));
  if (fs::is_directory(path, ec)) {
    const TokenizerFileConfig cfg = readTokenizerConfig(path);
    if (fs::exists(path / "tokenizer.json")) return fromTokenizerJson(path / "tokenizer.json", cfg);
    if (fs::exists(path / "tokenizer.model")) return std::make_unique<SentencePieceTokenizer>(path / "tokenizer.model", cfg);
    if (fs::exists(path / "vocab.json") && fs::exists(path / "merges.txt"))
      return fromVocabFiles(path / "vocab.json", path / "merges.txt", cfg);
    throw Error(ErrorCategory::Io,
                "no tokenizer found in " + path.string() + " (looked for tokenizer.json, tokenizer.model, vocab.json+merges.txt)",
                fileContext(path.string()));
  }
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const std::string name = path.filename().string();
  const std::string ext = path.extension().string();
  if (name == "vocab.json") {
    const TokenizerFileConfig cfg = readTokenizerConfig(dir);
    return fromVocabFiles(path, dir / "merges.txt", cfg);
  }
  if (ext == ".json") return fromTokenizerJson(path, readTokenizerConfig(dir));
  if (ext == ".model") return std::make_unique<SentencePieceTokenizer>(path, readTokenizerConfig(dir));
  throw Error(ErrorCategory::Argument,
              "unrecognised tokenizer file (expected a folder, tokenizer.json, tokenizer.model or vocab.json)",
              fileContext(path.string()));
}

std::unique_ptr<Tokenizer> Tokenizer::fromTokenizerJsonText(std::string_view json, const std::string& sourceName) {
  HfParts parts = parseTokenizerJson(json, sourceName);
  const std::string kind = parts.flavor + " (tokenizer.json)";
  auto t = std::make_unique<HfTokenizer>(std::move(parts), kind);
  t->applyConfig(TokenizerFileConfig{});
  return t;
}

}  // namespace peftdesk
