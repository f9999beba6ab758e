// encodeExample / encodeText / checkTemplateConsistency / packExamples (chat_template.h).
// A conversation is rendered into spans (prompt or response of turn pair k) of text and special
// ids; each run of text between special ids is tokenized as a whole — exactly what
// apply_chat_template tokenizes — and span boundaries are located by tokenizing the text up to
// each boundary (a token that straddles one belongs to the later span). Truncation to cutoff_len
// follows LLaMA-Factory's infer_seqlen, pair by pair.
#include <algorithm>

#include "data/chat_templates.h"
#include "io/text_replace.h"
#include "peftdesk/error.h"
#include "peftdesk/tokenizer.h"

namespace peftdesk {
namespace {

struct Piece {
  std::string text;
  int32_t id = -1;  // >= 0: a special id ({bos} / {eos}) instead of text
};

struct Span {
  std::vector<Piece> pieces;
  size_t pair = 0;
  bool response = false;
  std::vector<int32_t> ids;
};

int32_t eosId(const Tokenizer& tok) { return tok.special().eos.empty() ? -1 : tok.special().eos.front(); }

// `fmt` with {content} / {system} filled in; {bos} / {eos} become id pieces.
void expand(std::string fmt, const std::string& content, const std::string& system, const Tokenizer& tok, std::vector<Piece>& out) {
  // Substitute the placeholders of the template first, then the message (which may itself
  // contain "{eos}" as text: it must stay text).
  const std::string kContent = "\x01" "content" "\x01", kSystem = "\x01" "system" "\x01";
  replaceAll(fmt, "{content}", kContent);
  replaceAll(fmt, "{system}", kSystem);
  size_t pos = 0;
  while (pos < fmt.size()) {
    const size_t b = fmt.find("{bos}", pos), e = fmt.find("{eos}", pos);
    const size_t next = std::min(b, e);
    std::string text = fmt.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    replaceAll(text, kSystem, system);
    replaceAll(text, kContent, content);
    if (!text.empty()) {
      if (!out.empty() && out.back().id < 0) out.back().text += text;
      else out.push_back({text, -1});
    }
    if (next == std::string::npos) break;
    // A tokenizer without BOS (Qwen) simply gets none; an end-of-turn EOS is required.
    const int32_t id = next == b ? tok.special().bos : eosId(tok);
    if (id < 0 && next == e) throw Error(ErrorCategory::Config, "the chat template ends turns with EOS, but the tokenizer has no EOS token", {{}, -1, -1, "data.template"});
    if (id >= 0) out.push_back({"", id});
    pos = next + 5;
  }
}

const std::string& formatFor(const ChatTemplate& t, Role role) {
  switch (role) {
    case Role::User: return t.user;
    case Role::Observation: return t.observation.empty() ? t.user : t.observation;
    case Role::FunctionCall: return t.function.empty() ? t.assistant : t.function;
    case Role::Assistant:
    case Role::System: break;
  }
  return t.assistant;
}

// forGeneration: the conversation ends with a user turn and continues with the model's answer
// (no suffix; without thinking, a Qwen3-style template's empty block ends the prompt).
std::vector<Span> render(const Example& ex, const ChatTemplate& t, const Tokenizer& tok, bool forGeneration, TemplateContext ctx) {
  std::vector<Span> spans;
  const std::string system = ex.system.empty() ? t.defaultSystem : ex.system;
  // A computed system block may switch the reasoning mode, which every assistant header follows.
  const std::string systemBlock = t.systemBlock ? t.systemBlock(system, ctx) : std::string();
  const std::string afterHeader = ctx.thinking ? "" : t.emptyThinkAfterHeader;
  size_t lastQuery = ex.turns.empty() ? 0 : ex.turns.size() - 1;  // the last user turn (not a tool result)
  for (size_t i = 0; i < ex.turns.size(); ++i)
    if (ex.turns[i].role == Role::User) lastQuery = i;
  for (size_t i = 0; i < ex.turns.size(); ++i) {
    const Turn& turn = ex.turns[i];
    const bool response = turn.role == Role::Assistant || turn.role == Role::FunctionCall;
    Span s;
    s.pair = i / 2;
    s.response = response;
    if (i == 0) {
      expand(t.prefix, "", "", tok, s.pieces);
      if (t.systemBlock) expand("{content}", systemBlock, "", tok, s.pieces);
      else if (!system.empty() && !t.system.empty()) expand(t.system, system, "", tok, s.pieces);
    }
    std::string content = turn.content;
    if (i == 0 && !system.empty() && t.system.empty() && !t.systemBlock && !t.systemInUser.empty()) {
      std::string folded = t.systemInUser;
      replaceAll(folded, "{system}", system);
      const size_t at = folded.find("{content}");
      content = folded.substr(0, at) + content + (at == std::string::npos ? "" : folded.substr(at + 9));
    }
    if (response && t.answer) content = t.answer(content, i > lastQuery, i + 1 == ex.turns.size());
    expand(formatFor(t, turn.role), content, "", tok, s.pieces);
    if (!response && !afterHeader.empty()) expand(afterHeader, "", "", tok, s.pieces);
    if (i + 1 == ex.turns.size()) {
      if (forGeneration && !ctx.thinking) expand(t.emptyThinkInGenerationPrompt, "", "", tok, s.pieces);
      else if (!forGeneration) expand(t.suffix, "", "", tok, s.pieces);
    }
    spans.push_back(std::move(s));
  }
  return spans;
}

// Tokenizes runs of text as wholes and hands every span its ids.
void tokenize(std::vector<Span>& spans, const Tokenizer& tok) {
  struct Part {
    size_t span;
    size_t begin, end;  // character range in the run's text
  };
  std::string run;
  std::vector<Part> parts;
  auto flush = [&]() {
    if (run.empty()) return;
    const std::vector<int32_t> full = tok.encode(run, false);
    size_t prev = 0;
    for (size_t k = 0; k < parts.size(); ++k) {
      size_t n = full.size();
      if (k + 1 < parts.size()) {
        const std::vector<int32_t> head = tok.encode(run.substr(0, parts[k].end), false);
        n = 0;
        // The common prefix: a token that straddles the boundary differs and goes to the later span.
        while (n < head.size() && n < full.size() && head[n] == full[n]) ++n;
        n = std::max(n, prev);
      }
      auto& ids = spans[parts[k].span].ids;
      ids.insert(ids.end(), full.begin() + static_cast<std::ptrdiff_t>(prev), full.begin() + static_cast<std::ptrdiff_t>(n));
      prev = n;
    }
    run.clear();
    parts.clear();
  };
  for (size_t s = 0; s < spans.size(); ++s) {
    for (const Piece& p : spans[s].pieces) {
      if (p.id >= 0) {
        flush();
        spans[s].ids.push_back(p.id);
        continue;
      }
      if (!parts.empty() && parts.back().span == s) {
        run += p.text;
        parts.back().end = run.size();
      } else {
        const size_t begin = run.size();
        run += p.text;
        parts.push_back({s, begin, run.size()});
      }
    }
  }
  flush();
}

// LLaMA-Factory's infer_seqlen: how much of a (source, target) pair fits in `cutoff`.
std::pair<int64_t, int64_t> inferSeqlen(int64_t source, int64_t target, int64_t cutoff) {
  int64_t maxTarget;
  if (target * 2 < cutoff) maxTarget = cutoff;
  else if (source * 2 < cutoff) maxTarget = cutoff - source;
  else maxTarget = static_cast<int64_t>(static_cast<double>(cutoff) * (static_cast<double>(target) / static_cast<double>(source + target)));
  const int64_t newTarget = std::min(maxTarget, target);
  const int64_t newSource = std::min(std::max<int64_t>(cutoff - newTarget, 0), source);
  return {newSource, newTarget};
}

}  // namespace

EncodedExample encodeExample(const Example& ex, const ChatTemplate& tmpl, const Tokenizer& tok, const EncodeOptions& options) {
  EncodedExample out;
  out.source = ex.source;
  if (!ex.inputIds.empty()) return encodeTokenized(ex, options);
  if (!ex.text.empty() && ex.turns.empty()) return encodeText(ex, tok, options);
  std::vector<Span> spans = render(ex, tmpl, tok, /*forGeneration=*/false, {options.enableThinking, options.templateDate});
  tokenize(spans, tok);
  const size_t pairs = spans.empty() ? 0 : spans.back().pair + 1;
  int64_t used = 0;
  for (size_t p = 0; p < pairs; ++p) {
    std::vector<int32_t> source, target;
    for (const Span& s : spans) {
      if (s.pair != p) continue;
      (s.response ? target : source).insert((s.response ? target : source).end(), s.ids.begin(), s.ids.end());
    }
    if (used >= options.cutoffLen) {
      out.truncated = true;
      break;
    }
    const auto [keepSource, keepTarget] = inferSeqlen(static_cast<int64_t>(source.size()), static_cast<int64_t>(target.size()), options.cutoffLen - used);
    if (keepSource < static_cast<int64_t>(source.size()) || keepTarget < static_cast<int64_t>(target.size())) out.truncated = true;
    used += keepSource + keepTarget;
    const bool learnResponse = !options.maskHistory || p + 1 == pairs;
    for (int64_t i = 0; i < keepSource; ++i) {
      out.inputIds.push_back(source[static_cast<size_t>(i)]);
      out.labels.push_back(options.trainOnPrompt ? source[static_cast<size_t>(i)] : kIgnoreLabel);
    }
    for (int64_t i = 0; i < keepTarget; ++i) {
      out.inputIds.push_back(target[static_cast<size_t>(i)]);
      out.labels.push_back(learnResponse ? target[static_cast<size_t>(i)] : kIgnoreLabel);
    }
  }
  return out;
}

std::vector<int32_t> encodeChatPrompt(const std::vector<Turn>& turns, const std::string& system, const ChatTemplate& tmpl,
                                      const Tokenizer& tok, std::vector<int32_t>* stopIds, bool thinking, const std::string& templateDate) {
  if (turns.empty() || turns.back().role != Role::User) throw Error(ErrorCategory::Argument, "a chat prompt must end with a user turn");
  Example ex;
  ex.system = system;
  ex.turns = turns;
  std::vector<Span> spans = render(ex, tmpl, tok, /*forGeneration=*/true, {thinking, templateDate});
  tokenize(spans, tok);
  std::vector<int32_t> ids;
  for (const Span& s : spans) ids.insert(ids.end(), s.ids.begin(), s.ids.end());
  if (stopIds) {
    *stopIds = tok.special().eos;
    if (!tmpl.endMarker.empty() && tmpl.endMarker != "{eos}") {
      const std::vector<int32_t> end = tok.encode(tmpl.endMarker, false);
      if (end.size() == 1 && std::find(stopIds->begin(), stopIds->end(), end[0]) == stopIds->end()) stopIds->push_back(end[0]);
    }
  }
  return ids;
}

EncodedExample encodeTokenized(const Example& ex, const EncodeOptions& options) {
  EncodedExample out;
  out.source = ex.source;
  out.inputIds = ex.inputIds;
  out.labels = ex.labels.empty() ? ex.inputIds : ex.labels;
  if (static_cast<int64_t>(out.inputIds.size()) > options.cutoffLen) {
    out.inputIds.resize(static_cast<size_t>(options.cutoffLen));
    out.labels.resize(static_cast<size_t>(options.cutoffLen));
    out.truncated = true;
  }
  return out;
}

EncodedExample encodeText(const Example& ex, const Tokenizer& tok, const EncodeOptions& options) {
  EncodedExample out;
  out.source = ex.source;
  if (tok.special().addBos && tok.special().bos >= 0) out.inputIds.push_back(tok.special().bos);
  const std::vector<int32_t> ids = tok.encode(ex.text, false);
  out.inputIds.insert(out.inputIds.end(), ids.begin(), ids.end());
  if (eosId(tok) >= 0) out.inputIds.push_back(eosId(tok));
  if (static_cast<int64_t>(out.inputIds.size()) > options.cutoffLen) {
    out.inputIds.resize(static_cast<size_t>(options.cutoffLen));
    out.truncated = true;
  }
  out.labels = out.inputIds;
  return out;
}

std::vector<std::string> checkTemplateConsistency(const ChatTemplate& t, const Tokenizer& tok) {
  std::vector<std::string> problems;
  if (t.endMarker.empty()) {
    problems.push_back("it has no end-of-turn marker: the model never learns where an answer ends");
    return problems;
  }
  int32_t endId = -1;
  if (t.endMarker == "{eos}") {
    endId = eosId(tok);
    if (endId < 0) problems.push_back("it ends turns with EOS, but the tokenizer has no EOS token");
  } else {
    const std::vector<int32_t> ids = tok.encode(t.endMarker, false);
    if (ids.size() != 1) {
      problems.push_back("its end marker '" + t.endMarker + "' is " + std::to_string(ids.size()) +
                         " tokens for this tokenizer, not one special token (the template belongs to another model family)");
    } else {
      endId = ids.front();
    }
  }
  const auto& eos = tok.special().eos;
  if (endId >= 0 && std::find(eos.begin(), eos.end(), endId) == eos.end()) {
    problems.push_back("its end marker (id " + std::to_string(endId) +
                       ") is not an EOS id of the model: generation will not stop there (add it to generation_config.json eos_token_id)");
  }
  // Other special-looking markers must be single tokens too, or the model sees them as text.
  for (const std::string* fmt : {&t.prefix, &t.system, &t.user, &t.assistant}) {
    for (size_t a = fmt->find("<|"); a != std::string::npos; a = fmt->find("<|", a + 2)) {
      const size_t b = fmt->find("|>", a);
      if (b == std::string::npos) break;
      const std::string marker = fmt->substr(a, b + 2 - a);
      if (tok.encode(marker, false).size() != 1 &&
          std::find_if(problems.begin(), problems.end(), [&](const std::string& p) { return p.find("'" + marker + "'") != std::string::npos; }) == problems.end()) {
        problems.push_back("marker '" + marker + "' is not a single token of this tokenizer");
      }
    }
  }
  return problems;
}

std::vector<EncodedExample> packExamples(const std::vector<EncodedExample>& examples, int64_t cutoffLen) {
  std::vector<EncodedExample> rows;
  EncodedExample current;
  for (const auto& e : examples) {
    if (!current.inputIds.empty() && static_cast<int64_t>(current.inputIds.size() + e.inputIds.size()) > cutoffLen) {
      rows.push_back(std::move(current));
      current = EncodedExample();
    }
    if (current.inputIds.empty()) current.source = e.source;
    current.inputIds.insert(current.inputIds.end(), e.inputIds.begin(), e.inputIds.end());
    current.labels.insert(current.labels.end(), e.labels.begin(), e.labels.end());
    current.truncated = current.truncated || e.truncated;
  }
  if (!current.inputIds.empty()) rows.push_back(std::move(current));
  return rows;
}

}  // namespace peftdesk
