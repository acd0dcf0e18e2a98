// Test helpers shared by every suite: a temporary directory removed at scope exit, a settable
// clock, and file helpers. One TempDir per test. The clock is thread-safe: a service's worker
// threads read it while the test advances it (ThreadSanitizer reported the plain member).
#pragma once

#include <atomic>
#include <filesystem>
#include <string>

#include "plugin/core/time.h"

namespace ec::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start) : now_(start) {}
  Timestamp now() const override { return now_.load(); }
  void set(Timestamp t) { now_.store(t); }
  void advance(std::chrono::milliseconds d) {
    Timestamp was = now_.load();
    while (!now_.compare_exchange_weak(was, was + d)) {
    }
  }

 private:
  std::atomic<Timestamp> now_;
};

void write_file(const std::filesystem::path& path, const std::string& content);
std::string read_file(const std::filesystem::path& path);

// The repository root and the bundled scenario folder, for tests that read fixtures.
std::filesystem::path source_dir();
std::filesystem::path scenario_dir(const std::string& name = "contractor_after_deprovision");

}  // namespace ec::testing
