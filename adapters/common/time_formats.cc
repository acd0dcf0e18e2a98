#include "adapters/common/time_formats.h"

#include <array>
#include <chrono>

namespace ec::adapters::common {
namespace {

// Reads `width` digits at text[pos]; advances pos.
bool digits(std::string_view text, std::size_t& pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  int value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += width;
  out = value;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

std::optional<Timestamp> checked_utc(int year, int month, int day, int hour, int minute,
                                     int second) {
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return make_utc(year, static_cast<unsigned>(month), static_cast<unsigned>(day), hour, minute,
                  second);
}

// Only instants format_rfc3339 can write back, as parse_rfc3339 does: evidence times go through
// RFC 3339 in the case store. "01/Jan/0000:00:00:00 +0100" is in year -1 in UTC, and
// "99991231T235960Z" in year 10000.
std::optional<Timestamp> in_rfc3339_range(Timestamp t) {
  if (!rfc3339_representable(t)) return std::nullopt;
  return t;
}

int month_number(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i] == name) return static_cast<int>(i) + 1;
  }
  return 0;
}

}  // namespace

std::optional<Timestamp> parse_amz_date(std::string_view text) {
  std::size_t pos = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!digits(text, pos, 4, y) || !digits(text, pos, 2, mo) || !digits(text, pos, 2, d) ||
      !expect(text, pos, 'T') || !digits(text, pos, 2, h) || !digits(text, pos, 2, mi) ||
      !digits(text, pos, 2, s) || !expect(text, pos, 'Z') || pos != text.size()) {
    return std::nullopt;
  }
  const auto t = checked_utc(y, mo, d, h, mi, s);
  if (!t) return std::nullopt;
  return in_rfc3339_range(*t);
}

std::optional<Timestamp> parse_access_log_time(std::string_view text) {
  if (!text.empty() && text.front() == '[') text.remove_prefix(1);
  if (!text.empty() && text.back() == ']') text.remove_suffix(1);
  std::size_t pos = 0;
  int d = 0, y = 0, h = 0, mi = 0, s = 0, oh = 0, om = 0;
  if (!digits(text, pos, 2, d) || !expect(text, pos, '/') || pos + 4 > text.size()) {
    return std::nullopt;
  }
  const int mo = month_number(text.substr(pos, 3));
  pos += 3;
  if (mo == 0 || !expect(text, pos, '/') || !digits(text, pos, 4, y) || !expect(text, pos, ':') ||
      !digits(text, pos, 2, h) || !expect(text, pos, ':') || !digits(text, pos, 2, mi) ||
      !expect(text, pos, ':') || !digits(text, pos, 2, s) || !expect(text, pos, ' ') ||
      pos >= text.size()) {
    return std::nullopt;
  }
  const char sign = text[pos++];
  if ((sign != '+' && sign != '-') || !digits(text, pos, 2, oh) || !digits(text, pos, 2, om) ||
      pos != text.size() || oh > 23 || om > 59) {
    return std::nullopt;
  }
  const auto local = checked_utc(y, mo, d, h, mi, s);
  if (!local) return std::nullopt;
  const std::chrono::minutes offset{(sign == '-' ? -1 : 1) * (oh * 60 + om)};
  return in_rfc3339_range(*local - offset);
}

}  // namespace ec::adapters::common
