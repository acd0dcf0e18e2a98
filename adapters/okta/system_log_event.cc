#include "adapters/okta/system_log_event.h"

#include "adapters/common/json_fields.h"

namespace ec::adapters::okta {
namespace {

using common::find_path;
using common::get_string;

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

bool is_user_type(std::string_view type) { return type == "User"; }

// The first target that is not a user (an app, a token), else the first target's id.
std::string object_of(const nlohmann::json& event) {
  const nlohmann::json* targets = find_path(event, {"target"});
  if (targets == nullptr || !targets->is_array() || targets->empty()) return {};
  for (const auto& target : *targets) {
    if (!is_user_type(get_string(target, {"type"}))) return get_string(target, {"id"});
  }
  return get_string((*targets)[0], {"id"});
}

// The API token behind an admin request, else the id of a token the event targets.
std::string credential_of(const nlohmann::json& event, std::string_view kind) {
  std::string token = get_string(event, {"transaction", "detail", "requestApiTokenId"});
  if (!token.empty()) return token;
  if (kind != evidence_kind::kTokenGrant && kind != evidence_kind::kTokenRevoke) return {};
  const nlohmann::json* targets = find_path(event, {"target"});
  if (targets == nullptr || !targets->is_array()) return {};
  for (const auto& target : *targets) {
    if (!is_user_type(get_string(target, {"type"}))) return get_string(target, {"id"});
  }
  return {};
}

std::string action_of(std::string_view event_type) {
  const auto dot = event_type.rfind('.');
  return std::string(dot == std::string_view::npos ? event_type : event_type.substr(dot + 1));
}

void fill_attributes(const nlohmann::json& event, Evidence& e) {
  nlohmann::json& a = e.attributes;
  const auto put = [&a](const char* key, std::string value) {
    if (!value.empty()) a[key] = std::move(value);
  };
  put("event_type", get_string(event, {"eventType"}));
  put("transaction_id", get_string(event, {"transaction", "id"}));
  put("transaction_type", get_string(event, {"transaction", "type"}));
  put("outcome_result", get_string(event, {"outcome", "result"}));
  put("outcome_reason", get_string(event, {"outcome", "reason"}));
  put("severity", get_string(event, {"severity"}));
  put("actor_alternate_id", get_string(event, {"actor", "alternateId"}));
  put("grant_type", get_string(event, {"debugContext", "debugData", "grantType"}));
  put("country", get_string(event, {"client", "geographicalContext", "country"}));
}

}  // namespace

std::string_view evidence_kind_for(std::string_view type) {
  if (type.starts_with("user.lifecycle.deactivate") || type == "user.lifecycle.suspend" ||
      type.starts_with("user.lifecycle.delete")) {
    return evidence_kind::kDeprovision;
  }
  if (type == "user.session.start") return evidence_kind::kSessionStart;
  if (type == "user.authentication.sso") return evidence_kind::kSso;
  if (type == "policy.evaluate_sign_on") return evidence_kind::kSignOnPolicy;
  if (type == "user.session.clear") return evidence_kind::kSessionClear;
  if ((type.starts_with("app.oauth2.") || type.starts_with("system.api_token.")) &&
      contains(type, ".revoke")) {
    return evidence_kind::kTokenRevoke;
  }
  if (type.starts_with("app.oauth2.") && contains(type, "token.grant")) {
    return evidence_kind::kTokenGrant;
  }
  if (type.starts_with("application.provision.")) return evidence_kind::kProvisioning;
  return evidence_kind::kIdentityOther;
}

Outcome outcome_for(std::string_view result) {
  if (result == "SUCCESS" || result == "ALLOW") return Outcome::Success;
  if (result == "FAILURE" || result == "DENY") return Outcome::Failure;
  return Outcome::Unknown;
}

bool event_names_subject(const nlohmann::json& event, const Subject& subject) {
  if (subject.matches(get_string(event, {"actor", "id"})) ||
      subject.matches(get_string(event, {"actor", "alternateId"})) ||
      subject.matches(get_string(event, {"debugContext", "debugData", "subject"}))) {
    return true;
  }
  const nlohmann::json* targets = find_path(event, {"target"});
  if (targets == nullptr || !targets->is_array()) return false;
  for (const auto& target : *targets) {
    if (subject.matches(get_string(target, {"id"})) ||
        subject.matches(get_string(target, {"alternateId"}))) {
      return true;
    }
  }
  return false;
}

bool event_names_no_user(const nlohmann::json& event) {
  if (is_user_type(get_string(event, {"actor", "type"}))) return false;
  if (!get_string(event, {"debugContext", "debugData", "subject"}).empty()) return false;
  const nlohmann::json* targets = find_path(event, {"target"});
  if (targets == nullptr || !targets->is_array()) return true;
  for (const auto& target : *targets) {
    if (is_user_type(get_string(target, {"type"}))) return false;
  }
  return true;
}

Result<Evidence> log_event_to_evidence(const nlohmann::json& event, std::string origin,
                                       std::string content_hash) {
  const std::string type = get_string(event, {"eventType"});
  const auto published = common::get_time(event, {"published"});
  if (type.empty() || !published) {
    return make_error(ErrorCode::InvalidArgument,
                      "expected a LogEvent with string \"eventType\" and RFC 3339 \"published\"");
  }
  Evidence e;
  e.source = "okta";
  e.kind = std::string(evidence_kind_for(type));
  e.time = *published;
  e.outcome = outcome_for(get_string(event, {"outcome", "result"}));
  e.principal = get_string(event, {"actor", "id"});
  e.object = object_of(event);
  if (e.kind == evidence_kind::kTokenGrant &&
      get_string(event, {"actor", "type"}).ends_with("App")) {
    e.object = e.principal;  // the OAuth client the token was granted to
  }
  e.action = action_of(type);
  e.ip = get_string(event, {"client", "ipAddress"});
  e.user_agent = get_string(event, {"client", "userAgent", "rawUserAgent"});
  e.session_id = get_string(event, {"authenticationContext", "externalSessionId"});
  e.credential_id = credential_of(event, e.kind);
  if (!get_string(event, {"transaction", "detail", "requestApiTokenId"}).empty()) {
    e.auth = AuthMethod::Token;
  } else if (!e.session_id.empty()) {
    e.auth = AuthMethod::Session;
  }
  e.request_id = get_string(event, {"uuid"});
  e.origin = std::move(origin);
  e.content_hash = std::move(content_hash);
  fill_attributes(event, e);
  const std::string result = get_string(event, {"outcome", "result"});
  e.summary = type + " -> " + (result.empty() ? "UNKNOWN" : result) + " (actor " +
              get_string(event, {"actor", "alternateId"}) + (e.ip.empty() ? "" : ", ip " + e.ip) +
              ")";
  return e;
}

}  // namespace ec::adapters::okta
