// Folding an adapter into the base weights, as PEFT's merge_and_unload does (spec §3.8, §3.7,
// §4): W + s·BA (transposed for Conv1D), DoRA's magnitude rescaling, IA³ row/column scaling,
// LoHa / LoKr's W + ΔW, modules_to_save copies and trained biases. Prefix / prompt tuning cannot
// be merged (their registry rows say why).
#pragma once

#include <ATen/ATen.h>

#include <vector>

#include "model/decoder.h"
#include "peft/adapter_set.h"

namespace peftdesk {

struct MergedWeights {
  std::vector<NamedParameter> parameters;  // transformers names, state-dict order, in `dtype`
  bool untiedHead = false;                 // the adapter changed a tied lm_head: write it separately
  std::vector<std::string> changed;        // parameters the adapter modifies
};

// Throws peftdesk::Error (Unsupported) for prefix / prompt tuning.
MergedWeights mergeAdapter(Decoder& decoder, const Adapter& adapter, at::ScalarType dtype);

}  // namespace peftdesk
