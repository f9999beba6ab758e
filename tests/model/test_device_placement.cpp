// Every tensor a forward or backward pass touches is created on the model's device. The models run
// on LibTorch's `meta` device (shapes only, no data): an operation that mixes a tensor made on the
// CPU with the model's tensors fails there exactly as it would on a GPU, and a host read of a
// device value (`.item()`, a data pointer) fails too — so a CPU-only machine proves the GPU path's
// placement for every test architecture and every PEFT method, in training (padded and unpadded
// batches, gradient checkpointing, a 4-bit base) and in cached decoding.
// LibTorch headers first: they use the identifier `slots`, which QtCore defines as a macro.
#include <c10/util/Exception.h>
#include "model/device_errors.h"
#include "model/model_impl.h"
#include <ATen/ExpandUtils.h>
#include <torch/library.h>

#include <QtTest>

#include "peftdesk/error.h"
#include "peftdesk/model.h"
#include "test_support.h"

using namespace peftdesk;
using json = nlohmann::json;

namespace {

// LibTorch registers Meta (shape-only) kernels for most operators in C++; the few the decoders use
// that only have Python meta registrations get theirs here. Each returns an empty tensor of the
// right shape on the input's device: placement is what is under test, not arithmetic.
at::Tensor indexSelectMeta(const at::Tensor& self, int64_t dim, const at::Tensor& index) {
  auto sizes = self.sizes().vec();
  if (!sizes.empty()) sizes[static_cast<size_t>(at::maybe_wrap_dim(dim, self.dim()))] = index.numel();
  TORCH_CHECK(index.device() == self.device(), "index_select: index on ", index.device(), ", input on ", self.device());
  return at::empty(sizes, self.options());
}

at::Tensor embeddingDenseBackwardMeta(const at::Tensor& grad, const at::Tensor& indices, c10::SymInt numWeights, c10::SymInt paddingIdx,
                                      bool scaleGrad) {
  TORCH_CHECK(indices.device() == grad.device(), "embedding backward: indices on ", indices.device(), ", gradient on ", grad.device());
  return at::empty({numWeights.expect_int(), grad.size(-1)}, grad.options());
}

void checkSameDevice(const char* op, const at::Tensor& a, const c10::optional<at::Tensor>& b) {
  TORCH_CHECK(!b || !b->defined() || b->device() == a.device(), op, ": a tensor on ", b->device(), ", input on ", a.device());
}

std::tuple<at::Tensor, at::Tensor, at::Tensor> layerNormMeta(const at::Tensor& x, c10::SymIntArrayRef normalized,
                                                             const c10::optional<at::Tensor>& w, const c10::optional<at::Tensor>& b, double) {
  checkSameDevice("layer_norm", x, w);
  checkSameDevice("layer_norm", x, b);
  auto statShape = x.sizes().vec();
  for (size_t i = 0; i < normalized.size(); ++i) statShape[statShape.size() - 1 - i] = 1;
  const auto stat = x.options().dtype(x.scalar_type() == at::kDouble ? at::kDouble : at::kFloat);
  return {at::empty(x.sizes(), x.options()), at::empty(statShape, stat), at::empty(statShape, stat)};
}

std::tuple<at::Tensor, at::Tensor, at::Tensor> layerNormBackwardMeta(const at::Tensor& gy, const at::Tensor& x, c10::SymIntArrayRef,
                                                                     const at::Tensor& mean, const at::Tensor& rstd,
                                                                     const c10::optional<at::Tensor>& w, const c10::optional<at::Tensor>& b,
                                                                     std::array<bool, 3> mask) {
  checkSameDevice("layer_norm backward", x, gy);
  checkSameDevice("layer_norm backward", x, mean);
  return {mask[0] ? at::empty(x.sizes(), x.options()) : at::Tensor(), mask[1] && w ? at::empty(w->sizes(), w->options()) : at::Tensor(),
          mask[2] && b ? at::empty(b->sizes(), b->options()) : at::Tensor()};
}

// CPU 0-dim tensors are scalars and may mix with any device (as on CUDA); anything else must match.
void checkOperand(const char* op, const at::Tensor& out, const at::Tensor& t) {
  TORCH_CHECK(t.device() == out.device() || (t.device().is_cpu() && t.dim() == 0), op, ": a tensor on ", t.device(), ", others on ",
              out.device());
}

at::Tensor whereMeta(const at::Tensor& cond, const at::Tensor& self, const at::Tensor& other) {
  const at::Tensor& ref = self.is_meta() ? self : other.is_meta() ? other : cond;
  for (const at::Tensor* t : {&cond, &self, &other}) checkOperand("where", ref, *t);
  const auto shape = at::infer_size(at::infer_size(cond.sizes(), self.sizes()), other.sizes());
  return at::empty(shape, ref.options().dtype(at::result_type(self, other)));
}

at::Tensor& whereOutMeta(const at::Tensor& cond, const at::Tensor& self, const at::Tensor& other, at::Tensor& out) {
  for (const at::Tensor* t : {&cond, &self, &other}) checkOperand("where", out, *t);
  out.resize_(at::infer_size(at::infer_size(cond.sizes(), self.sizes()), other.sizes()));
  return out;
}

TORCH_LIBRARY_IMPL(aten, Meta, m) {
  m.impl("where.self", &whereMeta);
  m.impl("where.self_out", &whereOutMeta);
  m.impl("native_layer_norm", &layerNormMeta);
  m.impl("native_layer_norm_backward", &layerNormBackwardMeta);
  m.impl("index_select", &indexSelectMeta);
  m.impl("embedding_dense_backward", &embeddingDenseBackwardMeta);
}

struct Method {
  const char* name;
  json config;       // PEFT adapter_config.json; null = full fine-tuning (no adapter)
  bool checkpoints;  // gradient checkpointing applies (not prefix tuning)
};

std::vector<Method> methods() {
  return {
      {"lora", {{"peft_type", "LORA"}, {"r", 4}, {"lora_alpha", 8}, {"target_modules", "all-linear"}, {"lora_dropout", 0.1}}, true},
      {"dora+bias", {{"peft_type", "LORA"}, {"r", 4}, {"lora_alpha", 8}, {"target_modules", "all-linear"}, {"use_dora", true}, {"bias", "lora_only"}}, true},
      {"rslora+lm_head", {{"peft_type", "LORA"}, {"r", 4}, {"lora_alpha", 8}, {"target_modules", "all-linear"}, {"use_rslora", true},
                          {"modules_to_save", {"lm_head"}}}, true},
      // Named targets for Llama-shaped and GPT-2 models alike (not every family has PEFT defaults).
      {"ia3", {{"peft_type", "IA3"}, {"target_modules", {"k_proj", "v_proj", "down_proj", "c_attn", "mlp.c_proj"}},
               {"feedforward_modules", {"down_proj", "mlp.c_proj"}}}, true},
      {"prefix", {{"peft_type", "PREFIX_TUNING"}, {"num_virtual_tokens", 3}}, false},
      {"prefix+projection", {{"peft_type", "PREFIX_TUNING"}, {"num_virtual_tokens", 3}, {"prefix_projection", true}, {"encoder_hidden_size", 8}}, false},
      {"prompt", {{"peft_type", "PROMPT_TUNING"}, {"num_virtual_tokens", 3}}, true},
      {"full", nullptr, true},
  };
}

QStringList fixtureModels() {
  QStringList out;
  const QString root = test::fixturesDir() + "/models";
  for (const QString& n : QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
    if (!n.startsWith("testdata-")) out << root + "/" + n;
  }
  return out;
}

std::unique_ptr<Model> loadOnMeta(const QString& dir, bool fourBit = false) {
  LoadOptions lo;
  lo.device.kind = DeviceKind::Meta;
  lo.quantization.enabled = fourBit;
  return Model::load(dir.toStdString(), lo);
}

// Two rows of different lengths (padding) or equal ones; the first tokens of each row are
// "prompt" (-100), the rest labels.
void batch(int64_t vocab, bool padded, std::vector<std::vector<int32_t>>* rows, std::vector<std::vector<int32_t>>* labels) {
  rows->assign({{1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11, 12}});
  if (padded) (*rows)[1].resize(4);
  labels->clear();
  for (const auto& r : *rows) {
    std::vector<int32_t> l(r.begin(), r.end());
    for (size_t i = 0; i < 2; ++i) l[i] = -100;
    labels->push_back(l);
  }
  for (auto& r : *rows)
    for (auto& t : r) t = static_cast<int32_t>(t % vocab);
}

std::vector<at::Tensor> trainable(Model::Impl& impl, const Method& m) {
  std::vector<at::Tensor> out;
  if (m.config.is_null()) {
    for (const auto& p : impl.decoder->namedParameters()) {
      at::Tensor t = p.tensor;
      t.set_requires_grad(true);
      out.push_back(t);
    }
    return out;
  }
  for (at::Tensor* t : impl.adapters->trainableTensors("a")) out.push_back(*t);
  return out;
}

}  // namespace

