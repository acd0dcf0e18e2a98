#include "adapters/s3_access_log/access_log_line.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>

namespace ec::adapters::s3_access_log {
namespace {

// The first ' ' in [p, end), or end. Eight bytes at a time (a zero-byte test on x ^ "        ":
// the lowest flagged byte is always a real match), since most lines are mostly plain fields.
const char* find_space(const char* p, const char* end) {
  constexpr std::uint64_t kSpaces = 0x2020202020202020ULL;
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  while (std::endian::native == std::endian::little && end - p >= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, sizeof word);
    const std::uint64_t x = word ^ kSpaces;
    const std::uint64_t found = (x - kOnes) & ~x & kHighs;
    if (found != 0) return p + (std::countr_zero(found) >> 3);
    p += 8;
  }
  while (p < end && *p != ' ') ++p;
  return p;
}

// A quoted field ends at a '"' followed by a space or the end of the line, so a stray quote
// inside a user agent does not cut the field short.
std::size_t closing_quote(std::string_view line, std::size_t from) {
  std::size_t pos = from;
  while ((pos = line.find('"', pos)) != std::string_view::npos) {
    if (pos + 1 == line.size() || line[pos + 1] == ' ') return pos;
    ++pos;
  }
  return std::string_view::npos;
}

}  // namespace

std::string_view AccessLogLine::get(Field field) const {
  const auto index = static_cast<std::size_t>(field);
  if (index >= field_count) return {};
  const std::string_view value = fields[index];
  return value.size() == 1 && value[0] == '-' ? std::string_view{} : value;
}

Result<AccessLogLine> parse_access_log_line(std::string_view line) {
  AccessLogLine out;
  const char* const begin = line.data();
  const char* const end = begin + line.size();
  const char* p = begin;
  while (p < end) {
    if (*p == ' ') {
      ++p;
      continue;
    }
    std::string_view value;
    if (*p == '"' || *p == '[') {
      const bool quoted = *p == '"';
      const auto from = static_cast<std::size_t>(p - begin) + 1;
      const std::size_t close = quoted ? closing_quote(line, from) : line.find(']', from);
      if (close == std::string_view::npos) {
        return make_error(ErrorCode::InvalidArgument,
                          std::string("unterminated ") + (quoted ? "quoted" : "[bracketed]") +
                              " field " + std::to_string(out.field_count + 1));
      }
      value = line.substr(from, close - from);
      p = begin + close + 1;
    } else {
      const char* start = p;
      p = find_space(p, end);
      value = std::string_view(start, static_cast<std::size_t>(p - start));
    }
    if (out.field_count < kKnownFields) out.fields[out.field_count] = value;
    ++out.field_count;
  }
  if (out.field_count < kMinimumFields) {
    return make_error(ErrorCode::InvalidArgument,
                      "expected at least " + std::to_string(kMinimumFields) +
                          " space-separated fields, got " + std::to_string(out.field_count));
  }
  return out;
}

}  // namespace ec::adapters::s3_access_log
