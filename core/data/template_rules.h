// The parts of chat templates that are rules rather than format strings: how a family's Jinja
// rewrites an answer (Qwen3's think blocks, SmolLM3's leading newlines) and builds a system block
// from the system text (SmolLM3's metadata block, its /think and /no_think switches, its dated
// header). A row of the table (chat_templates.h) points at these. Also the template date: an ISO
// day ("2026-12-03") in RUN.json, written as the template writes it ("03 December 2026").
#pragma once

#include <string>

namespace peftdesk {

// What a template may read besides the messages.
struct TemplateContext {
  bool thinking = true;  // enable_thinking; a system block may switch it (SmolLM3)
  std::string isoDate;   // the day a dated template writes, "YYYY-MM-DD"; empty = today
};

// Qwen3: reasoning split off at "</think>", kept in a "<think>\nR\n</think>\n\n" block only in the
// answers after the last user turn (always in the conversation's last one, empty if need be).
std::string qwen3Answer(const std::string& content, bool afterLastQuery, bool last);
// SmolLM3: the answer with its leading newlines dropped (content.lstrip("\n")).
std::string smolLM3Answer(const std::string& content, bool afterLastQuery, bool last);

// SmolLM3's system block for a conversation with this system text ("" = none): "/no_think" or
// "/think" in it set ctx.thinking and are removed; "/system_override" makes the block the bare
// text; otherwise the metadata header (with the date and the reasoning mode) and the custom
// instructions or the default persona of the mode. Without tools the template leaves the block
// unclosed, and so does this.
std::string smolLM3SystemBlock(const std::string& system, TemplateContext& ctx);

// "YYYY-MM-DD" of a real calendar day → true (and the parts). Anything else → false.
bool parseIsoDate(const std::string& text, int* year, int* month, int* day);
// Today in the local time zone (as Python's datetime.now(), which templates' strftime_now uses).
std::string todayIsoDate();
// "%d %B %Y" in the C locale: "2026-12-03" → "03 December 2026"; an empty date is today.
std::string templateDateText(const std::string& isoDate);

}  // namespace peftdesk
