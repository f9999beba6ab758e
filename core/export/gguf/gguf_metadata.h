// general.* keys shared by GGUF model and adapter files: the sampling defaults llama.cpp's converter
// takes from a folder's generation_config.json (gguf-py metadata.py). Torch-free.
#pragma once

#include <filesystem>

#include "export/gguf/gguf_file.h"

namespace peftdesk::gguf {

// general.sampling.* in gguf-py's order, each when generation_config.json has it (not null). An
// unreadable file counts as absent, as in the converter; a field of the wrong type is refused by name.
void writeSampling(const std::filesystem::path& dir, Writer& out);

}  // namespace peftdesk::gguf
