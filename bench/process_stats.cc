#include "bench/process_stats.h"

#include <fstream>
#include <string>

#include <sys/resource.h>

namespace ec::bench {
namespace {

std::int64_t status_field_kib(const char* name) {
  std::ifstream in("/proc/self/status");
  std::string key;
  while (in >> key) {
    if (key == name) {
      std::int64_t value = -1;
      in >> value;
      return value;
    }
    std::getline(in, key);
  }
  return -1;
}

double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

Stopwatch::Stopwatch()
    : start_(std::chrono::steady_clock::now()), cpu_start_(process_cpu_seconds()) {}

double Stopwatch::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

double Stopwatch::cpu_seconds() const { return process_cpu_seconds() - cpu_start_; }

std::int64_t peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

std::int64_t current_rss_kib() { return status_field_kib("VmRSS:"); }

PhasePeak::PhasePeak() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  reset_ = static_cast<bool>(out);
}

std::int64_t PhasePeak::peak_kib() const {
  const std::int64_t hwm = status_field_kib("VmHWM:");
  return reset_ && hwm > 0 ? hwm : peak_rss_kib();
}

}  // namespace ec::bench
