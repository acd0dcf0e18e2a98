// Time formats found in evidence sources besides RFC 3339: the SigV4 basic format of
// X-Amz-Date ("20250310T142102Z") and the bracketed access-log time ("[10/Mar/2025:14:21:03
// +0000]"). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "plugin/core/time.h"

namespace ec::adapters::common {

// "20250310T142102Z" -> 2025-03-10T14:21:02Z; nullopt when malformed or, like parse_rfc3339,
// outside the UTC years 0000-9999.
std::optional<Timestamp> parse_amz_date(std::string_view text);

// "10/Mar/2025:14:21:03 +0000" (brackets optional) -> UTC; nullopt when malformed (an offset
// past +-23:59 included) or outside the UTC years 0000-9999.
std::optional<Timestamp> parse_access_log_time(std::string_view text);

}  // namespace ec::adapters::common
