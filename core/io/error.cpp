// Formatting of peftdesk::Error: "FILE:LINE: field 'x': tensor 'y': message".
#include "peftdesk/error.h"

#include <new>

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

namespace {

std::string firstLine(const char* text) {
  std::string s = text ? text : "";
  s = s.substr(0, s.find('\n'));
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s.empty() ? std::string("an error without a description") : s;
}

}  // namespace

std::string errorMessage(const std::exception& e) {
  if (dynamic_cast<const Error*>(&e)) return e.what();
  if (dynamic_cast<const std::bad_alloc*>(&e))
    return "out of memory (RAM): close other programs, or use a smaller model, a 4-bit base or shorter inputs";
  return firstLine(e.what());
}

std::string errorMessage(const std::exception_ptr& e) {
  if (!e) return "an error without a description";
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return errorMessage(ex);
  } catch (...) {
    return "an error without a description";
  }
}

}  // namespace peftdesk
