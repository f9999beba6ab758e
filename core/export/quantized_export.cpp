// Model::saveQuantized: a bitsandbytes 4-bit checkpoint that transformers + bitsandbytes load
// (spec §6.5, §6.8): per quantized linear the packed weight, absmax (+ nested statistics with
// double quantization), quant_map and the JSON quant_state blob; everything else in the load
// dtype; config.json gains quantization_config.
#include <charconv>
#include <nlohmann/json.hpp>

#include "export/staging_folder.h"
#include "model/model_impl.h"
#include "model/tensor_bridge.h"
#include "peftdesk/atomic_file.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"
#include "peftdesk/sharded_writer.h"

namespace peftdesk {
namespace {

namespace fs = std::filesystem;

// Python's json.dumps(float): shortest round-trip repr of the double.
std::string pythonFloat(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, end);
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

std::string quantStateJson(const quant::QuantState4bit& st) {
  std::string shape;
  for (size_t i = 0; i < st.shape.size(); ++i) shape += (i ? ", " : "") + std::to_string(st.shape[i]);
  std::string j = std::string("{\"quant_type\": \"") + quant::quantTypeName(st.type) + "\", \"blocksize\": " + std::to_string(st.blocksize) +
                  ", \"dtype\": \"" + quant::elementTypeName(st.dtype) + "\", \"shape\": [" + shape + "]";
  if (st.doubleQuant) {
    j += ", \"nested_blocksize\": " + std::to_string(st.nestedBlocksize) + ", \"nested_dtype\": \"float32\", \"nested_offset\": " +
         pythonFloat(static_cast<double>(st.offset));
  }
  return j + "}";
}

}  // namespace

void Model::saveQuantized(const fs::path& out) const {
  requireWeights(*impl_);
  checkOutputFolder(out);
  std::vector<std::vector<uint8_t>> blobs;  // keeps byte buffers alive while writing
  std::vector<TensorBytes> entries;
  TensorsForWriting dense;
  std::optional<quant::QuantState4bit> any;
  // Reserve so pointers into `blobs` stay valid.
  blobs.reserve(impl_->decoder->namedParameters().size() * 7);
  auto addBytes = [&](const std::string& name, DType dtype, std::vector<int64_t> shape, std::vector<uint8_t> bytes) {
    blobs.push_back(std::move(bytes));
    entries.push_back({name, dtype, std::move(shape), blobs.back().data(), blobs.back().size()});
  };
  auto floatBytes = [](const std::vector<float>& v) {
    std::vector<uint8_t> b(v.size() * 4);
    std::memcpy(b.data(), v.data(), b.size());
    return b;
  };
  for (const auto& p : impl_->decoder->namedParameters()) {
    const bool isWeight = p.name.size() > 7 && p.name.compare(p.name.size() - 7, 7, ".weight") == 0;
    if (!(p.linear && p.linear->quantized() && isWeight)) {
      dense.add(p.name, p.tensor);
      continue;
    }
    const Quant4bitWeight& q = *p.linear->q4;
    const quant::QuantState4bit st = q.hostState();  // the statistics, read back from the model's device
    any = st;
    const std::vector<uint8_t> packed = q.hostPacked();
    addBytes(p.name, DType::U8, {static_cast<int64_t>(packed.size()), 1}, packed);
    if (st.doubleQuant) {
      addBytes(p.name + ".absmax", DType::U8, {static_cast<int64_t>(st.qabsmax.size())}, st.qabsmax);
      addBytes(p.name + ".nested_absmax", DType::F32, {static_cast<int64_t>(st.nestedAbsmax.size())}, floatBytes(st.nestedAbsmax));
      addBytes(p.name + ".nested_quant_map", DType::F32, {static_cast<int64_t>(st.nestedCode.size())}, floatBytes(st.nestedCode));
    } else {
      addBytes(p.name + ".absmax", DType::F32, {static_cast<int64_t>(st.absmax.size())}, floatBytes(st.absmax));
    }
    addBytes(p.name + ".quant_map", DType::F32, {16}, floatBytes(st.code));
    const std::string blob = quantStateJson(st);
    addBytes(p.name + ".quant_state.bitsandbytes__" + quant::quantTypeName(st.type), DType::U8,
             {static_cast<int64_t>(blob.size())}, std::vector<uint8_t>(blob.begin(), blob.end()));
  }
  if (!any) throw Error(ErrorCategory::Argument, "this model is not quantized; load it with 4-bit quantization first");
  for (const auto& e : dense.entries) entries.push_back(e);

  StagingFolder staging(out);
  writeShardedSafetensors(staging.path(), entries, 2'000'000'000);
  nlohmann::json config = readJsonFile(impl_->info.dir / "config.json");
  const char* computeName = torchDtypeName(impl_->scalarType);
  config["torch_dtype"] = computeName;
  config["quantization_config"] = {
      {"_load_in_4bit", true}, {"_load_in_8bit", false}, {"bnb_4bit_compute_dtype", computeName},
      {"bnb_4bit_quant_storage", "uint8"}, {"bnb_4bit_quant_type", quant::quantTypeName(any->type)},
      {"bnb_4bit_use_double_quant", any->doubleQuant}, {"llm_int8_enable_fp32_cpu_offload", false},
      {"llm_int8_has_fp16_weight", false}, {"llm_int8_skip_modules", nullptr}, {"llm_int8_threshold", 6.0},
      {"load_in_4bit", true}, {"load_in_8bit", false}, {"quant_method", "bitsandbytes"}};
  writeFileAtomically(staging.path() / "config.json", config.dump(2) + "\n");
  copyCompanionFiles(impl_->info.dir, staging.path());
  staging.moveTo(out);
}

}  // namespace peftdesk
