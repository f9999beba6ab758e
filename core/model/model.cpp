// Model: the public facade over a Decoder. Loads weights (zero-copy where possible), runs batched
// forward passes with right padding, and owns the generation loop (sampling in generation.cpp).
#include "peftdesk/model.h"

#include <ATen/Parallel.h>
#include <atomic>
#include <c10/core/InferenceMode.h>

#include "model/chunked_head_loss.h"
#include "model/device_errors.h"
#include "model/generation.h"
#include "model/head_chunking.h"
#include "model/model_impl.h"
#include "peft/method_training.h"
#include "peftdesk/error.h"

namespace peftdesk {


Model::Model(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Model::~Model() = default;

std::unique_ptr<Model> Model::load(const std::filesystem::path& dir, const LoadOptions& options) {
  if (!std::filesystem::is_directory(dir)) {
    throw Error(ErrorCategory::Io, std::filesystem::exists(dir) ? "not a folder" : "model folder not found", {dir.string()});
  }
  auto impl = std::make_unique<Impl>();
  ModelConfig config = loadModelConfig(dir);
  const bool shapesOnly = options.weights == WeightsMode::ShapesOnly;
  impl->shapesOnly = shapesOnly;
  if (shapesOnly) {
    impl->info.dir = dir;
    impl->info.config = std::move(config);
    impl->info.storedDType = "none";
  } else {
    impl->checkpoint = Checkpoint::open(dir);
    impl->info = inspectModel(dir, std::move(config), impl->checkpoint);
  }
  impl->dtype = options.dtype;
  impl->scalarType = scalarTypeOf(options.dtype);
  // The one place a model's device is decided; a shapes-only model computes nothing anywhere.
  impl->device = resolveDevice(shapesOnly ? DeviceSpec{DeviceKind::Meta, -1} : options.device);
  impl->torchDevice = torchDevice(impl->device);
  if (options.numThreads > 0) at::set_num_threads(options.numThreads);
  // NoGrad, not InferenceMode: weights must stay usable by autograd when adapters are trained.
  c10::NoGradGuard noGrad;
  std::vector<std::string> unused;
  QuantizationOptions quant;
  quant.enabled = options.quantization.enabled;
  quant.blocksize = options.quantization.blocksize;
  quant.doubleQuant = options.quantization.doubleQuant;
  if (quant.enabled) {
    if (!quant::parseQuantType(options.quantization.type, &quant.type)) {
      throw Error(ErrorCategory::Argument, "unknown 4-bit type '" + options.quantization.type + "' (use nf4 or fp4)");
    }
    if (!quant::isValidBlocksize(quant.blocksize)) {
      throw Error(ErrorCategory::Argument, "invalid 4-bit blocksize " + std::to_string(quant.blocksize) + " (32, 64, ..., 4096)");
    }
  }
  try {
    impl->decoder = buildDecoder(impl->info.config, shapesOnly ? nullptr : &impl->checkpoint, impl->scalarType, options.cancel,
                                 &unused, quant, impl->torchDevice);
  } catch (const c10::OutOfMemoryError& e) {
    throw Error(ErrorCategory::Runtime, loadFailureText(e, impl->device), {dir.string()});
  }
  impl->info.ignoredTensors = unused;
  if (shapesOnly) {
    for (const auto& p : impl->decoder->namedParameters()) impl->info.numParameters += p.tensor.numel();
  }
  impl->adapters = std::make_unique<AdapterSet>(*impl->decoder, impl->info.config, impl->scalarType, dir);
  return std::unique_ptr<Model>(new Model(std::move(impl)));
}

const ModelInfo& Model::info() const { return impl_->info; }
ComputeDType Model::dtype() const { return impl_->dtype; }
const ResolvedDevice& Model::device() const { return impl_->device; }

namespace {
void checkRows(const std::vector<std::vector<int32_t>>& batch, const ModelConfig& config, size_t* maxLenOut) {
  if (batch.empty()) throw Error(ErrorCategory::Argument, "forward needs at least one sequence");
  const int64_t vocab = config.vocabSize;
  size_t maxLen = 0;
  for (size_t b = 0; b < batch.size(); ++b) {
    if (batch[b].empty()) throw Error(ErrorCategory::Argument, "sequence " + std::to_string(b) + " is empty");
    maxLen = std::max(maxLen, batch[b].size());
    for (int32_t id : batch[b]) {
      if (id < 0 || id >= vocab) {
        throw Error(ErrorCategory::Argument, "token id " + std::to_string(id) + " in sequence " + std::to_string(b) +
                                                 " is outside the vocabulary [0, " + std::to_string(vocab) + ")");
      }
    }
  }
  if (config.family == DecoderFamily::Gpt2 && static_cast<int64_t>(maxLen) > config.maxPositionEmbeddings) {
    throw Error(ErrorCategory::Argument, "sequence of " + std::to_string(maxLen) + " tokens exceeds n_positions " +
                                             std::to_string(config.maxPositionEmbeddings));
  }
  *maxLenOut = maxLen;
}

// Right-padded ids and key mask for a batch of rows, built on the host and sent to the model's
// device in one copy each. The mask is left undefined when no row is padded: the host knows, so
// attention never asks the device (DecoderInput::keyMask).
std::pair<at::Tensor, at::Tensor> padRows(const std::vector<std::vector<int32_t>>& batch, size_t maxLen, c10::Device device) {
  const int64_t B = static_cast<int64_t>(batch.size()), T = static_cast<int64_t>(maxLen);
  at::Tensor ids = at::zeros({B, T}, at::kLong);
  at::Tensor mask = at::zeros({B, T}, at::kLong);
  auto idsA = ids.accessor<int64_t, 2>();
  auto maskA = mask.accessor<int64_t, 2>();
  bool padded = false;
  for (int64_t b = 0; b < B; ++b) {
    padded = padded || batch[b].size() != maxLen;
    for (size_t t = 0; t < batch[b].size(); ++t) {
      idsA[b][t] = batch[b][t];
      maskA[b][t] = 1;
    }
  }
  return {ids.to(device), padded ? mask.to(device) : at::Tensor()};
}
}  // namespace

void requireWeights(const Model::Impl& impl) {
  if (impl.shapesOnly) {
    throw Error(ErrorCategory::Argument, "this model was opened for shapes only (no weights); reload it with weights to compute");
  }
}

Logits Model::forward(const std::vector<std::vector<int32_t>>& batch) const {
  requireWeights(*impl_);
  size_t maxLen = 0;
  checkRows(batch, impl_->info.config, &maxLen);
  c10::InferenceMode guard;
  const at::Tensor logits = guardDeviceMemory(impl_->device, "computing logits", [&] {
    DecoderInput in;
    std::tie(in.inputIds, in.keyMask) = padRows(batch, maxLen, impl_->torchDevice);
    const int64_t virtualTokens = impl_->adapters->prepare(in);
    at::Tensor l = impl_->decoder->forward(in);
    // Prompt tuning prepends virtual tokens; their logits are not the user's.
    if (virtualTokens > 0) l = l.narrow(1, virtualTokens, l.size(1) - virtualTokens);
    return l.to(at::kFloat).cpu().contiguous();
  });
  Logits out;
  out.shape = logits.sizes().vec();
  out.values.assign(logits.data_ptr<float>(), logits.data_ptr<float>() + logits.numel());
  return out;
}

namespace {

void checkPrompt(const Model::Impl& impl, const std::vector<int32_t>& prompt) {
  requireWeights(impl);
  if (prompt.empty()) throw Error(ErrorCategory::Argument, "generation needs a non-empty prompt");
  const int64_t vocab = impl.info.config.vocabSize;
  for (int32_t id : prompt) {
    if (id < 0 || id >= vocab) throw Error(ErrorCategory::Argument, "prompt token id " + std::to_string(id) + " is outside the vocabulary");
  }
}

}  // namespace

GenerationResult Model::generate(const std::vector<int32_t>& prompt, const GenerationOptions& options,
                                 const TokenCallback& onToken) const {
  checkPrompt(*impl_, prompt);
  c10::InferenceMode guard;
  return guardDeviceMemory(impl_->device, "generating", [&] {
    return runGeneration(*impl_->decoder, impl_->scalarType, prompt, options, onToken, impl_->adapters->activePrompt());
  });
}

GenerationResult Model::generate(const std::vector<int32_t>& prompt, const GenerationOptions& options, const TokenCallback& onToken,
                                 GenerationCache& cache) const {
  checkPrompt(*impl_, prompt);
  c10::InferenceMode guard;
  const CacheUse use{cache.state(), impl_->id, impl_->adapters->active()};
  return guardDeviceMemory(impl_->device, "generating", [&] {
    return runGeneration(*impl_->decoder, impl_->scalarType, prompt, options, onToken, impl_->adapters->activePrompt(), &use);
  });
}

uint64_t Model::Impl::nextId() {
  static std::atomic<uint64_t> counter{0};
  return ++counter;
}

GenerationCache::GenerationCache() : state_(std::make_unique<State>()) {}
GenerationCache::~GenerationCache() = default;
GenerationCache::GenerationCache(GenerationCache&&) noexcept = default;
GenerationCache& GenerationCache::operator=(GenerationCache&&) noexcept = default;
int64_t GenerationCache::cachedTokens() const { return state_ ? state_->kv.length : 0; }
void GenerationCache::clear() { state_ = std::make_unique<State>(); }

void Model::addAdapter(const std::string& name, const AdapterConfig& config, uint64_t seed) {
  c10::NoGradGuard noGrad;
  guardDeviceMemory(impl_->device, "adding the adapter", [&] { impl_->adapters->create(name, config, seed); });
}

void Model::loadAdapter(const std::filesystem::path& folder, const std::string& name) {
  c10::NoGradGuard noGrad;
  guardDeviceMemory(impl_->device, "loading the adapter", [&] { impl_->adapters->load(name, folder); });
}

void Model::setActiveAdapter(const std::string& name) { impl_->adapters->activate(name); }
std::string Model::activeAdapter() const { return impl_->adapters->active(); }
std::vector<std::string> Model::adapterNames() const { return impl_->adapters->names(); }

void Model::saveAdapter(const std::string& name, const std::filesystem::path& folder) const {
  requireWeights(*impl_);
  c10::NoGradGuard noGrad;
  impl_->adapters->save(name, folder);
}

ParameterReport Model::parameterReport(const std::string& name) const {
  c10::NoGradGuard noGrad;
  return impl_->adapters->report(name);
}

void Model::setAdapterParameter(const std::string& adapter, const std::string& parameterName,
                                const std::vector<int64_t>& shape, const std::vector<float>& values) {
  int64_t n = 1;
  for (auto d : shape) n *= d;
  if (n != static_cast<int64_t>(values.size())) throw Error(ErrorCategory::Argument, "values do not match the shape of '" + parameterName + "'");
  impl_->adapters->setTensor(adapter, parameterName, at::tensor(values, at::kFloat).view(shape).to(impl_->torchDevice));
}

Model::Impl& modelInternals(Model& model) { return *model.impl_; }

TokenLossSum tokenLossSum(Model::Impl& impl, const std::vector<std::vector<int32_t>>& rows,
                          const std::vector<std::vector<int32_t>>& labels, bool checkpointLayers) {
  requireWeights(impl);
  size_t maxLen = 0;
  checkRows(rows, impl.info.config, &maxLen);
  if (labels.size() != rows.size()) throw Error(ErrorCategory::Argument, "labels must have one row per input row");
  DecoderInput in;
  std::tie(in.inputIds, in.keyMask) = padRows(rows, maxLen, impl.torchDevice);
  in.checkpointLayers = checkpointLayers;
  TokenLossSum out;
  for (size_t b = 0; b < labels.size(); ++b) {
    if (labels[b].size() != rows[b].size()) throw Error(ErrorCategory::Argument, "labels row " + std::to_string(b) + " has a different length than its input row");
    out.inputTokens += static_cast<int64_t>(rows[b].size());
  }
  const int64_t virtualTokens = impl.adapters->prepare(in);
  // transformers' ForCausalLMLoss: labels padded with -100 at the end and shifted left by one, so
  // position t of a row predicts labels[t + 1]. Only positions that predict a label go through
  // the output head (the others add 0 to the sum). The host knows which they are: their flat
  // row-major indices and targets are listed here and sent in one copy each.
  const int64_t T = static_cast<int64_t>(maxLen);
  std::vector<int64_t> positions, targets;
  for (size_t b = 0; b < labels.size(); ++b) {
    for (size_t t = 1; t < labels[b].size(); ++t) {
      if (labels[b][t] == -100) continue;
      // Prompt tuning puts virtual positions before each row's tokens: shift the indices.
      const int64_t flat = static_cast<int64_t>(b) * T + static_cast<int64_t>(t) - 1;
      positions.push_back(flat + virtualTokens * (static_cast<int64_t>(b) + 1));
      targets.push_back(labels[b][t]);
    }
  }
  out.labelTokens = static_cast<int64_t>(targets.size());
  in.outputPositions = at::tensor(positions, at::kLong).to(impl.torchDevice);
  const at::Tensor targetIds = at::tensor(targets, at::kLong).to(impl.torchDevice);
  // A large head (many labelled positions x a large vocabulary) goes chunk by chunk, never holding
  // the whole logits (head_chunking.h); a head with an adapter on it goes the plain way.
  const Linear& head = impl.decoder->outputHead();
  const int64_t chunkRows = head.adapter || head.quantized() || head.fanInFanOut || impl.device.kind == DeviceKind::Meta
                                ? 0
                                : headChunkRows(out.labelTokens, head.outFeatures());
  if (chunkRows > 0) {
    in.hiddenStatesOnly = true;
    out.sum = chunkedHeadLossSum(impl.decoder->forward(in), head.weight, head.bias, targetIds, chunkRows,
                                 impl.decoder->logitsTransform());
    return out;
  }
  const at::Tensor logits = impl.decoder->forward(in).to(at::kFloat);
  out.sum = at::cross_entropy_loss(logits, targetIds, {}, at::Reduction::Sum, -100);
  return out;
}

Model::LossSum Model::lossSum(const std::vector<std::vector<int32_t>>& rows, const std::vector<std::vector<int32_t>>& labels) const {
  c10::NoGradGuard noGrad;
  return guardDeviceMemory(impl_->device, "evaluating", [&] {
    const TokenLossSum s = tokenLossSum(*impl_, rows, labels);
    return LossSum{s.sum.item<double>(), s.labelTokens};
  });
}

LossAndGradients Model::lossAndGradients(const std::vector<std::vector<int32_t>>& rows,
                                         const std::vector<std::vector<int32_t>>& labels, const std::string& adapter) {
  const std::string previous = impl_->adapters->active();
  impl_->adapters->activate(adapter);
  const std::vector<at::Tensor*> params = impl_->adapters->trainableTensors(adapter);
  for (at::Tensor* p : params) p->mutable_grad() = at::Tensor();
  const TokenLossSum sum = tokenLossSum(*impl_, rows, labels);
  at::Tensor loss = sum.sum / static_cast<double>(std::max<int64_t>(1, sum.labelTokens));
  // The method's own loss term (AdaLoRA's orthogonality penalty), as PEFT adds it whenever labels give a loss.
  if (const auto method = impl_->adapters->methodTraining(adapter))
    if (const at::Tensor term = method->lossTerm(); term.defined()) loss = loss + term;
  loss.backward();
  LossAndGradients out;
  out.loss = loss.item<double>();
  const Adapter& a = impl_->adapters->get(adapter);
  std::map<std::string, at::Tensor> grads;
  auto record = [&](const std::string& name, const at::Tensor& t) {
    grads[name] = t.grad().defined() ? t.grad().to(at::kFloat).cpu().contiguous() : at::zeros(t.sizes(), at::kFloat);
  };
  if (a.prompt) {
    for (const auto& p : a.prompt->parameters()) record(p.name, *p.tensor);
  } else {
    for (const auto& t : a.tensors) record(t.memoryName, *t.tensor);
  }
  for (const auto& [name, g] : impl_->adapters->inPeftLayout(adapter, std::move(grads))) {
    const at::Tensor c = g.contiguous();
    out.shapes[name] = c.sizes().vec();
    out.gradients[name].assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
  }
  impl_->adapters->activate(previous);
  return out;
}

}  // namespace peftdesk
