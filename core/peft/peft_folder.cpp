// See peft_folder.h.
#include "peftdesk/peft_folder.h"

#include <cmath>

#include "peftdesk/error.h"
#include "peftdesk/safetensors.h"

namespace peftdesk::peft_folder {

namespace fs = std::filesystem;

bool hasKeyPrefix(const std::string& key) { return key.rfind(kKeyPrefix, 0) == 0; }

std::string withoutKeyPrefix(const std::string& key) { return hasKeyPrefix(key) ? key.substr(std::string(kKeyPrefix).size()) : key; }

bool isAdapterFolder(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / kConfigFile, ec);
}

fs::path configFile(const fs::path& dir) { return dir / kConfigFile; }

std::shared_ptr<SafetensorsFile> openWeightsRefusingPickle(const fs::path& dir, const char* weightsFile, const char* pickleFile,
                                                           const std::string& resave, const std::string& expected) {
  const fs::path file = dir / weightsFile;
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    const bool pickle = fs::exists(dir / pickleFile, ec);
    throw Error(ErrorCategory::Io,
                pickle ? std::string("only ") + pickleFile + " found: pickle files are refused (loading them can run code); " + resave
                       : std::string(weightsFile) + " not found (" + expected + ")",
                {file.string()});
  }
  return SafetensorsFile::open(file);
}

std::shared_ptr<SafetensorsFile> openWeights(const fs::path& dir) {
  return openWeightsRefusingPickle(dir, kWeightsFile, kPickleWeightsFile, "re-save with safe_serialization=True", "a PEFT adapter folder?");
}

double loraScaling(double alpha, int64_t r, bool rslora) {
  const double rank = static_cast<double>(r);
  return rslora ? alpha / std::sqrt(rank) : alpha / rank;
}

}  // namespace peftdesk::peft_folder
