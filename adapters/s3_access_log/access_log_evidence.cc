#include "adapters/s3_access_log/access_log_evidence.h"

#include "plugin/core/hash.h"

#include <algorithm>
#include <charconv>

#include "adapters/common/text.h"
#include "adapters/common/time_formats.h"
#include "adapters/s3_access_log/presigned_query.h"

namespace ec::adapters::s3_access_log {
namespace {

// This file runs once per log line (millions per case), so it builds each string in place,
// once, instead of through temporaries.

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

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Appends common::url_decode(text) to `out` (same rules: a malformed escape is kept as written).
void append_url_decoded(std::string& out, std::string_view text) {
  if (text.find('%') == std::string_view::npos) {
    out.append(text);
    return;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int hi = hex_value(text[i + 1]);
      const int lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
}

void append_int(std::string& out, std::int64_t value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, result.ptr);
}

void apply_presign(const AccessLogLine& line, Evidence& e) {
  e.credential_id.clear();
  e.credential_issued_at.reset();
  e.credential_ttl_seconds.reset();
  PresignedParams params = parse_presigned_query(line.get(Field::RequestUri));
  if (!params.any()) return;
  e.credential_id = std::move(params.access_key_id);
  e.credential_issued_at = params.signed_at;
  e.credential_ttl_seconds = params.expires;
}

// "<operation> <object> -> <status>[ <error>] (<auth>[, N bytes][, from <ip>])"
void write_summary(const AccessLogLine& line, Evidence& e) {
  const std::string_view operation = line.get(Field::Operation);
  const std::string_view status = line.get(Field::HttpStatus);
  const std::string_view error = line.get(Field::ErrorCode);
  const std::string_view auth = auth_method_name(e.auth);
  std::string& text = e.summary;
  text.clear();
  text.reserve(operation.size() + e.object.size() + status.size() + error.size() + auth.size() +
               e.ip.size() + 48);
  text.append(operation).push_back(' ');
  text.append(e.object).append(" -> ").append(status);
  if (!error.empty()) text.append(" ").append(error);
  text.append(" (").append(auth);
  if (e.bytes > 0) {
    text.append(", ");
    append_int(text, e.bytes);
    text.append(" bytes");
  }
  if (!e.ip.empty()) text.append(", from ").append(e.ip);
  text.push_back(')');
}

constexpr std::string_view kAttributeKeys[] = {"operation", "http_status", "error_code", "host_id",
                                               "object_size"};

// Sets a string attribute, reusing the existing string when the slot already holds one.
void put_string(nlohmann::json& attributes, const char* key, std::string_view value) {
  nlohmann::json& slot = attributes[key];
  if (slot.is_string()) {
    slot.get_ref<std::string&>().assign(value);
  } else {
    slot = value;
  }
}

void put_int(nlohmann::json& attributes, const char* key, std::optional<std::int64_t> value) {
  if (value) {
    attributes[key] = *value;
  } else {
    attributes.erase(key);
  }
}

// {"operation", "http_status" (when numeric), "error_code", "host_id", "object_size" (when
// numeric)}; anything else a reused Evidence carried is dropped.
void fill_attributes(const AccessLogLine& line, std::optional<std::int64_t> status,
                     nlohmann::json& attributes) {
  bool foreign = !attributes.is_object();
  for (auto it = attributes.begin(); !foreign && it != attributes.end(); ++it) {
    foreign = std::find(std::begin(kAttributeKeys), std::end(kAttributeKeys), it.key()) ==
              std::end(kAttributeKeys);
  }
  if (foreign) attributes = nlohmann::json::object();
  put_string(attributes, "operation", line.get(Field::Operation));
  put_int(attributes, "http_status", status);
  put_string(attributes, "error_code", line.get(Field::ErrorCode));
  put_string(attributes, "host_id", line.get(Field::HostId));
  put_int(attributes, "object_size", common::parse_int(line.get(Field::ObjectSize)));
}

}  // namespace

std::string_view action_view(std::string_view operation, std::string_view key,
                             std::string& lower) {
  if (operation == "REST.GET.OBJECT") return key.starts_with("previews/") ? "preview" : "download";
  if (operation == "REST.HEAD.OBJECT") return "head";
  if (operation == "REST.PUT.OBJECT") return "upload";
  lower = common::to_lower(operation);
  return lower;
}

std::string action_for(std::string_view operation, std::string_view key) {
  std::string lower;
  return std::string(action_view(operation, key, lower));
}

namespace {

// The fields correlation reads: everything but the origin, content_hash, attributes and summary.
Status convert_fields(const AccessLogLine& line, Evidence& e) {
  const auto time = common::parse_access_log_time(line.get(Field::Time));
  if (!time) {
    return make_error(ErrorCode::InvalidArgument,
                      "expected a time like [10/Mar/2025:14:21:03 +0000] in field 3");
  }
  e.id.clear();
  e.source = kSourceKind;
  e.kind = evidence_kind::kObjectAccess;
  e.time = *time;
  e.names_subject = false;
  // object = "bucket/key" with the key URL-decoded, or the bucket alone when there is no key.
  const std::string_view bucket = line.get(Field::Bucket);
  const std::string_view raw_key = line.get(Field::Key);
  e.object.clear();
  e.object.reserve(bucket.size() + 1 + raw_key.size());
  e.object.append(bucket);
  if (!raw_key.empty()) {
    e.object.push_back('/');
    append_url_decoded(e.object, raw_key);
  }
  const std::string_view key =
      raw_key.empty() ? std::string_view{} : std::string_view(e.object).substr(bucket.size() + 1);
  e.action = action_for(line.get(Field::Operation), key);
  const auto status = common::parse_int(line.get(Field::HttpStatus));
  e.outcome = outcome_for(status);
  e.principal = line.get(Field::Requester);
  e.auth = auth_for(line.get(Field::AuthenticationType), e.principal);
  apply_presign(line, e);
  e.bytes = common::parse_int(line.get(Field::BytesSent)).value_or(0);
  e.request_id = line.get(Field::RequestId);
  e.ip = line.get(Field::RemoteIp);
  e.user_agent = line.get(Field::UserAgent);
  e.session_id.clear();
  e.session_created.reset();
  e.content_hash.clear();
  return ok_status();
}

void fill_details(const AccessLogLine& line, Evidence& e) {
  fill_attributes(line, common::parse_int(line.get(Field::HttpStatus)), e.attributes);
  write_summary(line, e);
}

// Everything but the origin, which the public forms set in their own way.
Status convert(const AccessLogLine& line, std::string_view raw_line, ContentHash hash,
               Evidence& e) {
  EC_RETURN_IF_ERROR(convert_fields(line, e));
  if (hash == ContentHash::Compute) set_content_hash(raw_line, e);
  fill_details(line, e);
  return ok_status();
}

}  // namespace

Status access_log_to_evidence_into(const AccessLogLine& line, std::string_view origin,
                                   std::string_view raw_line, ContentHash hash, Evidence& out) {
  out.origin = origin;
  return convert(line, raw_line, hash, out);
}

Status access_log_fields_into(const AccessLogLine& line, std::string_view origin, Evidence& out) {
  out.origin = origin;
  return convert_fields(line, out);
}

void complete_access_log_evidence(const AccessLogLine& line, std::string_view raw_line,
                                  Evidence& e) {
  set_content_hash(raw_line, e);
  fill_details(line, e);
}

void set_content_hash(std::string_view raw_line, Evidence& e) {
  ec::sha256_hex_into(raw_line, e.content_hash);
}

Result<Evidence> access_log_to_evidence(const AccessLogLine& line, std::string origin,
                                        std::string_view raw_line) {
  Evidence e;
  e.origin = std::move(origin);
  EC_RETURN_IF_ERROR(convert(line, raw_line, ContentHash::Compute, e));
  return e;
}

}  // namespace ec::adapters::s3_access_log
