// Builds the incident-queue outbound channels (PagerDuty, Jira) from the config's "pagerduty" and
// "jira" blocks. A block that is absent builds nothing; a block whose secret is missing from the
// environment is skipped with a warning naming the variable (never an unauthenticated mode); a
// malformed block is an InvalidArgument naming the field ("jira.project: expected a string").
//
//   "pagerduty": { "events_url": "https://events.pagerduty.com/v2/enqueue",
//                  "routing_key_env": "PAGERDUTY_ROUTING_KEY", "component": "...", "group": "...",
//                  "case_url": "https://copilot.example/cases/{case}" }
//   "jira": { "base_url": "https://acme.atlassian.net", "email": "sec-bot@acme.example",
//             "token_env": "JIRA_API_TOKEN", "project": "SEC", "issue_type": "Incident",
//             "labels": ["escalation-copilot"], "priority": {"critical": "Highest", ...} }
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/app/config.h"
#include "plugin/core/http_client.h"
#include "plugin/core/outbox.h"
#include "plugin/core/time.h"
#include "plugin/delivery/jira_channel.h"
#include "plugin/delivery/pagerduty_channel.h"

namespace ec::app {

// Parsed blocks; nullopt when the block is absent or its secret is not set.
[[nodiscard]] Result<std::optional<delivery::PagerDutyConfig>> pagerduty_config(
    const Config& config, const SecretLookup& secret);
[[nodiscard]] Result<std::optional<delivery::JiraConfig>> jira_config(const Config& config,
                                                                      const SecretLookup& secret);

// The channels to register on the outbox worker. `http` and `clock` must outlive them.
[[nodiscard]] Result<std::vector<OutboundChannelPtr>> build_incident_channels(
    const Config& config, HttpClient& http, const Clock& clock, const SecretLookup& secret);

}  // namespace ec::app
