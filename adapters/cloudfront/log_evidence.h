// Maps one CloudFront standard log record to storage.object_access evidence: object
// "x-host-header/cs-uri-stem" (leading '/' dropped, URL-decoded), action "preview" when the path
// holds /previews/ else "download", outcome Success on 2xx/3xx (304 included), principal "-"
// (CloudFront names no user), auth Anonymous (Unknown when a cookie was sent), client IP,
// URL-decoded user agent, sc-bytes, and attributes {edge_result_type, edge_location,
// edge_request_id, http_status}. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "plugin/core/evidence.h"

#include "adapters/cloudfront/log_record.h"

namespace ec::adapters::cloudfront {

inline constexpr char kSourceKind[] = "cloudfront";
inline constexpr char kNoPrincipal[] = "-";

// "2025-03-11" + "17:06:11" (UTC); nullopt when malformed.
std::optional<Timestamp> record_time(const LogRecord& record);

// "download", or "preview" when the path holds a /previews/ segment.
std::string action_for(std::string_view path);

Evidence log_to_evidence(const LogRecord& record, Timestamp time, std::string origin,
                         std::string_view raw_line);

}  // namespace ec::adapters::cloudfront
