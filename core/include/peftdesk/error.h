// The one error type core throws. It carries a category (so callers can react without parsing
// text), an English message, and where the problem is (file, line, field, tensor) so that every
// message the user sees names the file and the problem in one line.
#pragma once

#include <cstdint>
#include <exception>
#include <stdexcept>
#include <string>

namespace peftdesk {

enum class ErrorCategory {
  Io,           // file missing, unreadable, write failed
  Format,       // a file exists but its content is malformed
  Config,       // a configuration value is missing, wrong type or out of range
  Unsupported,  // valid input we do not handle (architecture, dtype, ...)
  Argument,     // bad command-line / API argument
  Runtime,      // anything else that went wrong while computing
  Cancelled,    // the user asked to stop
};

struct ErrorContext {
  std::string file;
  int64_t line = -1;   // 1-based line (text files) or -1
  int64_t byteOffset = -1;
  std::string field;   // JSON key path or config field
  std::string tensor;  // tensor name
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCategory category, const std::string& message, ErrorContext context = {});

  ErrorCategory category() const { return category_; }
  const std::string& message() const { return message_; }
  const ErrorContext& context() const { return context_; }

 private:
  static std::string format(const std::string& message, const ErrorContext& context);
  ErrorCategory category_;
  std::string message_;
  ErrorContext context_;
};

const char* categoryName(ErrorCategory category);

// The one exception -> message function of the GUI and the CLI: one line for a person. Ours as
// formatted (file, line, field, tensor); running out of RAM named as such; anyone else's first
// line, trimmed (LibTorch appends a C++ backtrace to its text, other libraries add detail lines).
std::string errorMessage(const std::exception& e);
std::string errorMessage(const std::exception_ptr& e);  // for catch (...) and errors kept for later

}  // namespace peftdesk
