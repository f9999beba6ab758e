// See template_rules.h. The SmolLM3 rule follows its Jinja template (tests/data/chat_templates/
// smollm3.jinja, compared with apply_chat_template in test_chat_template).
#include "data/template_rules.h"

#include <ctime>

#include "io/text_replace.h"
#include "peftdesk/error.h"
#include "tokenizer/unicode_utils.h"

namespace peftdesk {
namespace {

std::string stripNewlines(const std::string& s, bool left, bool right) {
  size_t b = 0, e = s.size();
  while (left && b < e && s[b] == '\n') ++b;
  while (right && e > b && s[e - 1] == '\n') --e;
  return s.substr(b, e - b);
}

// Python's str.rstrip() on UTF-8 text: Python's whitespace is Unicode's White_Space plus the
// separators U+001C..U+001F.
std::string pythonRstrip(const std::string& s) {
  size_t keep = 0;
  for (size_t i = 0; i < s.size();) {
    const char32_t c = tok::nextCodePoint(s, i);
    if (!tok::isUnicodeWhitespace(c) && !(c >= 0x1C && c <= 0x1F)) keep = i;
  }
  return s.substr(0, keep);
}

constexpr const char* kSmolThinkPersona =
    "You are a helpful AI assistant named SmolLM, trained by Hugging Face. Your role as an assistant involves thoroughly exploring "
    "questions through a systematic thinking process before providing the final precise and accurate solutions. This requires engaging "
    "in a comprehensive cycle of analysis, summarizing, exploration, reassessment, reflection, backtracking, and iteration to develop "
    "well-considered thinking process. Please structure your response into two main sections: Thought and Solution using the specified "
    "format: <think> Thought section </think> Solution section. In the Thought section, detail your reasoning process in steps. Each "
    "step should include detailed considerations such as analysing questions, summarizing relevant findings, brainstorming new ideas, "
    "verifying the accuracy of the current steps, refining any errors, and revisiting previous steps. In the Solution section, based on "
    "various attempts, explorations, and reflections from the Thought section, systematically present the final solution that you deem "
    "correct. The Solution section should be logical, accurate, and concise and detail necessary steps needed to reach the conclusion.";
constexpr const char* kSmolPersona = "You are a helpful AI assistant named SmolLM, trained by Hugging Face.";

}  // namespace

std::string qwen3Answer(const std::string& content, bool afterLastQuery, bool last) {
  const std::string open = "<think>", close = "</think>";
  std::string answer = content, reasoning;
  if (const size_t first = content.find(close); first != std::string::npos) {
    answer = stripNewlines(content.substr(content.rfind(close) + close.size()), true, false);
    const std::string before = stripNewlines(content.substr(0, first), false, true);
    const size_t o = before.rfind(open);
    reasoning = stripNewlines(o == std::string::npos ? before : before.substr(o + open.size()), true, false);
  }
  if (afterLastQuery && (last || !reasoning.empty()))
    return open + "\n" + stripNewlines(reasoning, true, true) + "\n" + close + "\n\n" + stripNewlines(answer, true, false);
  return answer;
}

std::string smolLM3Answer(const std::string& content, bool, bool) { return stripNewlines(content, true, false); }

std::string smolLM3SystemBlock(const std::string& system, TemplateContext& ctx) {
  if (system.find("/no_think") != std::string::npos) ctx.thinking = false;
  else if (system.find("/think") != std::string::npos) ctx.thinking = true;
  std::string custom = system;
  replaceAll(custom, "/no_think", "");
  replaceAll(custom, "/think", "");
  custom = pythonRstrip(custom);
  if (system.find("/system_override") != std::string::npos) {
    replaceAll(custom, "/system_override", "");
    return "<|im_start|>system\n" + pythonRstrip(custom) + "<|im_end|>\n";
  }
  const std::string mode = ctx.thinking ? "/think" : "/no_think";
  return "<|im_start|>system\n## Metadata\n\nKnowledge Cutoff Date: June 2025\nToday Date: " + templateDateText(ctx.isoDate) +
         "\nReasoning Mode: " + mode + "\n\n## Custom Instructions\n\n" + (!custom.empty() ? custom : ctx.thinking ? kSmolThinkPersona : kSmolPersona) +
         "\n\n";
}

bool parseIsoDate(const std::string& text, int* year, int* month, int* day) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (const size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (text[i] < '0' || text[i] > '9') return false;
  const int y = std::stoi(text.substr(0, 4)), m = std::stoi(text.substr(5, 2)), d = std::stoi(text.substr(8, 2));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return false;
  *year = y;
  *month = m;
  *day = d;
  return true;
}

std::string todayIsoDate() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
  return buf;
}

std::string templateDateText(const std::string& isoDate) {
  static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
  const std::string iso = isoDate.empty() ? todayIsoDate() : isoDate;
  int y = 0, m = 0, d = 0;
  if (!parseIsoDate(iso, &y, &m, &d))
    throw Error(ErrorCategory::Config, "'" + iso + "' is not a date (YYYY-MM-DD)", {{}, -1, -1, "data.template_date"});
  return iso.substr(8, 2) + " " + kMonths[m - 1] + " " + iso.substr(0, 4);
}

}  // namespace peftdesk
