// ChildProcess: runs a program of ours (the real `escalation-copilot` binary) as a separate
// process for crash-restart tests: started with fork/execve with its own environment and its
// output in a log file, killed with any signal (SIGKILL simulates a crash: no destructor, no
// flush), and reaped. The destructor kills and reaps a child still running.
// Not thread-safe; one owner.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ec::testing {

class ChildProcess {
 public:
  // Starts `program` with `args` (argv[1..]) in `cwd`, with exactly `env` as its environment
  // plus PATH, stdout and stderr appended to `log`. Throws std::runtime_error when fork fails.
  ChildProcess(const std::filesystem::path& program, const std::vector<std::string>& args,
               const std::map<std::string, std::string>& env, const std::filesystem::path& cwd,
               const std::filesystem::path& log);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  // Sends `signal` and waits up to `timeout` for the process to end; its wait status, or -1
  // when it did not end in time.
  int stop(int signal, std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
};

// True once something accepts TCP connections on 127.0.0.1:`port` (polls until `timeout`).
bool wait_for_port(int port, std::chrono::milliseconds timeout);
// A TCP port on 127.0.0.1 that was free a moment ago (bound to 0, then released).
int free_loopback_port();

}  // namespace ec::testing
