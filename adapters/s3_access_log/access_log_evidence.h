// Maps one parsed S3 access log line to storage.object_access evidence: object "bucket/key"
// (key URL-decoded), action from the operation (download | preview | head | upload | lowercased
// operation), auth (presigned URL, header, anonymous) with the presign key id, signing time and
// expiry, bytes sent, request id and status attributes. Pure functions; thread-safe (the
// streaming form writes only to the Evidence it is given).
#pragma once

#include <string>
#include <string_view>

#include "plugin/core/evidence.h"

#include "adapters/s3_access_log/access_log_line.h"

namespace ec::adapters::s3_access_log {

inline constexpr char kSourceKind[] = "s3_access_log";

// "download" (or "preview" under previews/) for REST.GET.OBJECT, "head", "upload", else the
// operation in lower case.
std::string action_for(std::string_view operation, std::string_view key);
// The same without a new string: a view of a constant, or of `lower` (which it overwrites).
std::string_view action_view(std::string_view operation, std::string_view key, std::string& lower);

// InvalidArgument when the time field is not "[dd/Mon/yyyy:hh:mm:ss +zzzz]".
[[nodiscard]] Result<Evidence> access_log_to_evidence(const AccessLogLine& line, std::string origin,
                                                      std::string_view raw_line);

enum class ContentHash { Compute, Deferred };

// The streaming form, for callers that convert every line but keep few (for_each_record
// visitors): writes into `out`, reusing its strings and attribute nodes, so a reused Evidence
// costs almost no allocation per line. Every field is overwritten or reset, so `out` equals what
// access_log_to_evidence() returns, except that with ContentHash::Deferred content_hash is left
// empty: call set_content_hash() on each record that is kept (evidence ids and de-duplication
// need it). Same error as access_log_to_evidence(); `out` is then unspecified.
[[nodiscard]] Status access_log_to_evidence_into(const AccessLogLine& line, std::string_view origin,
                                                 std::string_view raw_line, ContentHash hash,
                                                 Evidence& out);

// The leanest form, for stream(): sets only the fields correlation reads (origin, time, object,
// action, outcome, principal, auth and presign credential, bytes, request id, ip, user agent)
// and clears content_hash; attributes and summary are left as they were. A record that is kept
// is then finished with complete_access_log_evidence(). Same error as access_log_to_evidence().
[[nodiscard]] Status access_log_fields_into(const AccessLogLine& line, std::string_view origin,
                                            Evidence& out);

// Sets content_hash, attributes and summary: after access_log_fields_into(), `e` then equals
// what access_log_to_evidence() returns.
void complete_access_log_evidence(const AccessLogLine& line, std::string_view raw_line,
                                  Evidence& e);

// content_hash = lower-case hex SHA-256 of the raw line (what access_log_to_evidence() sets).
void set_content_hash(std::string_view raw_line, Evidence& e);

}  // namespace ec::adapters::s3_access_log
