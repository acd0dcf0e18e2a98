// Runs the real escalation-copilot binary as a child process for CLI tests: exit code, stdout
// and stderr. Not thread-safe; one call at a time per test.
#pragma once

#include <string>

namespace ec::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// `args` is appended to the binary path as-is (the caller quotes); `stdin_text` is fed to stdin.
CliResult run_cli(const std::string& args, const std::string& stdin_text = "");

}  // namespace ec::testing
