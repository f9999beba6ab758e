// See train_checkpoint.h.
#include "train/train_checkpoint.h"

#include "model/generator_state.h"
#include "model/model_impl.h"
#include "model/tensor_bridge.h"
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

void writeTrainingCheckpoint(const fs::path& folder, const Model& model, const std::string& adapter, const AdamW& optimizer,
                             const TrainerState& state) {
  if (!adapter.empty()) model.saveAdapter(adapter, folder / "adapter");  // usable on its own (PEFT layout)
  TensorsForWriting params;
  for (const auto& p : optimizer.params()) params.add(p.name, *p.tensor);
  writeSafetensors(folder / "trainable.safetensors", params.entries);
  TensorsForWriting moments;
  for (const auto& [name, t] : optimizer.state()) moments.add(name, t);
  writeSafetensors(folder / "optimizer.safetensors", moments.entries);
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

TrainerState readTrainingCheckpoint(const fs::path& folder, AdamW& optimizer) {
  const fs::path stateFile = folder / "trainer_state.json";
  const nlohmann::json j = readJsonFile(stateFile);
  TrainerState s;
  try {
    s.step = j.at("step").get<int64_t>();
    s.epoch = j.at("epoch").get<int64_t>();
    s.micro = j.at("micro_batch").get<int64_t>();
    s.tokens = j.at("tokens").get<int64_t>();
    s.elapsedSeconds = j.at("elapsed_s").get<double>();
    s.logLossSum = j.at("log_loss_sum").get<double>();
    s.logSteps = j.at("log_steps").get<int64_t>();
    s.nanInARow = j.at("nan_in_a_row").get<int64_t>();
    s.numThreads = j.at("num_threads").get<int>();
    s.configDigest = j.at("config_digest").get<std::string>();
    // Absent in checkpoints written before fp16 loss scaling existed: the initial scale.
    s.lossScale.scale = j.value("loss_scale", LossScale::kInitial);
    s.lossScale.goodSteps = j.value("loss_scale_good_steps", int64_t(0));
    s.templateName = j.contains("template") && j["template"].is_string() ? j["template"].get<std::string>() : std::string();
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCategory::Format, std::string("trainer state is incomplete: ") + e.what(), {stateFile.string()});
  }
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
  optimizer.loadState(readTensors(folder / "optimizer.safetensors"), j.value("optimizer_steps", s.step));
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
