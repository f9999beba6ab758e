// The model card written into an export (README.md): what was exported (adapter or merged
// model), the base, the method's configuration, the training data and settings and the results
// when the adapter came from a run folder, and how to load it with PEFT / transformers. Hugging
// Face front matter (base_model, library_name, tags) so the hub and tools recognise it.
// Torch-free; reads only JSON files.
#pragma once

#include <filesystem>
#include <string>

namespace peftdesk {

struct ModelCardInput {
  std::filesystem::path baseDir;      // the base model folder
  std::filesystem::path adapterDir;   // the adapter exported (its run folder, if any, is its parent)
  std::string title;                  // heading; default: the run or adapter folder name
  bool merged = false;
  std::string mergedDtype;            // "bf16", ... (merged)
  bool mergeChecked = false;          // the merge check ran (the export refuses a failing one)
};

std::string modelCard(const ModelCardInput& input);

}  // namespace peftdesk
