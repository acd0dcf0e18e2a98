#include "bench/log_format.h"

#include <array>
#include <charconv>

namespace ec::bench {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Civil {
  int year;
  int month;
  int day;
  int hour;
  int minute;
  int second;
};

// Howard Hinnant's civil_from_days.
Civil civil(std::int64_t unix_seconds) {
  std::int64_t days = unix_seconds / 86400;
  std::int64_t rem = unix_seconds % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return {static_cast<int>(y),
          static_cast<int>(m),
          static_cast<int>(d),
          static_cast<int>(rem / 3600),
          static_cast<int>(rem / 60 % 60),
          static_cast<int>(rem % 60)};
}

void two(std::string& out, int value) {
  out.push_back(static_cast<char>('0' + value / 10));
  out.push_back(static_cast<char>('0' + value % 10));
}

void four(std::string& out, int value) {
  two(out, value / 100);
  two(out, value % 100);
}

}  // namespace

std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

void append_int(std::string& out, std::int64_t value) {
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  (void)ec;
  out.append(buf, end);
}

void append_access_log_time(std::string& out, std::int64_t unix_seconds) {
  const Civil c = civil(unix_seconds);
  out.push_back('[');
  two(out, c.day);
  out.push_back('/');
  out.append(kMonths[static_cast<std::size_t>(c.month - 1)]);
  out.push_back('/');
  four(out, c.year);
  out.push_back(':');
  two(out, c.hour);
  out.push_back(':');
  two(out, c.minute);
  out.push_back(':');
  two(out, c.second);
  out.append(" +0000]");
}

void append_rfc3339(std::string& out, std::int64_t unix_seconds, int millis) {
  const Civil c = civil(unix_seconds);
  four(out, c.year);
  out.push_back('-');
  two(out, c.month);
  out.push_back('-');
  two(out, c.day);
  out.push_back('T');
  two(out, c.hour);
  out.push_back(':');
  two(out, c.minute);
  out.push_back(':');
  two(out, c.second);
  if (millis >= 0) {
    out.push_back('.');
    out.push_back(static_cast<char>('0' + millis / 100));
    two(out, millis % 100);
  }
  out.push_back('Z');
}

void append_amz_date(std::string& out, std::int64_t unix_seconds) {
  const Civil c = civil(unix_seconds);
  four(out, c.year);
  two(out, c.month);
  two(out, c.day);
  out.push_back('T');
  two(out, c.hour);
  two(out, c.minute);
  two(out, c.second);
  out.push_back('Z');
}

void append_hex(std::string& out, std::uint64_t value, int digits, bool upper) {
  const char* alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) {
    out.push_back(alphabet[(value >> (4 * (i % 16))) & 0xf]);
  }
}

void append_base62(std::string& out, std::uint64_t value, int digits) {
  static constexpr char kAlphabet[] =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  for (int i = 0; i < digits; ++i) {
    out.push_back(kAlphabet[value % 62]);
    value /= 62;
    if (value == 0) value = mix64(static_cast<std::uint64_t>(i) + 7);
  }
}

void append_base64_text(std::string& out, std::uint64_t seed, int chars) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::uint64_t bits = 0;
  int left = 0;
  for (int i = 0; i < chars; ++i) {
    if (left < 6) {
      bits = mix64(seed++);
      left = 64;
    }
    out.push_back(kAlphabet[bits & 63]);
    bits >>= 6;
    left -= 6;
  }
}

void append_uuid(std::string& out, std::uint64_t seed) {
  const std::uint64_t a = mix64(seed);
  const std::uint64_t b = mix64(seed ^ 0x5bd1e995ULL);
  append_hex(out, a >> 32, 8, false);
  out.push_back('-');
  append_hex(out, a >> 16, 4, false);
  out.append("-4");
  append_hex(out, a, 3, false);
  out.push_back('-');
  append_hex(out, 0x8000 | (b >> 48 & 0x3fff), 4, false);
  out.push_back('-');
  append_hex(out, b, 12, false);
}

std::int64_t unix_time(int year, int month, int day, int hour, int minute, int second) {
  // days_from_civil.
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = month > 2 ? month - 3 : month + 9;
  const int doy = (153 * mp + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + doe - 719468;
  return days * 86400 + hour * 3600 + minute * 60 + second;
}

}  // namespace ec::bench
