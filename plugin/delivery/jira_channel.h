// JiraChannel ("jira"): delivers IncidentNotice outbox messages to Jira Cloud REST v3 with basic
// auth (account email + API token). A trigger creates one issue per case (POST
// /rest/api/3/issue: project, issue type, summary, ADF description, labels, priority); a resolve
// adds a comment with security's closing reason to that issue.
//
// Jira has no idempotency header, so the channel guards itself: every issue it creates carries
// the label jira_case_label(case) ("ec-" + 16 hex digits of the case's incident key), and before
// creating, it searches for that label (GET /rest/api/3/search/jql); a found issue is reused.
// Comments carry a marker line with the outbox idempotency key, looked up the same way. Limit:
// Jira's search index lags issue creation by up to a few seconds, so a retry that follows a lost
// 201 within that window could still create a second issue; the outbox's backoff (>= 1 s, then
// doubling) makes this unlikely, not impossible. Documented in docs/delivery.md.
//
// Thread-safe when the HttpClient is. The HttpClient and Clock are caller-owned and must outlive
// the channel. The token never appears in an error message or log line.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin/core/http_client.h"
#include "plugin/core/incident.h"
#include "plugin/core/outbox.h"
#include "plugin/core/time.h"

namespace ec::delivery {

inline constexpr std::string_view kJiraChannelName = "jira";

struct JiraConfig {
  std::string base_url;                  // "https://<site>.atlassian.net"
  std::string email;                     // the account the API token belongs to
  std::string api_token;                 // secret, from the env
  std::string project_key;               // "SEC"
  std::string issue_type = "Task";       // "Incident" where the project has it
  std::vector<std::string> labels = {"escalation-copilot"};
  // Case severity name ("critical", "high", ...) -> Jira priority name; no entry: no priority.
  std::map<std::string, std::string, std::less<>> priority_by_severity = {
      {"critical", "Highest"}, {"high", "High"}, {"medium", "Medium"}, {"low", "Low"}};
  std::chrono::milliseconds timeout{15'000};
};

// The label that marks the one issue of a case (Jira labels allow no spaces).
std::string jira_case_label(std::string_view case_id);

// The create-issue request body for a trigger notice (pure; what deliver() posts).
nlohmann::json jira_issue_request(const IncidentNotice& notice, const JiraConfig& config);

class JiraChannel final : public OutboundChannel {
 public:
  JiraChannel(JiraConfig config, HttpClient& http, const Clock& clock);

  std::string_view name() const override { return kJiraChannelName; }
  // The receipt's reference is the issue key ("SEC-7"; for a resolve "SEC-7#comment").
  // InvalidArgument for a payload that is not an IncidentNotice or a 400 from Jira;
  // PermissionDenied for 401/403; NotFound for a resolve whose case has no issue;
  // Unavailable for 429, 5xx and transport failures.
  Result<DeliveryReceipt> deliver(const OutboxMessage& message) override;

 private:
  [[nodiscard]] Result<HttpResponse> call(const std::string& method, const std::string& path,
                                          std::string body);
  [[nodiscard]] Result<std::optional<std::string>> find_case_issue(const std::string& case_id);
  [[nodiscard]] Result<DeliveryReceipt> create_issue(const IncidentNotice& notice);
  [[nodiscard]] Result<DeliveryReceipt> comment_resolution(const IncidentNotice& notice,
                                                           const std::string& idempotency_key);

  JiraConfig config_;
  std::string authorization_;  // "Basic base64(email:token)"
  HttpClient& http_;
  const Clock& clock_;
};

}  // namespace ec::delivery
