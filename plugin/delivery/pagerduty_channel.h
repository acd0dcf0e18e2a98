// PagerDutyChannel ("pagerduty"): delivers IncidentNotice outbox messages to the PagerDuty Events
// API v2 (POST {events_url}, JSON body, answered 202). A trigger carries the case's
// incident_dedup_key as `dedup_key`, so retries, a second trigger for the same case and a
// redelivery after a restart all land on one alert and page once; a resolve with the same key
// closes it. The routing key travels in the body (that is the API's auth) and never appears in
// an error message or log line.
//
// Thread-safe when the HttpClient is (deliver() keeps no mutable state). The HttpClient and Clock
// are caller-owned and must outlive the channel.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "plugin/core/http_client.h"
#include "plugin/core/incident.h"
#include "plugin/core/outbox.h"
#include "plugin/core/time.h"

namespace ec::delivery {

inline constexpr std::string_view kPagerDutyChannelName = "pagerduty";

struct PagerDutyConfig {
  std::string events_url = "https://events.pagerduty.com/v2/enqueue";
  std::string routing_key;                      // the integration key (secret, from the env)
  std::string source = "escalation-copilot";    // payload.source
  std::string component;                        // payload.component, e.g. "s3://support-attachments"
  std::string group;                            // payload.group, e.g. "support-platform"
  std::string case_url;  // optional link to the case; "{case}" is replaced by the case id
  std::chrono::milliseconds timeout{10'000};
};

// The Events API v2 body for a notice (pure; what deliver() posts). Severity maps
// critical->critical, high->error, medium->warning, low->info; the summary is cut to 1024 chars.
nlohmann::json pagerduty_event(const IncidentNotice& notice, const PagerDutyConfig& config);

class PagerDutyChannel final : public OutboundChannel {
 public:
  PagerDutyChannel(PagerDutyConfig config, HttpClient& http, const Clock& clock);

  std::string_view name() const override { return kPagerDutyChannelName; }
  // The receipt's reference is the dedup key PagerDuty confirmed. InvalidArgument (permanent)
  // for a payload that is not an IncidentNotice or a 400 from PagerDuty; Unavailable for 429,
  // 5xx and transport failures.
  Result<DeliveryReceipt> deliver(const OutboxMessage& message) override;

 private:
  PagerDutyConfig config_;
  HttpClient& http_;
  const Clock& clock_;
};

}  // namespace ec::delivery
