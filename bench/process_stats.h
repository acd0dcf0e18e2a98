// Process figures for the benchmarks: wall-clock timing, peak resident set size for the whole
// process (getrusage ru_maxrss) and for one phase (Linux: the high-water mark is reset through
// /proc/self/clear_refs and read back from VmHWM in /proc/self/status). Not thread-safe.
#pragma once

#include <chrono>
#include <cstdint>

namespace ec::bench {

// Peak RSS of the process so far, in KiB.
std::int64_t peak_rss_kib();
// Current RSS, in KiB (VmRSS); -1 when /proc is not readable.
std::int64_t current_rss_kib();

// Peak RSS over a phase: construct before it, read after. Falls back to the process peak when
// the kernel does not let us reset the high-water mark (then `reset()` is false).
class PhasePeak {
 public:
  PhasePeak();
  bool reset() const { return reset_; }
  std::int64_t peak_kib() const;  // VmHWM since construction

 private:
  bool reset_ = false;
};

// Wall-clock and CPU (user + system) time since construction. CPU time is what "per core"
// targets mean, and it is not inflated when other processes share the machine.
class Stopwatch {
 public:
  Stopwatch();
  double seconds() const;
  double cpu_seconds() const;

 private:
  std::chrono::steady_clock::time_point start_;
  double cpu_start_;
};

}  // namespace ec::bench
