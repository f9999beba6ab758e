// What a PEFT method adds to training beyond its parts' forward, behind one interface the
// trainer (and Model::lossAndGradients) call without knowing the method: a term added to every
// micro-batch's loss (AdaLoRA's orthogonality penalty) and work after every optimizer step
// (AdaLoRA's rank allocation), with the state a checkpoint keeps so that a resumed run repeats an
// uninterrupted one exactly. A method row's `training` creates one (method_registry.h).
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace peftdesk {

struct Adapter;

class MethodTraining {
 public:
  virtual ~MethodTraining() = default;
  // Throws Error (naming the config field) when this adapter cannot be trained further.
  virtual void checkCanTrain() const {}
  // Added to each micro-batch's loss (a scalar with its graph); undefined = nothing to add.
  virtual at::Tensor lossTerm() const { return {}; }
  // After optimizer step `step` (0-based), the gradients the step used still in place.
  virtual void afterOptimizerStep(int64_t /*step*/) {}
  // The state the next steps depend on beyond parameters and optimizer, by name (checkpoints).
  virtual std::map<std::string, at::Tensor> state() const { return {}; }
  // Puts back what state() gave; `source` names the file for messages. Throws Error when the
  // state does not fit this adapter.
  virtual void restore(const std::map<std::string, at::Tensor>& /*state*/, const std::string& /*source*/) {}
};

// The adapter's method's training additions, or null when it has none.
std::unique_ptr<MethodTraining> methodTraining(Adapter& adapter);

}  // namespace peftdesk
