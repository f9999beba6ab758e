// bitsandbytes-compatible 4-bit blockwise quantization (NF4 / FP4) with optional double
// quantization of the absmax statistics (spec/peft-interop.md §6). Torch-free: raw buffers in,
// raw buffers out, so the CPU reference, the CUDA kernels (gpu/) and the model loader share it.
// The per-element rules (code tables, thresholds, nibble packing, absmax scaling, dynamic-map
// decoding) live in codec/include/peftdesk_codec/quant4bit_codec.h, usable from host and device.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace peftdesk::quant {

enum class QuantType { NF4, FP4 };
enum class ElementType { F32, BF16, F16 };

const char* quantTypeName(QuantType type);           // "nf4" / "fp4"
bool parseQuantType(const std::string& text, QuantType* out);
const char* elementTypeName(ElementType type);       // "float32" / "bfloat16" / "float16" (bnb's dtype strings)
bool parseElementType(const std::string& text, ElementType* out);
bool isValidBlocksize(int64_t blocksize);            // 32, 64, ..., 4096 as bitsandbytes allows

// Everything needed to dequantize, as bitsandbytes' QuantState.
struct QuantState4bit {
  QuantType type = QuantType::NF4;
  int64_t blocksize = 64;
  std::vector<int64_t> shape;         // original tensor shape
  ElementType dtype = ElementType::F32;  // dtype of the tensor at quantization time
  std::vector<float> code;            // 16-entry table (the stored quant_map)
  std::vector<float> absmax;          // fp32 [nb]; with double quant: the dequantized values
  bool doubleQuant = false;
  std::vector<uint8_t> qabsmax;       // DQ: 8-bit codes [nb]
  std::vector<float> nestedAbsmax;    // DQ: fp32 [ceil(nb / 256)]
  std::vector<float> nestedCode;      // DQ: 256-entry dynamic map (as stored / as used)
  float offset = 0;                   // DQ: mean of absmax
  int64_t nestedBlocksize = 256;
  int64_t numel() const;
  int64_t numBlocks() const;
};

struct Quantized4bit {
  std::vector<uint8_t> packed;  // ceil(n / 2) bytes, element 2k in the high nibble
  QuantState4bit state;
};

// Quantizes `n = prod(shape)` elements of `data` (row-major, of `dtype`) exactly as
// bitsandbytes.functional.quantize_4bit on the CPU: fp32 absmax per block, multiply by the fp32
// reciprocal, code by thresholds (ties to the lower code), pack. Throws peftdesk::Error on a bad
// blocksize. With doubleQuant, absmax is further quantized (blocksize 256, dynamic map, offset =
// mean) and state.absmax holds the dequantized values the model will use.
Quantized4bit quantize4bit(const void* data, ElementType dtype, const std::vector<int64_t>& shape, QuantType type,
                           int64_t blocksize, bool doubleQuant);

// The parts of quantize4bit for callers that place the data themselves (the peftdesk::quantize_4bit
// operator, which runs blocks on several threads or on a GPU):
// The state before any statistics (type, blocksize, shape, dtype, code table); throws on a bad
// blocksize or shape.
QuantState4bit stateFor4bit(const std::vector<int64_t>& shape, ElementType dtype, QuantType type, int64_t blocksize);
// Blocks [blockBegin, blockEnd) of n elements: their packed bytes (blocks start at even elements, so
// no byte is shared between blocks) and fp32 absmax.
void quantize4bitBlocks(const void* data, ElementType dtype, int64_t n, QuantType type, int64_t blocksize, int64_t blockBegin,
                        int64_t blockEnd, uint8_t* packed, float* absmax);
// Double quantization of state.absmax (bitsandbytes' offset, dynamic map, blocksize 256); afterwards
// state.absmax holds the dequantized values. Nothing happens for an empty absmax.
void doubleQuantizeAbsmax(QuantState4bit& state);

// fp32 output of n elements: code[q] * absmax[block].
void dequantize4bit(const uint8_t* packed, const QuantState4bit& state, float* out);

// The 256-entry signed dynamic map bitsandbytes uses for double quantization (float32 values of
// the pinned reference environment).
const std::vector<float>& dynamicMap();
// create_dynamic_map(signed=False), the 8-bit optimizers' map for the second moment (0 at index 0).
const std::vector<float>& dynamicMapUnsigned();

}  // namespace peftdesk::quant
