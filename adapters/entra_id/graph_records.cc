#include "adapters/entra_id/graph_records.h"

#include <algorithm>

#include "adapters/common/json_fields.h"
#include "adapters/common/text.h"

namespace ec::adapters::entra_id {
namespace {

using common::find_path;
using common::get_string;
using common::get_time;

bool succeeded(const nlohmann::json& audit) { return get_string(audit, {"result"}) == "success"; }

// "Update user" that set AccountEnabled to false: modifiedProperties[] carries
// {"displayName": "AccountEnabled", "oldValue": "[true]", "newValue": "[false]"}.
bool disables_account(const nlohmann::json& audit) {
  const nlohmann::json* targets = find_path(audit, {"targetResources"});
  if (targets == nullptr || !targets->is_array()) return false;
  for (const auto& target : *targets) {
    const nlohmann::json* props = find_path(target, {"modifiedProperties"});
    if (props == nullptr || !props->is_array()) continue;
    for (const auto& prop : *props) {
      if (get_string(prop, {"displayName"}) != "AccountEnabled") continue;
      const std::string value = common::to_lower(get_string(prop, {"newValue"}));
      if (value.find("false") != std::string::npos) return true;
    }
  }
  return false;
}

std::string_view kind_for(AuditEffect effect) {
  switch (effect) {
    case AuditEffect::Deprovision: return evidence_kind::kDeprovision;
    case AuditEffect::RevokeTokens: return evidence_kind::kTokenRevoke;
    default: return evidence_kind::kIdentityOther;
  }
}

// initiatedBy.user (id, userPrincipalName, ipAddress) or initiatedBy.app (appId / service
// principal): who did it.
void fill_initiator(const nlohmann::json& audit, Evidence& e) {
  const nlohmann::json* user = find_path(audit, {"initiatedBy", "user"});
  if (user != nullptr && user->is_object() && !get_string(*user, {"id"}).empty()) {
    e.principal = get_string(*user, {"id"});
    e.ip = get_string(*user, {"ipAddress"});
    e.attributes["initiated_by"] = get_string(*user, {"userPrincipalName"});
    return;
  }
  const nlohmann::json* app = find_path(audit, {"initiatedBy", "app"});
  if (app != nullptr && app->is_object()) {
    e.principal = get_string(*app, {"servicePrincipalId"});
    if (e.principal.empty()) e.principal = get_string(*app, {"appId"});
    e.credential_id = get_string(*app, {"appId"});
    e.auth = AuthMethod::Token;  // an app's own credential (client secret or certificate)
    e.attributes["initiated_by"] = get_string(*app, {"displayName"});
  }
}

std::string first_user_target(const nlohmann::json& audit, const char* field) {
  const nlohmann::json* targets = find_path(audit, {"targetResources"});
  if (targets == nullptr || !targets->is_array()) return {};
  for (const auto& target : *targets) {
    if (get_string(target, {"type"}) == "User") return get_string(target, {field});
  }
  return targets->empty() ? std::string() : get_string((*targets)[0], {field});
}

bool is_non_interactive(const nlohmann::json& sign_in) {
  if (const nlohmann::json* types = find_path(sign_in, {"signInEventTypes"});
      types != nullptr && types->is_array()) {
    for (const auto& type : *types) {
      if (type.is_string() && type.get<std::string>() == "nonInteractiveUser") return true;
    }
    for (const auto& type : *types) {
      if (type.is_string() && type.get<std::string>() == "interactiveUser") return false;
    }
  }
  const nlohmann::json* interactive = find_path(sign_in, {"isInteractive"});
  return interactive != nullptr && interactive->is_boolean() && !interactive->get<bool>();
}

}  // namespace

bool user_matches(const nlohmann::json& user, std::string_view query) {
  if (query.empty()) return false;
  if (get_string(user, {"id"}) == query) return true;
  const std::string upn = get_string(user, {"userPrincipalName"});
  const std::string mail = get_string(user, {"mail"});
  return (!upn.empty() && common::iequals(upn, query)) ||
         (!mail.empty() && common::iequals(mail, query));
}

AuditEffect audit_effect(const nlohmann::json& audit) {
  const std::string activity = get_string(audit, {"activityDisplayName"});
  if (activity == "Disable account" || activity == "Delete user" ||
      activity == "Hard Delete user") {
    return AuditEffect::Deprovision;
  }
  if (activity == "Update user" && disables_account(audit)) return AuditEffect::Deprovision;
  if (activity == "Enable account" || activity == "Restore user") return AuditEffect::Reactivate;
  if (activity == "Update StsRefreshTokenValidFrom Timestamp") return AuditEffect::RevokeTokens;
  return AuditEffect::None;
}

bool audit_targets_user(const nlohmann::json& audit, std::string_view user_id) {
  const nlohmann::json* targets = find_path(audit, {"targetResources"});
  if (user_id.empty() || targets == nullptr || !targets->is_array()) return false;
  return std::any_of(targets->begin(), targets->end(), [&](const nlohmann::json& target) {
    return get_string(target, {"id"}) == user_id;
  });
}

void DeprovisionClock::add(const nlohmann::json& audit) {
  if (!succeeded(audit) || !audit_targets_user(audit, user_id_)) return;
  const auto when = get_time(audit, {"activityDateTime"});
  if (!when) return;
  const AuditEffect effect = audit_effect(audit);
  if (effect == AuditEffect::Deprovision) deprovisions_.push_back(*when);
  if (effect == AuditEffect::Reactivate && (!last_reactivate_ || *when > *last_reactivate_)) {
    last_reactivate_ = *when;
  }
}

std::optional<Timestamp> DeprovisionClock::at() const {
  std::optional<Timestamp> first;
  for (const Timestamp t : deprovisions_) {
    if (last_reactivate_ && t <= *last_reactivate_) continue;
    if (!first || t < *first) first = t;
  }
  return first;
}

Result<Subject> subject_from_user(const nlohmann::json& user,
                                  std::optional<Timestamp> deprovisioned) {
  Subject subject;
  subject.id = get_string(user, {"id"});
  if (subject.id.empty()) {
    return make_error(ErrorCode::InvalidArgument, "Graph user object without a string \"id\"");
  }
  subject.login = get_string(user, {"userPrincipalName"});
  subject.email = get_string(user, {"mail"});
  subject.display_name = get_string(user, {"displayName"});
  const auto deleted = get_time(user, {"deletedDateTime"});
  const nlohmann::json* enabled = find_path(user, {"accountEnabled"});
  const bool disabled = enabled != nullptr && enabled->is_boolean() && !enabled->get<bool>();
  subject.status = deleted ? "DELETED" : disabled ? "DISABLED" : "ACTIVE";
  if (deleted || disabled) subject.deprovisioned_at = deprovisioned ? deprovisioned : deleted;
  return subject;
}

Evidence user_to_evidence(const nlohmann::json& user, const Subject& subject, std::string origin,
                          std::string content_hash) {
  Evidence e;
  e.source = kSourceKind;
  e.kind = evidence_kind::kIdentityUser;
  const auto deleted = get_time(user, {"deletedDateTime"});
  e.time = subject.deprovisioned_at ? *subject.deprovisioned_at
           : deleted                ? *deleted
                                    : get_time(user, {"createdDateTime"}).value_or(Timestamp{});
  e.principal = subject.id;
  e.object = subject.id;
  e.action = "status";
  e.outcome = Outcome::Success;
  e.names_subject = true;
  e.summary = "Entra ID user " + subject.login + " status " + subject.status;
  if (subject.deprovisioned_at) e.summary += " since " + format_rfc3339(*subject.deprovisioned_at);
  e.origin = std::move(origin);
  e.content_hash = std::move(content_hash);
  e.attributes = {{"status", subject.status}};
  if (const nlohmann::json* enabled = find_path(user, {"accountEnabled"});
      enabled != nullptr && enabled->is_boolean()) {
    e.attributes["accountEnabled"] = enabled->get<bool>();
  }
  for (const char* key : {"deletedDateTime", "createdDateTime", "signInSessionsValidFromDateTime",
                          "userType"}) {
    const std::string value = get_string(user, {key});
    if (!value.empty()) e.attributes[key] = value;
  }
  return e;
}

Result<Evidence> audit_to_evidence(const nlohmann::json& audit, std::string origin,
                                   std::string content_hash) {
  const std::string activity = get_string(audit, {"activityDisplayName"});
  const auto when = get_time(audit, {"activityDateTime"});
  if (activity.empty() || !when) {
    return make_error(ErrorCode::InvalidArgument,
                      "expected a directoryAudit with string \"activityDisplayName\" and RFC 3339 "
                      "\"activityDateTime\"");
  }
  Evidence e;
  e.source = kSourceKind;
  e.kind = std::string(kind_for(audit_effect(audit)));
  e.time = *when;
  const std::string result = get_string(audit, {"result"});
  e.outcome = result == "success"   ? Outcome::Success
              : result == "failure" ? Outcome::Failure
                                    : Outcome::Unknown;
  fill_initiator(audit, e);
  e.object = first_user_target(audit, "id");
  e.action = activity;
  e.request_id = get_string(audit, {"id"});
  e.origin = std::move(origin);
  e.content_hash = std::move(content_hash);
  nlohmann::json& a = e.attributes;
  a["activity"] = activity;
  const auto put = [&a](const char* key, std::string value) {
    if (!value.empty()) a[key] = std::move(value);
  };
  put("category", get_string(audit, {"category"}));
  put("result", result);
  put("result_reason", get_string(audit, {"resultReason"}));
  put("correlation_id", get_string(audit, {"correlationId"}));
  put("logged_by_service", get_string(audit, {"loggedByService"}));
  put("target_upn", first_user_target(audit, "userPrincipalName"));
  e.summary = "Entra audit \"" + activity + "\" -> " + (result.empty() ? "unknown" : result) +
              " (target " + get_string(a, {"target_upn"}) + ", by " +
              get_string(a, {"initiated_by"}) + ")";
  return e;
}

bool audit_names_subject(const nlohmann::json& audit, const Subject& subject) {
  if (subject.matches(get_string(audit, {"initiatedBy", "user", "id"})) ||
      subject.matches(get_string(audit, {"initiatedBy", "user", "userPrincipalName"}))) {
    return true;
  }
  const nlohmann::json* targets = find_path(audit, {"targetResources"});
  if (targets == nullptr || !targets->is_array()) return false;
  return std::any_of(targets->begin(), targets->end(), [&](const nlohmann::json& target) {
    return subject.matches(get_string(target, {"id"})) ||
           subject.matches(get_string(target, {"userPrincipalName"}));
  });
}

Result<Evidence> sign_in_to_evidence(const nlohmann::json& sign_in, std::string origin,
                                     std::string content_hash) {
  const auto when = get_time(sign_in, {"createdDateTime"});
  const std::string user_id = get_string(sign_in, {"userId"});
  const auto error_code = common::get_int(sign_in, {"status", "errorCode"});
  if (!when || user_id.empty() || !error_code) {
    return make_error(ErrorCode::InvalidArgument,
                      "expected a signIn with RFC 3339 \"createdDateTime\", string \"userId\" and "
                      "integer \"status.errorCode\"");
  }
  const bool non_interactive = is_non_interactive(sign_in);
  Evidence e;
  e.source = kSourceKind;
  e.kind = non_interactive ? evidence_kind::kTokenGrant : evidence_kind::kSessionStart;
  e.time = *when;
  e.outcome = *error_code == 0 ? Outcome::Success : Outcome::Failure;
  e.principal = user_id;
  e.object = user_id;  // the account signed into, as Okta's sign-in events name it
  e.action = non_interactive ? "non_interactive_sign_in" : "sign_in";
  e.ip = get_string(sign_in, {"ipAddress"});
  e.user_agent = get_string(sign_in, {"userAgent"});  // beta only
  e.session_id = get_string(sign_in, {"sessionId"});  // beta only
  e.credential_id = get_string(sign_in, {"uniqueTokenIdentifier"});  // beta only
  e.auth = non_interactive ? AuthMethod::Token : AuthMethod::Session;
  e.request_id = get_string(sign_in, {"id"});
  e.origin = std::move(origin);
  e.content_hash = std::move(content_hash);
  nlohmann::json& a = e.attributes;
  a["error_code"] = *error_code;
  a["interactive"] = !non_interactive;
  const auto put = [&a](const char* key, std::string value) {
    if (!value.empty()) a[key] = std::move(value);
  };
  put("failure_reason", get_string(sign_in, {"status", "failureReason"}));
  put("app", get_string(sign_in, {"appDisplayName"}));
  put("app_id", get_string(sign_in, {"appId"}));
  put("resource", get_string(sign_in, {"resourceDisplayName"}));
  put("client_app_used", get_string(sign_in, {"clientAppUsed"}));
  put("correlation_id", get_string(sign_in, {"correlationId"}));
  put("incoming_token_type", get_string(sign_in, {"incomingTokenType"}));
  put("conditional_access_status", get_string(sign_in, {"conditionalAccessStatus"}));
  put("country", get_string(sign_in, {"location", "countryOrRegion"}));
  put("user_principal_name", get_string(sign_in, {"userPrincipalName"}));
  std::string outcome = *error_code == 0 ? "success" : "error " + std::to_string(*error_code);
  if (*error_code == kAccountDisabled) outcome += " (account disabled)";
  e.summary = std::string(non_interactive ? "Entra non-interactive sign-in" : "Entra sign-in") +
              " to " + get_string(sign_in, {"appDisplayName"}) + " -> " + outcome + " (user " +
              get_string(sign_in, {"userPrincipalName"}) + (e.ip.empty() ? "" : ", ip " + e.ip) +
              ")";
  return e;
}

bool sign_in_names_subject(const nlohmann::json& sign_in, const Subject& subject) {
  return subject.matches(get_string(sign_in, {"userId"})) ||
         subject.matches(get_string(sign_in, {"userPrincipalName"}));
}

}  // namespace ec::adapters::entra_id
