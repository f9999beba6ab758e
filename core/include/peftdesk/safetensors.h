// safetensors files: a validating, memory-mapped reader and a canonical, atomic writer.
// Torch-free on purpose (the CLI, the GUI and the fuzz target use it without LibTorch);
// core/model/tensor_bridge turns entries into at::Tensor views.
//
// The reader enforces every rule of the format (spec/peft-interop.md §1.1): header size cap,
// JSON object, known dtypes, offsets contiguous from 0 with no holes or overlaps, byte counts
// equal to shape x element size, file length exact. The writer produces the same bytes as
// safetensors.torch.save_file (dtype-descending then name order, compact header, space padding).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace peftdesk {

enum class DType { Bool, U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64 };

const char* dtypeName(DType dtype);           // "F32", ...
bool parseDType(std::string_view name, DType* out);
size_t dtypeSize(DType dtype);                // bytes per element

struct TensorInfo {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  uint64_t begin = 0;  // relative to the data buffer
  uint64_t end = 0;
  int64_t numel() const;
};

class SafetensorsFile {
 public:
  // Maps the file and validates the header. Throws peftdesk::Error naming the file.
  static std::shared_ptr<SafetensorsFile> open(const std::filesystem::path& path);
  // Validates an in-memory file image (used by the fuzz target and tests); `bytes` must outlive it.
  static std::shared_ptr<SafetensorsFile> fromMemory(const uint8_t* bytes, size_t size, std::string sourceName);
  ~SafetensorsFile();
  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;

  const std::filesystem::path& path() const { return path_; }
  const std::vector<TensorInfo>& tensors() const { return tensors_; }  // in name order
  const TensorInfo* find(std::string_view name) const;
  const TensorInfo& at(std::string_view name) const;  // throws naming file + tensor
  const std::map<std::string, std::string>& metadata() const { return metadata_; }
  // Pointer to the tensor's first byte (may be unaligned for files from other writers).
  const uint8_t* data(const TensorInfo& info) const { return dataStart_ + info.begin; }
  uint64_t fileSize() const { return size_; }
  // Drops the memory pages holding this tensor's bytes (whole pages inside its range only) once
  // nothing views them any more, e.g. after the tensor was quantized. A later access re-reads
  // the file. No-op for in-memory images.
  void releasePages(const TensorInfo& info) const;

 private:
  SafetensorsFile() = default;
  void parse();
  std::filesystem::path path_;
  const uint8_t* base_ = nullptr;
  uint64_t size_ = 0;
  bool mapped_ = false;
  const uint8_t* dataStart_ = nullptr;
  std::vector<TensorInfo> tensors_;
  std::map<std::string, std::string> metadata_;
};

// One tensor to write: raw little-endian bytes in row-major order.
struct TensorBytes {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  const void* data = nullptr;
  size_t byteSize = 0;
};

// Header text and layout exactly as safetensors' serializer produces them.
std::string safetensorsHeader(std::vector<TensorBytes>& tensorsInFileOrder,
                              const std::map<std::string, std::string>& metadata);
// Writes atomically. Throws on duplicate names or byte counts that do not match shape x dtype.
void writeSafetensors(const std::filesystem::path& path, std::vector<TensorBytes> tensors,
                      const std::map<std::string, std::string>& metadata = {{"format", "pt"}});

}  // namespace peftdesk
