// ServiceMetrics: what a platform surface (Slack, Mattermost, Zendesk sidebar) reports to the
// live measures on GET /metrics about its own requests. Only per-process events belong here;
// anything shared by replicas (cases, outbox) is read from the store at scrape time.
// Implementations are thread-safe (handlers call them from httplib's pool).
#pragma once

#include <string_view>

namespace ec::app {

// Reason labels for record_verification_failure(), shared by every surface so that one alert
// covers them all. Keep the set small: each value becomes a time series.
namespace verification_reason {
inline constexpr std::string_view kUnconfigured = "unconfigured";      // no secret to check with
inline constexpr std::string_view kMissing = "missing_credentials";    // header or token absent
inline constexpr std::string_view kMalformed = "malformed";            // present but unparsable
inline constexpr std::string_view kStale = "stale_timestamp";          // outside the replay window
inline constexpr std::string_view kMismatch = "mismatch";              // signature or token wrong
}  // namespace verification_reason

class ServiceMetrics {
 public:
  virtual ~ServiceMetrics() = default;
  // A request to `surface` ("slack", "mattermost", "zendesk") was refused because its signature
  // or token did not verify; `reason` is one of verification_reason above.
  virtual void record_verification_failure(std::string_view surface, std::string_view reason) = 0;
};

}  // namespace ec::app
