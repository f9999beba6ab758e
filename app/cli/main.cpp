// peftdesk-cli: headless entry point. Dispatches to the command table; this is the one catch
// boundary that turns errors into "peftdesk-cli: <reason>" on stderr and a non-zero exit code.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <new>

#include "cli/commands.h"
#include "peftdesk/allocator_tuning.h"
#include "peftdesk/thread_sharing.h"
#include "peftdesk/device.h"
#include "peftdesk/error.h"
#include "peftdesk/runtime_info.h"

namespace {

void printUsage(std::FILE* out) {
  std::fprintf(out, "usage: peftdesk-cli COMMAND [ARGS]\n       peftdesk-cli --version\n\ncommands:\n");
  for (const auto& c : peftdesk::cli::commandTable()) std::fprintf(out, "  %-10s %s\n", c.name, c.summary);
  std::fprintf(out, "\nRun 'peftdesk-cli COMMAND --help' for a command's options.\n");
}

void printCommandHelp(const peftdesk::cli::Command& c) {
  std::printf("usage: peftdesk-cli %s\n\n%s\n\noptions:\n", c.usage, c.summary);
  for (const auto& o : c.options) std::printf("  --%-22s %s\n", o.name.c_str(), o.help.c_str());
}

constexpr int kUnexpectedErrorExit = 70;  // sysexits.h EX_SOFTWARE

int exitCodeFor(peftdesk::ErrorCategory c) {
  switch (c) {
    case peftdesk::ErrorCategory::Argument: return 2;
    case peftdesk::ErrorCategory::Cancelled: return 130;
    default: return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace peftdesk;
  shareCoresWithOtherWork(argv);  // first: may start the process again with OMP_WAIT_POLICY set
  initCudaSupport();  // before any LibTorch call: CUDA hooks register once
  tuneAllocatorForTensors();
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    printUsage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (!std::strcmp(argv[1], "--version")) {
    const RuntimeInfo info = runtimeInfo();
    std::printf("peftdesk-cli %s (%s)\n", info.version.c_str(), runtimeSummary(info).c_str());
    return 0;
  }
  const cli::Command* command = nullptr;
  for (const auto& c : cli::commandTable())
    if (!std::strcmp(c.name, argv[1])) command = &c;
  if (!command) {
    std::fprintf(stderr, "peftdesk-cli: unknown command '%s' (see peftdesk-cli --help)\n", argv[1]);
    return 2;
  }
  std::vector<std::string> rest(argv + 2, argv + argc);
  for (const auto& a : rest) {
    if (a == "--help" || a == "-h") {
      printCommandHelp(*command);
      return 0;
    }
  }
  try {
    const cli::Args args(rest, command->options);
    return command->run(args);
  } catch (const Error& e) {
    std::fprintf(stderr, "peftdesk-cli %s: %s\n", command->name, e.what());
    return exitCodeFor(e.category());
  } catch (const std::bad_alloc& e) {
    // The machine, not a bug: out of RAM.
    std::fprintf(stderr, "peftdesk-cli %s: %s\n", command->name, errorMessage(e).c_str());
    return 1;
  } catch (const std::filesystem::filesystem_error& e) {
    // The machine too: permission denied, disk full, a folder gone.
    std::fprintf(stderr, "peftdesk-cli %s: %s\n", command->name, errorMessage(e).c_str());
    return 1;
  } catch (const std::exception& e) {
    // Not core's own Error: an input core should have refused by name, i.e. a bug. Still one
    // line (errorMessage, as the GUI shows it), and an exit code of its own (EX_SOFTWARE).
    std::fprintf(stderr, "peftdesk-cli %s: %s (unexpected: please report it with the command line)\n", command->name,
                 errorMessage(e).c_str());
    return kUnexpectedErrorExit;
  }
}
