// See peftdesk/gguf_export.h exportLoraGguf. Follows llama.cpp 0c1e57098's convert_lora_to_gguf.py:
// keys general.architecture, general.type = adapter, adapter.type = lora, [general.sampling.*],
// general.name, adapter.lora.alpha, general.quantization_version (no hyper-parameters, no vocabulary);
// tensors pair by pair in the adapter file's name order, each pair named as the base family names
// the weight, with ".lora_a" = A [r, in] and ".lora_b" = B [out, r]; the Q/K rotary permutation acts
// on B's rows; an embedding's lora_a is Aᵀ. Torch-free: reads adapter_model.safetensors directly.
#include <cmath>
#include <map>

#include "io/text_match.h"
#include "export/gguf/gguf_families.h"
#include "export/gguf/gguf_metadata.h"
#include "export/gguf/gguf_tensors.h"
#include "export/gguf/gguf_encode.h"
#include "io/text_replace.h"
#include "peftdesk/error.h"
#include "peftdesk/gguf_export.h"
#include "peftdesk/safetensors.h"

namespace peftdesk {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

[[noreturn]] void refuse(const fs::path& file, const std::string& field, const std::string& why) {
  ErrorContext where{file.string()};
  where.field = field;
  throw Error(ErrorCategory::Unsupported, "GGUF LoRA export: " + why, where);
}

// convert_lora_to_gguf.py get_base_tensor_name.
std::string baseTensorName(const std::string& name) {
  std::string base = replacedAll(name, "base_model.model.", "");
  for (const char* part : {".lora_A.weight", ".lora_B.weight", ".lora_embedding_A", ".lora_embedding_B"}) base = replacedAll(base, part, ".weight");
  return base;
}

struct Pair {
  std::string baseName;
  const TensorInfo* a = nullptr;
  const TensorInfo* b = nullptr;
  bool embedding = false;
};

// What PeftDesk can write exactly; everything else named. Returns alpha as llama.cpp must read it.
float checkConfig(const fs::path& configFile, const Json& c, std::string& note) {
  const auto str = [&](const char* key) { return c.contains(key) && c[key].is_string() ? c[key].get<std::string>() : std::string(); };
  if (str("peft_type") != "LORA") refuse(configFile, "peft_type", "llama.cpp's --lora takes LoRA adapters; this one is " + (str("peft_type").empty() ? std::string("of no known type") : str("peft_type")));
  if (gguf::boolField(c, "use_dora", false, configFile)) refuse(configFile, "use_dora", "DoRA's magnitude vector has no place in a GGUF LoRA adapter; export the merged model as GGUF instead");
  if (c.contains("alpha_pattern") && c["alpha_pattern"].is_object() && !c["alpha_pattern"].empty())
    refuse(configFile, "alpha_pattern", "a GGUF LoRA adapter has one alpha; export the merged model as GGUF instead");
  if (c.contains("modules_to_save") && !c["modules_to_save"].is_null() && !c["modules_to_save"].empty())
    refuse(configFile, "modules_to_save", "fully trained modules are not LoRA pairs; export the merged model as GGUF instead");
  if (const std::string bias = str("bias"); !bias.empty() && bias != "none")
    refuse(configFile, "bias", "trained biases are not LoRA pairs; export the merged model as GGUF instead");
  if (!c.contains("lora_alpha") || !c["lora_alpha"].is_number()) refuse(configFile, "lora_alpha", "expected a number");
  const double alpha = c["lora_alpha"].get<double>();
  if (gguf::boolField(c, "use_rslora", false, configFile)) {
    if (c.contains("rank_pattern") && c["rank_pattern"].is_object() && !c["rank_pattern"].empty())
      refuse(configFile, "rank_pattern", "rsLoRA with per-layer ranks has no single GGUF alpha; export the merged model as GGUF instead");
    if (!c.contains("r") || !c["r"].is_number_integer()) refuse(configFile, "r", "expected an integer");
    const double r = static_cast<double>(c["r"].get<int64_t>());
    note = "rsLoRA: adapter.lora.alpha = lora_alpha · √r, so that llama.cpp's alpha / r is PEFT's alpha / √r (llama.cpp's converter ignores use_rslora)";
    return static_cast<float>(alpha * std::sqrt(r));
  }
  return static_cast<float>(alpha);
}

}  // namespace

