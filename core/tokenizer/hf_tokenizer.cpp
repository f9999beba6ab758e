// See hf_tokenizer.h. encode() follows HF tokenizers' order exactly: split on non-normalized
// added tokens in the raw text, normalize each remaining stretch, split on normalized added
// tokens, pre-tokenize, run BPE per word, then the post-processor. decode() maps ids to token
// strings (skipping special added tokens on request), runs the decoder chain, and applies
// transformers' clean_up_tokenization when the config asks for it.
#include "tokenizer/hf_tokenizer.h"

#include <algorithm>

namespace peftdesk::tok {

HfTokenizer::HfTokenizer(HfParts parts, std::string kind) : parts_(std::move(parts)) {
  kind_ = std::move(kind);
  rebuildAddedIndex();
}

void HfTokenizer::rebuildAddedIndex() {
  rawTrie_ = TokenTrie();
  normalizedTrie_ = TokenTrie();
  addedById_.clear();
  addedByContent_.clear();
  normalizedForms_ = parts_.addedTokens;
  for (size_t i = 0; i < parts_.addedTokens.size(); ++i) {
    const AddedToken& t = parts_.addedTokens[i];
    addedById_.emplace(t.id, i);
    addedByContent_.emplace(t.content, i);
    if (t.normalized) {
      if (parts_.normalizer) normalizedForms_[i].content = parts_.normalizer->normalize(t.content);
      normalizedTrie_.add(normalizedForms_[i].content, static_cast<int32_t>(i));
    } else {
      rawTrie_.add(t.content, static_cast<int32_t>(i));
    }
  }
}

void HfTokenizer::encodeText(std::string_view text, bool atInputStart, std::vector<int32_t>& out) const {
  std::vector<std::string> pieces;
  pieces.emplace_back(text);
  if (parts_.preTokenizer) parts_.preTokenizer->split(pieces, atInputStart);
  for (const std::string& w : pieces) parts_.model->encodeWord(w, out);
}

std::vector<int32_t> HfTokenizer::encode(std::string_view text, bool addSpecialTokens) const {
  std::vector<int32_t> ids;
  for (const Segment& seg : splitOnAddedTokens(text, rawTrie_, parts_.addedTokens)) {
    if (seg.tokenIndex >= 0) {
      ids.push_back(parts_.addedTokens[static_cast<size_t>(seg.tokenIndex)].id);
      continue;
    }
    std::string part(text.substr(seg.begin, seg.end - seg.begin));
    if (parts_.normalizer) part = parts_.normalizer->normalize(std::move(part));
    for (const Segment& inner : splitOnAddedTokens(part, normalizedTrie_, normalizedForms_)) {
      if (inner.tokenIndex >= 0) {
        ids.push_back(parts_.addedTokens[static_cast<size_t>(inner.tokenIndex)].id);
        continue;
      }
      encodeText(std::string_view(part).substr(inner.begin, inner.end - inner.begin),
                 seg.begin == 0 && inner.begin == 0, ids);
    }
  }
  if (addSpecialTokens && parts_.postProcessor) parts_.postProcessor->process(ids);
  return ids;
}

std::string HfTokenizer::decode(const std::vector<int32_t>& ids, bool skipSpecialTokens) const {
  std::vector<std::string> tokens;
  tokens.reserve(ids.size());
  for (int32_t id : ids) {
    auto it = addedById_.find(id);
    if (it != addedById_.end()) {
      const AddedToken& t = parts_.addedTokens[it->second];
      if (skipSpecialTokens && t.special) continue;
      tokens.push_back(t.content);
      continue;
    }
    if (const std::string* s = parts_.model->idToToken(id)) tokens.push_back(*s);
  }
  std::string text;
  if (parts_.decoder) {
    parts_.decoder->decode(tokens);
    for (const auto& t : tokens) text += t;
  } else {
    for (size_t i = 0; i < tokens.size(); ++i) text += (i ? " " : "") + tokens[i];
  }
  if (parts_.cleanUpSpaces) text = cleanUpTokenizationSpaces(std::move(text));
  return text;
}

int32_t HfTokenizer::vocabSize() const {
  int32_t n = parts_.model->size();
  for (const AddedToken& t : parts_.addedTokens) n = std::max(n, t.id + 1);
  return n;
}

std::string HfTokenizer::idToToken(int32_t id) const {
  auto it = addedById_.find(id);
  if (it != addedById_.end()) return parts_.addedTokens[it->second].content;
  const std::string* s = parts_.model->idToToken(id);
  return s ? *s : std::string();
}

std::optional<int32_t> HfTokenizer::tokenToId(std::string_view token) const {
  auto it = addedByContent_.find(std::string(token));
  if (it != addedByContent_.end()) return parts_.addedTokens[it->second].id;
  return parts_.model->tokenToId(token);
}

bool HfTokenizer::isSpecial(int32_t id) const {
  auto it = addedById_.find(id);
  return it != addedById_.end() && parts_.addedTokens[it->second].special;
}

void HfTokenizer::applyConfig(const TokenizerFileConfig& cfg) {
  // transformers adds the config's added tokens and the named special tokens that the backend
  // does not know yet as added tokens.
  auto known = [&](const std::string& content) {
    return std::any_of(parts_.addedTokens.begin(), parts_.addedTokens.end(),
                       [&](const AddedToken& t) { return t.content == content; });
  };
  for (const AddedToken& t : cfg.addedTokens)
    if (!known(t.content)) parts_.addedTokens.push_back(t);
  std::vector<std::string> named = cfg.additionalSpecial;
  for (const auto* s : {&cfg.bos, &cfg.eos, &cfg.unk, &cfg.pad})
    if (*s) named.push_back(**s);
  for (const std::string& s : named) {
    if (known(s)) continue;
    if (auto id = parts_.model->tokenToId(s)) parts_.addedTokens.push_back(AddedToken{*id, s, false, false, false, false, true});
  }
  rebuildAddedIndex();

  if (cfg.cleanUpTokenizationSpaces) parts_.cleanUpSpaces = *cfg.cleanUpTokenizationSpaces;
  special_ = resolveSpecialIds(cfg, [this](const std::string& s) { return tokenToId(s); }, parts_.model->unkId());

  if (auto d = bosEosOverrideFor(cfg.tokenizerClass)) {
    const bool addBos = cfg.addBosToken.value_or(d->addBos);
    const bool addEos = cfg.addEosToken.value_or(d->addEos);
    std::vector<int32_t> prefix, suffix;
    if (addBos && special_.bos >= 0) prefix.push_back(special_.bos);
    if (addEos && !special_.eos.empty() && tokenToId(cfg.eos.value_or("")))
      suffix.push_back(*tokenToId(*cfg.eos));
    parts_.postProcessor = makeBosEosProcessor(prefix, suffix);
  }
  // What add_special_tokens=true adds, found by running the post-processor on a marker.
  std::vector<int32_t> probe{INT32_MIN};
  if (parts_.postProcessor) parts_.postProcessor->process(probe);
  const auto marker = std::find(probe.begin(), probe.end(), INT32_MIN);
  special_.addBos = marker != probe.begin() && special_.bos >= 0 && probe.front() == special_.bos;
  special_.addEos = marker + 1 != probe.end() &&
                    std::find(special_.eos.begin(), special_.eos.end(), probe.back()) != special_.eos.end();
  chatTemplate_ = cfg.chatTemplate;
}

}  // namespace peftdesk::tok
