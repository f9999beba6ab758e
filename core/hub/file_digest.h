// The two digests the Hugging Face Hub names files by: an LFS file's ETag is the SHA-256 of its
// bytes; a small (git) file's ETag is its git blob id, SHA-1 of "blob <size>\0" + the bytes. A
// downloaded file is checked against the one its ETag has. OpenSSL's EVP digests, read in 1 MiB
// pieces. Private to core/hub.
#pragma once

#include <atomic>
#include <filesystem>
#include <string>

namespace peftdesk::hub {

enum class EtagKind { Sha256, GitSha1, Other };

// A 64-hex ETag is a SHA-256, a 40-hex one a git blob id; anything else is not checkable here.
EtagKind etagKind(const std::string& etag);

// Lower-case hex digest of `file` as `kind` names it (Other: empty). Throws peftdesk::Error (Io)
// naming the file when it cannot be read; returns early with an empty string when `cancel` is set.
std::string fileDigest(const std::filesystem::path& file, EtagKind kind, const std::atomic<bool>* cancel = nullptr);

}  // namespace peftdesk::hub
