// Model: the public facade over a Decoder. Loads weights (zero-copy where possible), runs batched
// forward passes with right padding, and owns the generation loop (sampling in generation.cpp).
#include "peftdesk/model.h"

#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include "model/decoder.h"
#include "model/generation.h"
#include "peftdesk/error.h"

namespace peftdesk {

struct Model::Impl {
  ModelInfo info;
  ComputeDType dtype = ComputeDType::F32;
  at::ScalarType scalarType = at::kFloat;
  Checkpoint checkpoint;
  std::unique_ptr<Decoder> decoder;
};

namespace {
at::ScalarType scalarTypeOf(ComputeDType d) {
  switch (d) {
    case ComputeDType::F32: return at::kFloat;
    case ComputeDType::BF16: return at::kBFloat16;
    case ComputeDType::F16: return at::kHalf;
  }
  return at::kFloat;
}
}  // namespace

Model::Model(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Model::~Model() = default;

std::unique_ptr<Model> Model::load(const std::filesystem::path& dir, const LoadOptions& options) {
  if (!std::filesystem::is_directory(dir)) {
    throw Error(ErrorCategory::Io, std::filesystem::exists(dir) ? "not a folder" : "model folder not found", {dir.string()});
  }
  auto impl = std::make_unique<Impl>();
  ModelConfig config = loadModelConfig(dir);
  impl->checkpoint = Checkpoint::open(dir);
  impl->info = inspectModel(dir, std::move(config), impl->checkpoint);
  impl->dtype = options.dtype;
  impl->scalarType = scalarTypeOf(options.dtype);
  if (options.numThreads > 0) at::set_num_threads(options.numThreads);
  c10::InferenceMode guard;
  std::vector<std::string> unused;
  impl->decoder = buildDecoder(impl->info.config, impl->checkpoint, impl->scalarType, options.cancel, &unused);
  impl->info.ignoredTensors = unused;
  return std::unique_ptr<Model>(new Model(std::move(impl)));
}

const ModelInfo& Model::info() const { return impl_->info; }
ComputeDType Model::dtype() const { return impl_->dtype; }

Logits Model::forward(const std::vector<std::vector<int32_t>>& batch) const {
  if (batch.empty()) throw Error(ErrorCategory::Argument, "forward needs at least one sequence");
  const int64_t vocab = impl_->info.config.vocabSize;
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
  if (impl_->info.config.family == DecoderFamily::Gpt2 && static_cast<int64_t>(maxLen) > impl_->info.config.maxPositionEmbeddings) {
    throw Error(ErrorCategory::Argument, "sequence of " + std::to_string(maxLen) + " tokens exceeds n_positions " +
                                             std::to_string(impl_->info.config.maxPositionEmbeddings));
  }
  c10::InferenceMode guard;
  const int64_t B = static_cast<int64_t>(batch.size()), T = static_cast<int64_t>(maxLen);
  at::Tensor ids = at::zeros({B, T}, at::kLong);
  at::Tensor mask = at::zeros({B, T}, at::kLong);
  auto idsA = ids.accessor<int64_t, 2>();
  auto maskA = mask.accessor<int64_t, 2>();
  for (int64_t b = 0; b < B; ++b) {
    for (size_t t = 0; t < batch[b].size(); ++t) {
      idsA[b][t] = batch[b][t];
      maskA[b][t] = 1;
    }
  }
  DecoderInput in;
  in.inputIds = ids;
  in.keyMask = mask;
  const at::Tensor logits = impl_->decoder->forward(in).to(at::kFloat).contiguous();
  Logits out;
  out.shape = logits.sizes().vec();
  out.values.assign(logits.data_ptr<float>(), logits.data_ptr<float>() + logits.numel());
  return out;
}

GenerationResult Model::generate(const std::vector<int32_t>& prompt, const GenerationOptions& options,
                                 const TokenCallback& onToken) const {
  if (prompt.empty()) throw Error(ErrorCategory::Argument, "generation needs a non-empty prompt");
  const int64_t vocab = impl_->info.config.vocabSize;
  for (int32_t id : prompt) {
    if (id < 0 || id >= vocab) throw Error(ErrorCategory::Argument, "prompt token id " + std::to_string(id) + " is outside the vocabulary");
  }
  c10::InferenceMode guard;
  return runGeneration(*impl_->decoder, impl_->scalarType, prompt, options, onToken);
}

}  // namespace peftdesk
