#include "plugin/core/time.h"

#include <cctype>
#include <charconv>
#include <cstdio>

namespace ec {
namespace {

// Reads exactly `width` decimal digits at text[pos]; advances pos.
bool read_digits(std::string_view text, std::size_t& pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  int value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  pos += width;
  return true;
}

bool expect_char(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

Result<Timestamp> parse_rfc3339(std::string_view text) {
  const auto fail = [&] {
    return make_error(ErrorCode::InvalidArgument,
                      "expected an RFC 3339 time like 2025-03-11T16:45:12Z, got '" +
                          std::string(text.substr(0, 64)) + "'");
  };
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_digits(text, pos, 4, year) || !expect_char(text, pos, '-') ||
      !read_digits(text, pos, 2, month) || !expect_char(text, pos, '-') ||
      !read_digits(text, pos, 2, day)) {
    return fail();
  }
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')) {
    return fail();
  }
  ++pos;
  if (!read_digits(text, pos, 2, hour) || !expect_char(text, pos, ':') ||
      !read_digits(text, pos, 2, minute) || !expect_char(text, pos, ':') ||
      !read_digits(text, pos, 2, second)) {
    return fail();
  }
  int millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) != 0) {
      if (digits < 3) millis = millis * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return fail();
    for (int d = digits; d < 3; ++d) millis *= 10;
  }
  int offset_minutes = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    int oh = 0, om = 0;
    if (!read_digits(text, pos, 2, oh) || !expect_char(text, pos, ':') ||
        !read_digits(text, pos, 2, om) || oh > 23 || om > 59) {
      return fail();
    }
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return fail();
  }
  if (pos != text.size()) return fail();
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) {
    return fail();
  }
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return fail();
  const Timestamp local = make_utc(year, static_cast<unsigned>(month), static_cast<unsigned>(day),
                                   hour, minute, second, millis);
  // "9999-12-31T23:59:59-23:59" is in year 10000 in UTC, which has no RFC 3339 text.
  const Timestamp utc = local - std::chrono::minutes{offset_minutes};
  if (!rfc3339_representable(utc)) return fail();
  return utc;
}

bool rfc3339_representable(Timestamp t) {
  return t >= make_utc(0, 1, 1, 0, 0, 0, 0) && t < make_utc(10000, 1, 1, 0, 0, 0, 0);
}

std::string format_rfc3339(Timestamp t) {
  const auto day_point = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day_point};
  const std::chrono::hh_mm_ss hms{t - day_point};
  char buffer[40];
  const int millis = static_cast<int>(hms.subseconds().count());
  if (millis != 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()), millis);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
  }
  return buffer;
}

std::int64_t to_unix_seconds(Timestamp t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

Timestamp from_unix_seconds(std::int64_t seconds) {
  return Timestamp{std::chrono::seconds{seconds}};
}

Timestamp make_utc(int year, unsigned month, unsigned day, int hour, int minute, int second,
                   int millis) {
  const std::chrono::sys_days days{std::chrono::year{year} / std::chrono::month{month} /
                                   std::chrono::day{day}};
  return Timestamp{days} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second} + std::chrono::milliseconds{millis};
}

bool TimeWindow::contains(Timestamp t) const {
  if (begin && t < *begin) return false;
  if (end && t >= *end) return false;
  return true;
}

Timestamp SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now());
}

}  // namespace ec
