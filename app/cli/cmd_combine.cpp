// `peftdesk-cli combine --adapter A --adapter B [--weight 0.7 --weight 0.3] [--method linear|cat]
// --out DIR`: a new LoRA adapter from weighted existing ones, as PEFT's add_weighted_adapter.
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "peftdesk/adapter_math.h"
#include "peftdesk/error.h"

namespace peftdesk::cli {

int runCombine(const Args& args) {
  if (!args.positional().empty()) throw Error(ErrorCategory::Argument, "adapters are given with --adapter DIR (repeatable)");
  const std::vector<std::string> dirs = args.values("adapter");
  if (dirs.empty()) throw Error(ErrorCategory::Argument, "give at least one --adapter DIR");
  std::vector<double> weights;
  for (const std::string& w : args.values("weight")) {
    try {
      size_t used = 0;
      weights.push_back(std::stod(w, &used));
      if (used != w.size()) throw std::invalid_argument(w);
    } catch (const std::exception&) {
      throw Error(ErrorCategory::Argument, "--weight must be a number, got '" + w + "'");
    }
  }
  if (weights.empty()) weights.assign(dirs.size(), 1.0 / static_cast<double>(dirs.size()));
  CombineMethod method = CombineMethod::Linear;
  if (auto m = args.value("method"); m && !parseCombineMethod(*m, &method)) {
    throw Error(ErrorCategory::Argument, "--method must be linear or cat, got '" + *m + "'");
  }
  std::vector<std::filesystem::path> paths(dirs.begin(), dirs.end());
  combineLoraAdapters(paths, weights, method, args.required("out"));
  std::printf("combined %zu adapters into %s\n", dirs.size(), args.required("out").c_str());
  return 0;
}

}  // namespace peftdesk::cli
