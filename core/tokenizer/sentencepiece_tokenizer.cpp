// SentencePiece tokenizer.model (BPE or unigram) through libsentencepiece, wrapped with the
// conventions of transformers' LlamaTokenizer (the "slow" tokenizer that defines what these
// models expect): special/added tokens are split out first and never go through SentencePiece,
// BOS/EOS come from add_bos_token / add_eos_token, and legacy=false switches off SentencePiece's
// dummy "▁" prefix (done by appending a normalizer_spec merge to the model proto, since the
// Debian package ships no protobuf headers). A config's explicit "add_prefix_space": null means
// no "▁" is prepended (the slow tokenizer sees None, which is falsy), unlike an absent key.
#include <sentencepiece_processor.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "peftdesk/error.h"
#include "tokenizer/json_fields.h"
#include "tokenizer/sentencepiece_tokenizer.h"
#include "tokenizer/unicode_utils.h"

namespace peftdesk::tok {
namespace fs = std::filesystem;

namespace {

const char* const kUnderline = "\xE2\x96\x81";

// --- minimal protobuf wire-format reading (the Debian package ships no protobuf headers) ---
bool readVarint(const std::string& s, size_t& i, uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64 && i < s.size(); shift += 7) {
    const auto b = static_cast<unsigned char>(s[i++]);
    v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

// Splits a message into (field number, wire type, raw bytes of the whole field) entries.
struct Field {
  uint32_t number;
  uint32_t wire;
  size_t begin, end, payloadBegin;
};

bool parseFields(const std::string& s, std::vector<Field>& out) {
  size_t i = 0;
  while (i < s.size()) {
    const size_t begin = i;
    uint64_t key;
    if (!readVarint(s, i, key)) return false;
    const auto wire = static_cast<uint32_t>(key & 7);
    uint64_t len = 0;
    size_t payload = i;
    switch (wire) {
      case 0:
        if (!readVarint(s, i, len)) return false;
        break;
      case 1: i += 8; break;
      case 5: i += 4; break;
      case 2:
        if (!readVarint(s, i, len) || len > s.size() - i) return false;
        payload = i;
        i += len;
        break;
      default: return false;
    }
    if (i > s.size()) return false;
    out.push_back({static_cast<uint32_t>(key >> 3), wire, begin, i, payload});
  }
  return true;
}

// What LlamaTokenizer does for legacy=false: ModelProto.normalizer_spec.MergeFrom(NormalizerSpec
// {add_dummy_prefix: false}). In the wire format a singular message field that occurs again is
// merged into the earlier one, so appending normalizer_spec(3) { add_dummy_prefix(3): false } is
// exactly that merge: every other normalizer field (name, precompiled_charsmap,
// remove_extra_whitespaces, escape_whitespaces, ...) stays as the file has it.
std::string withoutDummyPrefix(std::string model, const std::string& file) {
  std::vector<Field> top;
  if (!parseFields(model, top)) throw Error(ErrorCategory::Format, "not a valid SentencePiece model (protobuf)", fileContext(file));
  model += "\x1A\x02\x18";  // field 3 (length-delimited, 2 bytes): field 3 (varint) =
  model += '\0';             // false
  return model;
}

// ModelProto.trainer_spec(2).model_type(3): 1 unigram (the default), 2 BPE, 3 word, 4 char.
std::string modelTypeName(const std::string& model) {
  static const char* const kNames[] = {"model", "unigram", "BPE", "word", "char"};
  uint64_t type = 1;
  std::vector<Field> top;
  if (parseFields(model, top)) {
    for (const Field& f : top) {
      if (f.number != 2 || f.wire != 2) continue;
      std::vector<Field> inner;
      const std::string spec = model.substr(f.payloadBegin, f.end - f.payloadBegin);
      if (!parseFields(spec, inner)) break;
      for (const Field& g : inner) {
        size_t i = g.payloadBegin;
        if (g.number == 3 && g.wire == 0) readVarint(spec, i, type);
      }
    }
  }
  return type < 5 ? kNames[type] : kNames[0];
}

std::string lstripWs(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    if (!isUnicodeWhitespace(nextCodePoint(s, j))) break;
    i = j;
  }
  return s.substr(i);
}

std::string rstripWs(const std::string& s) {
  size_t i = 0, keep = 0;
  while (i < s.size()) {
    size_t j = i;
    if (!isUnicodeWhitespace(nextCodePoint(s, j))) keep = j;
    i = j;
  }
  return s.substr(0, keep);
}

}  // namespace

struct SentencePieceTokenizer::Impl {
  sentencepiece::SentencePieceProcessor sp;
  bool legacy = true;
  bool addPrefixSpace = true;
  bool addBos = true, addEos = false;
  bool cleanUp = false;
  std::string unkToken = "<unk>";
  size_t unkTokenLength = 0;
  std::vector<AddedToken> added;
  TokenTrie trie;
  std::unordered_map<int32_t, size_t> addedById;
  std::unordered_map<std::string, size_t> addedByContent;
  std::unordered_set<std::string> allSpecial;  // transformers' all_special_tokens
  std::unordered_set<std::string> legacyAdded;  // added tokens decoded outside SentencePiece
};

SentencePieceTokenizer::SentencePieceTokenizer(const fs::path& modelFile, const TokenizerFileConfig& inCfg)
    : impl_(std::make_unique<Impl>()) {
  std::ifstream in(modelFile, std::ios::binary);
  if (!in) throw Error(ErrorCategory::Io, fs::exists(modelFile) ? "cannot read file" : "file not found", fileContext(modelFile.string()));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string proto = ss.str();

  Impl& m = *impl_;
  m.legacy = inCfg.legacy.value_or(true);
  m.addPrefixSpace = inCfg.addPrefixSpace.value_or(true);  // null in the config reads as false
  if (!m.legacy) proto = withoutDummyPrefix(proto, modelFile.string());
  const auto status = m.sp.LoadFromSerializedProto(proto);
  if (!status.ok())
    throw Error(ErrorCategory::Format, "not a valid SentencePiece model: " + status.ToString(), fileContext(modelFile.string()));

  // LlamaTokenizer defaults for the special tokens, when the config does not name them.
  TokenizerFileConfig cfg = inCfg;
  auto pieceOr = [&](int id, const char* fallback) -> std::string {
    return id >= 0 && id < m.sp.GetPieceSize() ? m.sp.IdToPiece(id) : std::string(fallback);
  };
  if (!cfg.bos && !cfg.bosExplicitNull) cfg.bos = pieceOr(m.sp.bos_id(), "<s>");
  if (!cfg.eos) cfg.eos = pieceOr(m.sp.eos_id(), "</s>");
  if (!cfg.unk) cfg.unk = pieceOr(m.sp.unk_id(), "<unk>");
  m.unkToken = *cfg.unk;
  m.addBos = cfg.addBosToken.value_or(true);
  m.addEos = cfg.addEosToken.value_or(false);
  m.cleanUp = cfg.cleanUpTokenizationSpaces.value_or(false);

  m.added = cfg.addedTokens;
  auto known = [&](const std::string& s) {
    return std::any_of(m.added.begin(), m.added.end(), [&](const AddedToken& t) { return t.content == s; });
  };
  std::vector<std::string> named;
  for (const auto* s : {&cfg.bos, &cfg.eos, &cfg.unk, &cfg.pad})
    if (*s) named.push_back(**s);
  named.insert(named.end(), cfg.additionalSpecial.begin(), cfg.additionalSpecial.end());
  for (const std::string& s : named) {
    m.allSpecial.insert(s);
    if (known(s)) continue;
    const int id = m.sp.PieceToId(s);
    if (id >= 0 && m.sp.IdToPiece(id) == s) m.added.push_back(AddedToken{id, s, false, false, false, false, true});
  }
  for (size_t i = 0; i < m.added.size(); ++i) {
    m.trie.add(m.added[i].content, static_cast<int32_t>(i));
    m.addedById.emplace(m.added[i].id, i);
    m.addedByContent.emplace(m.added[i].content, i);
    if (!m.allSpecial.count(m.added[i].content)) m.legacyAdded.insert(m.added[i].content);
  }
  for (const std::string& s : cfg.additionalSpecial) {
    auto it = m.addedByContent.find(s);
    if (it != m.addedByContent.end() && m.added[it->second].id >= m.sp.GetPieceSize()) m.legacyAdded.insert(s);
  }
  std::vector<std::string> unkPieces;
  m.sp.Encode(m.unkToken, &unkPieces);
  m.unkTokenLength = unkPieces.size();

  kind_ = "SentencePiece " + modelTypeName(proto) + " (tokenizer.model)";
  special_ = resolveSpecialIds(cfg, [this](const std::string& s) { return tokenToId(s); }, m.sp.unk_id());
  special_.addBos = m.addBos && special_.bos >= 0;
  special_.addEos = m.addEos && !special_.eos.empty();
  chatTemplate_ = cfg.chatTemplate;
}

SentencePieceTokenizer::~SentencePieceTokenizer() = default;

std::vector<std::string> SentencePieceTokenizer::tokenizeChunk(const std::string& text) const {
  const Impl& m = *impl_;
  std::vector<std::string> pieces;
  const bool startsWithSpace = text.rfind(kUnderline, 0) == 0 || (!text.empty() && text[0] == ' ');
  if (m.legacy || !startsWithSpace) {
    m.sp.Encode(text, &pieces);
    return pieces;
  }
  // Without the dummy prefix SentencePiece would drop a leading "▁"; encoding "<unk>" + text and
  // cutting the unk pieces keeps it (what LlamaTokenizer does).
  m.sp.Encode(m.unkToken + text, &pieces);
  if (pieces.size() >= m.unkTokenLength) pieces.erase(pieces.begin(), pieces.begin() + static_cast<long>(m.unkTokenLength));
  return pieces;
}

std::vector<int32_t> SentencePieceTokenizer::encode(std::string_view input, bool addSpecialTokens) const {
  const Impl& m = *impl_;
  std::string text(input);
  if (!m.legacy && !text.empty()) {
    std::string replaced;
    size_t pos = 0, last = 0;
    while ((pos = text.find(kUnderline, last)) != std::string::npos) {
      replaced.append(text, last, pos - last);
      replaced += ' ';
      last = pos + 3;
    }
    replaced.append(text, last, std::string::npos);
    text = m.addPrefixSpace ? kUnderline + replaced : replaced;
  }

  // Split on added tokens, then apply the strip flags to the neighbouring text (slow-tokenizer rules).
  struct Chunk {
    int32_t token = -1;
    std::string text;
  };
  std::vector<Chunk> chunks;
  size_t pos = 0, emitted = 0;
  while (!text.empty()) {
    auto match = m.trie.find(text, pos);
    if (!match) break;
    if (match->begin > emitted) chunks.push_back({-1, text.substr(emitted, match->begin - emitted)});
    chunks.push_back({match->value, {}});
    emitted = pos = match->end;
  }
  if (emitted < text.size()) chunks.push_back({-1, text.substr(emitted)});
  for (size_t i = 0; i < chunks.size(); ++i) {
    if (chunks[i].token < 0) continue;
    const AddedToken& t = m.added[static_cast<size_t>(chunks[i].token)];
    if (t.rstrip && i + 1 < chunks.size() && chunks[i + 1].token < 0) chunks[i + 1].text = lstripWs(chunks[i + 1].text);
    if (t.lstrip && i > 0 && chunks[i - 1].token < 0) chunks[i - 1].text = rstripWs(chunks[i - 1].text);
  }

  std::vector<std::string> tokens;
  std::vector<int32_t> ids;
  for (const Chunk& c : chunks) {
    if (c.token >= 0) {
      tokens.push_back(m.added[static_cast<size_t>(c.token)].content);
      ids.push_back(m.added[static_cast<size_t>(c.token)].id);
    } else if (!c.text.empty()) {
      for (std::string& p : tokenizeChunk(c.text)) {
        ids.push_back(m.sp.PieceToId(p));
        tokens.push_back(std::move(p));
      }
    }
  }
  if (!m.legacy && tokens.size() > 1 && tokens[0] == kUnderline && m.allSpecial.count(tokens[1])) ids.erase(ids.begin());
  if (addSpecialTokens) {
    if (m.addBos && special_.bos >= 0) ids.insert(ids.begin(), special_.bos);
    if (m.addEos && !special_.eos.empty()) ids.push_back(special_.eos.front());
  }
  return ids;
}

std::string SentencePieceTokenizer::piecesToString(std::vector<std::string> tokens) const {
  const Impl& m = *impl_;
  if (tokens.empty()) return {};
  if (m.addPrefixSpace && tokens[0].rfind(kUnderline, 0) == 0) tokens[0] = tokens[0].substr(3);
  std::string out;
  std::vector<std::string> current;
  bool prevSpecial = false;
  auto spDecode = [&](const std::vector<std::string>& pieces) {
    std::string s;
    if (!pieces.empty()) m.sp.Decode(pieces, &s);
    return s;
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (m.allSpecial.count(tokens[i])) {
      if (!prevSpecial && i != 0 && m.legacy) out += ' ';
      out += spDecode(current) + tokens[i];
      prevSpecial = true;
      current.clear();
    } else {
      if (prevSpecial && i == 1 && m.addPrefixSpace && tokens[i].rfind(kUnderline, 0) != 0) out += ' ';
      current.push_back(tokens[i]);
      prevSpecial = false;
    }
  }
  return out + spDecode(current);
}

std::string SentencePieceTokenizer::decode(const std::vector<int32_t>& ids, bool skipSpecialTokens) const {
  const Impl& m = *impl_;
  std::vector<std::string> subTexts, current;
  for (int32_t id : ids) {
    const std::string tok = idToToken(id);
    if (tok.empty() && (id < 0 || id >= vocabSize())) continue;
    if (skipSpecialTokens && m.allSpecial.count(tok)) continue;
    if (m.legacyAdded.count(tok)) {
      if (!current.empty()) {
        std::string s = piecesToString(current);
        if (!s.empty()) subTexts.push_back(std::move(s));
        current.clear();
      }
      subTexts.push_back(tok);
    } else {
      current.push_back(tok);
    }
  }
  if (!current.empty()) subTexts.push_back(piecesToString(current));
  std::string text;
  for (size_t i = 0; i < subTexts.size(); ++i) text += (i ? " " : "") + subTexts[i];
  return m.cleanUp ? cleanUpTokenizationSpaces(std::move(text)) : text;
}

int32_t SentencePieceTokenizer::vocabSize() const {
  int32_t n = impl_->sp.GetPieceSize();
  for (const AddedToken& t : impl_->added) n = std::max(n, t.id + 1);
  return n;
}

std::string SentencePieceTokenizer::idToToken(int32_t id) const {
  auto it = impl_->addedById.find(id);
  if (it != impl_->addedById.end()) return impl_->added[it->second].content;
  if (id < 0 || id >= impl_->sp.GetPieceSize()) return {};
  return impl_->sp.IdToPiece(id);
}

std::optional<int32_t> SentencePieceTokenizer::tokenToId(std::string_view token) const {
  auto it = impl_->addedByContent.find(std::string(token));
  if (it != impl_->addedByContent.end()) return impl_->added[it->second].id;
  const int id = impl_->sp.PieceToId(std::string(token));
  if (id >= 0 && impl_->sp.IdToPiece(id) == token) return id;
  return std::nullopt;
}

bool SentencePieceTokenizer::isSpecial(int32_t id) const {
  const std::string t = idToToken(id);
  if (impl_->allSpecial.count(t)) return true;
  auto it = impl_->addedById.find(id);
  return it != impl_->addedById.end() && impl_->added[it->second].special;
}

}  // namespace peftdesk::tok
