// See gguf_file.h. Everything little-endian; strings are a u64 length and the bytes.
#include "export/gguf/gguf_file.h"

#include <cstring>

#include "peftdesk/atomic_file.h"
#include "peftdesk/error.h"

namespace peftdesk::gguf {
namespace {

constexpr uint64_t kAlignment = 32;  // GGUF's default; general.alignment is never written
constexpr size_t kMaxNameBytes = 63;  // GGML_MAX_NAME 64, with its terminator

template <class T>
void put(std::string& out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.append(b, sizeof(T));
}
void putString(std::string& out, const std::string& s) {
  put<uint64_t>(out, s.size());
  out += s;
}
uint64_t padded(uint64_t n) { return (n + kAlignment - 1) / kAlignment * kAlignment; }

}  // namespace

const char* tensorTypeName(TensorType type) {
  switch (type) {
    case TensorType::F32: return "F32";
    case TensorType::F16: return "F16";
    case TensorType::Q8_0: return "Q8_0";
    case TensorType::BF16: return "BF16";
  }
  return "?";
}

int64_t blockElements(TensorType type) { return type == TensorType::Q8_0 ? 32 : 1; }

uint64_t tensorBytes(TensorType type, int64_t elements) {
  switch (type) {
    case TensorType::F32: return static_cast<uint64_t>(elements) * 4;
    case TensorType::F16:
    case TensorType::BF16: return static_cast<uint64_t>(elements) * 2;
    case TensorType::Q8_0: return static_cast<uint64_t>(elements / 32) * 34;  // fp16 scale + 32 int8
  }
  return 0;
}

void Writer::add(KeyValue kv) {
  if (hasKey(kv.key)) throw Error(ErrorCategory::Runtime, "GGUF key written twice: " + kv.key);
  keys_.push_back(std::move(kv));
}
void Writer::set(KeyValue kv) {
  for (auto& existing : keys_)
    if (existing.key == kv.key) {
      existing = std::move(kv);
      return;
    }
  keys_.push_back(std::move(kv));
}
bool Writer::hasKey(const std::string& key) const {
  for (const auto& kv : keys_)
    if (kv.key == key) return true;
  return false;
}

void Writer::addU32(const std::string& key, uint32_t v) {
  KeyValue kv{key, ValueType::U32};
  put(kv.encoded, v);
  add(std::move(kv));
}
void Writer::addI32(const std::string& key, int32_t v) {
  KeyValue kv{key, ValueType::I32};
  put(kv.encoded, v);
  add(std::move(kv));
}
void Writer::addF32(const std::string& key, float v) {
  KeyValue kv{key, ValueType::F32};
  put(kv.encoded, v);
  add(std::move(kv));
}
void Writer::addBool(const std::string& key, bool v) {
  KeyValue kv{key, ValueType::Bool};
  put<uint8_t>(kv.encoded, v ? 1 : 0);
  add(std::move(kv));
}
void Writer::setBool(const std::string& key, bool v) {
  KeyValue kv{key, ValueType::Bool};
  put<uint8_t>(kv.encoded, v ? 1 : 0);
  set(std::move(kv));
}
void Writer::setU32(const std::string& key, uint32_t v) {
  KeyValue kv{key, ValueType::U32};
  put(kv.encoded, v);
  set(std::move(kv));
}
void Writer::setF32(const std::string& key, float v) {
  KeyValue kv{key, ValueType::F32};
  put(kv.encoded, v);
  set(std::move(kv));
}
void Writer::addString(const std::string& key, const std::string& v) {
  KeyValue kv{key, ValueType::String};
  putString(kv.encoded, v);
  add(std::move(kv));
}
void Writer::addStringArray(const std::string& key, const std::vector<std::string>& v) {
  KeyValue kv{key, ValueType::Array, ValueType::String};
  put<uint32_t>(kv.encoded, static_cast<uint32_t>(ValueType::String));
  put<uint64_t>(kv.encoded, v.size());
  for (const auto& s : v) putString(kv.encoded, s);
  add(std::move(kv));
}
void Writer::addF32Array(const std::string& key, const std::vector<float>& v) {
  KeyValue kv{key, ValueType::Array, ValueType::F32};
  put<uint32_t>(kv.encoded, static_cast<uint32_t>(ValueType::F32));
  put<uint64_t>(kv.encoded, v.size());
  for (float f : v) put(kv.encoded, f);
  add(std::move(kv));
}
void Writer::addI32Array(const std::string& key, const std::vector<int32_t>& v) {
  KeyValue kv{key, ValueType::Array, ValueType::I32};
  put<uint32_t>(kv.encoded, static_cast<uint32_t>(ValueType::I32));
  put<uint64_t>(kv.encoded, v.size());
  for (int32_t i : v) put(kv.encoded, i);
  add(std::move(kv));
}
void Writer::addBoolArray(const std::string& key, const std::vector<bool>& v) {
  KeyValue kv{key, ValueType::Array, ValueType::Bool};
  put<uint32_t>(kv.encoded, static_cast<uint32_t>(ValueType::Bool));
  put<uint64_t>(kv.encoded, v.size());
  for (bool b : v) put<uint8_t>(kv.encoded, b ? 1 : 0);
  add(std::move(kv));
}

void Writer::addTensor(TensorInfo tensor) {
  if (tensor.name.size() > kMaxNameBytes) throw Error(ErrorCategory::Runtime, "GGUF tensor name longer than 63 bytes: " + tensor.name);
  for (const auto& t : tensors_)
    if (t.name == tensor.name) throw Error(ErrorCategory::Runtime, "GGUF tensor written twice: " + tensor.name);
  if (tensor.shape.empty() || tensor.shape.size() > 4) throw Error(ErrorCategory::Runtime, "GGUF tensor of rank 0 or > 4: " + tensor.name);
  if (tensor.shape.back() % blockElements(tensor.type) != 0)
    throw Error(ErrorCategory::Runtime, "GGUF tensor " + tensor.name + ": rows of " + std::to_string(tensor.shape.back()) + " are not whole " +
                                            tensorTypeName(tensor.type) + " blocks");
  tensors_.push_back(std::move(tensor));
}

void Writer::write(const std::filesystem::path& file, const std::atomic<bool>* cancel) const {
  std::string head;
  head += "GGUF";
  put<uint32_t>(head, 3);
  put<uint64_t>(head, tensors_.size());
  put<uint64_t>(head, keys_.size());
  for (const auto& kv : keys_) {
    putString(head, kv.key);
    put<uint32_t>(head, static_cast<uint32_t>(kv.type));
    head += kv.encoded;
  }
  uint64_t offset = 0;
  std::vector<uint64_t> sizes;
  for (const auto& t : tensors_) {
    putString(head, t.name);
    put<uint32_t>(head, static_cast<uint32_t>(t.shape.size()));
    for (auto it = t.shape.rbegin(); it != t.shape.rend(); ++it) put<uint64_t>(head, static_cast<uint64_t>(*it));  // ggml order
    put<uint32_t>(head, static_cast<uint32_t>(t.type));
    put<uint64_t>(head, offset);
    int64_t n = 1;
    for (int64_t d : t.shape) n *= d;
    sizes.push_back(tensorBytes(t.type, n));
    offset += padded(sizes.back());
  }
  head.append(padded(head.size()) - head.size(), '\0');  // the data section starts aligned
  writeFileAtomically(file, [&](std::FILE* f) {
    auto out = [&](const std::string& s) {
      if (!s.empty() && std::fwrite(s.data(), 1, s.size(), f) != s.size()) throw Error(ErrorCategory::Io, "write failed", {file.string()});
    };
    out(head);
    for (size_t i = 0; i < tensors_.size(); ++i) {
      if (cancel && cancel->load()) throw Error(ErrorCategory::Cancelled, "export cancelled");
      const std::string bytes = tensors_[i].bytes();
      if (bytes.size() != sizes[i])
        throw Error(ErrorCategory::Runtime, "GGUF tensor " + tensors_[i].name + ": " + std::to_string(bytes.size()) + " bytes, expected " +
                                                std::to_string(sizes[i]));
      out(bytes);
      out(std::string(padded(bytes.size()) - bytes.size(), '\0'));
    }
  });
}

}  // namespace peftdesk::gguf
