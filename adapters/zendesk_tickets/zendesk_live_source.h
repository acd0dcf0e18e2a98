// ZendeskLiveSource: the "zendesk" ticket source read live from the Zendesk Support API
// (config {"kind": "zendesk", "base_url": "https://brightwell.zendesk.com", "token_env":
// "ZENDESK_API_TOKEN", "email": "agent@brightwell.example"}). load_ticket() reads
//   GET /api/v2/tickets/{id}.json?include=users
//   GET /api/v2/tickets/{id}/comments.json?page[size]=100&include=users
//   GET /api/v2/tickets/{id}/audits.json?page[size]=100
// following cursor pagination (meta.has_more, links.next) verbatim on the same origin, and
// assembles the same {"ticket", "comments", "audits", "users"} the export file holds, so the
// ticket history and the evidence come from the same code as the export mode
// (zendesk_export.h, audit_evidence.h). Auth: with "email", an API token as HTTP Basic
// "{email}/token:{token}"; without it, the token is an OAuth access token (Bearer). 429 waits
// for Retry-After; 5xx retries with backoff (common::ApiClient). Comments or audits that cannot
// be read in full leave the ticket partial and make collect()'s report incomplete, with the
// diagnostics naming URL and status. Not thread-safe; the caller owns it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "adapters/common/api_client.h"
#include "plugin/core/evidence_source.h"

namespace ec::adapters::zendesk_tickets {

struct ZendeskLiveSettings {
  std::string base_url;   // the account origin, no trailing slash
  std::string token_env;  // the variable the token came from, for messages
  std::string label;      // config key of the block ("sources.tickets")
  std::string ticket;     // optional: the ticket collect() reads when none was loaded
  int page_size = 100;    // page[size]; Zendesk's maximum
  std::size_t max_pages = 200;
};

class ZendeskLiveSource final : public EvidenceSource, public TicketSource {
 public:
  ZendeskLiveSource(ZendeskLiveSettings settings, common::ApiClient api)
      : settings_(std::move(settings)), api_(std::move(api)) {}

  std::string_view kind() const override;
  // The subject's audits on the last loaded ticket (or settings.ticket). Errors as load_ticket.
  Result<SourceReport> collect(const Subject& subject, const TimeWindow& window) override;
  // "48213" or "#48213". InvalidArgument when the reference is not a ticket number, or the
  // ticket response is not JSON; NotFound on 404; Unauthenticated / PermissionDenied on 401 /
  // 403; Unavailable when the API cannot be reached or fails (5xx, 429 after retries), naming
  // URL and status.
  Result<TicketHistory> load_ticket(std::string_view ticket_ref) override;

 private:
  struct Loaded {
    std::string id;
    nlohmann::json export_json;  // {"ticket", "comments", "audits", "users"}
    TicketHistory history;
    std::vector<SourceDiagnostic> problems;  // pages that could not be read
  };
  Result<Loaded> fetch(const std::string& id);
  // Reads every page of a cursor-paginated list into export_json[key] (and users); false when
  // it stopped early, with the problem in `problems`.
  bool read_list(const std::string& url, const char* key, Loaded& loaded);

  ZendeskLiveSettings settings_;
  common::ApiClient api_;
  std::optional<Loaded> loaded_;
};

}  // namespace ec::adapters::zendesk_tickets
