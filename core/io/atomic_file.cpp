// See atomic_file.h. POSIX only (Linux is the supported platform).
#include "peftdesk/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

#include "peftdesk/error.h"

namespace peftdesk {
namespace {

std::filesystem::path temporaryNameFor(const std::filesystem::path& path) {
  std::random_device rd;
  return path.parent_path() /
         ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
}

void fsyncDirectory(const std::filesystem::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

void writeFileAtomically(const std::filesystem::path& path, const std::function<void(std::FILE*)>& writer) {
  const auto tmp = temporaryNameFor(path);
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) throw Error(ErrorCategory::Io, std::string("cannot create file: ") + std::strerror(errno), {path.string()});
  try {
    writer(f);
    if (std::fflush(f) != 0 || ::fsync(::fileno(f)) != 0) {
      throw Error(ErrorCategory::Io, std::string("write failed: ") + std::strerror(errno), {path.string()});
    }
  } catch (...) {
    std::fclose(f);
    std::filesystem::remove(tmp);
    throw;
  }
  if (std::fclose(f) != 0) {
    std::filesystem::remove(tmp);
    throw Error(ErrorCategory::Io, std::string("close failed: ") + std::strerror(errno), {path.string()});
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    std::filesystem::remove(tmp);
    throw Error(ErrorCategory::Io, std::string("cannot rename into place: ") + std::strerror(err), {path.string()});
  }
  fsyncDirectory(path.parent_path());
}

void writeFileAtomically(const std::filesystem::path& path, std::string_view content) {
  writeFileAtomically(path, [&](std::FILE* f) {
    if (!content.empty() && std::fwrite(content.data(), 1, content.size(), f) != content.size()) {
      throw Error(ErrorCategory::Io, std::string("write failed: ") + std::strerror(errno), {path.string()});
    }
  });
}

}  // namespace peftdesk
