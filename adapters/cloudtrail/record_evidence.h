// Maps one CloudTrail S3 data event to storage.object_access evidence: object "bucket/key",
// action (GetObject -> download, or preview under previews/; HeadObject -> head; PutObject ->
// upload; else the event name in lower case), outcome (errorCode -> Failure), principal and
// attribution from userIdentity, presigned-URL credential (access key id, X-Amz-Date,
// X-Amz-Expires), bytes out, request id, client IP (sourceIPAddress when it is an address; an
// AWS service name goes to attributes.source_service) and attributes {user_identity_type,
// session_name, event_id, event_name, error_code?, error_message?, account_id?,
// source_service?}. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "plugin/core/evidence.h"

#include "adapters/cloudtrail/cloudtrail_record.h"
#include "adapters/cloudtrail/user_identity.h"

namespace ec::adapters::cloudtrail {

inline constexpr char kSourceKind[] = "cloudtrail";

// True for S3 data events: eventSource s3.amazonaws.com and not a management event (old records
// without eventCategory/managementEvent count as data events).
bool is_s3_data_event(const CloudTrailRecord& record);

std::string action_for(std::string_view event_name, std::string_view key);

struct RecordContext {
  Timestamp time{};         // eventTime, already parsed
  std::string_view raw;     // the record's JSON bytes, hashed into content_hash
  std::string_view origin;  // "cloudtrail/x.json:Records[3]"
  const Subject& subject;
  const IamUserMap& iam_users;
};

Evidence record_to_evidence(const CloudTrailRecord& record, const RecordContext& context);

// The per-record form for stream(): sets the fields correlation reads into `out`, reusing its
// strings, and clears content_hash; attributes and summary are left as they were. A record that
// is kept is finished with complete_record_evidence(); `out` then equals record_to_evidence().
void record_fields_into(const CloudTrailRecord& record, const RecordContext& context,
                        Evidence& out);
// Sets content_hash (SHA-256 of `raw`), attributes and summary.
void complete_record_evidence(const CloudTrailRecord& record, std::string_view raw, Evidence& e);

}  // namespace ec::adapters::cloudtrail