GgufLoraReport exportLoraGguf(const fs::path& baseDir, const fs::path& adapterDir, const fs::path& outFile, const GgufExportOptions& options) {
  const gguf::ModelSource source = gguf::openModelSource(baseDir);
  const gguf::Family& family = gguf::familyFor(source);
  if (family.conv1dWeights)
    refuse(baseDir / "config.json", "architectures",
           "GPT-2 LoRA adapters are not written (llama.cpp's converter transposes their pair; nothing to check ours against); export the merged model as GGUF instead");
  const fs::path configFile = adapterDir / "adapter_config.json";
  const auto config = gguf::readOrderedJson(configFile);
  if (!config || !config->is_object()) refuse(configFile, "", "no adapter_config.json object in the adapter folder");
  GgufLoraReport report;
  report.alphaWritten = checkConfig(configFile, *config, report.note);
  const fs::path weightsFile = adapterDir / "adapter_model.safetensors";
  if (!fs::is_regular_file(weightsFile))
    refuse(weightsFile, "", fs::exists(adapterDir / "adapter_model.bin") ? "only adapter_model.bin (a pickle, never opened) is here; save the adapter as safetensors"
                                                                      : "the adapter folder has no adapter_model.safetensors");
  const auto weights = SafetensorsFile::open(weightsFile);
  const Checkpoint base = Checkpoint::open(baseDir);
  const gguf::FileType fileType = gguf::fileTypeOf(options.type);

  // Pairs in order of first appearance over the file's (sorted) names, as the converter groups them.
  std::vector<Pair> pairs;
  std::map<std::string, size_t> index;
  for (const TensorInfo& t : weights->tensors()) {
    const bool isA = contains(t.name, ".lora_A.weight") || contains(t.name, ".lora_embedding_A");
    const bool isB = contains(t.name, ".lora_B.weight") || contains(t.name, ".lora_embedding_B");
    if (!isA && !isB) {
      if (contains(t.name, ".base_layer.weight")) continue;
      ErrorContext where{weightsFile.string()};
      where.tensor = t.name;
      throw Error(ErrorCategory::Unsupported, "GGUF LoRA export: not a lora_A / lora_B tensor; export the merged model as GGUF instead", where);
    }
    const std::string baseName = baseTensorName(t.name);
    auto [it, fresh] = index.emplace(baseName, pairs.size());
    if (fresh) pairs.push_back({baseName});
    Pair& p = pairs[it->second];
    (isA ? p.a : p.b) = &t;
    p.embedding = p.embedding || contains(t.name, ".lora_embedding_");
  }
  if (pairs.empty()) refuse(weightsFile, "", "the adapter has no LoRA pairs");

  gguf::Writer out;
  out.addString("general.architecture", family.arch);
  out.addString("general.type", "adapter");
  out.addString("adapter.type", "lora");
  gguf::writeSampling(adapterDir, out);
  const std::string name = options.name.empty() ? outFile.stem().string() : options.name;
  if (!name.empty()) out.addString("general.name", name);
  out.addF32("adapter.lora.alpha", report.alphaWritten);
  out.addU32("general.quantization_version", 2);

  const int64_t heads = source.model.numHeads, kvHeads = source.model.numKvHeads;
  for (const Pair& p : pairs) {
    if (!p.a || !p.b) refuse(weightsFile, p.baseName, "lora_A and lora_B must come in pairs");
    const std::string ggufName = family.tensorName(p.baseName);
    if (ggufName.empty()) refuse(weightsFile, p.baseName, "LoRA on a buffer that is not a weight");
    if (ggufName == "output.weight" && family.tensors.dropLmHead)
      refuse(weightsFile, p.baseName, "LoRA on the output head of a Gemma 2 model, whose GGUF has no separate output weight");
    if (ggufName == "output.weight" && !base.find("lm_head.weight"))
      refuse(weightsFile, p.baseName, "LoRA on the output head of a model whose head is tied to its embeddings (llama.cpp has no separate output weight to apply it to)");
    if (p.a->shape.size() != 2 || p.b->shape.size() != 2) refuse(weightsFile, p.baseName, "LoRA factors must be matrices");
    int64_t permuteHeads = 0;
    if (family.permuteQk && endsWith(p.baseName, "q_proj.weight")) permuteHeads = heads;
    if (family.permuteQk && endsWith(p.baseName, "k_proj.weight")) permuteHeads = kvHeads;
    const WeightRef a{weights, p.a}, b{weights, p.b};
    // lora_a: A [r, in], or Aᵀ [vocab, r] for an embedding (PEFT's lora_embedding_A is [r, vocab]).
    std::vector<int64_t> aShape = p.a->shape;
    if (p.embedding) std::swap(aShape[0], aShape[1]);
    const gguf::TensorType aType = gguf::tensorTypeFor(ggufName + ".lora_a", aShape, fileType);
    const bool transposeA = p.embedding;
    out.addTensor({ggufName + ".lora_a", aShape, aType, [a, aShape, aType, transposeA]() {
                     std::vector<float> v = gguf::readFloats(a);
                     if (transposeA) v = gguf::transposed(v, aShape[1], aShape[0]);  // source [r, vocab]
                     return gguf::encode(v.data(), static_cast<int64_t>(v.size()), aType);
                   }});
    const std::vector<int64_t> bShape = p.b->shape;
    const gguf::TensorType bType = gguf::tensorTypeFor(ggufName + ".lora_b", bShape, fileType);
    out.addTensor({ggufName + ".lora_b", bShape, bType, [b, bShape, bType, permuteHeads]() {
                     std::vector<float> v = gguf::readFloats(b);
                     if (permuteHeads > 0) v = gguf::permuteRotaryRows(v, bShape[0], bShape[1], permuteHeads);
                     return gguf::encode(v.data(), static_cast<int64_t>(v.size()), bType);
                   }});
    ++report.pairs;
  }
  report.tensors = static_cast<int64_t>(out.tensors().size());
  report.architecture = family.arch;
  out.write(outFile, options.cancel);
  report.file = outFile;
  std::error_code ec;
  report.fileBytes = fs::file_size(outFile, ec);
  return report;
}

}  // namespace peftdesk
