// Atomic file writes: write to a temporary file in the same folder, fsync it, rename it over the
// target, fsync the folder. A crash at any moment leaves either the old file or the new one.
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>

namespace peftdesk {

// Calls `writer` with a FILE* open on a temporary file next to `path`; on success renames it
// into place. Throws peftdesk::Error (category Io) naming `path` on any failure; the temporary
// file is removed and the previous `path` is untouched.
void writeFileAtomically(const std::filesystem::path& path,
                         const std::function<void(std::FILE*)>& writer);
void writeFileAtomically(const std::filesystem::path& path, std::string_view content);

}  // namespace peftdesk
