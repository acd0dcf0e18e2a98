#include "adapters/okta/okta_live_source.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "adapters/common/api_client.h"
#include "adapters/common/json_fields.h"
#include "adapters/common/json_pages.h"
#include "adapters/okta/link_header.h"
#include "adapters/okta/okta_user.h"
#include "plugin/core/hash.h"

namespace ec::adapters::okta {
namespace {

using common::get_string;
using common::response_location;
using common::status_problem;

// A SCIM filter string literal (JSON string rules): "00u1" -> "\"00u1\"".
std::string scim_string(const std::string& value) {
  return canonical_json(nlohmann::json(value));
}

std::string join_or(const std::vector<std::string>& clauses, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t i = begin; i < end; ++i) out += (out.empty() ? "" : " or ") + clauses[i];
  return out;
}

}  // namespace

Result<Subject> OktaLiveSource::resolve_subject(std::string_view login_email_or_id) {
  if (login_email_or_id.empty()) {
    return make_error(ErrorCode::InvalidArgument, "subject: expected a login, email or Okta id");
  }
  api_.begin_operation();
  const std::string url =
      settings_.base_url + "/api/v1/users/" + url_encode_component(login_email_or_id);
  auto got = api_.get(url);
  if (!got) return std::unexpected(got.error().with_context(settings_.label));
  auto user = user_from_response(url, *got, login_email_or_id);
  if (!user) return std::unexpected(user.error());
  auto subject = subject_from_user(*user);
  if (subject) last_user_ = std::move(*user);
  return subject;
}

Result<nlohmann::json> OktaLiveSource::user_from_response(const std::string& url,
                                                          const ApiResponse& got,
                                                          std::string_view query) const {
  const int status = got.response.status;
  const std::string where = response_location(url, status);
  if (status == 404) {
    return make_error(ErrorCode::NotFound, "no Okta user with id, login or email '" +
                                               std::string(query) + "' at " + settings_.base_url);
  }
  if (status == 401) {
    return make_error(ErrorCode::Unauthenticated,
                      where + ": Okta rejected the API token from " + settings_.token_env);
  }
  if (status == 403) {
    return make_error(ErrorCode::PermissionDenied,
                      where + ": the API token from " + settings_.token_env +
                          " may not read this resource");
  }
  if (!got.ok()) {
    return make_error(ErrorCode::Unavailable, api_.redact(where + ": " + status_problem(got)));
  }
  auto user = nlohmann::json::parse(got.response.body, nullptr, false);
  if (user.is_discarded() || !user.is_object()) {
    return make_error(ErrorCode::Unavailable,
                      "GET " + url + ": expected a JSON Okta user object");
  }
  return user;
}

Result<std::optional<nlohmann::json>> OktaLiveSource::collect_user(std::string_view query,
                                                                   common::ReportBuilder& report) {
  std::optional<nlohmann::json> user;
  if (last_user_ && (get_string(*last_user_, {"id"}) == query || user_matches(*last_user_, query))) {
    user = *last_user_;
  } else {
    const std::string url = settings_.base_url + "/api/v1/users/" + url_encode_component(query);
    auto got = api_.get(url);
    if (!got) return std::unexpected(got.error().with_context(settings_.label));
    auto fetched = user_from_response(url, *got, query);
    if (!fetched) {
      const ErrorCode code = fetched.error().code;
      if (code == ErrorCode::Unauthenticated || code == ErrorCode::PermissionDenied) {
        return std::unexpected(fetched.error().with_context(settings_.label));
      }
      if (code != ErrorCode::NotFound) report.mark_incomplete();
      diagnose(report, response_location(url, got->response.status), fetched.error().message);
      return user;
    }
    user = std::move(*fetched);
  }
  const std::string self = settings_.base_url + "/api/v1/users/" +
                           url_encode_component(get_string(*user, {"id"}));
  report.add(user_to_evidence(*user, self, sha256_hex(canonical_json(*user))));
  return user;
}

