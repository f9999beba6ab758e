// The launch side of a LLaMA-Factory job (see llamafactory_job.h): job.yaml, the DeepSpeed or FSDP
// configuration, launch.sh (one script for every node), README.md for whoever runs it, and the
// resolved RUN.json it came from; and writing the folder atomically. The DeepSpeed files follow
// LLaMA-Factory's examples/deepspeed (batch, accumulation, clipping and precision left "auto" so
// transformers fills them from the YAML and they stay right for any GPU count); FSDP goes through
// accelerate as its examples/accelerate/fsdp_config.yaml (study §5, §6).
#include <fstream>

#include "export/staging_folder.h"
#include "peftdesk/error.h"
#include "train/llamafactory_job.h"
#include "train/yaml_writer.h"

namespace peftdesk {
namespace lfjob {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;
namespace fs = std::filesystem;

ojson deepSpeedConfig(ClusterParallel parallel) {
  ojson ds{{"train_batch_size", "auto"},
           {"train_micro_batch_size_per_gpu", "auto"},
           {"gradient_accumulation_steps", "auto"},
           {"gradient_clipping", "auto"},
           {"zero_allow_untested_optimizer", true},
           {"fp16", {{"enabled", "auto"}, {"loss_scale", 0}, {"loss_scale_window", 1000}, {"initial_scale_power", 16}, {"hysteresis", 2}, {"min_loss_scale", 1}}},
           {"bf16", {{"enabled", "auto"}}}};
  if (parallel == ClusterParallel::Zero2) {
    ds["zero_optimization"] = {{"stage", 2},
                               {"allgather_partitions", true},
                               {"allgather_bucket_size", 500000000},
                               {"overlap_comm", false},
                               {"reduce_scatter", true},
                               {"reduce_bucket_size", 500000000},
                               {"contiguous_gradients", true},
                               {"round_robin_gradients", true}};
    return ds;
  }
  ojson z{{"stage", 3},
          {"overlap_comm", false},
          {"contiguous_gradients", true},
          {"sub_group_size", 1000000000},
          {"reduce_bucket_size", "auto"},
          {"stage3_prefetch_bucket_size", "auto"},
          {"stage3_param_persistence_threshold", "auto"},
          {"stage3_max_live_parameters", 1000000000},
          {"stage3_max_reuse_distance", 1000000000},
          {"stage3_gather_16bit_weights_on_model_save", true}};
  if (parallel == ClusterParallel::Zero3Offload) {
    z["offload_optimizer"] = {{"device", "cpu"}, {"pin_memory", true}};
    z["offload_param"] = {{"device", "cpu"}, {"pin_memory", true}};
    // The Trainer's own AdamW (PeftDesk's arithmetic: no decay on biases and norms) steps the
    // offloaded state on the CPU; DeepSpeed otherwise insists on its CPUAdam, which decays everything.
    ds["zero_force_ds_cpu_optimizer"] = false;
  }
  ds["zero_optimization"] = z;
  return ds;
}

const char* deepSpeedFile(ClusterParallel parallel) {
  switch (parallel) {
    case ClusterParallel::Zero2: return "ds_z2_config.json";
    case ClusterParallel::Zero3: return "ds_z3_config.json";
    case ClusterParallel::Zero3Offload: return "ds_z3_offload_config.json";
    default: return nullptr;
  }
}

std::string fsdpConfig(const Plan& p) {
  const RunConfig& c = p.config;
  const char* mixed = c.precision == ComputeDType::BF16 ? "bf16" : c.precision == ComputeDType::F16 ? "fp16" : "no";
  ojson a{{"compute_environment", "LOCAL_MACHINE"},
          {"debug", false},
          {"distributed_type", "FSDP"},
          {"downcast_bf16", "no"},
          {"fsdp_config",
           {{"fsdp_auto_wrap_policy", "TRANSFORMER_BASED_WRAP"},
            {"fsdp_backward_prefetch", "BACKWARD_PRE"},
            {"fsdp_cpu_ram_efficient_loading", true},
            {"fsdp_forward_prefetch", false},
            {"fsdp_offload_params", false},
            {"fsdp_sharding_strategy", "FULL_SHARD"},
            {"fsdp_state_dict_type", "FULL_STATE_DICT"},
            {"fsdp_sync_module_states", true},
            {"fsdp_use_orig_params", true}}},
          {"machine_rank", 0},
          {"main_training_function", "main"},
          {"mixed_precision", mixed},
          {"num_machines", p.options.nodes},
          {"num_processes", p.job.worldSize},
          {"rdzv_backend", "static"},
          {"same_network", true},
          {"tpu_env", json::array()},
          {"tpu_use_cluster", false},
          {"tpu_use_sudo", false},
          {"use_cpu", false}};
  return writeYaml(a, "accelerate configuration for FSDP (written by PeftDesk; launch.sh passes the node's rank and the head's address)");
}

std::string launchScript(const Plan& p) {
  const bool fsdp = p.options.parallel == ClusterParallel::Fsdp;
  std::string s =
      "#!/usr/bin/env bash\n"
      "# Runs this job with LLaMA-Factory " + std::string(kLlamaFactoryVersion) + " (written by PeftDesk; see README.md).\n"
      "# One node: ./launch.sh. Several: on each node, NNODES=M NODE_RANK=i MASTER_ADDR=<head> ./launch.sh\n"
      "set -euo pipefail\n"
      "cd \"$(dirname \"$0\")\"\n"
      ": \"${NNODES:=" + std::to_string(p.options.nodes) + "}\" \"${NODE_RANK:=0}\" \"${NPROC_PER_NODE:=" +
      std::to_string(p.options.gpusPerNode) + "}\" \"${MASTER_ADDR:=127.0.0.1}\" \"${MASTER_PORT:=29500}\"\n"
      "# The effective batch (per-device × accumulation × GPUs) was kept for " + std::to_string(p.job.worldSize) +
      " GPU(s) in all; another count changes the run.\n"
      "if (( NNODES * NPROC_PER_NODE != " + std::to_string(p.job.worldSize) + " )); then\n"
      "  echo \"launch.sh: this job is for " + std::to_string(p.job.worldSize) + " GPU(s) in all (" + std::to_string(p.options.nodes) +
      " node(s) x " + std::to_string(p.options.gpusPerNode) +
      "), not $NNODES x $NPROC_PER_NODE: export it again from PeftDesk with --gpus / --nodes\" >&2\n"
      "  exit 2\n"
      "fi\n"
      "mkdir -p output\n"
      "cp job.yaml output/job.yaml  # LLaMA-Factory keeps no copy of the settings; the way back reads this one\n"
      "export NNODES NODE_RANK NPROC_PER_NODE MASTER_ADDR MASTER_PORT\n";
  if (fsdp) {
    s += "LAUNCHER=\"$(python -c 'import llamafactory.launcher as m; print(m.__file__)')\"\n"
         "exec accelerate launch --config_file fsdp_config.yaml --num_machines \"$NNODES\" --num_processes \"$((NNODES * NPROC_PER_NODE))\" \\\n"
         "  --machine_rank \"$NODE_RANK\" --main_process_ip \"$MASTER_ADDR\" --main_process_port \"$MASTER_PORT\" \"$LAUNCHER\" job.yaml\n";
  } else {
    s += "# FORCE_TORCHRUN: llamafactory-cli re-runs itself under torchrun with the variables above.\n"
         "FORCE_TORCHRUN=1 exec llamafactory-cli train job.yaml\n";
  }
  return s;
}

std::string readme(const Plan& p, const std::string& yamlText) {
  const RunConfig& c = p.config;
  const ojson& y = p.job.yaml;
  const int64_t perDevice = c.batchSize, accumulation = y.value("gradient_accumulation_steps", int64_t{1});
  std::string parallel;
  switch (p.options.parallel) {
    case ClusterParallel::Ddp: parallel = "data parallel (DDP): every GPU holds the whole model"; break;
    case ClusterParallel::Zero2: parallel = "DeepSpeed ZeRO-2 (ds_z2_config.json): optimizer state and gradients sharded across GPUs"; break;
    case ClusterParallel::Zero3: parallel = "DeepSpeed ZeRO-3 (ds_z3_config.json): parameters, gradients and optimizer state sharded"; break;
    case ClusterParallel::Zero3Offload:
      parallel = "DeepSpeed ZeRO-3 with parameters and optimizer state offloaded to CPU memory (ds_z3_offload_config.json)";
      break;
    case ClusterParallel::Fsdp: parallel = "PyTorch FSDP through accelerate (fsdp_config.yaml)"; break;
  }
  std::string r = "# LLaMA-Factory job: " + c.sourceFile.filename().string() + "\n\n";
  r += "Written by PeftDesk from `" + c.sourceFile.string() + "` for LLaMA-Factory " + kLlamaFactoryVersion + ", " +
       std::to_string(p.options.nodes) + " node(s) × " + std::to_string(p.options.gpusPerNode) + " GPU(s), " + parallel + ".\n\n";
  r += "## Files\n\n"
       "- `job.yaml`: the training configuration (`llamafactory-cli train job.yaml`).\n"
       "- `data/`: `dataset_info.json` and the data files it names.\n";
  if (!y["adapter_name_or_path"].is_null()) r += "- `init_adapter/`: the LoRA adapter this run continues.\n";
  if (const char* ds = deepSpeedFile(p.options.parallel)) r += std::string("- `") + ds + "`: the DeepSpeed configuration.\n";
  if (p.options.parallel == ClusterParallel::Fsdp) r += "- `fsdp_config.yaml`: the accelerate configuration for FSDP.\n";
  r += "- `launch.sh`: starts the run on this node.\n"
       "- `peftdesk_run.json`: the RUN.json this job was made from, every default filled in.\n\n";
  r += "## On the cluster\n\n"
       "```\n"
       "pip install llamafactory==" + std::string(kLlamaFactoryVersion) + "  # with the torch of your CUDA\n";
  if (!y["quantization_bit"].is_null() || c.optim != "adamw_torch") r += "pip install bitsandbytes  # 4-bit base or 8-bit / paged optimizer\n";
  if (deepSpeedFile(p.options.parallel)) r += "pip install deepspeed==0.18.4  # LLaMA-Factory 0.9.5 accepts up to 0.18.4\n";
  r += "```\n\n";
  if (p.options.nodes == 1) {
    r += "Run `./launch.sh` on the machine with the " + std::to_string(p.options.gpusPerNode) + " GPU(s).\n\n";
  } else {
    r += "On each of the " + std::to_string(p.options.nodes) + " nodes, with this folder at the same path (a shared file system):\n\n"
         "```\n"
         "NNODES=" + std::to_string(p.options.nodes) + " NODE_RANK=<0.." + std::to_string(p.options.nodes - 1) +
         "> MASTER_ADDR=<address of node 0> MASTER_PORT=29500 ./launch.sh\n"
         "```\n\n";
  }
  r += "The model is `" + y["model_name_or_path"].get<std::string>() + "`; if the cluster keeps it elsewhere, edit `model_name_or_path`.\n\n";
  r += "## The batch\n\n"
       "Per-device batch " + std::to_string(perDevice) + " × accumulation " + std::to_string(accumulation) + " × " +
       std::to_string(p.job.worldSize) + " GPU(s) = " + std::to_string(perDevice * accumulation * p.job.worldSize) +
       " examples per optimizer step, as the RUN.json's " + std::to_string(c.batchSize) + " × " + std::to_string(c.gradAccumSteps) +
       " on one device: steps, warm-up, evaluation and saving fall on the same optimizer steps. `launch.sh` refuses another GPU count.\n\n";
  r += "## What differs from a PeftDesk run\n\n";
  for (const auto& n : p.job.notes) r += "- " + n + "\n";
  r += "\n## The way back\n\n"
       "The run is written to `output/` (adapter, `trainer_state.json`, `trainer_log.jsonl`, `all_results.json`, and the `job.yaml` "
       "that launch.sh copies there). Copy that folder back to the workstation.\n\n";
  r += "## job.yaml\n\n```yaml\n" + yamlText + "```\n";
  return r;
}

}  // namespace

void planLaunchFiles(Plan& p) {
  // LLaMA-Factory's examples: long first steps (model loading) must not time out.
  p.job.yaml["ddp_timeout"] = 180000000;
  if (const char* ds = deepSpeedFile(p.options.parallel)) {
    p.job.yaml["deepspeed"] = ds;
    p.job.files.push_back({ds, deepSpeedConfig(p.options.parallel).dump(2) + "\n"});
  }
  if (p.options.parallel == ClusterParallel::Fsdp) p.job.files.push_back({"fsdp_config.yaml", fsdpConfig(p)});
  const std::string yamlText = writeYaml(p.job.yaml, "LLaMA-Factory " + std::string(kLlamaFactoryVersion) + " training configuration, written by PeftDesk from " +
                                                         p.config.sourceFile.filename().string() + " (README.md says what differs)");
  p.job.files.push_back({"job.yaml", yamlText});
  p.job.files.push_back({"launch.sh", launchScript(p), {}, true});
  p.job.files.push_back({"README.md", readme(p, yamlText)});
  p.job.files.push_back({"peftdesk_run.json", p.config.resolved.dump(2) + "\n"});
}

}  // namespace lfjob

namespace fs = std::filesystem;

void writeClusterJob(const ClusterJob& job, const fs::path& outDir) {
  checkOutputFolder(outDir);
  StagingFolder staging(outDir);
  for (const auto& f : job.files) {
    const fs::path target = staging.path() / f.path;
    fs::create_directories(target.parent_path());
    try {
      if (!f.copyFrom.empty()) {
        fs::copy_file(f.copyFrom, target);
      } else {
        std::ofstream out(target, std::ios::binary);
        out << f.content;
        if (!out.good()) throw Error(ErrorCategory::Io, "could not write", {target.string()});
      }
      if (f.executable)
        fs::permissions(target, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec, fs::perm_options::add);
    } catch (const fs::filesystem_error& e) {
      throw Error(ErrorCategory::Io, std::string("could not write the job: ") + e.code().message(),
                  {(f.copyFrom.empty() ? target : f.copyFrom).string()});
    }
  }
  staging.moveTo(outDir);
}

}  // namespace peftdesk
