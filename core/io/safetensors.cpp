// See safetensors.h. Validation rules mirror safetensors' Rust Metadata::validate.
#include "peftdesk/safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>

#include "peftdesk/atomic_file.h"
#include "peftdesk/error.h"

namespace peftdesk {
namespace {

struct DTypeRow {
  DType dtype;
  const char* name;
  size_t size;
  int writeRank;  // order used by the canonical writer: larger first
};

// writeRank follows the Rust enum order BOOL < ... < U64 (spec §1.1).
constexpr DTypeRow kDTypes[] = {
    {DType::Bool, "BOOL", 1, 0},   {DType::U8, "U8", 1, 4},        {DType::I8, "I8", 1, 5},
    {DType::F8_E5M2, "F8_E5M2", 1, 6}, {DType::F8_E4M3, "F8_E4M3", 1, 7}, {DType::I16, "I16", 2, 11},
    {DType::U16, "U16", 2, 12},    {DType::F16, "F16", 2, 13},     {DType::BF16, "BF16", 2, 14},
    {DType::I32, "I32", 4, 15},    {DType::U32, "U32", 4, 16},     {DType::F32, "F32", 4, 17},
    {DType::F64, "F64", 8, 19},    {DType::I64, "I64", 8, 20},     {DType::U64, "U64", 8, 21},
};

const DTypeRow& row(DType d) {
  for (const auto& r : kDTypes)
    if (r.dtype == d) return r;
  return kDTypes[0];
}

constexpr uint64_t kMaxHeaderBytes = 100'000'000;

}  // namespace

const char* dtypeName(DType d) { return row(d).name; }
size_t dtypeSize(DType d) { return row(d).size; }
bool parseDType(std::string_view name, DType* out) {
  for (const auto& r : kDTypes) {
    if (name == r.name) {
      *out = r.dtype;
      return true;
    }
  }
  return false;
}

int64_t TensorInfo::numel() const {
  int64_t n = 1;
  for (auto d : shape) n *= d;
  return n;
}

std::shared_ptr<SafetensorsFile> SafetensorsFile::open(const std::filesystem::path& path) {
  std::shared_ptr<SafetensorsFile> f(new SafetensorsFile());
  f->path_ = path;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw Error(ErrorCategory::Io, std::string(errno == ENOENT ? "file not found" : "cannot open file: ") +
                                       (errno == ENOENT ? "" : std::strerror(errno)),
                {path.string()});
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    throw Error(ErrorCategory::Io, "cannot stat file", {path.string()});
  }
  f->size_ = static_cast<uint64_t>(st.st_size);
  if (f->size_ > 0) {
    // MAP_PRIVATE + writable: tensors viewing this memory can never modify the file.
    void* p = ::mmap(nullptr, f->size_, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      ::close(fd);
      throw Error(ErrorCategory::Io, std::string("cannot map file: ") + std::strerror(errno), {path.string()});
    }
    f->base_ = static_cast<const uint8_t*>(p);
    f->mapped_ = true;
  }
  ::close(fd);
  f->parse();
  return f;
}

std::shared_ptr<SafetensorsFile> SafetensorsFile::fromMemory(const uint8_t* bytes, size_t size, std::string sourceName) {
  std::shared_ptr<SafetensorsFile> f(new SafetensorsFile());
  f->path_ = std::move(sourceName);
  f->base_ = bytes;
  f->size_ = size;
  f->parse();
  return f;
}

SafetensorsFile::~SafetensorsFile() {
  if (mapped_) ::munmap(const_cast<uint8_t*>(base_), size_);
}

