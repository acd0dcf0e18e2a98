// ExportApiSource: the Support Console's access log read live from the console's export endpoint
// (config {"kind": "product_access_log", "base_url": "https://console.brightwell.example",
// "token_env": "CONSOLE_EXPORT_TOKEN"}). The endpoint is ours (docs/sources/product_access_log.md):
//   GET /api/v1/access-log/export?since=<RFC 3339>&until=<RFC 3339>&limit=<n>[&cursor=<c>]
//   Authorization: Bearer <token>
//   200, Content-Type: application/x-ndjson: one row per line (the file format), ascending ts;
//   X-Next-Cursor: <opaque> while more rows follow (absent on the last page).
// The next page is the first URL plus cursor=<c>; it stays on the same origin by construction.
// Rows go through the same add_row() as the files. 429 waits Retry-After, 5xx backs off
// (common::ApiClient); what still fails is a diagnostic naming URL and status and an incomplete
// report, rows of earlier pages kept. Malformed lines are counted as "<page url>:<line>".
// Not thread-safe; the caller owns it.
#pragma once

#include <chrono>
#include <string>

#include "adapters/common/api_client.h"
#include "plugin/core/evidence_source.h"

namespace ec::adapters::product_access_log {

struct ExportApiSettings {
  std::string base_url;  // console origin, no trailing slash
  std::string bucket = "support-attachments";
  std::string label;
  std::chrono::hours default_lookback{24 * 30};  // before deprovisioning when no window is set
  int page_limit = 5000;
  std::size_t max_pages = 2000;
};

class ExportApiSource final : public EvidenceSource {
 public:
  ExportApiSource(ExportApiSettings settings, common::ApiClient api, const Clock& clock)
      : settings_(std::move(settings)), api_(std::move(api)), clock_(clock) {}

  std::string_view kind() const override;
  // Every row in `window` (default: deprovisioning time - 30 days .. now). Never an error for
  // API failures: they make the report incomplete with a diagnostic.
  Result<SourceReport> collect(const Subject& subject, const TimeWindow& window) override;

 private:
  ExportApiSettings settings_;
  common::ApiClient api_;
  const Clock& clock_;
};

}  // namespace ec::adapters::product_access_log
