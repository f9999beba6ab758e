// See thread_sharing.h. PEFTDESK_SET_OMP_WAIT_POLICY marks the setting as ours, so --version can
// tell PeftDesk's default from the user's choice.
#include "peftdesk/thread_sharing.h"

#include <unistd.h>

#include <cctype>
#include <cstdlib>

namespace peftdesk {
namespace {
constexpr const char* kOurs = "PEFTDESK_SET_OMP_WAIT_POLICY";
}  // namespace

void shareCoresWithOtherWork(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") != nullptr) return;
  ::setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
  ::setenv(kOurs, "1", 1);
  ::execv("/proc/self/exe", argv);
  // Not restarted (no /proc): libgomp keeps the policy it read, so say nothing we did not do. A
  // program started through a loader (ld.so, valgrind) restarts as the program alone: harmless.
  ::unsetenv("OMP_WAIT_POLICY");
  ::unsetenv(kOurs);
}

std::string ompWaitPolicyText() {
  const char* policy = std::getenv("OMP_WAIT_POLICY");
  if (policy == nullptr) return "libgomp's default (spin, then sleep)";
  std::string p = policy;
  for (char& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return p + (std::getenv(kOurs) != nullptr ? " (PeftDesk's default)" : " (OMP_WAIT_POLICY)");
}

}  // namespace peftdesk
