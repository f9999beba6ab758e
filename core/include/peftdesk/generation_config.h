// Generation defaults of a model folder: stop (EOS) ids from generation_config.json, falling
// back to config.json; the list form (Llama-3, Qwen2.5) is honoured.
#pragma once

#include <filesystem>

#include "peftdesk/model.h"

namespace peftdesk {

GenerationOptions loadGenerationDefaults(const std::filesystem::path& modelDir);

}  // namespace peftdesk
