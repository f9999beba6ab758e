// Display names of adapters used together on one resident base (also the names they are attached
// under): the folder name, or the run's name for a run's adapter/ folder, made unique; "base" is
// reserved for the base model. Shared by evaluation, generation and chat (and the GUI, which names
// its rows and panes before the model is loaded) so their rows agree.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace peftdesk {

// A folder as given on a command line or picked in a dialog, absolute and without "." or a
// trailing slash: "runs/a/", "runs/a" and "./runs/a" are the same folder.
inline std::filesystem::path cleanFolder(const std::filesystem::path& folder) {
  std::filesystem::path clean = std::filesystem::absolute(folder).lexically_normal();
  if (clean.filename().empty()) clean = clean.parent_path();
  return clean;
}
// Its name: "a" for all three ("." is the current folder's own name).
inline std::string folderName(const std::filesystem::path& folder) { return cleanFolder(folder).filename().string(); }

inline std::vector<std::string> adapterRowNames(const std::vector<std::filesystem::path>& adapters) {
  std::vector<std::string> names;
  std::set<std::string> used = {"base"};
  for (const std::filesystem::path& a : adapters) {
    const std::filesystem::path clean = cleanFolder(a);
    std::string n = clean.filename() == "adapter" ? clean.parent_path().filename().string() : clean.filename().string();
    for (int i = 2; used.count(n); ++i) n = clean.filename().string() + "-" + std::to_string(i);
    used.insert(n);
    names.push_back(n);
  }
  return names;
}

}  // namespace peftdesk
