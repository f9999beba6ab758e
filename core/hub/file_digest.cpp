// See file_digest.h.
#include "hub/file_digest.h"

#include <openssl/evp.h>

#include <cctype>
#include <cstdio>
#include <memory>
#include <vector>

#include "io/hex.h"
#include "peftdesk/error.h"

namespace peftdesk::hub {

EtagKind etagKind(const std::string& etag) {
  for (char c : etag)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return EtagKind::Other;
  if (etag.size() == 64) return EtagKind::Sha256;
  if (etag.size() == 40) return EtagKind::GitSha1;
  return EtagKind::Other;
}

std::string fileDigest(const std::filesystem::path& file, EtagKind kind, const std::atomic<bool>* cancel) {
  if (kind == EtagKind::Other) return {};
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(file.c_str(), "rb"), &std::fclose);
  if (!in) throw Error(ErrorCategory::Io, "cannot read the downloaded file", {.file = file.string()});
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || !EVP_DigestInit_ex(ctx.get(), kind == EtagKind::Sha256 ? EVP_sha256() : EVP_sha1(), nullptr))
    throw Error(ErrorCategory::Runtime, "OpenSSL could not start a digest");
  if (kind == EtagKind::GitSha1) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) throw Error(ErrorCategory::Io, "cannot read the downloaded file: " + ec.message(), {.file = file.string()});
    const std::string prefix = "blob " + std::to_string(size);
    EVP_DigestUpdate(ctx.get(), prefix.c_str(), prefix.size() + 1);  // with its terminating NUL
  }
  std::vector<unsigned char> buffer(1u << 20);
  for (;;) {
    if (cancel && cancel->load()) return {};
    const size_t n = std::fread(buffer.data(), 1, buffer.size(), in.get());
    if (n > 0) EVP_DigestUpdate(ctx.get(), buffer.data(), n);
    if (n < buffer.size()) {
      if (std::ferror(in.get())) throw Error(ErrorCategory::Io, "read error while checking the file", {.file = file.string()});
      break;
    }
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &length);
  return toHex(digest, length);
}

}  // namespace peftdesk::hub
