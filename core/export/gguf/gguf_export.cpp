// See peftdesk/gguf_export.h. The keys go in the converter's order (base.py prepare_metadata, then
// set_vocab): general.architecture, general.type, general.sampling.*, general.name,
// general.size_label, the family's hyper-parameters with general.file_type, quantization_version,
// then the tokenizer. Tensors follow in checkpoint order (gguf_tensors.h).
#include "peftdesk/gguf_export.h"

#include "export/gguf/gguf_families.h"
#include "export/gguf/gguf_tensors.h"
#include "export/gguf/gguf_vocab.h"
#include "peftdesk/error.h"

namespace peftdesk {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

constexpr struct {
  GgufType type;
  const char* name;
  gguf::FileType file;
} kTypes[] = {{GgufType::F32, "f32", gguf::FileType::F32},
              {GgufType::F16, "f16", gguf::FileType::F16},
              {GgufType::BF16, "bf16", gguf::FileType::BF16},
              {GgufType::Q8_0, "q8_0", gguf::FileType::Q8_0}};

gguf::FileType fileTypeOf(GgufType type) {
  for (const auto& t : kTypes)
    if (t.type == type) return t.file;
  return gguf::FileType::F16;
}

// general.sampling.* from generation_config.json (gguf-py metadata.py), each when present and not null.
void writeSampling(const fs::path& dir, gguf::Writer& out) {
  const fs::path file = dir / "generation_config.json";
  std::optional<Json> gen;
  try {
    gen = gguf::readOrderedJson(file);
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

}  // namespace

bool parseGgufType(std::string_view text, GgufType* out) {
  for (const auto& t : kTypes)
    if (text == t.name) {
      *out = t.type;
      return true;
    }
  return false;
}

const char* ggufTypeName(GgufType type) {
  for (const auto& t : kTypes)
    if (t.type == type) return t.name;
  return "?";
}

GgufExportReport exportGguf(const fs::path& modelDir, const fs::path& outFile, const GgufExportOptions& options) {
  const gguf::ModelSource source = gguf::openModelSource(modelDir);
  const gguf::Family& family = gguf::familyFor(source);
  const gguf::FileType fileType = fileTypeOf(options.type);
  const Checkpoint checkpoint = Checkpoint::open(modelDir);
  gguf::TensorPlan plan = gguf::planTensors(family, source, checkpoint, fileType);

  GgufExportReport report;
  report.architecture = family.arch;
  report.sizeLabel = gguf::sizeLabel(plan.parameterCount);
  gguf::Writer out;
  out.addString("general.architecture", family.arch);
  out.addString("general.type", "model");
  writeSampling(modelDir, out);
  const std::string name = options.name.empty() ? outFile.stem().string() : options.name;
  if (!name.empty()) out.addString("general.name", name);
  out.addString("general.size_label", report.sizeLabel);
  family.writeHparams(source, fileType, out);
  out.addU32("general.quantization_version", 2);
  const gguf::VocabReport vocab = gguf::writeVocabulary(family, source, out);
  report.tokenizerModel = vocab.model;
  report.tokenizerPre = vocab.pre;
  report.chatTemplate = vocab.special.chatTemplate;
  for (auto& t : plan.tensors) out.addTensor(std::move(t));
  report.tensors = static_cast<int64_t>(out.tensors().size());
  out.write(outFile);
  report.file = outFile;
  std::error_code ec;
  report.fileBytes = fs::file_size(outFile, ec);
  return report;
}

}  // namespace peftdesk
