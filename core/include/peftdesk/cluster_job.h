// A run handed to a distributed engine instead of our own trainer: `export-job` turns a RUN.json
// into a folder a cluster runs as it is (LLaMA-Factory 0.9.5's training YAML, its data folder, the
// DeepSpeed / FSDP configuration, a launch script and a README), keeping what is trained the same:
// every RUN.json key is either written, noted as machine-local, or refused by name — never dropped.
// The effective batch is kept across GPU counts (per-device batch kept, accumulation divided).
// No LibTorch, no Qt.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "peftdesk/run_config.h"

namespace peftdesk {

// The LLaMA-Factory release the job's files are written for (its YAML keys, launcher, examples).
inline constexpr const char* kLlamaFactoryVersion = "0.9.5";

// How the GPUs share the work: plain data parallel (DDP), DeepSpeed ZeRO-2 / ZeRO-3 / ZeRO-3 with
// optimizer and parameters offloaded to CPU memory, or PyTorch FSDP through accelerate.
enum class ClusterParallel { Ddp, Zero2, Zero3, Zero3Offload, Fsdp };
const char* clusterParallelName(ClusterParallel p);                 // "ddp", "zero2", "zero3", "zero3-offload", "fsdp"
bool parseClusterParallel(const std::string& text, ClusterParallel* out);

struct ClusterJobOptions {
  int64_t gpusPerNode = 1;
  int64_t nodes = 1;
  ClusterParallel parallel = ClusterParallel::Ddp;
  std::string modelPath;  // the model as the cluster names it (a path there or a Hub id); "" = RUN.json's model.path
};

struct ClusterJobFile {
  std::string path;                  // relative to the job folder
  std::string content;               // written as is, unless copyFrom is set
  std::filesystem::path copyFrom;    // a file copied byte for byte (data files, the adapter to continue)
  bool executable = false;
};

struct ClusterJob {
  nlohmann::ordered_json yaml;       // job.yaml, key by key, in the order written
  std::vector<ClusterJobFile> files; // everything the folder holds, job.yaml included
  std::vector<std::string> notes;    // what will differ on the other side, one line each
  std::string templateName;          // the chat template written (data.template auto resolved here)
  int64_t worldSize = 1;             // GPUs in all
};

// The job for LLaMA-Factory. Reads the data (every record is validated, as a run would) and, for
// data.template auto, the model's tokenizer. Throws peftdesk::Error (Unsupported) listing every
// RUN.json key it cannot carry, one per line with the key named, and nothing else happens.
ClusterJob planLlamaFactoryJob(const RunConfig& config, const ClusterJobOptions& options);

// Writes the folder: into a temporary sibling, renamed into place at the end, so a failure leaves
// nothing behind. `outDir` must not exist or be empty. Throws peftdesk::Error (Io / Argument).
void writeClusterJob(const ClusterJob& job, const std::filesystem::path& outDir);

}  // namespace peftdesk
