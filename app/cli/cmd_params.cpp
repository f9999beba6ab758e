// `peftdesk-cli params MODEL_DIR --method METHOD.json [--json]`: what a PEFT method would train
// on this model, counted with PEFT's convention; the JSON is the GUI method page's tree.
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "peftdesk/error.h"
#include "peftdesk/model.h"
#include "peftdesk/parameter_report_json.h"

namespace peftdesk::cli {

LoadOptions loadOptionsFrom(const Args& args);  // cmd_forward.cpp

namespace {
// PEFT prints counts with thousands separators: "trainable params: 4,194,304 || ...".
std::string withCommas(int64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}
}  // namespace

int runParams(const Args& args) {
  if (args.positional().size() != 1) throw Error(ErrorCategory::Argument, "expected exactly one MODEL_DIR");
  const AdapterConfig config = loadAdapterConfig(args.required("method"));
  // Counting needs shapes only: no weights are read, so any model size works (even a folder
  // holding just config.json).
  LoadOptions lo = loadOptionsFrom(args);
  lo.weights = WeightsMode::ShapesOnly;
  auto model = Model::load(args.positional()[0], lo);
  model->addAdapter("default", config, 0);
  const ParameterReport r = model->parameterReport("default");
  if (args.flag("json")) {
    nlohmann::json j = parameterReportJson(r);
    j["peft_type"] = peftTypeName(config.type);
    j["base_quantization"] = lo.quantization.enabled ? nlohmann::json(lo.quantization.type) : nlohmann::json(nullptr);
    if (lo.quantization.enabled) j["counting"] = "peft.get_nb_trainable_parameters (4-bit weights counted as packed bytes x 2)";
    std::printf("%s\n", j.dump(2).c_str());
    return 0;
  }
  std::printf("trainable params: %s || all params: %s || trainable%%: %.4f\n",
              withCommas(r.trainableParams).c_str(), withCommas(r.allParams).c_str(), r.trainablePercent);
  std::string current;
  for (const auto& p : r.parameters) {
    if (!p.trainable) continue;
    if (p.module != current) {
      std::printf("  %s\n", p.module.c_str());
      current = p.module;
    }
    std::string shape;
    for (size_t i = 0; i < p.shape.size(); ++i) shape += (i ? ", " : "") + std::to_string(p.shape[i]);
    std::printf("    %-24s [%s] %s\n", p.part.c_str(), shape.c_str(), p.dtype.c_str());
  }
  std::printf("adapter file: %llu bytes\n", static_cast<unsigned long long>(r.adapterFileBytes));
  for (const auto& u : r.unmatchedTargets) std::fprintf(stderr, "warning: target '%s' matched no module\n", u.c_str());
  return 0;
}

}  // namespace peftdesk::cli
