// Writing an output folder safely: refuse a non-empty target, write everything into a hidden
// sibling folder, rename it into place at the end; a failure (exception) removes the sibling.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "peftdesk/error.h"

namespace peftdesk {

// Temporary folder next to `out`, removed on destruction unless released.
class StagingFolder {
 public:
  explicit StagingFolder(const std::filesystem::path& out) {
    std::random_device rd;
    path_ = out.parent_path() / ("." + out.filename().string() + ".partial-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~StagingFolder() {
    std::error_code ec;
    if (!released_) std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  void moveTo(const std::filesystem::path& out) {
    std::error_code ec;
    if (std::filesystem::exists(out)) std::filesystem::remove(out, ec);  // an empty folder (checked by the caller)
    std::filesystem::rename(path_, out);
    released_ = true;
  }

 private:
  std::filesystem::path path_;
  bool released_ = false;
};

inline void checkOutputFolder(const std::filesystem::path& out) {
  if (out.empty()) throw Error(ErrorCategory::Argument, "no output folder given");
  if (std::filesystem::exists(out) && (!std::filesystem::is_directory(out) || !std::filesystem::is_empty(out))) {
    throw Error(ErrorCategory::Argument, "output folder exists and is not empty; refusing to overwrite it (choose another folder or remove it)",
                {out.string()});
  }
  std::filesystem::create_directories(out.parent_path().empty() ? std::filesystem::path(".") : out.parent_path());
}

// Files of a model folder that travel with exported weights (generation defaults, tokenizer,
// chat template). Copies those present from `from` to `to`; returns their names.
inline std::vector<std::string> copyCompanionFiles(const std::filesystem::path& from, const std::filesystem::path& to) {
  static const char* kFiles[] = {"generation_config.json", "tokenizer.json",   "tokenizer.model",   "tokenizer_config.json",
                                 "special_tokens_map.json", "vocab.json",      "merges.txt",        "added_tokens.json",
                                 "chat_template.jinja"};
  std::vector<std::string> copied;
  for (const char* f : kFiles) {
    if (std::filesystem::exists(from / f)) {
      std::filesystem::copy_file(from / f, to / f);
      copied.push_back(f);
    }
  }
  return copied;
}

}  // namespace peftdesk
