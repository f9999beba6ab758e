// fp32 values as the bytes of a GGUF tensor type, bit for bit as llama.cpp's converter (gguf-py)
// writes them: F16 and BF16 round to nearest even (BF16's NaN made quiet), Q8_0 blocks of 32 with
// d = amax / 127 stored as fp16 and q = round-half-away(x · (1 / d)) from the fp32 d
// (ggml quantize_row_q8_0_ref; gguf-py quants.Q8_0). Torch-free; compiled without FMA contraction.
#pragma once

#include <cstdint>
#include <string>

#include "export/gguf/gguf_file.h"

namespace peftdesk::gguf {

// `n` values, a whole number of blocks for Q8_0.
std::string encode(const float* values, int64_t n, TensorType type);

}  // namespace peftdesk::gguf
