// `peftdesk-cli export-job RUN.json --engine llamafactory --out DIR [--gpus N] [--nodes M]
// [--deepspeed zero2|zero3|zero3-offload | --fsdp] [--model-path P] [--set key=value ...]`: the run
// as a folder a cluster trains with LLaMA-Factory (see peftdesk/cluster_job.h). What will differ on
// the other side is printed as notes; keys it cannot carry are refused by name and nothing is written.
#include <cstdio>

#include "cli/commands.h"
#include "peftdesk/cluster_job.h"
#include "peftdesk/error.h"
#include "peftdesk/run_config.h"

namespace peftdesk::cli {

int runExportJob(const Args& args) {
  if (args.positional().size() != 1) throw Error(ErrorCategory::Argument, "expected exactly one RUN.json");
  const std::string engine = args.value("engine").value_or("llamafactory");
  if (engine != "llamafactory") throw Error(ErrorCategory::Argument, "--engine '" + engine + "' is not known (llamafactory)");
  ClusterJobOptions options;
  options.gpusPerNode = args.integer("gpus", 1);
  options.nodes = args.integer("nodes", 1);
  if (args.flag("fsdp") && args.value("deepspeed"))
    throw Error(ErrorCategory::Argument, "--deepspeed and --fsdp are two ways to shard the run: choose one");
  if (args.flag("fsdp")) options.parallel = ClusterParallel::Fsdp;
  if (auto ds = args.value("deepspeed")) {
    if (!parseClusterParallel(*ds, &options.parallel) || options.parallel == ClusterParallel::Ddp || options.parallel == ClusterParallel::Fsdp)
      throw Error(ErrorCategory::Argument, "--deepspeed '" + *ds + "' is not one of zero2, zero3, zero3-offload");
  }
  options.modelPath = args.value("model-path").value_or("");
  const std::string out = args.required("out");
  const RunConfig config = loadRunConfig(args.positional()[0], args.values("set"));
  const ClusterJob job = planLlamaFactoryJob(config, options);
  writeClusterJob(job, out);
  for (const auto& note : job.notes) std::fprintf(stderr, "note: %s\n", note.c_str());
  std::fprintf(stderr, "wrote %s (%zu files): LLaMA-Factory job for %lld GPU(s), %s, template %s; run %s/launch.sh on the cluster\n",
               out.c_str(), job.files.size(), static_cast<long long>(job.worldSize), clusterParallelName(options.parallel),
               job.templateName.c_str(), out.c_str());
  return 0;
}

}  // namespace peftdesk::cli
