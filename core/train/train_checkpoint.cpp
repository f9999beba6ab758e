// See train_checkpoint.h.
#include "train/train_checkpoint.h"

#include <cmath>

#include "model/generator_state.h"
#include "model/model_impl.h"
#include "model/tensor_bridge.h"
#include "peft/method_training.h"
#include "peftdesk/atomic_file.h"
#include "peftdesk/error.h"
#include "peftdesk/json_file.h"

namespace peftdesk {
namespace fs = std::filesystem;

namespace {

std::map<std::string, at::Tensor> readTensors(const fs::path& file) {
  if (!fs::exists(file)) throw Error(ErrorCategory::Format, "checkpoint file missing", {file.string()});
  const auto st = SafetensorsFile::open(file);
  std::map<std::string, at::Tensor> out;
  for (const auto& info : st->tensors()) out[info.name] = loadTensor(WeightRef{st, &info}).clone();
  return out;
}

}  // namespace

void writeTrainingCheckpoint(const fs::path& folder, const Model& model, const std::string& adapter, const Optimizer& optimizer,
                             const TrainerState& state, const MethodTraining* method) {
  if (!adapter.empty()) model.saveAdapter(adapter, folder / "adapter");  // usable on its own (PEFT layout)
  TensorsForWriting params;
  for (const auto& p : optimizer.params()) params.add(p.name, *p.tensor);
  writeSafetensors(folder / "trainable.safetensors", params.entries);
  TensorsForWriting moments;
  for (const auto& [name, t] : optimizer.state()) moments.add(name, t);
  writeSafetensors(folder / "optimizer.safetensors", moments.entries);
  if (method) {
    TensorsForWriting methodState;
    for (const auto& [name, t] : method->state()) methodState.add(name, t);
    writeSafetensors(folder / "method_state.safetensors", methodState.entries);
  }
  TensorsForWriting rng;
  rng.add("cpu_generator", cpuGeneratorState());
  // On a GPU dropout draws from the device's generator: its seed and offset go along.
  const c10::Device device = torchDevice(model.device());
  if (device.is_cuda()) rng.add("cuda_generator", generatorState(device));
  writeSafetensors(folder / "rng.safetensors", rng.entries);
  const nlohmann::json j = {{"step", state.step},
                            {"epoch", state.epoch},
                            {"micro_batch", state.micro},
                            {"tokens", state.tokens},
                            {"elapsed_s", state.elapsedSeconds},
                            {"log_loss_sum", state.logLossSum},
                            {"log_steps", state.logSteps},
                            {"nan_in_a_row", state.nanInARow},
                            {"optimizer_steps", optimizer.stepCount()},
                            {"num_threads", state.numThreads},
                            {"config_digest", state.configDigest},
                            {"loss_scale", state.lossScale.scale},
                            {"loss_scale_good_steps", state.lossScale.goodSteps},
                            {"template", state.templateName}};
  writeFileAtomically(folder / "trainer_state.json", j.dump(2) + "\n");
}

TrainerState readTrainingCheckpoint(const fs::path& folder, Optimizer& optimizer, MethodTraining* method) {
  const fs::path stateFile = folder / "trainer_state.json";
  const nlohmann::json j = readJsonFile(stateFile);
  if (!j.is_object()) throw Error(ErrorCategory::Format, "trainer state must be a JSON object", {stateFile.string()});
  // Each field present with its type, or an error naming the file and the field.
  const auto field = [&](const char* key, bool (nlohmann::json::*isType)() const noexcept, const char* typeText,
                         const nlohmann::json& fallback = nullptr) -> const nlohmann::json& {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
      if (!fallback.is_null()) return fallback;
      throw Error(ErrorCategory::Format, "missing (the checkpoint is incomplete)", {stateFile.string(), -1, -1, key});
    }
    if (!((*it).*isType)()) throw Error(ErrorCategory::Format, std::string("must be ") + typeText + ", found " + it->dump(), {stateFile.string(), -1, -1, key});
    return *it;
  };
  using J = nlohmann::json;
  // Every counter and the data cursor are 0 or more (a negative cursor would index before the data).
  const auto integer = [&](const char* key) {
    const int64_t v = field(key, &J::is_number_integer, "an integer").get<int64_t>();
    if (v < 0) throw Error(ErrorCategory::Format, "must be 0 or more, found " + std::to_string(v), {stateFile.string(), -1, -1, key});
    return v;
  };
  const auto number = [&](const char* key) {
    const double v = field(key, &J::is_number, "a number").get<double>();
    if (!(v >= 0) || !std::isfinite(v)) throw Error(ErrorCategory::Format, "must be a finite number, 0 or more", {stateFile.string(), -1, -1, key});
    return v;
  };
  TrainerState s;
  s.step = integer("step");
  s.epoch = integer("epoch");
  s.micro = integer("micro_batch");
  s.tokens = integer("tokens");
  s.elapsedSeconds = number("elapsed_s");
  s.logLossSum = number("log_loss_sum");
  s.logSteps = integer("log_steps");
  s.nanInARow = integer("nan_in_a_row");
  s.numThreads = static_cast<int>(integer("num_threads"));
  s.configDigest = field("config_digest", &J::is_string, "a string").get<std::string>();
  // Absent in checkpoints written before fp16 loss scaling existed: the initial scale.
  static const J kInitialScale = LossScale::kInitial, kNoGoodSteps = int64_t{0};
  s.lossScale.scale = field("loss_scale", &J::is_number, "a number", kInitialScale).get<double>();
  s.lossScale.goodSteps = field("loss_scale_good_steps", &J::is_number_integer, "an integer", kNoGoodSteps).get<int64_t>();
  // Absent before the template was kept: not checked on resume.
  static const J kNoTemplate = "";
  s.templateName = field("template", &J::is_string, "a string", kNoTemplate).get<std::string>();
  const J stepAsDefault = s.step;
  const int64_t optimizerSteps = field("optimizer_steps", &J::is_number_integer, "an integer", stepAsDefault).get<int64_t>();
  at::NoGradGuard noGrad;
  const auto params = readTensors(folder / "trainable.safetensors");
  for (const auto& p : optimizer.params()) {
    auto it = params.find(p.name);
    if (it == params.end() || it->second.sizes() != p.tensor->sizes()) {
      throw Error(ErrorCategory::Format, "checkpoint does not hold this trainable tensor (different method or model?)",
                  {(folder / "trainable.safetensors").string(), -1, -1, {}, p.name});
    }
    p.tensor->copy_(it->second);
  }
  optimizer.loadState(readTensors(folder / "optimizer.safetensors"), optimizerSteps);
  if (method) method->restore(readTensors(folder / "method_state.safetensors"), (folder / "method_state.safetensors").string());
  const auto rng = readTensors(folder / "rng.safetensors");
  if (!rng.count("cpu_generator")) throw Error(ErrorCategory::Format, "generator state missing", {(folder / "rng.safetensors").string()});
  setCpuGeneratorState(rng.at("cpu_generator"));
  // A checkpoint written on a GPU resumes that GPU's stream; one written on the CPU (or resumed on
  // another device) leaves the GPU's stream where the trainer seeded it, and the trainer says the
  // run changed device.
  const c10::Device device = optimizer.params().empty() ? c10::Device(c10::kCPU) : optimizer.params().front().tensor->device();
  if (device.is_cuda() && rng.count("cuda_generator")) setGeneratorState(device, rng.at("cuda_generator"));
  s.checkpointHadCudaGenerator = rng.count("cuda_generator") > 0;
  return s;
}

}  // namespace peftdesk
