// See peftdesk/gguf_export.h ollamaModelfile. The Go template is generated from the chat-template
// row's slots (core/data/chat_templates.h): each message role picks its slot, "{content}" becomes
// {{ .Content }}, "{eos}" the EOS text; BOS is left to Ollama, which adds it from the GGUF's
// add_bos_token (docs/notes/gguf-export-study.md §7). Rows that fold the system prompt into the first
// user turn keep it in a variable until that turn. No {{- trim markers: they would eat the slots'
// own newlines. Torch-free.
#include <sstream>

#include "data/chat_templates.h"
#include "io/text_replace.h"
#include "peftdesk/error.h"
#include "peftdesk/gguf_export.h"
#include "peftdesk/tokenizer.h"

namespace peftdesk {
namespace {


// A Modelfile string in triple quotes; the slots never contain three quotes in a row.
std::string quoted(const std::string& s) { return "\"\"\"" + s + "\"\"\""; }
std::string goString(const std::string& s) { return "\"" + replacedAll(replacedAll(s, "\\", "\\\\"), "\"", "\\\"") + "\""; }

}  // namespace

OllamaModelfile ollamaModelfile(const std::filesystem::path& modelDir, const std::string& templateName, const std::string& ggufFile,
                                const std::string& adapterGgufFile) {
  const auto tokenizer = Tokenizer::load(modelDir);
  const ChatTemplate& t = resolveChatTemplate(templateName.empty() ? "auto" : templateName, *tokenizer);
  const SpecialTokenIds& special = tokenizer->special();
  const std::string eos = special.eos.empty() ? std::string() : tokenizer->idToToken(special.eos.front());
  const std::string bos = special.bos >= 0 ? tokenizer->idToToken(special.bos) : std::string();
  OllamaModelfile m;
  m.templateName = t.name;
  const auto slot = [&](std::string s) {
    s = replacedAll(s, "{eos}", eos);
    s = replacedAll(s, "{content}", "{{ .Content }}");
    return s;
  };
  std::string note;
  if (t.user.find("{bos}") != std::string::npos || t.assistant.find("{bos}") != std::string::npos)
    note = "this template starts every turn with BOS; Ollama adds BOS once, so later turns lack it";
  std::string prefix = t.prefix;
  prefix = replacedAll(prefix, "{bos}", "");
  if (!bos.empty()) prefix = replacedAll(prefix, bos, "");

  std::ostringstream go;
  if (!prefix.empty()) go << prefix;
  const bool folded = t.system.empty() && !t.systemInUser.empty();
  if (folded) go << "{{ $system := \"\" }}";
  go << "{{ range $i, $_ := .Messages }}";
  if (!t.emptyThinkInGenerationPrompt.empty()) go << "{{ $last := eq (len (slice $.Messages $i)) 1 }}";
  if (!t.system.empty() || t.systemBlock) {
    std::string system = t.system.empty() ? std::string("{content}") : t.system;
    go << "{{ if eq .Role \"system\" }}" << slot(system);
  } else if (folded) {
    go << "{{ if eq .Role \"system\" }}{{ $system = .Content }}";
  } else {
    go << "{{ if eq .Role \"system\" }}";
  }
  std::string user = replacedAll(slot(t.user), "{bos}", "");
  if (folded) {
    const std::string withSystem =
        replacedAll(replacedAll(replacedAll(t.user, "{bos}", ""), "{content}", replacedAll(t.systemInUser, "{system}", "{{ $system }}")), "{eos}", eos);
    go << "{{ else if eq .Role \"user\" }}{{ if $system }}" << replacedAll(withSystem, "{content}", "{{ .Content }}")
       << "{{ $system = \"\" }}{{ else }}" << user << "{{ end }}";
  } else {
    go << "{{ else if eq .Role \"user\" }}" << user;
  }
  if (!t.emptyThinkInGenerationPrompt.empty()) go << "{{ if $last }}" << t.emptyThinkInGenerationPrompt << "{{ end }}";
  if (!t.emptyThinkAfterHeader.empty()) go << t.emptyThinkAfterHeader;
  go << "{{ else if eq .Role \"assistant\" }}" << replacedAll(slot(t.assistant), "{bos}", "");
  if (!t.observation.empty()) go << "{{ else if eq .Role \"tool\" }}" << replacedAll(slot(t.observation), "{bos}", "");
  go << "{{ end }}{{ end }}";
  if (t.answer) note += std::string(note.empty() ? "" : "; ") + "the " + t.name + " template rewrites earlier answers (their reasoning blocks), here they stay as Ollama passes them";
  if (t.systemBlock) note += std::string(note.empty() ? "" : "; ") + "the " + t.name + " template computes its system block, here it is the system text as given";

  const std::string stop = replacedAll(t.endMarker, "{eos}", eos);
  if (!stop.empty()) m.stops.push_back(stop);
  if (!eos.empty() && eos != stop) m.stops.push_back(eos);
  m.note = note;

  std::ostringstream f;
  f << "# Ollama Modelfile written by PeftDesk. Chat template: " << t.name
    << " (PeftDesk's row, the format the model was trained with); the GGUF also carries the tokenizer's own Jinja template.\n";
  if (!note.empty()) f << "# Note: " << note << ".\n";
  f << "# Create the model with: ollama create NAME -f Modelfile\n";
  if (!adapterGgufFile.empty())
    f << "# FROM names the base model's GGUF (peftdesk-cli export BASE_DIR --gguf TYPE --out " << ggufFile
      << "); ADAPTER is the LoRA GGUF, applied on top.\n";
  f << "FROM ./" << ggufFile << "\n";
  if (!adapterGgufFile.empty()) f << "ADAPTER ./" << adapterGgufFile << "\n";
  f << "TEMPLATE " << quoted(go.str()) << "\n";
  if (!t.defaultSystem.empty()) f << "SYSTEM " << quoted(t.defaultSystem) << "\n";
  for (const auto& s : m.stops) f << "PARAMETER stop " << goString(s) << "\n";
  m.text = f.str();
  return m;
}

}  // namespace peftdesk
