// Parser for one Amazon S3 server access log line: space-separated fields, "quoted" fields that
// may hold spaces, a [bracketed] time, and '-' for absent values. Hot path: no regex and no
// allocation on success; the record's fields are views into the line. Lines with more than the
// 27 known fields parse (AWS extends the format at the end); fewer than 17 fields do not.
// Pure function; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "plugin/core/result.h"

namespace ec::adapters::s3_access_log {

// Field positions, in the order AWS documents them.
enum class Field : std::size_t {
  BucketOwner,
  Bucket,
  Time,
  RemoteIp,
  Requester,
  RequestId,
  Operation,
  Key,
  RequestUri,
  HttpStatus,
  ErrorCode,
  BytesSent,
  ObjectSize,
  TotalTime,
  TurnAroundTime,
  Referer,
  UserAgent,
  VersionId,
  HostId,
  SignatureVersion,
  CipherSuite,
  AuthenticationType,
  HostHeader,
  TlsVersion,
  AccessPointArn,
  AclRequired,
  SourceRegion,
};
inline constexpr std::size_t kKnownFields = 27;
inline constexpr std::size_t kMinimumFields = 17;  // through User-Agent

struct AccessLogLine {
  std::array<std::string_view, kKnownFields> fields{};  // quotes and brackets stripped
  std::size_t field_count = 0;                          // including unknown trailing fields

  // The field's text, or "" when it is '-' or absent from an older, shorter line.
  std::string_view get(Field field) const;
};

// InvalidArgument describing the problem (unterminated quote, too few fields) on a bad line.
[[nodiscard]] Result<AccessLogLine> parse_access_log_line(std::string_view line);

}  // namespace ec::adapters::s3_access_log
