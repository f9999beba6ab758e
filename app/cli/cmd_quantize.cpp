// `peftdesk-cli quantize MODEL_DIR --out DIR [--type nf4|fp4] [--double-quant] [--blocksize 64]
// [--device D]`. The weights are quantized on the device (a GPU's kernel or the CPU codec: the same
// bytes) and written from there.
#include <cstdio>

#include "cli/commands.h"
#include "peftdesk/device.h"
#include "peftdesk/error.h"
#include "peftdesk/model.h"

namespace peftdesk::cli {

int runQuantize(const Args& args) {
  if (args.positional().size() != 1) throw Error(ErrorCategory::Argument, "expected exactly one MODEL_DIR");
  LoadOptions o;
  if (auto d = args.value("dtype")) {
    if (!parseComputeDType(*d, &o.dtype)) throw Error(ErrorCategory::Argument, "--dtype must be fp32, bf16 or fp16, got '" + *d + "'");
  }
  o.quantization.enabled = true;
  o.quantization.type = args.value("type").value_or("nf4");
  o.quantization.doubleQuant = args.flag("double-quant");
  o.quantization.blocksize = args.integer("blocksize", 64);
  const std::string out = args.required("out");
  o.device.kind = DeviceKind::Cpu;
  if (auto d = args.value("device")) {
    if (!parseDeviceSpec(*d, &o.device)) throw Error(ErrorCategory::Argument, "--device must be " + std::string(kDeviceChoicesHelp) + ", got '" + *d + "'");
  }
  auto model = Model::load(args.positional()[0], o);
  model->saveQuantized(out);
  std::fprintf(stderr, "wrote %s (%s, blocksize %lld%s)\n", out.c_str(), o.quantization.type.c_str(),
               static_cast<long long>(o.quantization.blocksize), o.quantization.doubleQuant ? ", double quantization" : "");
  return 0;
}

}  // namespace peftdesk::cli
