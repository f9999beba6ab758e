// The GUI's side of core's one exception -> message function (peftdesk::errorMessage, which the
// CLI prints too): the same line, as a QString. Every catch boundary in ui/ goes through it.
#pragma once

#include <QString>
#include <exception>

#include "peftdesk/error.h"

namespace peftdesk::ui {

inline QString errorText(const std::exception& e) { return QString::fromStdString(errorMessage(e)); }
inline QString errorText(const std::exception_ptr& e) { return QString::fromStdString(errorMessage(e)); }
// Whether the exception is core's Cancelled error (a stop the user asked for, not a failure).
inline bool isCancelled(const std::exception_ptr& e) {
  try {
    if (e) std::rethrow_exception(e);
  } catch (const Error& err) {
    return err.category() == ErrorCategory::Cancelled;
  } catch (...) {
  }
  return false;
}

}  // namespace peftdesk::ui
