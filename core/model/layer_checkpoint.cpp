// See layer_checkpoint.h.
#include "model/layer_checkpoint.h"

#include <c10/core/GradMode.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/custom_function.h>

#include "model/generator_state.h"

namespace peftdesk {
namespace {

struct LayerHandle : torch::CustomClassHolder {
  explicit LayerHandle(LayerFn f) : fn(std::move(f)) {}
  LayerFn fn;
};

class CheckpointFunction : public torch::autograd::Function<CheckpointFunction> {
 public:
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& input, const std::shared_ptr<LayerFn>& layer) {
    ctx->saved_data["layer"] = c10::IValue::make_capsule(c10::make_intrusive<LayerHandle>(*layer));
    // Both streams a layer may draw from: the device's (dropout on a GPU) and the CPU's (LoHa /
    // LoKr's module and rank dropout draw there on every device, as PEFT's torch.rand does).
    ctx->saved_data["rng"] = generatorState(input.device());
    if (input.device().is_cuda()) ctx->saved_data["cpu_rng"] = generatorState(c10::Device(c10::kCPU));
    ctx->save_for_backward({input});
    // Autograd is already off inside a custom forward: no graph is kept for the layer.
    return (*layer)(input);
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grads) {
    const at::Tensor input = ctx->get_saved_variables().at(0).detach().requires_grad_(true);
    const auto handle = c10::static_intrusive_pointer_cast<LayerHandle>(ctx->saved_data["layer"].toCapsule());
    // Recompute with the forward's random stream, then put the stream back where backward found it.
    const at::Tensor now = generatorState(input.device());
    const bool cpuToo = ctx->saved_data.count("cpu_rng") > 0;
    const at::Tensor cpuNow = cpuToo ? generatorState(c10::Device(c10::kCPU)) : at::Tensor();
    setGeneratorState(input.device(), ctx->saved_data["rng"].toTensor());
    if (cpuToo) setGeneratorState(c10::Device(c10::kCPU), ctx->saved_data["cpu_rng"].toTensor());
    at::Tensor output;
    {
      at::AutoGradMode enable(true);
      output = handle->fn(input);
    }
    setGeneratorState(input.device(), now);
    if (cpuToo) setGeneratorState(c10::Device(c10::kCPU), cpuNow);
    torch::autograd::backward({output}, {grads.at(0)});
    return {input.grad(), at::Tensor()};
  }
};

}  // namespace

at::Tensor checkpointedLayer(const LayerFn& layer, const at::Tensor& input) {
  // The layer's own trainable tensors are invisible to autograd here (captured, not inputs), so
  // the output only joins the graph through an input that requires grad: the first layer's input
  // (a frozen embedding) is made one, as transformers' enable_input_require_grads does.
  const at::Tensor tracked = input.requires_grad() ? input : input.detach().requires_grad_(true);
  return CheckpointFunction::apply(tracked, std::make_shared<LayerFn>(layer));
}

bool checkpointingActive(bool requested) { return requested && at::GradMode::is_enabled(); }

}  // namespace peftdesk
