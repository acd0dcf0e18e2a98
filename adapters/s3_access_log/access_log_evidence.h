// Maps one parsed S3 access log line to storage.object_access evidence: object "bucket/key"
// (key URL-decoded), action from the operation (download | preview | head | upload | lowercased
// operation), auth (presigned URL, header, anonymous) with the presign key id, signing time and
// expiry, bytes sent, request id and status attributes. Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "adapters/s3_access_log/access_log_line.h"
#include "plugin/core/evidence.h"

namespace ec::adapters::s3_access_log {

inline constexpr char kSourceKind[] = "s3_access_log";

// "download" (or "preview" under previews/) for REST.GET.OBJECT, "head", "upload", else the
// operation in lower case.
std::string action_for(std::string_view operation, std::string_view key);

// InvalidArgument when the time field is not "[dd/Mon/yyyy:hh:mm:ss +zzzz]".
[[nodiscard]] Result<Evidence> access_log_to_evidence(const AccessLogLine& line, std::string origin,
                                                      std::string_view raw_line);

}  // namespace ec::adapters::s3_access_log
