#include "plugin/delivery/pagerduty_channel.h"

#include <utility>

#include "plugin/core/hash.h"
#include "plugin/delivery/http_delivery.h"

namespace ec::delivery {
namespace {

constexpr std::size_t kMaxSummaryChars = 1024;
constexpr std::size_t kMaxDetailTextChars = 64 * 1024;  // the whole event may not exceed 512 KB

std::string_view pagerduty_severity(Severity severity) {
  switch (severity) {
    case Severity::Critical:
      return "critical";
    case Severity::High:
      return "error";
    case Severity::Medium:
      return "warning";
    case Severity::Low:
      return "info";
  }
  return "error";
}

std::string case_link(const PagerDutyConfig& config, const std::string& case_id) {
  std::string url = config.case_url;
  if (const auto at = url.find("{case}"); at != std::string::npos) {
    url.replace(at, 6, url_encode_component(case_id));
  }
  return url;
}

}  // namespace

nlohmann::json pagerduty_event(const IncidentNotice& notice, const PagerDutyConfig& config) {
  nlohmann::json event = {
      {"routing_key", config.routing_key},
      {"event_action", incident_action_name(notice.action)},
      {"dedup_key", incident_dedup_key(notice.case_id)},
  };
  if (notice.action == IncidentAction::Resolve) return event;

  nlohmann::json payload = {
      {"summary", cut_utf8(notice.title, kMaxSummaryChars)},
      {"source", config.source},
      {"severity", pagerduty_severity(notice.severity)},
      {"timestamp", format_rfc3339(notice.at)},
      {"class", "security-escalation"},
      {"custom_details",
       {{"case", notice.case_id},
        {"ticket", notice.ticket_ref},
        {"matched_rules", notice.matched_rules},
        {"evidence", notice.evidence_ids},
        {"handoff", cut_utf8(notice.text, kMaxDetailTextChars)}}},
  };
  if (!config.component.empty()) payload["component"] = config.component;
  if (!config.group.empty()) payload["group"] = config.group;
  event["payload"] = std::move(payload);
  event["client"] = "escalation-copilot";
  if (!config.case_url.empty()) {
    const std::string link = case_link(config, notice.case_id);
    event["client_url"] = link;
    event["links"] = nlohmann::json::array({{{"href", link}, {"text", "Case " + notice.case_id}}});
  }
  return event;
}

PagerDutyChannel::PagerDutyChannel(PagerDutyConfig config, HttpClient& http, const Clock& clock)
    : config_(std::move(config)), http_(http), clock_(clock) {}

Result<DeliveryReceipt> PagerDutyChannel::deliver(const OutboxMessage& message) {
  auto notice = incident_from_json(message.payload);
  if (!notice) return std::unexpected(notice.error().with_context("pagerduty"));
  if (config_.routing_key.empty()) {
    return make_error(ErrorCode::FailedPrecondition, "pagerduty: no routing key configured");
  }
  HttpRequest request;
  request.method = "POST";
  request.url = config_.events_url;
  request.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
  request.body = canonical_json(pagerduty_event(*notice, config_));
  request.timeout = config_.timeout;
  auto response = check_delivery_response(kPagerDutyChannelName, request, http_.send(request),
                                          clock_.now(), {config_.routing_key});
  if (!response) return std::unexpected(response.error());
  // 202 {"status":"success","message":"Event processed","dedup_key":"..."}; keep ours when the
  // body does not say.
  std::string dedup_key = incident_dedup_key(notice->case_id);
  const auto body = nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (body.is_object() && body.contains("dedup_key") && body["dedup_key"].is_string()) {
    dedup_key = body["dedup_key"].get<std::string>();
  }
  return DeliveryReceipt{std::string(incident_action_name(notice->action)) + ":" + dedup_key};
}

}  // namespace ec::delivery