Result<SourceReport> OktaLiveSource::collect(const Subject& subject, const TimeWindow& window) {
  api_.begin_operation();
  common::ReportBuilder report("okta", settings_.label);
  const std::string query = subject.id.empty() ? subject.login : subject.id;
  if (query.empty()) {
    return make_error(ErrorCode::InvalidArgument, "subject: expected an Okta id or login");
  }
  auto user = collect_user(query, report);
  if (!user) return std::unexpected(user.error());
  const std::string id = *user ? get_string(**user, {"id"}) : subject.id;
  if (id.empty()) {
    report.mark_incomplete();
    diagnose(report, settings_.label, "no Okta user id for '" + query + "': System Log not read");
    return report.finish();
  }
  // Query bounds: the window, else statusChanged - lookback .. now.
  const Timestamp now = clock_.now();
  std::optional<Timestamp> anchor = *user ? common::get_time(**user, {"statusChanged"})
                                          : std::nullopt;
  if (!anchor) anchor = subject.deprovisioned_at;
  TimeWindow bounds;
  bounds.end = window.end.value_or(now);
  bounds.begin = window.begin.value_or(std::min(anchor.value_or(now), *bounds.end) -
                                       settings_.default_lookback);
  Subject who = subject;
  if (who.id.empty()) who.id = id;
  SystemLogCollector collector(who, window, report);
  std::set<std::string> seen_uuids;
  // By id, and by login too: events about app accounts name the subject only by alternateId.
  std::string filter = "target.id eq " + scim_string(id) + " or actor.id eq " + scim_string(id);
  const std::string login = *user ? get_string(**user, {"profile", "login"}) : subject.login;
  if (!login.empty()) {
    filter += " or target.alternateId eq " + scim_string(login) +
              " or actor.alternateId eq " + scim_string(login);
  }
  if (read_pages(logs_url(bounds, filter), collector, report, seen_uuids)) {
    read_linked_events(bounds, collector, report, seen_uuids);
  }
  collector.finish();
  SourceReport out = report.finish();
  std::stable_sort(out.evidence.begin(), out.evidence.end(),
                   [](const Evidence& a, const Evidence& b) { return a.time < b.time; });
  return out;
}

void OktaLiveSource::read_linked_events(const TimeWindow& bounds, SystemLogCollector& collector,
                                        common::ReportBuilder& report,
                                        std::set<std::string>& seen_uuids) {
  std::vector<std::string> clauses;
  const SubjectLinks& links = collector.links();
  for (const auto& key : links.sessions()) {
    clauses.push_back("authenticationContext.externalSessionId eq " + scim_string(key));
  }
  for (const auto& key : links.transactions()) {
    clauses.push_back("transaction.id eq " + scim_string(key));
  }
  for (const auto& key : links.client_apps()) clauses.push_back("actor.id eq " + scim_string(key));
  const std::size_t step = std::max<std::size_t>(1, settings_.linked_keys_per_query);
  for (std::size_t begin = 0; begin < clauses.size(); begin += step) {
    const std::string filter = join_or(clauses, begin, std::min(clauses.size(), begin + step));
    if (!read_pages(logs_url(bounds, filter), collector, report, seen_uuids)) return;
  }
}

bool OktaLiveSource::read_pages(std::string url, SystemLogCollector& collector,
                                common::ReportBuilder& report,
                                std::set<std::string>& seen_uuids) {
  const auto on_page = [&](const common::JsonPage& page) -> std::string {
    if (!page.body.is_array()) return "expected a JSON array of LogEvents; the page is not one";
    for (std::size_t i = 0; i < page.body.size(); ++i) {
      const nlohmann::json& event = page.body[i];
      const std::string uuid = get_string(event, {"uuid"});
      if (!uuid.empty() && !seen_uuids.insert(uuid).second) continue;  // already read
      report.count_read();
      collector.add(event, page.url + "[" + std::to_string(i) + "]",
                    sha256_hex(canonical_json(event)));
    }
    return {};
  };
  const auto next = [](const common::JsonPage& page) {
    return find_next_link(page.response.header_values("Link"));
  };
  return common::walk_json_pages(api_, std::move(url), on_page, next, report,
                                 settings_.max_pages);
}

std::string OktaLiveSource::logs_url(const TimeWindow& bounds, const std::string& filter) const {
  std::string url = settings_.base_url + "/api/v1/logs?";
  if (bounds.begin) url += "since=" + url_encode_component(format_rfc3339(*bounds.begin)) + "&";
  if (bounds.end) url += "until=" + url_encode_component(format_rfc3339(*bounds.end)) + "&";
  url += "filter=" + url_encode_component(filter);
  url += "&limit=" + std::to_string(settings_.page_limit);
  return url;
}

void OktaLiveSource::diagnose(common::ReportBuilder& report, std::string location,
                              std::string message) const {
  report.note(api_.redact(std::move(location)), api_.redact(std::move(message)));
}

}  // namespace ec::adapters::okta
