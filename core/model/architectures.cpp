// The table of supported decoder architectures: one row per Hugging Face model_type. Each family's
// config reader lives in its own file under families/ (see docs/architectures.md); adding one =
// that file + one row here (+ its math in the decoder when new).
#include "model/families/family_common.h"

namespace peftdesk {

const std::vector<ArchitectureSpec>& architectureTable() {
  static const std::vector<ArchitectureSpec> kArchitectures = {
      families::llamaArchitecture(),   families::mistralArchitecture(),    families::qwen2Architecture(),
      families::qwen3Architecture(),   families::qwen3MoeArchitecture(), families::smollm3Architecture(),    families::gemma2Architecture(),
      families::gemma3TextArchitecture(), families::olmo2Architecture(),  families::graniteArchitecture(),
      families::phi3Architecture(),    families::gpt2Architecture(),
  };
  return kArchitectures;
}

const ArchitectureSpec* findArchitecture(const std::string& modelType) {
  for (const auto& row : architectureTable())
    if (modelType == row.modelType) return &row;
  return nullptr;
}

}  // namespace peftdesk
