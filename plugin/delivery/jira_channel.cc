#include "plugin/delivery/jira_channel.h"

#include <utility>

#include "plugin/core/hash.h"
#include "plugin/delivery/adf.h"
#include "plugin/delivery/http_delivery.h"

namespace ec::delivery {
namespace {

constexpr std::size_t kMaxSummaryChars = 250;  // Jira's summary field limit is 255

std::string one_line_cut(std::string_view text, std::size_t limit) {
  std::string out;
  for (const char c : text) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  return cut_utf8(std::move(out), limit);
}

std::string description_text(const IncidentNotice& notice) {
  std::string text = "Security escalation for case " + notice.case_id;
  if (!notice.ticket_ref.empty()) text += " (ticket " + notice.ticket_ref + ")";
  text += ", raised by escalation-copilot at " + format_rfc3339(notice.at) + ".\n";
  if (!notice.matched_rules.empty()) {
    text += "\n## Policy rules that fired\n\n";
    for (const auto& rule : notice.matched_rules) text += "- " + rule + "\n";
  }
  if (!notice.evidence_ids.empty()) {
    text += "\n## Evidence\n\n";
    std::string ids;
    for (const auto& id : notice.evidence_ids) ids += (ids.empty() ? "" : ", ") + id;
    text += ids + "\n";
  }
  if (!notice.text.empty()) text += "\n## Handoff packet\n\n" + notice.text + "\n";
  return text;
}

std::string comment_marker(std::string_view idempotency_key) {
  return "[escalation-copilot:" + std::string(idempotency_key) + "]";
}

}  // namespace

std::string jira_case_label(std::string_view case_id) {
  return "ec-" + sha256_hex(incident_dedup_key(case_id)).substr(0, 16);
}

nlohmann::json jira_issue_request(const IncidentNotice& notice, const JiraConfig& config) {
  nlohmann::json labels = config.labels;
  labels.push_back(jira_case_label(notice.case_id));
  nlohmann::json fields = {
      {"project", {{"key", config.project_key}}},
      {"issuetype", {{"name", config.issue_type}}},
      {"summary", one_line_cut(notice.title, kMaxSummaryChars)},
      {"description", adf_document(description_text(notice))},
      {"labels", labels},
  };
  if (const auto found = config.priority_by_severity.find(severity_name(notice.severity));
      found != config.priority_by_severity.end()) {
    fields["priority"] = {{"name", found->second}};
  }
  return {{"fields", fields}};
}

JiraChannel::JiraChannel(JiraConfig config, HttpClient& http, const Clock& clock)
    : config_(std::move(config)),
      authorization_(basic_authorization(config_.email, config_.api_token)),
      http_(http),
      clock_(clock) {
  while (!config_.base_url.empty() && config_.base_url.back() == '/') config_.base_url.pop_back();
}

Result<HttpResponse> JiraChannel::call(const std::string& method, const std::string& path,
                                       std::string body) {
  HttpRequest request;
  request.method = method;
  request.url = config_.base_url + path;
  request.headers = {{"Authorization", authorization_}, {"Accept", "application/json"}};
  if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
  request.body = std::move(body);
  request.timeout = config_.timeout;
  return check_delivery_response(kJiraChannelName, request, http_.send(request), clock_.now(),
                                 {config_.api_token, authorization_});
}

Result<std::optional<std::string>> JiraChannel::find_case_issue(const std::string& case_id) {
  const std::string jql = "labels = \"" + jira_case_label(case_id) + "\" ORDER BY created ASC";
  auto response = call("GET",
                       "/rest/api/3/search/jql?jql=" + url_encode_component(jql) +
                           "&fields=key&maxResults=1",
                       "");
  if (!response) return std::unexpected(response.error());
  const auto body = nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("issues") || !body["issues"].is_array()) {
    return make_error(ErrorCode::Unavailable,
                      "jira: search answered without an 'issues' array; cannot tell whether the "
                      "case's issue exists, so not creating one");
  }
  for (const auto& issue : body["issues"]) {
    if (issue.is_object() && issue.contains("key") && issue["key"].is_string()) {
      return std::optional<std::string>(issue["key"].get<std::string>());
    }
  }
  return std::optional<std::string>();
}

Result<DeliveryReceipt> JiraChannel::create_issue(const IncidentNotice& notice) {
  auto existing = find_case_issue(notice.case_id);
  if (!existing) return std::unexpected(existing.error());
  if (*existing) return DeliveryReceipt{**existing};
  auto response =
      call("POST", "/rest/api/3/issue", canonical_json(jira_issue_request(notice, config_)));
  if (!response) return std::unexpected(response.error());
  // 201 {"id":"10000","key":"SEC-24","self":"https://.../rest/api/3/issue/10000"}
  const auto body = nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("key") || !body["key"].is_string()) {
    // Created, but we cannot read the key: the next attempt finds the issue by its label.
    return make_error(ErrorCode::Unavailable, "jira: issue created but the answer has no 'key'");
  }
  return DeliveryReceipt{body["key"].get<std::string>()};
}

Result<DeliveryReceipt> JiraChannel::comment_resolution(const IncidentNotice& notice,
                                                        const std::string& idempotency_key) {
  auto existing = find_case_issue(notice.case_id);
  if (!existing) return std::unexpected(existing.error());
  if (!*existing) {
    return make_error(ErrorCode::NotFound,
                      "jira: no issue labelled " + jira_case_label(notice.case_id) +
                          " to resolve for case " + notice.case_id);
  }
  const std::string& key = **existing;
  const std::string marker = comment_marker(idempotency_key);
  auto comments = call("GET", "/rest/api/3/issue/" + url_encode_component(key) +
                                  "/comment?maxResults=100&orderBy=-created",
                       "");
  if (!comments) return std::unexpected(comments.error());
  if (comments->body.find(marker) != std::string::npos) {
    return DeliveryReceipt{key + "#comment"};  // delivered before; the answer got lost
  }
  std::string text = "Security closed the escalation of case " + notice.case_id + " at " +
                     format_rfc3339(notice.at) + ".";
  if (!notice.reason.empty()) text += "\n\nReason: " + notice.reason;
  text += "\n\n" + marker;
  const nlohmann::json body = {{"body", adf_document(text)}};
  auto response = call("POST", "/rest/api/3/issue/" + url_encode_component(key) + "/comment",
                       canonical_json(body));
  if (!response) return std::unexpected(response.error());
  return DeliveryReceipt{key + "#comment"};
}

Result<DeliveryReceipt> JiraChannel::deliver(const OutboxMessage& message) {
  auto notice = incident_from_json(message.payload);
  if (!notice) return std::unexpected(notice.error().with_context("jira"));
  if (config_.api_token.empty() || config_.email.empty() || config_.base_url.empty() ||
      config_.project_key.empty()) {
    return make_error(ErrorCode::FailedPrecondition,
                      "jira: base_url, email, project and the API token must all be configured");
  }
  if (notice->action == IncidentAction::Resolve) {
    return comment_resolution(*notice, message.idempotency_key);
  }
  return create_issue(*notice);
}

}  // namespace ec::delivery
