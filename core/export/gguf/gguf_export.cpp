// See peftdesk/gguf_export.h. The keys go in the converter's order (base.py prepare_metadata, then
// set_vocab): general.architecture, general.type, general.sampling.*, general.name,
// general.size_label, the family's hyper-parameters with general.file_type, quantization_version,
// then the tokenizer. Tensors follow in checkpoint order (gguf_tensors.h).
#include "peftdesk/gguf_export.h"

#include "export/gguf/gguf_families.h"
#include "export/gguf/gguf_metadata.h"
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

}  // namespace

gguf::FileType gguf::fileTypeOf(GgufType type) {
  for (const auto& t : kTypes)
    if (t.type == type) return t.file;
  return gguf::FileType::F16;
}

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

void checkGgufExportable(const fs::path& modelDir) {
  const gguf::ModelSource source = gguf::openModelSource(modelDir);
  const gguf::Family& family = gguf::familyFor(source);
  const Checkpoint checkpoint = Checkpoint::open(modelDir);
  gguf::planTensors(family, source, checkpoint, gguf::FileType::F32);  // names, experts, shapes (nothing read)
  gguf::Writer keys;
  gguf::writeSampling(modelDir, keys);
  family.writeHparams(source, gguf::FileType::F32, keys);
  gguf::writeVocabulary(family, source, keys);
}

GgufExportReport exportGguf(const fs::path& modelDir, const fs::path& outFile, const GgufExportOptions& options) {
  const gguf::ModelSource source = gguf::openModelSource(modelDir);
  const gguf::Family& family = gguf::familyFor(source);
  const gguf::FileType fileType = gguf::fileTypeOf(options.type);
  const Checkpoint checkpoint = Checkpoint::open(modelDir);
  gguf::TensorPlan plan = gguf::planTensors(family, source, checkpoint, fileType);

  GgufExportReport report;
  report.architecture = family.arch;
  report.sizeLabel = plan.sizeLabel();
  gguf::Writer out;
  out.addString("general.architecture", family.arch);
  out.addString("general.type", "model");
  gguf::writeSampling(modelDir, out);
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
  out.write(outFile, options.cancel);
  report.file = outFile;
  std::error_code ec;
  report.fileBytes = fs::file_size(outFile, ec);
  return report;
}

}  // namespace peftdesk
