// Formatting of peftdesk::Error: "FILE:LINE: field 'x': tensor 'y': message".
#include "peftdesk/error.h"

namespace peftdesk {

Error::Error(ErrorCategory category, const std::string& message, ErrorContext context)
    : std::runtime_error(format(message, context)),
      category_(category),
      message_(message),
      context_(std::move(context)) {}

std::string Error::format(const std::string& message, const ErrorContext& c) {
  std::string out;
  if (!c.file.empty()) {
    out += c.file;
    if (c.line >= 0) out += ":" + std::to_string(c.line);
    if (c.byteOffset >= 0) out += " (byte " + std::to_string(c.byteOffset) + ")";
    out += ": ";
  }
  if (!c.field.empty()) out += "field '" + c.field + "': ";
  if (!c.tensor.empty()) out += "tensor '" + c.tensor + "': ";
  out += message;
  return out;
}

const char* categoryName(ErrorCategory category) {
  switch (category) {
    case ErrorCategory::Io: return "io";
    case ErrorCategory::Format: return "format";
    case ErrorCategory::Config: return "config";
    case ErrorCategory::Unsupported: return "unsupported";
    case ErrorCategory::Argument: return "argument";
    case ErrorCategory::Runtime: return "runtime";
    case ErrorCategory::Cancelled: return "cancelled";
  }
  return "unknown";
}

}  // namespace peftdesk
