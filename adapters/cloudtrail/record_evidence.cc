#include "adapters/cloudtrail/record_evidence.h"

#include <algorithm>

#include "plugin/core/hash.h"

#include "adapters/common/text.h"
#include "adapters/common/time_formats.h"

namespace ec::adapters::cloudtrail {
namespace {

AuthMethod auth_for(const CloudTrailRecord& r) {
  if (is_anonymous(r.identity)) return AuthMethod::Anonymous;
  if (r.auth_method == "QueryString") return AuthMethod::PresignedUrl;
  return AuthMethod::Header;
}

// S3 data events wrap the client's user agent in brackets: "[curl/8.6.0]" -> "curl/8.6.0".
std::string_view unwrap_user_agent(std::string_view agent) {
  if (agent.size() >= 2 && agent.front() == '[' && agent.back() == ']') {
    return agent.substr(1, agent.size() - 2);
  }
  return agent;
}

// True for an IPv4 or IPv6 address. CloudTrail writes an AWS service's name instead
// ("cloudfront.amazonaws.com") when a service made the call.
bool is_ip_address(std::string_view text) {
  if (text.empty()) return false;
  const bool v6 = text.find(':') != std::string_view::npos;
  return std::all_of(text.begin(), text.end(), [v6](char c) {
    return (c >= '0' && c <= '9') || c == '.' ||
           (v6 && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
  });
}

void object_into(const CloudTrailRecord& r, std::string& object) {
  object.assign(r.bucket);
  if (!r.key.empty()) object.append("/").append(r.key);
}

// "GetObject bucket/key -> OK (PresignedUrl, 482113 bytes, from 198.51.100.77, as arn:...)",
// built in one buffer: this runs once per record on the hot path.
std::string summary_of(const CloudTrailRecord& r, const Evidence& e) {
  const std::string_view result = r.error_code.empty() ? std::string_view("OK") : r.error_code;
  const std::string_view auth = auth_method_name(e.auth);
  const std::string bytes = e.bytes > 0 ? std::to_string(e.bytes) : std::string();
  std::string text;
  text.reserve(r.event_name.size() + e.object.size() + result.size() + auth.size() + bytes.size() +
               e.ip.size() + e.principal.size() + 40);
  text.append(r.event_name).append(" ").append(e.object).append(" -> ").append(result);
  text.append(" (").append(auth);
  if (!bytes.empty()) text.append(", ").append(bytes).append(" bytes");
  if (!e.ip.empty()) text.append(", from ").append(e.ip);
  if (!e.principal.empty()) text.append(", as ").append(e.principal);
  return text.append(")");
}

nlohmann::json attributes_of(const CloudTrailRecord& r) {
  nlohmann::json attributes = nlohmann::json::object();
  attributes.emplace("user_identity_type", r.identity.type);
  attributes.emplace("session_name", session_name_of(r.identity));
  attributes.emplace("event_id", r.event_id);
  attributes.emplace("event_name", r.event_name);
  if (!r.error_code.empty()) attributes.emplace("error_code", r.error_code);
  if (!r.error_message.empty()) attributes.emplace("error_message", r.error_message);
  if (!r.identity.account_id.empty()) attributes.emplace("account_id", r.identity.account_id);
  if (!r.source_ip.empty() && !is_ip_address(r.source_ip)) {
    attributes.emplace("source_service", r.source_ip);  // sourceIPAddress named a service
  }
  return attributes;
}

}  // namespace

bool is_s3_data_event(const CloudTrailRecord& r) {
  if (r.event_source != "s3.amazonaws.com") return false;
  if (r.management_event.value_or(false)) return false;
  return r.event_category.empty() || r.event_category == "Data";
}

std::string action_for(std::string_view event_name, std::string_view key) {
  if (event_name == "GetObject") return key.starts_with("previews/") ? "preview" : "download";
  if (event_name == "HeadObject") return "head";
  if (event_name == "PutObject") return "upload";
  return common::to_lower(event_name);
}

void record_fields_into(const CloudTrailRecord& r, const RecordContext& context, Evidence& e) {
  e.id.clear();
  e.source = kSourceKind;
  e.kind = evidence_kind::kObjectAccess;
  e.time = context.time;
  object_into(r, e.object);
  e.action = action_for(r.event_name, r.key);
  e.outcome = r.error_code.empty() ? Outcome::Success : Outcome::Failure;
  e.principal = principal_view(r.identity);
  e.names_subject = identity_names_subject(r.identity, context.subject, context.iam_users);
  e.auth = auth_for(r);
  e.credential_id = r.identity.access_key_id;
  e.credential_issued_at.reset();
  e.credential_ttl_seconds.reset();
  if (e.auth == AuthMethod::PresignedUrl) {
    e.credential_issued_at = common::parse_amz_date(r.amz_date);
    e.credential_ttl_seconds = r.amz_expires;
  }
  e.bytes = r.bytes_out.value_or(0);
  e.request_id = r.request_id;
  if (is_ip_address(r.source_ip)) {
    e.ip = r.source_ip;
  } else {
    e.ip.clear();
  }
  e.user_agent = unwrap_user_agent(r.user_agent);
  e.session_id.clear();
  e.session_created.reset();
  e.origin = context.origin;
  e.content_hash.clear();
}

void complete_record_evidence(const CloudTrailRecord& r, std::string_view raw, Evidence& e) {
  sha256_hex_into(raw, e.content_hash);
  e.attributes = attributes_of(r);
  e.summary = summary_of(r, e);
}

Evidence record_to_evidence(const CloudTrailRecord& r, const RecordContext& context) {
  Evidence e;
  record_fields_into(r, context, e);
  complete_record_evidence(r, context.raw, e);
  return e;
}

}  // namespace ec::adapters::cloudtrail
