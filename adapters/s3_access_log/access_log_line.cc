#include "adapters/s3_access_log/access_log_line.h"

#include <string>

namespace ec::adapters::s3_access_log {
namespace {

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
  return value == "-" ? std::string_view{} : value;
}

Result<AccessLogLine> parse_access_log_line(std::string_view line) {
  AccessLogLine out;
  std::size_t pos = 0;
  while (pos < line.size()) {
    if (line[pos] == ' ') {
      ++pos;
      continue;
    }
    std::string_view value;
    if (line[pos] == '"' || line[pos] == '[') {
      const bool quoted = line[pos] == '"';
      const std::size_t end = quoted ? closing_quote(line, pos + 1) : line.find(']', pos + 1);
      if (end == std::string_view::npos) {
        return make_error(ErrorCode::InvalidArgument,
                          std::string("unterminated ") + (quoted ? "quoted" : "[bracketed]") +
                              " field " + std::to_string(out.field_count + 1));
      }
      value = line.substr(pos + 1, end - pos - 1);
      pos = end + 1;
    } else {
      const std::size_t end = std::min(line.find(' ', pos), line.size());
      value = line.substr(pos, end - pos);
      pos = end;
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
