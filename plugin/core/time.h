// Timestamps in UTC with millisecond precision, RFC 3339 parsing and formatting, and the Clock
// interface that every time-dependent rule takes so tests never sleep or read the wall clock.
// Pure functions; SystemClock is thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/core/result.h"

namespace ec {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

// Parses RFC 3339 ("2025-03-11T16:45:12Z", "…12.302Z", "…12+02:00") into UTC.
// InvalidArgument naming what was expected when the text is not such a time, or when the instant
// is not rfc3339_representable (its UTC year is not 0000-9999).
[[nodiscard]] Result<Timestamp> parse_rfc3339(std::string_view text);

// "2025-03-11T16:45:12Z"; milliseconds are written only when non-zero ("…12.302Z").
std::string format_rfc3339(Timestamp t);

// True when format_rfc3339(t) is text parse_rfc3339 reads back: the UTC year is 0000-9999.
// Every parser of times from outside refuses the rest, since times are stored as RFC 3339.
bool rfc3339_representable(Timestamp t);

// Seconds since the Unix epoch, for signatures and metrics.
std::int64_t to_unix_seconds(Timestamp t);
Timestamp from_unix_seconds(std::int64_t seconds);

// Builds a timestamp from calendar fields (UTC). No validation beyond what chrono does.
Timestamp make_utc(int year, unsigned month, unsigned day, int hour, int minute, int second,
                   int millis = 0);

// A closed-open interval [begin, end). An unset bound is open.
struct TimeWindow {
  std::optional<Timestamp> begin;
  std::optional<Timestamp> end;
  [[nodiscard]] bool contains(Timestamp t) const;
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

}  // namespace ec
