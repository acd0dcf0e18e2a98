// Formatting helpers for the benchmark's synthetic logs: a seeded splitmix64 generator, the
// three time formats the logs use (access-log "[10/Mar/2025:14:21:03 +0000]", RFC 3339
// "2025-03-10T14:21:03Z", SigV4 "20250310T142103Z") and id encodings (hex, base62, base64), all
// appended to a caller-owned buffer without temporaries. Pure functions; Rng is not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ec::bench {

// splitmix64: deterministic for a seed, and a bijection of its counter (so ids made from
// distinct counters never collide).
std::uint64_t mix64(std::uint64_t x);

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() { return mix64(state_++); }
  // Uniform in [0, n); n > 0.
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return uniform() < p; }

 private:
  std::uint64_t state_;
};

void append_int(std::string& out, std::int64_t value);
void append_access_log_time(std::string& out, std::int64_t unix_seconds);  // with brackets
void append_rfc3339(std::string& out, std::int64_t unix_seconds, int millis = -1);
void append_amz_date(std::string& out, std::int64_t unix_seconds);
// `digits` characters from `value`, most significant first.
void append_hex(std::string& out, std::uint64_t value, int digits, bool upper);
void append_base62(std::string& out, std::uint64_t value, int digits);
// `chars` characters of base64 text drawn from mix64(seed), mix64(seed + 1), ...
void append_base64_text(std::string& out, std::uint64_t seed, int chars);
// A version-4-looking UUID from two mixes of `seed`.
void append_uuid(std::string& out, std::uint64_t seed);

// Unix seconds for a UTC calendar time.
std::int64_t unix_time(int year, int month, int day, int hour, int minute, int second);

}  // namespace ec::bench
