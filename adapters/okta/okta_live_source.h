// OktaLiveSource: the Okta identity provider read live from the Users and System Log APIs
// (config {"kind": "okta", "base_url": "https://org.okta.example", "token_env": "OKTA_TOKEN"}).
// It is both an EvidenceSource (kind "okta") and an IdentityDirectory, with the same evidence as
// the export-file OktaSource: parsing and subject linking are shared (okta_user.h,
// log_collector.h). The System Log is read with a bounded query (since/until, limit=1000) whose
// filter names the subject by id (target.id / actor.id) and, when known, by login
// (target.alternateId / actor.alternateId: app-account events name it only so); pages are
// followed by Link rel="next", verbatim and only on the org's own origin. A second query asks
// for events sharing the subject's sessions, transactions or OAuth client apps (token grants
// name no user), so the linking matches the export mode. Rate limits and server errors are
// retried (OktaApi); what still fails becomes a diagnostic and an incomplete report.
// The token never appears in a message, diagnostic or log. Not thread-safe; the caller owns it.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "adapters/common/report_builder.h"
#include "adapters/okta/log_collector.h"
#include "adapters/okta/okta_api.h"
#include "plugin/core/evidence_source.h"

namespace ec::adapters::okta {

struct OktaLiveSettings {
  std::string base_url;   // the org's origin, no trailing slash
  std::string token_env;  // the variable the token came from, for messages
  std::string label;      // config key of the block ("sources.identity")
  std::chrono::hours default_lookback{24 * 30};  // before statusChanged when no window is set
  int page_limit = 1000;                         // Okta's maximum
  std::size_t max_pages = 500;                   // per query; more is reported as incomplete
  std::size_t linked_keys_per_query = 10;        // OR-ed clauses per linked-events query
};

class OktaLiveSource final : public EvidenceSource, public IdentityDirectory {
 public:
  OktaLiveSource(OktaLiveSettings settings, OktaApi api, const Clock& clock)
      : settings_(std::move(settings)), api_(std::move(api)), clock_(clock) {}

  // EvidenceSource
  std::string_view kind() const override { return "okta"; }
  // The identity.user record (GET /api/v1/users/{id}) and the subject's System Log events in
  // `window` (default: statusChanged - 30 days .. now), plus linked events. Errors only when the
  // org cannot be used at all: Unavailable/DeadlineExceeded when the first request cannot reach
  // it, Unauthenticated (401) / PermissionDenied (403) for the token. Everything else (429 or
  // 5xx after retries, invalid JSON, a foreign next link) is a diagnostic "GET <url> -> <status>"
  // and complete = false, keeping the pages read before.
  Result<SourceReport> collect(const Subject& subject, const TimeWindow& window) override;

  // IdentityDirectory
  // GET /api/v1/users/{login-or-id}. NotFound on 404; InvalidArgument for an empty query;
  // Unauthenticated / PermissionDenied on 401 / 403; Unavailable on anything else that fails.
  Result<Subject> resolve_subject(std::string_view login_email_or_id) override;

 private:
  // The user object for a 2xx response; else the error resolve_subject documents.
  Result<nlohmann::json> user_from_response(const std::string& url, const ApiResponse& got,
                                            std::string_view query) const;
  // Adds the user evidence to `report`, or a diagnostic; an error when the org is unusable.
  Result<std::optional<nlohmann::json>> collect_user(std::string_view query,
                                                     common::ReportBuilder& report);
  // Reads every page of one query into `collector`; false when it stopped early (diagnosed).
  bool read_pages(std::string url, SystemLogCollector& collector, common::ReportBuilder& report,
                  std::set<std::string>& seen_uuids);
  void read_linked_events(const TimeWindow& bounds, SystemLogCollector& collector,
                          common::ReportBuilder& report, std::set<std::string>& seen_uuids);
  std::string logs_url(const TimeWindow& bounds, const std::string& filter) const;
  void diagnose(common::ReportBuilder& report, std::string location, std::string message) const;

  OktaLiveSettings settings_;
  OktaApi api_;
  const Clock& clock_;
  std::optional<nlohmann::json> last_user_;  // from the last resolve_subject
};

}  // namespace ec::adapters::okta
