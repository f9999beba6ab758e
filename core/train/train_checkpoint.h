// What one training checkpoint holds and how it is written / restored: the adapter in PEFT's
// layout (usable on its own), the exact trainable tensors, the optimizer state, the CPU generator state
// (dropout), the method's own training state (AdaLoRA's allocator), and trainer_state.json (step, data cursor, counters, thread count, config digest).
// Sealing and atomic publication are CheckpointStore's job (checkpoint_store.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "train/optimizer.h"
#include "train/loss_scale.h"

namespace peftdesk {

class Model;
class MethodTraining;

struct TrainerState {
  int64_t step = 0;              // optimizer steps done
  int64_t epoch = 0;             // data cursor: epoch of the next micro-batch
  int64_t micro = 0;             //              and its index within the epoch
  int64_t tokens = 0;            // input tokens processed
  double elapsedSeconds = 0;     // training time so far (pauses excluded)
  double logLossSum = 0;         // losses of the steps since the last metrics row
  int64_t logSteps = 0;
  int64_t nanInARow = 0;
  int numThreads = 0;            // intra-op threads the run computed with
  std::string configDigest;      // FNV-1a of the resolved config (minus resume-neutral keys)
  LossScale lossScale;           // fp16 runs: the dynamic loss scale and its growth counter
  std::string templateName;      // the chat template "auto" resolved to ("" in checkpoints from before it was kept)
  // Read back from a checkpoint (not written): whether it held a CUDA generator state.
  bool checkpointHadCudaGenerator = false;
};

// `adapter` empty (full / freeze training): no adapter/ folder, the trainable tensors say it all.
// `method`: the adapter method's training state (method_training.h), null when it has none.
void writeTrainingCheckpoint(const std::filesystem::path& folder, const Model& model, const std::string& adapter,
                             const Optimizer& optimizer, const TrainerState& state, const MethodTraining* method = nullptr);
// Restores tensors, optimizer, method and generator state into the live objects; returns the state.
TrainerState readTrainingCheckpoint(const std::filesystem::path& folder, Optimizer& optimizer, MethodTraining* method = nullptr);

}  // namespace peftdesk
