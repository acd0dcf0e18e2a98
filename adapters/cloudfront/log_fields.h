// The field order of a CloudFront standard log file, taken from its "#Fields:" header line
// (space-separated names), never assumed: AWS adds fields and customers pick fields in the
// newer logging. Maps the names the copilot reads to their column; others are ignored.
// Plain value; thread-safe to copy.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "plugin/core/result.h"

namespace ec::adapters::cloudfront {

enum class Field : std::size_t {
  Date,            // date
  Time,            // time
  EdgeLocation,    // x-edge-location
  BytesSent,       // sc-bytes
  ClientIp,        // c-ip
  Method,          // cs-method
  UriStem,         // cs-uri-stem
  Status,          // sc-status
  UserAgent,       // cs(User-Agent), URL-encoded
  Cookie,          // cs(Cookie)
  EdgeResultType,  // x-edge-result-type
  EdgeRequestId,   // x-edge-request-id
  HostHeader,      // x-host-header
  CsHost,          // cs(Host): the distribution's domain
};
inline constexpr std::size_t kFieldCount = 14;
inline constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

class LogFields {
 public:
  // Parses "#Fields: date time ...". InvalidArgument when the line is not a #Fields header or
  // lacks date, time or cs-uri-stem.
  [[nodiscard]] static Result<LogFields> parse(std::string_view header_line);

  // Column of `field`, or kAbsent when the header does not list it.
  std::size_t column(Field field) const { return columns_[static_cast<std::size_t>(field)]; }
  // How many columns the header lists.
  std::size_t width() const { return width_; }

 private:
  std::array<std::size_t, kFieldCount> columns_{};
  std::size_t width_ = 0;
};

}  // namespace ec::adapters::cloudfront
