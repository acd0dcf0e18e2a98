#include "adapters/entra_id/entra_live_source.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "adapters/common/json_fields.h"
#include "adapters/common/json_pages.h"
#include "adapters/entra_id/entra_collector.h"
#include "adapters/entra_id/graph_records.h"
#include "plugin/core/hash.h"

namespace ec::adapters::entra_id {
namespace {

using common::get_string;

constexpr char kUserSelect[] =
    "id,displayName,userPrincipalName,mail,accountEnabled,deletedDateTime,createdDateTime,"
    "userType,signInSessionsValidFromDateTime";

// An OData string literal: 'it''s'.
std::string odata_string(std::string_view value) {
  std::string out = "'";
  for (const char c : value) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

// Graph compares DateTimeOffset values written unquoted: createdDateTime ge 2025-03-01T00:00:00Z.
std::string odata_time(Timestamp t) { return format_rfc3339(t); }

// A Graph collection page: {"value": [...], "@odata.nextLink": "..."}.
std::string page_problem(const nlohmann::json& body) {
  const nlohmann::json* value = common::find_path(body, {"value"});
  if (value == nullptr || !value->is_array()) {
    return "expected a Graph collection page {\"value\": [...]}; the response is not one";
  }
  return {};
}

// An Entra object id: 8-4-4-4-12 hex digits.
bool is_object_id(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (text[i] == '-')) return false;
    if (!dash && !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

std::optional<std::string> next_link(const common::JsonPage& page) {
  const std::string next = get_string(page.body, {"@odata.nextLink"});
  if (next.empty()) return std::nullopt;
  return next;
}

}  // namespace

std::string_view EntraLiveSource::kind() const { return kSourceKind; }

std::string EntraLiveSource::user_url(std::string_view query) const {
  return settings_.base_url + "/v1.0/users/" + url_encode_component(query) +
         "?$select=" + url_encode_component(kUserSelect);
}

std::string EntraLiveSource::audits_url(const std::string& user_id,
                                        const TimeWindow& bounds) const {
  std::string filter;
  if (bounds.begin) filter += "activityDateTime ge " + odata_time(*bounds.begin) + " and ";
  if (bounds.end) filter += "activityDateTime le " + odata_time(*bounds.end) + " and ";
  filter += "targetResources/any(t:t/id eq " + odata_string(user_id) + ")";
  return settings_.base_url + "/v1.0/auditLogs/directoryAudits?$filter=" +
         url_encode_component(filter) + "&$top=" + std::to_string(settings_.page_size);
}

std::string EntraLiveSource::sign_ins_url(const std::string& version, const std::string& user_id,
                                          const TimeWindow& bounds, bool non_interactive) const {
  std::string filter = "userId eq " + odata_string(user_id);
  if (bounds.begin) filter += " and createdDateTime ge " + odata_time(*bounds.begin);
  if (bounds.end) filter += " and createdDateTime le " + odata_time(*bounds.end);
  if (non_interactive) filter += " and signInEventTypes/any(t: t eq 'nonInteractiveUser')";
  return settings_.base_url + "/" + version + "/auditLogs/signIns?$filter=" +
         url_encode_component(filter) + "&$top=" + std::to_string(settings_.page_size);
}

Result<nlohmann::json> EntraLiveSource::fetch_user(std::string_view query) {
  std::string url = user_url(query);
  auto got = api_.get(url);
  if (!got) return std::unexpected(got.error().with_context(settings_.label));
  if (got->response.status == 404 && query.find('@') != std::string_view::npos) {
    // A mail address that is not the UPN: look it up by mail.
    url = settings_.base_url + "/v1.0/users?$filter=" +
          url_encode_component("mail eq " + odata_string(query)) +
          "&$select=" + url_encode_component(kUserSelect);
    got = api_.get(url);
    if (!got) return std::unexpected(got.error().with_context(settings_.label));
  }
  if (got->response.status == 404 && is_object_id(query)) {
    // A deleted user stays in the directory's recycle bin for 30 days, by object id.
    url = settings_.base_url + "/v1.0/directory/deletedItems/" + std::string(query) +
          "?$select=" + url_encode_component(kUserSelect);
    got = api_.get(url);
    if (!got) return std::unexpected(got.error().with_context(settings_.label));
  }
  const int status = got->response.status;
  const std::string where = common::response_location(url, status);
  if (status == 404) {
    return make_error(ErrorCode::NotFound, "no Entra ID user with id, userPrincipalName or mail '" +
                                               std::string(query) + "' at " + settings_.base_url);
  }
  if (status == 401) {
    return make_error(ErrorCode::Unauthenticated,
                      where + ": Microsoft Graph rejected the token from " + settings_.token_env);
  }
  if (status == 403) {
    return make_error(ErrorCode::PermissionDenied,
                      api_.redact(where + ": the token from " + settings_.token_env +
                                  " may not read users (needs User.Read.All, AuditLog.Read.All): " +
                                  common::status_problem(*got)));
  }
  if (!got->ok()) {
    return make_error(ErrorCode::Unavailable,
                      api_.redact(where + ": " + common::status_problem(*got)));
  }
  auto body = nlohmann::json::parse(got->response.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return make_error(ErrorCode::Unavailable, where + ": expected a JSON Graph user object");
  }
  if (const nlohmann::json* value = common::find_path(body, {"value"})) {  // the $filter form
    if (!value->is_array() || value->empty() || !(*value)[0].is_object()) {
      return make_error(ErrorCode::NotFound,
                        "no Entra ID user with id, userPrincipalName or mail '" +
                            std::string(query) + "' at " + settings_.base_url);
    }
    return (*value)[0];
  }
  return body;
}

bool EntraLiveSource::read_audits(
    const std::string& user_id, const TimeWindow& bounds, common::ReportBuilder& report,
    const std::function<void(const nlohmann::json&, std::string)>& on_audit) {
  const auto on_page = [&](const common::JsonPage& page) -> std::string {
    if (std::string problem = page_problem(page.body); !problem.empty()) return problem;
    const nlohmann::json& value = page.body["value"];
    for (std::size_t i = 0; i < value.size(); ++i) {
      report.count_read();
      on_audit(value[i], page.url + "[" + std::to_string(i) + "]");
    }
    return {};
  };
  return common::walk_json_pages(api_, audits_url(user_id, bounds), on_page, next_link, report,
                                 settings_.max_pages);
}

bool EntraLiveSource::read_sign_ins(
    const std::string& url, common::ReportBuilder& report,
    const std::function<void(const nlohmann::json&, std::string)>& on_sign_in) {
  const auto on_page = [&](const common::JsonPage& page) -> std::string {
    if (std::string problem = page_problem(page.body); !problem.empty()) return problem;
    const nlohmann::json& value = page.body["value"];
    for (std::size_t i = 0; i < value.size(); ++i) {
      report.count_read();
      on_sign_in(value[i], page.url + "[" + std::to_string(i) + "]");
    }
    return {};
  };
  return common::walk_json_pages(api_, url, on_page, next_link, report, settings_.max_pages);
}

Result<Subject> EntraLiveSource::resolve_subject(std::string_view login_email_or_id) {
  if (login_email_or_id.empty()) {
    return make_error(ErrorCode::InvalidArgument,
                      "subject: expected a userPrincipalName, mail or Entra object id");
  }
  api_.begin_operation();
  auto user = fetch_user(login_email_or_id);
  if (!user) return std::unexpected(user.error());
  const std::string id = get_string(*user, {"id"});
  DeprovisionClock deprovision(id);
  common::ReportBuilder report(kSourceKind, settings_.label);
  TimeWindow bounds{clock_.now() - settings_.default_lookback, clock_.now()};
  const bool complete = read_audits(id, bounds, report, [&](const nlohmann::json& audit,
                                                            std::string) {
    if (audit.is_object()) deprovision.add(audit);
  });
  auto subject = subject_from_user(*user, deprovision.at());
  if (!subject) return subject;
  if (!complete && subject->status != "ACTIVE" && !deprovision.at()) {
    const SourceReport partial = report.finish();
    const std::string why = partial.diagnostics.empty()
                                ? std::string()
                                : partial.diagnostics[0].location + ": " +
                                      partial.diagnostics[0].message;
    return make_error(ErrorCode::Unavailable,
                      settings_.label + ": the directory audits that date the deprovisioning of " +
                          subject->login + " could not be read (" + why + ")");
  }
  return subject;
}

Result<SourceReport> EntraLiveSource::collect(const Subject& subject, const TimeWindow& window) {
  api_.begin_operation();
  common::ReportBuilder report(kSourceKind, settings_.label);
  const std::string query = subject.id.empty() ? subject.login : subject.id;
  if (query.empty()) {
    return make_error(ErrorCode::InvalidArgument, "subject: expected an Entra object id or UPN");
  }
  auto user = fetch_user(query);
  if (!user) {
    const ErrorCode code = user.error().code;
    if (code == ErrorCode::Unauthenticated || code == ErrorCode::PermissionDenied ||
        code == ErrorCode::DeadlineExceeded ||
        (code == ErrorCode::Unavailable && !user.error().message.starts_with("GET "))) {
      return std::unexpected(user.error());
    }
    if (code != ErrorCode::NotFound) report.mark_incomplete();
    report.note(settings_.label, user.error().message);
  }
  const std::string id = user ? get_string(*user, {"id"}) : subject.id;
  if (user) {
    const std::string self = settings_.base_url + "/v1.0/users/" + url_encode_component(id);
    report.add(user_to_evidence(*user, subject, self, sha256_hex(canonical_json(*user))));
  }
  if (id.empty()) {
    report.mark_incomplete();
    report.note(settings_.label, "no Entra object id for '" + query + "': logs not read");
    return report.finish();
  }
  const Timestamp now = clock_.now();
  TimeWindow bounds;
  bounds.end = window.end.value_or(now);
  bounds.begin = window.begin.value_or(
      std::min(subject.deprovisioned_at.value_or(now), *bounds.end) - settings_.default_lookback);
  Subject who = subject;
  if (who.id.empty()) who.id = id;
  EntraCollector collector(who, window, report);
  read_audits(id, bounds, report, [&](const nlohmann::json& audit, std::string where) {
    collector.add_audit(audit, std::move(where), sha256_hex(canonical_json(audit)));
  });
  const auto add_sign_in = [&](const nlohmann::json& sign_in, std::string where) {
    collector.add_sign_in(sign_in, std::move(where), sha256_hex(canonical_json(sign_in)));
  };
  read_sign_ins(sign_ins_url("v1.0", id, bounds, false), report, add_sign_in);
  if (settings_.non_interactive) {
    read_sign_ins(sign_ins_url("beta", id, bounds, true), report, add_sign_in);
  }
  SourceReport out = report.finish();
  std::stable_sort(out.evidence.begin(), out.evidence.end(),
                   [](const Evidence& a, const Evidence& b) { return a.time < b.time; });
  return out;
}

}  // namespace ec::adapters::entra_id
