#include "adapters/s3_access_log/access_log_evidence.h"

#include "adapters/common/text.h"
#include "adapters/common/time_formats.h"
#include "adapters/s3_access_log/presigned_query.h"
#include "plugin/core/hash.h"

namespace ec::adapters::s3_access_log {
namespace {

Outcome outcome_for(std::optional<std::int64_t> status) {
  if (!status) return Outcome::Unknown;
  return (*status >= 200 && *status < 300) ? Outcome::Success : Outcome::Failure;
}

AuthMethod auth_for(std::string_view auth_type, std::string_view requester) {
  if (auth_type == "QueryString") return AuthMethod::PresignedUrl;
  if (auth_type == "AuthHeader") return AuthMethod::Header;
  if (auth_type.empty() && requester.empty()) return AuthMethod::Anonymous;
  return AuthMethod::Unknown;
}

void apply_presign(const AccessLogLine& line, Evidence& e) {
  const PresignedParams params = parse_presigned_query(line.get(Field::RequestUri));
  if (!params.any()) return;
  e.credential_id = params.access_key_id;
  e.credential_issued_at = params.signed_at;
  e.credential_ttl_seconds = params.expires;
}

std::string summary_of(const AccessLogLine& line, const Evidence& e) {
  std::string text = std::string(line.get(Field::Operation)) + " " + e.object + " -> " +
                     std::string(line.get(Field::HttpStatus));
  const std::string_view error = line.get(Field::ErrorCode);
  if (!error.empty()) text += " " + std::string(error);
  text += " (" + std::string(auth_method_name(e.auth));
  if (e.bytes > 0) text += ", " + std::to_string(e.bytes) + " bytes";
  if (!e.ip.empty()) text += ", from " + e.ip;
  return text + ")";
}

void fill_attributes(const AccessLogLine& line, Evidence& e) {
  const auto status = common::parse_int(line.get(Field::HttpStatus));
  e.attributes = {{"operation", std::string(line.get(Field::Operation))}};
  if (status) e.attributes["http_status"] = *status;
  const std::string_view error = line.get(Field::ErrorCode);
  e.attributes["error_code"] = std::string(error);
  e.attributes["host_id"] = std::string(line.get(Field::HostId));
  const auto object_size = common::parse_int(line.get(Field::ObjectSize));
  if (object_size) e.attributes["object_size"] = *object_size;
}

}  // namespace

std::string action_for(std::string_view operation, std::string_view key) {
  if (operation == "REST.GET.OBJECT") return key.starts_with("previews/") ? "preview" : "download";
  if (operation == "REST.HEAD.OBJECT") return "head";
  if (operation == "REST.PUT.OBJECT") return "upload";
  return common::to_lower(operation);
}

Result<Evidence> access_log_to_evidence(const AccessLogLine& line, std::string origin,
                                        std::string_view raw_line) {
  const auto time = common::parse_access_log_time(line.get(Field::Time));
  if (!time) {
    return make_error(ErrorCode::InvalidArgument,
                      "expected a time like [10/Mar/2025:14:21:03 +0000] in field 3");
  }
  Evidence e;
  e.source = kSourceKind;
  e.kind = evidence_kind::kObjectAccess;
  e.time = *time;
  const std::string key = common::url_decode(line.get(Field::Key));
  const std::string bucket(line.get(Field::Bucket));
  e.object = key.empty() ? bucket : bucket + "/" + key;
  e.action = action_for(line.get(Field::Operation), key);
  e.outcome = outcome_for(common::parse_int(line.get(Field::HttpStatus)));
  e.principal = std::string(line.get(Field::Requester));
  e.auth = auth_for(line.get(Field::AuthenticationType), e.principal);
  apply_presign(line, e);
  e.bytes = common::parse_int(line.get(Field::BytesSent)).value_or(0);
  e.request_id = std::string(line.get(Field::RequestId));
  e.ip = std::string(line.get(Field::RemoteIp));
  e.user_agent = std::string(line.get(Field::UserAgent));
  e.origin = std::move(origin);
  e.content_hash = sha256_hex(raw_line);
  fill_attributes(line, e);
  e.summary = summary_of(line, e);
  return e;
}

}  // namespace ec::adapters::s3_access_log