void SafetensorsFile::parse() {
  const std::string file = path_.string();
  auto fail = [&](const std::string& msg, const std::string& tensor = {}, int64_t offset = -1) {
    ErrorContext ctx{file};
    ctx.tensor = tensor;
    ctx.byteOffset = offset;
    throw Error(ErrorCategory::Format, "invalid safetensors file: " + msg, ctx);
  };
  if (size_ < 8) fail("file is " + std::to_string(size_) + " bytes, shorter than the 8-byte header length");
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | base_[i];
  if (n > kMaxHeaderBytes) fail("header length " + std::to_string(n) + " exceeds the 100000000-byte limit");
  if (n > size_ - 8) {
    fail("header length " + std::to_string(n) + " runs past the end of the file (" + std::to_string(size_) +
         " bytes); the file is truncated or not safetensors");
  }
  const std::string headerText(reinterpret_cast<const char*>(base_ + 8), n);
  nlohmann::json header;
  try {
    header = nlohmann::json::parse(headerText);
  } catch (const nlohmann::json::exception& e) {
    fail(std::string("header is not valid JSON: ") + e.what(), {}, 8);
  }
  if (!header.is_object()) fail("header is not a JSON object", {}, 8);
  dataStart_ = base_ + 8 + n;
  const uint64_t dataSize = size_ - 8 - n;

  // nlohmann keeps the last of duplicate keys silently; detect duplicates with a raw key scan is
  // costly, so count object members against distinct keys via the SAX-free re-parse below.
  {
    size_t members = 0;
    int depth = 0;
    bool inString = false, escape = false, expectKey = false;
    for (char c : headerText) {
      if (inString) {
        if (escape) escape = false;
        else if (c == '\\') escape = true;
        else if (c == '"') inString = false;
        continue;
      }
      if (c == '"') {
        if (depth == 1 && expectKey) ++members;
        expectKey = false;
        inString = true;
      } else if (c == '{' || c == '[') {
        ++depth;
        if (depth == 1) expectKey = true;
      } else if (c == '}' || c == ']') {
        --depth;
      } else if (c == ',' && depth == 1) {
        expectKey = true;
      }
    }
    if (members != header.size()) fail("header contains duplicate keys");
  }

  for (auto it = header.begin(); it != header.end(); ++it) {
    const std::string& name = it.key();
    const auto& v = it.value();
    if (name == "__metadata__") {
      if (!v.is_object()) fail("__metadata__ is not an object");
      for (auto m = v.begin(); m != v.end(); ++m) {
        if (!m.value().is_string()) fail("__metadata__ value for '" + m.key() + "' is not a string");
        metadata_[m.key()] = m.value().get<std::string>();
      }
      continue;
    }
    if (!v.is_object()) fail("entry is not an object", name);
    TensorInfo info;
    info.name = name;
    const auto dt = v.find("dtype");
    if (dt == v.end() || !dt->is_string()) fail("missing or non-string 'dtype'", name);
    if (!parseDType(dt->get<std::string>(), &info.dtype)) fail("unknown dtype '" + dt->get<std::string>() + "'", name);
    const auto sh = v.find("shape");
    if (sh == v.end() || !sh->is_array()) fail("missing or non-array 'shape'", name);
    unsigned __int128 elements = 1;
    for (const auto& d : *sh) {
      if (!d.is_number_unsigned()) fail("shape entries must be non-negative integers", name);
      const uint64_t dim = d.get<uint64_t>();
      if (dim > (uint64_t{1} << 62)) fail("shape dimension too large", name);
      info.shape.push_back(static_cast<int64_t>(dim));
      elements *= dim;
      if (elements > (static_cast<unsigned __int128>(1) << 62)) fail("shape has too many elements", name);
    }
    const auto off = v.find("data_offsets");
    if (off == v.end() || !off->is_array() || off->size() != 2 || !(*off)[0].is_number_unsigned() ||
        !(*off)[1].is_number_unsigned()) {
      fail("'data_offsets' must be two non-negative integers", name);
    }
    info.begin = (*off)[0].get<uint64_t>();
    info.end = (*off)[1].get<uint64_t>();
    if (info.end < info.begin) fail("data_offsets end < begin", name);
    const unsigned __int128 expected = elements * dtypeSize(info.dtype);
    if (expected != info.end - info.begin) {
      fail("shape x dtype is " + std::to_string(static_cast<uint64_t>(expected)) + " bytes but data_offsets span " +
               std::to_string(info.end - info.begin),
           name);
    }
    tensors_.push_back(std::move(info));
  }

  std::vector<const TensorInfo*> byOffset;
  for (const auto& t : tensors_) byOffset.push_back(&t);
  std::sort(byOffset.begin(), byOffset.end(), [](const TensorInfo* a, const TensorInfo* b) {
    return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
  });
  uint64_t cursor = 0;
  for (const TensorInfo* t : byOffset) {
    if (t->begin != cursor) {
      fail(t->begin > cursor ? "hole in the data buffer before this tensor (offset " + std::to_string(t->begin) +
                                   ", expected " + std::to_string(cursor) + ")"
                             : "data overlaps the previous tensor (offset " + std::to_string(t->begin) + " < " +
                                   std::to_string(cursor) + ")",
           t->name);
    }
    cursor = t->end;
  }
  if (cursor != dataSize) {
    fail(cursor > dataSize ? "tensor data runs past the end of the file (needs " + std::to_string(cursor) +
                                 " bytes, file has " + std::to_string(dataSize) + "); the file is truncated"
                           : "file has " + std::to_string(dataSize - cursor) + " trailing bytes after the last tensor");
  }
  std::sort(tensors_.begin(), tensors_.end(), [](const TensorInfo& a, const TensorInfo& b) { return a.name < b.name; });
}

