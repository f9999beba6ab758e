// `peftdesk-cli models [--json] [--cache-dir D] [--modelscope-dir D]`: the models already on this
// machine (Hugging Face and ModelScope caches, model_cache.h), each with what PeftDesk can do
// with it. The JSON keys are a stable contract (docs/cli.md); the Model page shows the same list.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "peftdesk/error.h"
#include "peftdesk/model_cache.h"
#include "peftdesk/model_summary.h"

namespace peftdesk::cli {

int runModels(const Args& args) {
  if (!args.positional().empty()) throw Error(ErrorCategory::Argument, "models takes no positional arguments");
  std::vector<ModelCacheRoot> roots;
  for (const auto& [option, source] : {std::pair{"cache-dir", "huggingface"}, std::pair{"modelscope-dir", "modelscope"}}) {
    const auto dir = args.value(option);
    if (!dir) continue;
    std::error_code ec;
    if (!std::filesystem::is_directory(*dir, ec))
      throw Error(ErrorCategory::Argument, "--" + std::string(option) + ": '" + *dir + "' is not a folder");
    roots.push_back({*dir, source, "--" + std::string(option)});
  }
  if (roots.empty()) roots = modelCacheRoots();
  const std::vector<CachedModel> models = scanModelCaches(roots);
  if (args.flag("json")) {
    nlohmann::json j;
    j["roots"] = nlohmann::json::array();
    for (const auto& r : roots) j["roots"].push_back({{"path", r.path.string()}, {"source", r.source}, {"origin", r.origin}});
    j["models"] = nlohmann::json::array();
    for (const auto& m : models) j["models"].push_back(cachedModelJson(m));
    std::printf("%s\n", j.dump(2).c_str());
    return 0;
  }
  for (const auto& r : roots) std::printf("# %s cache: %s (%s)\n", r.source.c_str(), r.path.string().c_str(), r.origin.c_str());
  if (models.empty()) std::printf("no models found\n");
  for (const auto& m : models) {
    std::string where = m.revision.empty() ? "" : "@" + m.revision.substr(0, 10);
    for (const auto& ref : m.refs) where += " (" + ref + ")";
    std::printf("%s%s  [%s]\n", m.repoId.c_str(), where.c_str(), m.source.c_str());
    if (m.loadable) {
      std::printf("    %s (%s), %s parameters, %s, %s\n", m.architecture.c_str(), m.modelType.c_str(), humanCount(m.numParameters).c_str(),
                  m.dtype.c_str(), humanBytes(static_cast<double>(m.sizeBytes)).c_str());
    } else {
      std::printf("    cannot load: %s\n", m.reason.c_str());
    }
    std::printf("    %s\n", m.folder.string().c_str());
  }
  return 0;
}

}  // namespace peftdesk::cli
