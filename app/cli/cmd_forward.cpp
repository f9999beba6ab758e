// `peftdesk-cli forward MODEL_DIR --ids "1,2;3" --out LOGITS.safetensors`: float32 logits of
// right-padded rows, for parity checks against transformers. Needs no tokenizer.
#include <cstdio>

#include "cli/commands.h"
#include "peftdesk/error.h"
#include "peftdesk/model.h"
#include "peftdesk/safetensors.h"

namespace peftdesk::cli {

LoadOptions loadOptionsFrom(const Args& args) {
  LoadOptions o;
  if (auto d = args.value("dtype")) {
    if (!parseComputeDType(*d, &o.dtype)) throw Error(ErrorCategory::Argument, "--dtype must be fp32, bf16 or fp16, got '" + *d + "'");
  }
  o.numThreads = static_cast<int>(args.integer("threads", 0));
  if (auto q = args.value("quant")) {
    if (*q != "nf4" && *q != "fp4") throw Error(ErrorCategory::Argument, "--quant must be nf4 or fp4, got '" + *q + "'");
    o.quantization.enabled = true;
    o.quantization.type = *q;
  }
  if (o.numThreads < 0) throw Error(ErrorCategory::Argument, "--threads must be >= 0");
  if (auto d = args.value("device")) {
    if (!parseDeviceSpec(*d, &o.device)) throw Error(ErrorCategory::Argument, "--device must be " + std::string(kDeviceChoicesHelp) + ", got '" + *d + "'");
  }
  return o;
}

int runForward(const Args& args) {
  if (args.positional().size() != 1) throw Error(ErrorCategory::Argument, "expected exactly one MODEL_DIR");
  const auto batch = parseIdBatch(args.required("ids"), "ids");
  const std::string out = args.required("out");
  auto model = Model::load(args.positional()[0], loadOptionsFrom(args));
  if (auto adapter = args.value("adapter")) {
    model->loadAdapter(*adapter, "adapter");
    model->setActiveAdapter("adapter");
  }
  const Logits logits = model->forward(batch);
  TensorBytes t;
  t.name = "logits";
  t.dtype = DType::F32;
  t.shape = logits.shape;
  t.data = logits.values.data();
  t.byteSize = logits.values.size() * sizeof(float);
  writeSafetensors(out, {t});
  std::fprintf(stderr, "wrote logits [%lld, %lld, %lld] to %s\n", static_cast<long long>(logits.shape[0]),
               static_cast<long long>(logits.shape[1]), static_cast<long long>(logits.shape[2]), out.c_str());
  return 0;
}

}  // namespace peftdesk::cli
