// See gguf_metadata.h.
#include "export/gguf/gguf_metadata.h"

#include "export/gguf/gguf_source.h"
#include "peftdesk/error.h"

namespace peftdesk::gguf {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// general.sampling.* from generation_config.json (gguf-py metadata.py), each when present and not null.
void writeSampling(const fs::path& dir, Writer& out) {
  const fs::path file = dir / "generation_config.json";
  std::optional<Json> gen;
  try {
    gen = readOrderedJson(file);
  } catch (const Error&) {
    return;  // the converter treats an unreadable generation_config.json as absent
  }
  if (!gen || !gen->is_object()) return;
  const auto number = [&](const char* key) -> const Json* {
    const auto it = gen->find(key);
    if (it == gen->end() || it->is_null()) return nullptr;
    if (!it->is_number()) {
      ErrorContext where{file.string()};
      where.field = key;
      throw Error(ErrorCategory::Config, "expected a number", where);
    }
    return &*it;
  };
  const auto i32 = [&](const char* key, const char* as) {
    if (const Json* v = number(key)) out.addI32(std::string("general.sampling.") + as, v->get<int32_t>());
  };
  const auto f32 = [&](const Json* v, const char* as) {
    if (v) out.addF32(std::string("general.sampling.") + as, v->get<float>());
  };
  if (const auto it = gen->find("sequence"); it != gen->end() && it->is_string()) out.addString("general.sampling.sequence", it->get<std::string>());
  i32("top_k", "top_k");
  f32(number("top_p"), "top_p");
  f32(number("min_p"), "min_p");
  f32(number("xtc_probability"), "xtc_probability");
  f32(number("xtc_threshold"), "xtc_threshold");
  f32(number("temperature"), "temp");
  i32("penalty_last_n", "penalty_last_n");
  const Json* repeat = number("penalty_repeat");
  f32(repeat ? repeat : number("repetition_penalty"), "penalty_repeat");
  i32("mirostat", "mirostat");
  f32(number("mirostat_tau"), "mirostat_tau");
  f32(number("mirostat_eta"), "mirostat_eta");
}

}  // namespace peftdesk::gguf
