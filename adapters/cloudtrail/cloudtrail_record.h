// One CloudTrail record, reduced to the fields the copilot uses, and the simdjson (ondemand,
// error-code API) parser that fills it in one forward pass over the record's keys. The record
// holds views into the parser's string buffer: they stay valid until the parser's next parse().
// Not thread-safe: one RecordParser per thread; it owns its simdjson parser and buffers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "plugin/core/result.h"

namespace ec::adapters::cloudtrail {

// userIdentity, as CloudTrail writes it ("" when absent).
struct UserIdentity {
  std::string_view type;  // IAMUser, AssumedRole, AWSService, AWSAccount, Root, ...
  std::string_view arn;
  std::string_view principal_id;
  std::string_view account_id;  // "anonymous" for unauthenticated requests
  std::string_view access_key_id;
  std::string_view user_name;
  std::string_view invoked_by;  // AWSService: "cloudfront.amazonaws.com"
};

struct CloudTrailRecord {
  std::string_view event_time;      // RFC 3339
  std::string_view event_source;    // "s3.amazonaws.com"
  std::string_view event_name;      // "GetObject"
  std::string_view event_category;  // "Data", "Management" (absent in old records)
  std::optional<bool> management_event;
  std::string_view event_id;
  std::string_view request_id;
  std::string_view error_code;
  std::string_view error_message;
  std::string_view source_ip;
  std::string_view user_agent;
  UserIdentity identity;
  std::string_view bucket;                  // requestParameters.bucketName
  std::string_view key;                     // requestParameters.key
  std::string_view amz_date;                // requestParameters.X-Amz-Date (presigned requests)
  std::optional<std::int64_t> amz_expires;  // requestParameters.X-Amz-Expires
  std::string_view auth_method;             // additionalEventData.AuthenticationMethod
  std::optional<std::int64_t> bytes_out;    // additionalEventData.bytesTransferredOut
};

class RecordParser {
 public:
  RecordParser();
  ~RecordParser();
  RecordParser(const RecordParser&) = delete;
  RecordParser& operator=(const RecordParser&) = delete;

  // Parses the JSON object in `json`; `capacity` bytes must be readable from json.data() (at
  // least json.size() + kJsonPadding). InvalidArgument naming the simdjson error or the field
  // with the wrong type (null counts as absent) when the record is malformed.
  [[nodiscard]] Result<CloudTrailRecord> parse(std::string_view json, std::size_t capacity);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ec::adapters::cloudtrail