class TestDevicePlacement : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    if (fixtureModels().isEmpty()) QFAIL("fixtures missing: run through ctest (fixture_tiny_models)");
  }

  // Forward + backward of every architecture × method on meta; padded and unpadded batches,
  // gradient checkpointing where the method allows it.
  void trainingStepStaysOnDevice() {
    int runs = 0;
    for (const QString& dir : fixtureModels()) {
      for (const Method& m : methods()) {
        for (const bool padded : {false, true}) {
          for (const bool checkpoint : {false, true}) {
            if (checkpoint && !m.checkpoints) continue;
            const QString what = QFileInfo(dir).fileName() + " / " + m.name + (padded ? " / padded" : "") + (checkpoint ? " / checkpointing" : "");
            try {
              auto model = loadOnMeta(dir);
              QCOMPARE(model->device().label, std::string("meta"));
              Model::Impl& impl = modelInternals(*model);
              if (!m.config.is_null()) {
                nlohmann::json config = m.config;
                // On a mixture-of-experts model, LoRA on the experts is PEFT 0.21's fused-parameter LoRA,
                // which has no dropout or DoRA (refused: expertLoraRefusesDropoutAndDora): attention here.
                if (dir.contains("moe") && (config.value("lora_dropout", 0.0) != 0 || config.value("use_dora", false)))
                  config["target_modules"] = {"q_proj", "k_proj", "v_proj", "o_proj"};
                model->addAdapter("a", parseAdapterConfig(config, "method"), 1);
                model->setActiveAdapter("a");
                impl.adapters->setTraining(true);
              }
              const std::vector<at::Tensor> params = trainable(impl, m);
              QVERIFY2(!params.empty(), qPrintable(what));
              for (const at::Tensor& p : params) QVERIFY2(p.is_meta(), qPrintable(what + ": a trainable tensor is not on the model's device"));
              std::vector<std::vector<int32_t>> rows, labels;
              batch(impl.info.config.vocabSize, padded, &rows, &labels);
              const TokenLossSum l = tokenLossSum(impl, rows, labels, checkpoint);
              QVERIFY2(l.sum.is_meta(), qPrintable(what));
              l.sum.backward();
              for (const at::Tensor& p : params) {
                QVERIFY2(p.grad().defined() && p.grad().is_meta(), qPrintable(what + ": gradient missing or off the device"));
              }
              ++runs;
            } catch (const std::exception& e) {
              QFAIL(qPrintable(what + ": " + QString::fromStdString(std::string(e.what()).substr(0, 400))));
            }
          }
        }
      }
    }
    QVERIFY(runs >= 11 * 8 * 3);
  }

  // LoRA on Qwen3-MoE's experts is PEFT 0.21's LoRA on the fused expert parameters: dropout and
  // DoRA are refused by name, with the way around them.
  void expertLoraRefusesDropoutAndDora() {
    QString moe;
    for (const QString& dir : fixtureModels())
      if (dir.endsWith("qwen3_moe_experts")) moe = dir;
    QVERIFY(!moe.isEmpty());
    for (const char* field : {"lora_dropout", "use_dora"}) {
      auto model = loadOnMeta(moe);
      nlohmann::json config = {{"peft_type", "LORA"}, {"r", 4}, {"target_modules", "all-linear"}};
      config[field] = std::string(field) == "lora_dropout" ? nlohmann::json(0.1) : nlohmann::json(true);
      try {
        model->addAdapter("a", parseAdapterConfig(config, "method"), 1);
        QFAIL(qPrintable(QString(field) + " accepted on the experts"));
      } catch (const Error& e) {
        const QString text = e.what();
        QVERIFY2(text.contains(field) && text.contains("fused expert parameters") && text.contains("leave the experts out"), e.what());
      }
    }
  }

  // QLoRA: a 4-bit base (codes on the host until the GPU 4-bit operators exist) computes on the
  // model's device, forward and backward, with LoRA and DoRA.
  void fourBitBaseStaysOnDevice() {
    for (const QString& dir : fixtureModels()) {
      for (const bool dora : {false, true}) {
        const QString what = QFileInfo(dir).fileName() + (dora ? " / 4-bit DoRA" : " / 4-bit LoRA");
        try {
          auto model = loadOnMeta(dir, /*fourBit=*/true);
          Model::Impl& impl = modelInternals(*model);
          const nlohmann::json targets = dora && dir.contains("moe") ? nlohmann::json{"q_proj", "k_proj", "v_proj", "o_proj"} : nlohmann::json("all-linear");
          model->addAdapter("a", parseAdapterConfig({{"peft_type", "LORA"}, {"r", 4}, {"target_modules", targets}, {"use_dora", dora}}, "m"), 1);
          model->setActiveAdapter("a");
          std::vector<std::vector<int32_t>> rows, labels;
          batch(impl.info.config.vocabSize, true, &rows, &labels);
          const TokenLossSum l = tokenLossSum(impl, rows, labels, true);
          l.sum.backward();
          for (at::Tensor* p : impl.adapters->trainableTensors("a")) QVERIFY2(p->grad().is_meta(), qPrintable(what));
        } catch (const std::exception& e) {
          QFAIL(qPrintable(what + ": " + QString::fromStdString(std::string(e.what()).substr(0, 400))));
        }
      }
    }
  }

  // Cached decoding: the KV cache, positions and masks of a prefill and two single-token steps.
  void cachedDecodingStaysOnDevice() {
    for (const QString& dir : fixtureModels()) {
      const QString what = QFileInfo(dir).fileName();
      try {
        auto model = loadOnMeta(dir);
        Model::Impl& impl = modelInternals(*model);
        c10::InferenceMode guard;
        KvCache cache = impl.decoder->makeCache(1, 12, impl.scalarType);
        QVERIFY(cache.keys.front().is_meta());
        DecoderInput in;
        in.inputIds = at::tensor(std::vector<int64_t>{1, 2, 3, 4}, at::kLong).unsqueeze(0).to(impl.torchDevice);
        in.cache = &cache;
        in.lastPositionOnly = true;
        QVERIFY(impl.decoder->forward(in).is_meta());
        for (int step = 0; step < 2; ++step) {
          DecoderInput next;
          next.inputIds = at::full({1, 1}, 5, at::TensorOptions(at::kLong).device(impl.torchDevice));
          next.cache = &cache;
          next.lastPositionOnly = true;
          QVERIFY(impl.decoder->forward(next).is_meta());
        }
        QCOMPARE(cache.length, int64_t(6));
      } catch (const std::exception& e) {
        QFAIL(qPrintable(what + ": " + QString::fromStdString(std::string(e.what()).substr(0, 400))));
      }
    }
  }

  // The meta device really refuses what the tests above rely on it to catch.
  void metaCatchesStrayHostTensors() {
    const at::Tensor onDevice = at::ones({2, 3}, at::TensorOptions().device(at::kMeta));
    bool mixed = false, read = false;
    try {
      (void)(onDevice + at::ones({2, 3}));
    } catch (const std::exception&) {
      mixed = true;
    }
    try {
      (void)onDevice.sum().item<double>();
    } catch (const std::exception&) {
      read = true;
    }
    QVERIFY(mixed);
    QVERIFY(read);
  }

  // Out of GPU memory becomes one sentence naming the step, the allocator's numbers and what to
  // lower; other failures keep their own message.
  void outOfMemoryMessage() {
    const c10::OutOfMemoryError oom(
        {__func__, __FILE__, static_cast<uint32_t>(__LINE__)},
        "CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 79.19 GiB of which 1.50 GiB is free. "
        "Including non-PyTorch memory, this process has 77.6 GiB memory in use. If reserved but unallocated memory is large try setting "
        "PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True");
    ResolvedDevice gpu;
    gpu.kind = DeviceKind::Cuda;
    gpu.label = "cuda:0 (NVIDIA H200)";
    QVERIFY(isOutOfDeviceMemory(oom));
    const std::string text = runFailureText(oom, 17, gpu);
    QVERIFY2(text.find("out of GPU memory at step 17 on cuda:0 (NVIDIA H200)") == 0, text.c_str());
    QVERIFY2(text.find("Tried to allocate 2.00 GiB") != std::string::npos, text.c_str());
    QVERIFY2(text.find("of which 1.50 GiB is free") != std::string::npos, text.c_str());
    QVERIFY2(text.find("per_device_train_batch_size") != std::string::npos && text.find("gradient_checkpointing") != std::string::npos,
             text.c_str());
    QVERIFY2(text.find("PYTORCH_CUDA_ALLOC_CONF") == std::string::npos, text.c_str());
    QVERIFY2(text.find('\n') == std::string::npos, text.c_str());
    QVERIFY(loadFailureText(oom, gpu).find("out of GPU memory loading the model onto cuda:0") == 0);
    const std::runtime_error other("disk full");
    QVERIFY(!isOutOfDeviceMemory(other));
    QCOMPARE(runFailureText(other, 3, gpu), std::string("disk full"));
  }
};

QTEST_APPLESS_MAIN(TestDevicePlacement)
#include "test_device_placement.moc"
