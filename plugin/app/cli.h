// The command-line interface of DESIGN.md: serve, demo, analyze, audit verify, timeline export,
// lint, manifest. Parses arguments, runs one command, maps errors to stderr and an exit code.
#pragma once

namespace ec::app {

// Exit codes: 0 success; 1 the command ran and found a problem (lint findings, broken audit
// chain); 2 usage or input error (bad flag, missing or malformed file); 3 internal failure.
int run_cli(int argc, char** argv);

}  // namespace ec::app
