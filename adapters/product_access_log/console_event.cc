#include "adapters/product_access_log/console_event.h"

#include "adapters/common/json_fields.h"
#include "adapters/common/time_formats.h"

namespace ec::adapters::product_access_log {
namespace {

using common::get_id;
using common::get_int;
using common::get_string;

Outcome outcome_of(const nlohmann::json& row) {
  const std::string result = get_string(row, {"result"});
  if (result == "accepted") return Outcome::Success;
  if (result == "rejected") return Outcome::Failure;
  const auto status = get_int(row, {"status"});
  if (!status) return Outcome::Unknown;
  return (*status >= 200 && *status < 400) ? Outcome::Success : Outcome::Failure;
}

void apply_presign(const nlohmann::json& row, std::string_view bucket, Evidence& e) {
  e.object = std::string(bucket) + "/" + get_string(row, {"s3_key"});
  e.credential_id = get_string(row, {"access_key_id"});
  e.credential_issued_at = common::parse_amz_date(get_string(row, {"x_amz_date"}));
  e.credential_ttl_seconds = get_int(row, {"expires_s"});
}

void fill_attributes(const nlohmann::json& row, Evidence& e) {
  nlohmann::json& a = e.attributes;
  a["event"] = get_string(row, {"event"});
  const auto put = [&a](const char* key, std::string value) {
    if (!value.empty()) a[key] = std::move(value);
  };
  put("svc", get_string(row, {"svc"}));
  put("ticket_id", get_id(row, {"ticket_id"}));
  put("zendesk_attachment_id", get_id(row, {"zendesk_attachment_id"}));
  put("signer", get_string(row, {"signer"}));
  put("x_amz_date", get_string(row, {"x_amz_date"}));
  put("result", get_string(row, {"result"}));
  put("idp_error", get_string(row, {"idp_error"}));
  put("session_action", get_string(row, {"action"}));
  put("note", get_string(row, {"note"}));
  put("method", get_string(row, {"method"}));
  put("path", get_string(row, {"path"}));
  put("email", get_string(row, {"email"}));
  if (const auto status = get_int(row, {"status"})) a["http_status"] = *status;
}

std::string summary_of(const nlohmann::json& row, const Evidence& e) {
  std::string text = "console " + e.action;
  if (!e.object.empty()) text += " " + e.object;
  const std::string result = get_string(row, {"result"});
  if (!result.empty()) text += " " + result;
  if (const auto status = get_int(row, {"status"})) text += " -> " + std::to_string(*status);
  text += " (session " + e.session_id;
  if (!e.ip.empty()) text += ", from " + e.ip;
  return text + ")";
}

}  // namespace

std::string_view evidence_kind_for(std::string_view event) {
  if (event == "login") return evidence_kind::kAppLogin;
  if (event == "presign_attachment") return evidence_kind::kAppPresign;
  if (event == "view_ticket" || event == "list_attachments") return evidence_kind::kAppView;
  if (event == "token_refresh") return evidence_kind::kAppTokenRefresh;
  return kAppOther;
}

bool row_names_subject(const nlohmann::json& row, const Subject& subject) {
  return subject.matches(get_string(row, {"okta_sub"})) ||
         subject.matches(get_string(row, {"entra_oid"})) ||
         subject.matches(get_string(row, {"email"}));
}

Status row_fields_into(const nlohmann::json& row, std::string_view bucket, Evidence& e) {
  const std::string event = get_string(row, {"event"});
  const auto ts = common::get_time(row, {"ts"});
  if (event.empty() || !ts) {
    return make_error(ErrorCode::InvalidArgument,
                      "expected a row with string \"event\" and RFC 3339 \"ts\"");
  }
  e.id.clear();
  e.source = kSourceKind;
  e.kind = evidence_kind_for(event);
  e.time = *ts;
  e.summary.clear();
  e.names_subject = false;
  e.action = event;
  e.outcome = outcome_of(row);
  e.principal = get_string(row, {"okta_sub"});
  if (e.principal.empty()) e.principal = get_string(row, {"entra_oid"});
  if (e.principal.empty()) e.principal = get_string(row, {"email"});
  e.object = get_id(row, {"ticket_id"});
  e.credential_id.clear();
  e.credential_issued_at.reset();
  e.credential_ttl_seconds.reset();
  if (e.kind == evidence_kind::kAppPresign) apply_presign(row, bucket, e);
  e.ip = get_string(row, {"ip"});
  e.user_agent = get_string(row, {"ua"});
  e.session_id = get_string(row, {"console_session"});
  e.session_created = common::get_time(row, {"session_created"});
  e.auth = e.kind == evidence_kind::kAppTokenRefresh ? AuthMethod::Token
           : e.session_id.empty()                    ? AuthMethod::Unknown
                                                     : AuthMethod::Session;
  e.bytes = 0;
  e.request_id = get_string(row, {"req_id"});
  e.origin.clear();
  e.content_hash.clear();
  e.attributes = nlohmann::json::object();
  return ok_status();
}

void complete_row_evidence(const nlohmann::json& row, Evidence& e) {
  e.attributes = nlohmann::json::object();
  fill_attributes(row, e);
  e.summary = summary_of(row, e);
}

Result<Evidence> row_to_evidence(const nlohmann::json& row, std::string_view bucket,
                                 std::string origin, std::string content_hash) {
  Evidence e;
  EC_RETURN_IF_ERROR(row_fields_into(row, bucket, e));
  e.origin = std::move(origin);
  e.content_hash = std::move(content_hash);
  complete_row_evidence(row, e);
  return e;
}

std::optional<Evidence> accept_row(const nlohmann::json& row, std::string_view bucket,
                                   std::string location, std::string content_hash,
                                   const Subject& subject, const TimeWindow& window,
                                   common::ReportBuilder& report) {
  auto e = row_to_evidence(row, bucket, location, std::move(content_hash));
  if (!e) {
    report.skip(std::move(location), e.error().message);
    return std::nullopt;
  }
  report.saw_time(e->time);
  if (!window.contains(e->time)) return std::nullopt;
  e->names_subject = row_names_subject(row, subject);
  return std::move(*e);
}

void add_row(const nlohmann::json& row, std::string_view bucket, std::string location,
             std::string content_hash, const Subject& subject, const TimeWindow& window,
             common::ReportBuilder& report) {
  if (auto e = accept_row(row, bucket, std::move(location), std::move(content_hash), subject,
                          window, report)) {
    report.add(std::move(*e));
  }
}

}  // namespace ec::adapters::product_access_log
