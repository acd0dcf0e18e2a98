// EntraLiveSource: Microsoft Entra ID read live from Microsoft Graph (config {"kind":
// "entra_id", "base_url": "https://graph.microsoft.com", "token_env": "GRAPH_TOKEN"}), with the
// same evidence as the export-file EntraSource (records map through graph_records.h and
// EntraCollector). Requests, each with `Authorization: Bearer <token>`:
//   GET /v1.0/users/{id|upn}?$select=...     (then, for a mail address that is not a UPN,
//   GET /v1.0/users?$filter=mail eq '...'; for an object id, a deleted user from
//   GET /v1.0/directory/deletedItems/{id})
//   GET /v1.0/auditLogs/directoryAudits?$filter=activityDateTime ge T1 and activityDateTime le T2
//       and targetResources/any(t:t/id eq '{id}')
//   GET /v1.0/auditLogs/signIns?$filter=userId eq '{id}' and createdDateTime ge T1 and ...
//   GET /beta/auditLogs/signIns?$filter=... and signInEventTypes/any(t: t eq 'nonInteractiveUser')
//       (v1.0 lists interactive sign-ins only; refresh-token use lives in the non-interactive
//       list; "non_interactive": false in config skips it)
// Pages are followed by @odata.nextLink, verbatim and only on the same origin; 429 and 503 wait
// for Retry-After (common::ApiClient). What still fails becomes a diagnostic "GET <url> ->
// <status>" and an incomplete report. The token never appears in a message or diagnostic.
// Not thread-safe; the caller owns it.
#pragma once

#include <chrono>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "adapters/common/api_client.h"
#include "adapters/common/report_builder.h"
#include "plugin/core/evidence_source.h"

namespace ec::adapters::entra_id {

struct EntraLiveSettings {
  std::string base_url;   // the Graph origin, no trailing slash
  std::string token_env;  // the variable the token came from, for messages
  std::string label;      // config key of the block ("sources.identity")
  bool non_interactive = true;                   // also read beta non-interactive sign-ins
  std::chrono::hours default_lookback{24 * 30};  // Entra keeps audit and sign-in logs 30 days
  int page_size = 1000;                          // $top; Graph's maximum for sign-ins
  std::size_t max_pages = 500;                   // per query; more is reported as incomplete
};

class EntraLiveSource final : public EvidenceSource, public IdentityDirectory {
 public:
  EntraLiveSource(EntraLiveSettings settings, common::ApiClient api, const Clock& clock)
      : settings_(std::move(settings)), api_(std::move(api)), clock_(clock) {}

  std::string_view kind() const override;
  // The user object, its directory audits and sign-ins in `window` (default: deprovisioning
  // time - 30 days .. now). Errors only when Graph cannot be used at all: Unavailable /
  // DeadlineExceeded when the user request cannot reach it, Unauthenticated (401) /
  // PermissionDenied (403) for the token. Everything else is a diagnostic and complete = false.
  Result<SourceReport> collect(const Subject& subject, const TimeWindow& window) override;
  // The user by id, userPrincipalName or mail, deprovisioned_at from its audits of the last
  // 30 days. NotFound when Graph knows no such user; Unauthenticated / PermissionDenied on 401 /
  // 403; Unavailable when Graph fails otherwise, or when the audits cannot be read in full for
  // a disabled user (its deprovisioning time would be a guess).
  Result<Subject> resolve_subject(std::string_view login_email_or_id) override;

 private:
  // The user object, or the error resolve_subject documents.
  Result<nlohmann::json> fetch_user(std::string_view query);
  // Reads every audit page for `user_id` in `bounds` into `on_audit`; false when incomplete.
  bool read_audits(const std::string& user_id, const TimeWindow& bounds,
                   common::ReportBuilder& report,
                   const std::function<void(const nlohmann::json&, std::string)>& on_audit);
  bool read_sign_ins(const std::string& url, common::ReportBuilder& report,
                     const std::function<void(const nlohmann::json&, std::string)>& on_sign_in);
  std::string user_url(std::string_view query) const;
  std::string audits_url(const std::string& user_id, const TimeWindow& bounds) const;
  std::string sign_ins_url(const std::string& version, const std::string& user_id,
                           const TimeWindow& bounds, bool non_interactive) const;

  EntraLiveSettings settings_;
  common::ApiClient api_;
  const Clock& clock_;
};

}  // namespace ec::adapters::entra_id