void SafetensorsFile::releasePages(const TensorInfo& info) const {
  if (!mapped_) return;
  const uintptr_t page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  const uintptr_t begin = reinterpret_cast<uintptr_t>(dataStart_ + info.begin);
  const uintptr_t end = reinterpret_cast<uintptr_t>(dataStart_ + info.end);
  const uintptr_t first = (begin + page - 1) / page * page, last = end / page * page;
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}

const TensorInfo* SafetensorsFile::find(std::string_view name) const {
  auto it = std::lower_bound(tensors_.begin(), tensors_.end(), name,
                             [](const TensorInfo& t, std::string_view n) { return t.name < n; });
  return (it != tensors_.end() && it->name == name) ? &*it : nullptr;
}

const TensorInfo& SafetensorsFile::at(std::string_view name) const {
  if (const TensorInfo* t = find(name)) return *t;
  throw Error(ErrorCategory::Format, "tensor not found in file", {path_.string(), -1, -1, {}, std::string(name)});
}

std::string safetensorsHeader(std::vector<TensorBytes>& tensors, const std::map<std::string, std::string>& metadata) {
  std::stable_sort(tensors.begin(), tensors.end(), [](const TensorBytes& a, const TensorBytes& b) {
    const int ra = row(a.dtype).writeRank, rb = row(b.dtype).writeRank;
    return ra != rb ? ra > rb : a.name < b.name;
  });
  // Build the compact JSON by hand: key order (__metadata__, then tensors by offset; dtype,
  // shape, data_offsets) is part of the byte-exact contract and nlohmann's map would sort keys.
  auto quote = [](const std::string& s) { return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict); };
  std::string h = "{";
  bool first = true;
  if (!metadata.empty()) {
    h += "\"__metadata__\":{";
    bool firstMeta = true;
    for (const auto& [k, v] : metadata) {
      if (!firstMeta) h += ",";
      h += quote(k) + ":" + quote(v);
      firstMeta = false;
    }
    h += "}";
    first = false;
  }
  uint64_t offset = 0;
  for (const auto& t : tensors) {
    if (!first) h += ",";
    first = false;
    h += quote(t.name) + ":{\"dtype\":\"" + dtypeName(t.dtype) + "\",\"shape\":[";
    for (size_t i = 0; i < t.shape.size(); ++i) h += (i ? "," : "") + std::to_string(t.shape[i]);
    h += "],\"data_offsets\":[" + std::to_string(offset) + "," + std::to_string(offset + t.byteSize) + "]}";
    offset += t.byteSize;
  }
  h += "}";
  h.append((8 - h.size() % 8) % 8, ' ');
  return h;
}

void writeSafetensors(const std::filesystem::path& path, std::vector<TensorBytes> tensors,
                      const std::map<std::string, std::string>& metadata) {
  std::set<std::string> names;
  for (const auto& t : tensors) {
    if (!names.insert(t.name).second) {
      throw Error(ErrorCategory::Argument, "duplicate tensor name", {path.string(), -1, -1, {}, t.name});
    }
    int64_t numel = 1;
    for (auto d : t.shape) {
      if (d < 0) throw Error(ErrorCategory::Argument, "negative dimension", {path.string(), -1, -1, {}, t.name});
      numel *= d;
    }
    if (static_cast<size_t>(numel) * dtypeSize(t.dtype) != t.byteSize) {
      throw Error(ErrorCategory::Argument, "byte size does not match shape x dtype", {path.string(), -1, -1, {}, t.name});
    }
  }
  const std::string header = safetensorsHeader(tensors, metadata);
  writeFileAtomically(path, [&](std::FILE* f) {
    uint8_t len[8];
    uint64_t n = header.size();
    for (int i = 0; i < 8; ++i) len[i] = static_cast<uint8_t>(n >> (8 * i));
    bool ok = std::fwrite(len, 1, 8, f) == 8 && std::fwrite(header.data(), 1, header.size(), f) == header.size();
    for (const auto& t : tensors) {
      if (ok && t.byteSize) ok = std::fwrite(t.data, 1, t.byteSize, f) == t.byteSize;
    }
    if (!ok) throw Error(ErrorCategory::Io, std::string("write failed: ") + std::strerror(errno), {path.string()});
  });
}

}  // namespace peftdesk
