// Raw records of a dataset file with where each one starts: JSON arrays (the array is scanned
// element by element, so one broken element is reported with its line and the others still
// load), JSON Lines, CSV (RFC 4180: quoted fields, "" escapes, multi-line fields, header row) and
// plain text (one record {"text": line} per non-empty line). No LibTorch, no Qt.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace peftdesk {

struct RawRecord {
  nlohmann::json value;   // the record (objects for every well-formed record)
  int64_t line = 0;       // 1-based line where the record starts
  int64_t index = 0;      // 0-based position in the file
  std::string error;      // non-empty: the record could not be read (syntax), and why
};

// Throws peftdesk::Error (Io / Format) for a missing or unreadable file, an unknown extension,
// an empty file, or a file that is not a JSON array / JSON Lines / CSV at all.
std::vector<RawRecord> readRecords(const std::filesystem::path& file);

}  // namespace peftdesk
