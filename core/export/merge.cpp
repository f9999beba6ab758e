// See merge.h. Each module's arithmetic is its method part's (core/peft/methods/: PEFT's merge of
// that method); a method that cannot merge says why through its registry row.
#include "export/merge.h"

#include <map>

#include "peft/method_registry.h"
#include "peftdesk/error.h"

namespace peftdesk {

MergedWeights mergeAdapter(Decoder& decoder, const Adapter& adapter, at::ScalarType dtype) {
  if (const char* why = peftMethod(adapter.config.type).whyNotMergeable)
    throw Error(ErrorCategory::Unsupported, std::string(peftTypeName(adapter.config.type)) + " " + why);
  std::map<std::string, std::pair<Linear*, const ModuleAdapter*>> parts;
  for (size_t i = 0; i < adapter.modules.size(); ++i) {
    parts[adapter.moduleNames[i]] = {adapter.modules[i].first, adapter.modules[i].second.get()};
  }
  MergedWeights out;
  c10::NoGradGuard noGrad;
  for (const auto& p : decoder.namedParameters()) {
    const std::string module = p.name.substr(0, p.name.rfind('.'));
    const std::string leaf = p.name.substr(p.name.rfind('.') + 1);
    at::Tensor t = p.linear && leaf == "weight" ? p.linear->denseWeight() : p.tensor;
    auto it = parts.find(module);
    if (it != parts.end() && (leaf == "weight" || leaf == "bias")) {
      t = leaf == "weight" ? it->second.second->mergedWeight(*it->second.first) : it->second.second->mergedBias(*it->second.first);
      out.changed.push_back(p.name);
    }
    out.parameters.push_back({p.name, t.to(dtype).contiguous()});
  }
  // A tied head is not in named_parameters; when the adapter changed it, it must be written.
  const std::string head = decoder.outputEmbeddingName();
  auto h = parts.find(head);
  bool listed = false;
  for (const auto& p : out.parameters) listed = listed || p.name == head + ".weight";
  if (h != parts.end() && !listed) {
    out.parameters.push_back({head + ".weight", h->second.second->mergedWeight(*h->second.first).to(dtype).contiguous()});
    out.untiedHead = true;
    out.changed.push_back(head + ".weight");
  }
  return out;
}

}  // namespace peftdesk
