// Reads the SigV4 presigned-URL parameters from an access log Request-URI
// ("GET /key?X-Amz-Credential=AKIA...%2F20250310%2F...&X-Amz-Date=...&X-Amz-Expires=900 HTTP/1.1"):
// the signing access key id, the signing time and the expiry. Pure function; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/core/time.h"

namespace ec::adapters::s3_access_log {

struct PresignedParams {
  std::string access_key_id;            // first element of X-Amz-Credential; "" when absent
  std::optional<Timestamp> signed_at;   // X-Amz-Date
  std::optional<std::int64_t> expires;  // X-Amz-Expires, seconds
  bool any() const { return !access_key_id.empty() || signed_at || expires; }
};

// Parameters missing or malformed are left unset; parameter names match case-insensitively.
PresignedParams parse_presigned_query(std::string_view request_uri);

}  // namespace ec::adapters::s3_access_log
