// See merge.h. The arithmetic mirrors PEFT 0.17's lora.Linear.merge (non-safe: the fp32 delta is
// cast to the weight dtype and added), DoraLinearVariant.merge_unsafe and ia3.Linear.merge.
#include "export/merge.h"

#include <map>

#include "peftdesk/error.h"

namespace peftdesk {
namespace {

at::Tensor mergedWeight(const Linear& lin, const ModuleAdapter& ma) {
  // A 4-bit base is merged into its dequantized weights (a 16-bit export of a QLoRA run).
  at::Tensor w = ma.hasCopy ? ma.weightCopy.detach() : lin.denseWeight();
  if (ma.loraA.defined()) {
    const at::Tensor delta = ma.deltaWeight(lin).detach();
    if (ma.magnitude.defined()) {
      // DoRA: W' = (m / ‖W + ΔW‖)·(W + ΔW), norms per output row of the [out, in] layout.
      const at::Tensor rowsFirst = lin.fanInFanOut ? (w.t() + delta.t()) : (w + delta);
      const at::Tensor norm = at::linalg_vector_norm(rowsFirst, 2, {1}).to(rowsFirst.scalar_type());
      at::Tensor factor = (ma.magnitude.detach() / norm).view({-1, 1});
      if (lin.fanInFanOut) factor = factor.t();
      w = (factor * (w + delta)).to(w.scalar_type());
    } else {
      w = w + delta.to(w.scalar_type());
    }
  }
  if (ma.ia3.defined()) {
    const at::Tensor l = lin.fanInFanOut ? ma.ia3.detach().t() : ma.ia3.detach();
    w = at::mul(w, l).to(w.scalar_type());
  }
  return w;
}

at::Tensor mergedBias(const Linear& lin, const ModuleAdapter& ma) {
  at::Tensor b = ma.hasBias ? ma.bias.detach() : ma.hasCopy ? ma.biasCopy.detach() : lin.bias;
  if (b.defined() && ma.ia3.defined() && !ma.ia3FeedForward) b = at::mul(b, ma.ia3.detach().reshape(b.sizes())).to(b.scalar_type());
  return b;
}

}  // namespace

MergedWeights mergeAdapter(Decoder& decoder, const Adapter& adapter, at::ScalarType dtype) {
  if (adapter.prompt) {
    throw Error(ErrorCategory::Unsupported,
                std::string(peftTypeName(adapter.config.type)) +
                    " adds virtual tokens instead of changing weights, so it cannot be merged into the model; export the adapter itself");
  }
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
      t = leaf == "weight" ? mergedWeight(*it->second.first, *it->second.second) : mergedBias(*it->second.first, *it->second.second);
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
    out.parameters.push_back({head + ".weight", mergedWeight(*h->second.first, *h->second.second).to(dtype).contiguous()});
    out.untiedHead = true;
    out.changed.push_back(head + ".weight");
  }
  return out;
}

}  // namespace peftdesk
