// A GGUF v3 file (llama.cpp's model format) written from C++, without ggml: the header, typed
// key-value pairs, tensor infos with offsets as the running sum of 32-byte-aligned sizes (llama.cpp
// refuses gaps), then the tensor bytes, each produced only when it is written so that a model is
// never held twice in memory. Layout and rules: docs/notes/gguf-export-study.md §1. Torch-free.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace peftdesk::gguf {

// GGUF's value types (gguf-py constants.GGUFValueType).
enum class ValueType : uint32_t { U8 = 0, I8 = 1, U16 = 2, I16 = 3, U32 = 4, I32 = 5, F32 = 6, Bool = 7, String = 8, Array = 9, U64 = 10, I64 = 11, F64 = 12 };
// The ggml tensor types written here (ggml_type ids) with their block sizes.
enum class TensorType : uint32_t { F32 = 0, F16 = 1, Q8_0 = 8, BF16 = 30 };
const char* tensorTypeName(TensorType type);  // "F32", "F16", "Q8_0", "BF16"
int64_t blockElements(TensorType type);         // 1, or 32 for Q8_0
uint64_t tensorBytes(TensorType type, int64_t elements);

struct KeyValue {
  std::string key;
  ValueType type;
  ValueType elementType = ValueType::U8;  // arrays
  std::string encoded;                    // the value's bytes as the file holds them (after the type)
};

struct TensorInfo {
  std::string name;                        // < 64 bytes, unique
  std::vector<int64_t> shape;              // PyTorch order ([out, in]); written reversed (ggml order)
  TensorType type;
  std::function<std::string()> bytes;      // produces exactly tensorBytes(type, numel) bytes
};

class Writer {
 public:
  void addU32(const std::string& key, uint32_t v);
  void addI32(const std::string& key, int32_t v);
  void addF32(const std::string& key, float v);
  void addBool(const std::string& key, bool v);
  void addString(const std::string& key, const std::string& v);
  void addStringArray(const std::string& key, const std::vector<std::string>& v);
  void addF32Array(const std::string& key, const std::vector<float>& v);
  void addI32Array(const std::string& key, const std::vector<int32_t>& v);
  void addBoolArray(const std::string& key, const std::vector<bool>& v);
  void addTensor(TensorInfo tensor);
  // Replaces an existing key's value where it stands, or appends the key: gguf-py's writer keeps a
  // key's first position when a model class sets it again (e.g. add_bos_token for a 49152 vocab).
  void setBool(const std::string& key, bool v);
  void setU32(const std::string& key, uint32_t v);
  void setF32(const std::string& key, float v);

  const std::vector<KeyValue>& keys() const { return keys_; }
  const std::vector<TensorInfo>& tensors() const { return tensors_; }
  bool hasKey(const std::string& key) const;

  // Writes the file atomically (a temporary file renamed into place). Throws peftdesk::Error
  // (Io) naming the file, (Runtime) when a tensor produced the wrong number of bytes, or
  // (Cancelled) when `cancel` is set between two tensors — nothing is left at `file` then.
  void write(const std::filesystem::path& file, const std::atomic<bool>* cancel = nullptr) const;

 private:
  void add(KeyValue kv);
  void set(KeyValue kv);
  std::vector<KeyValue> keys_;
  std::vector<TensorInfo> tensors_;
};

}  // namespace peftdesk::gguf
